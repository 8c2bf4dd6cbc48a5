package io.v100.feed;

import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * LicenseRequests of every viewer, entitled or not: one shortly after joining (up to
 * {@link ViewerFeedContext#licenseDelayMaxNs()}) and one after each key-period boundary while watching (up to
 * {@link ViewerFeedContext#licenseRenewJitterMaxNs()} after it), until the end of the video. Each asks for the KID of the
 * key period current at the request time, floorDiv(timestampNs, keyPeriodNs) (DASH-IF CPIX ContentKeyPeriod),
 * as given by the {@link KidSource}; a fraction {@link ViewerFeedContext#unknownKidFraction()} carries 16 random bytes
 * instead, a KID of no key period.
 */
final class LicenseRequestSource implements FrameSource
{
    private static final int KID_LENGTH = 16;

    private final LicenseRequestEncoder encoder = new LicenseRequestEncoder();
    private final byte[] kid = new byte[KID_LENGTH];
    private final ViewerPlan viewers;
    private final KidSource kidSource;
    private final long contentId;
    private final long keyPeriodNs;
    private final long[] timestampsNs;
    private final int[] viewerOf;
    private final int[] unknownKidOf;
    private final byte[][] unknownKids;
    private int next;

    LicenseRequestSource(
        final ViewerPlan viewers,
        final FeedContext context,
        final KidSource kidSource,
        final long contentId,
        final long endNs,
        final SplittableRandom random)
    {
        this.viewers = viewers;
        this.kidSource = kidSource;
        this.contentId = contentId;
        this.keyPeriodNs = context.viewers().keyPeriodNs();

        final List<long[]> requests = new ArrayList<>();
        final List<byte[]> unknown = new ArrayList<>();
        for (int viewer = 0; viewer < viewers.count(); viewer++)
        {
            final long firstNs = viewers.joinNs(viewer) + 1 + random.nextLong(context.viewers().licenseDelayMaxNs());
            if (firstNs >= endNs)
            {
                continue;
            }
            addRequest(requests, unknown, firstNs, viewer, context, random);
            for (long boundaryNs = (Math.floorDiv(firstNs, keyPeriodNs) + 1) * keyPeriodNs;
                boundaryNs < endNs;
                boundaryNs += keyPeriodNs)
            {
                final long renewNs = boundaryNs + random.nextLong(context.viewers().licenseRenewJitterMaxNs());
                if (renewNs < endNs)
                {
                    addRequest(requests, unknown, renewNs, viewer, context, random);
                }
            }
        }

        final long[][] rows = requests.toArray(new long[0][]);
        Arrays.sort(rows, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[3], b[3]));
        timestampsNs = new long[rows.length];
        viewerOf = new int[rows.length];
        unknownKidOf = new int[rows.length];
        for (int i = 0; i < rows.length; i++)
        {
            timestampsNs[i] = rows[i][0];
            viewerOf[i] = (int)rows[i][1];
            unknownKidOf[i] = (int)rows[i][2];
        }
        unknownKids = unknown.toArray(new byte[0][]);
    }

    private static void addRequest(
        final List<long[]> requests,
        final List<byte[]> unknown,
        final long timestampNs,
        final int viewer,
        final FeedContext context,
        final SplittableRandom random)
    {
        int unknownIndex = -1;
        if (random.nextDouble() < context.viewers().unknownKidFraction())
        {
            final byte[] bytes = new byte[KID_LENGTH];
            random.nextBytes(bytes);
            unknownIndex = unknown.size();
            unknown.add(bytes);
        }
        requests.add(new long[]{ timestampNs, viewer, unknownIndex, requests.size() });
    }

    /**
     * @return number of requests carrying a random, unknown KID.
     */
    int unknownKidCount()
    {
        return unknownKids.length;
    }

    public long nextTimestampNs()
    {
        return next < timestampsNs.length ? timestampsNs[next] : Long.MAX_VALUE;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        final long timestampNs = timestampsNs[next];
        final int viewer = viewerOf[next];
        final int unknownIndex = unknownKidOf[next];
        if (unknownIndex >= 0)
        {
            System.arraycopy(unknownKids[unknownIndex], 0, kid, 0, KID_LENGTH);
        }
        else
        {
            kidSource.kid(Math.floorDiv(timestampNs, keyPeriodNs), contentId, kid);
        }
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .viewerId(viewers.viewerId(viewer))
            .sessionId(viewers.sessionId(viewer))
            .putKid(kid, 0, KID_LENGTH);
        next++;
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return timestampsNs.length;
    }

    public int templateId()
    {
        return LicenseRequestEncoder.TEMPLATE_ID;
    }
}
