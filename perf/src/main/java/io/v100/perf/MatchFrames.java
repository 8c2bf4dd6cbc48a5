package io.v100.perf;

import io.v100.cli.FeedOptions;
import io.v100.demo.DemoFeed;
import io.v100.feed.IngressStream;
import io.v100.feed.StatsBombMatch;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole ingress of the shipped match, encoded once up front so every harness, baseline and benchmark sends the
 * same bytes in the same order without paying for the generator while it measures.
 * <p>
 * The frames are what {@code scripts/v100 demo} sends (the feeder's {@link IngressStream} with the demo's
 * settings): a realistic mix of video frames, camera signals, detector scores, match events, entitlement grants,
 * licence requests and bets, 563,896 frames for the shipped match. Frame {@code i} gets ring sequence {@code i}
 * when one client sends the frames in order to a fresh core, which is how round trips are matched to their input.
 * Immutable after construction; safe to share between threads.
 */
public final class MatchFrames
{
    /** The shipped match, relative to the project root. */
    public static final String SHIPPED_MATCH = FeedOptions.SHIPPED_MATCH;

    /** System property holding the project root, set by {@code scripts/v100} and the test runner. */
    public static final String HOME_PROP_NAME = FeedOptions.HOME_PROP_NAME;

    private final UnsafeBuffer frames;
    private final int[] offsets;
    private final int[] templateIds;
    private final boolean[] answered;
    private final int answeredCount;

    private MatchFrames(final UnsafeBuffer frames, final int[] offsets, final int[] templateIds)
    {
        this.frames = frames;
        this.offsets = offsets;
        this.templateIds = templateIds;
        this.answered = new boolean[templateIds.length];
        int count = 0;
        for (int i = 0; i < templateIds.length; i++)
        {
            answered[i] = isAnsweredInOwnTick(templateIds[i]);
            count += answered[i] ? 1 : 0;
        }
        this.answeredCount = count;
    }

    /**
     * Encode the whole match with the demo's feed settings (seed 100, 2,000 viewers, the DRM key period).
     *
     * @param matchFile StatsBomb events file, .json or .json.gz.
     * @return the encoded frames.
     * @throws IOException if the file cannot be read or parsed.
     */
    public static MatchFrames load(final Path matchFile) throws IOException
    {
        final StatsBombMatch match = StatsBombMatch.read(matchFile);
        final IngressStream stream = DemoFeed.stream(match, DemoFeed.context());

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024 * 1024);
        final IntArrayList offsets = new IntArrayList();
        final IntArrayList templates = new IntArrayList();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final int[] limit = { 0 };
        while (stream.next((frame, offset, length) ->
        {
            buffer.putBytes(limit[0], frame, offset, length);
            offsets.addInt(limit[0]);
            templates.addInt(header.wrap(frame, offset).templateId());
            limit[0] += length;
        }))
        {
            Thread.onSpinWait();
        }
        offsets.addInt(limit[0]);
        final byte[] bytes = new byte[limit[0]];
        buffer.getBytes(0, bytes);
        return new MatchFrames(new UnsafeBuffer(bytes), offsets.toIntArray(), templates.toIntArray());
    }

    /**
     * @return the shipped match file: under {@code -Dv100.home} when set, else under the working directory or its
     * parent (a module directory, as under Maven).
     * @throws IllegalStateException if it is found in none of them.
     */
    public static Path shippedMatch()
    {
        final String home = System.getProperty(HOME_PROP_NAME);
        final Path[] candidates = null != home ?
            new Path[]{ Path.of(home).resolve(SHIPPED_MATCH) } :
            new Path[]{ Path.of(SHIPPED_MATCH), Path.of("..").resolve(SHIPPED_MATCH) };
        for (final Path candidate : candidates)
        {
            if (Files.isReadable(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("shipped match not found at " + candidates[0].toAbsolutePath() +
            "; run from the project root, set -D" + HOME_PROP_NAME + " or pass --match");
    }

    /**
     * Inputs the core answers within their own tick, with their own ring sequence: a BetRequest gets a BetResult
     * (HELD, or a rejection), a LicenseRequest gets a LicenseResult. Only these give a client round trip.
     *
     * @param templateId of an ingress message.
     * @return true for BetRequest and LicenseRequest.
     */
    public static boolean isAnsweredInOwnTick(final int templateId)
    {
        return templateId == BetRequestDecoder.TEMPLATE_ID || templateId == LicenseRequestDecoder.TEMPLATE_ID;
    }

    /**
     * @return number of frames.
     */
    public int count()
    {
        return templateIds.length;
    }

    /**
     * @return the buffer holding every frame back to back.
     */
    public DirectBuffer buffer()
    {
        return frames;
    }

    /**
     * @param index of the frame, 0-based.
     * @return offset of its SBE header in {@link #buffer()}.
     */
    public int offset(final int index)
    {
        return offsets[index];
    }

    /**
     * @param index of the frame, 0-based.
     * @return its length in bytes, header included.
     */
    public int length(final int index)
    {
        return offsets[index + 1] - offsets[index];
    }

    /**
     * @param index of the frame, 0-based.
     * @return its SBE template id.
     */
    public int templateId(final int index)
    {
        return templateIds[index];
    }

    /**
     * @param index of the frame, 0-based.
     * @return true if the core answers it in its own tick ({@link #isAnsweredInOwnTick(int)}).
     */
    public boolean answered(final int index)
    {
        return answered[index];
    }

    /**
     * @return frames answered in their own tick.
     */
    public int answeredCount()
    {
        return answeredCount;
    }

    /**
     * @param limit frames to consider from the first.
     * @return frames answered in their own tick among the first {@code limit}.
     */
    public int answeredCount(final int limit)
    {
        int count = 0;
        for (int i = 0, n = Math.min(limit, answered.length); i < n; i++)
        {
            count += answered[i] ? 1 : 0;
        }
        return count;
    }
}
