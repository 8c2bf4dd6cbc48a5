package io.v100.feed;

import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * One EntitlementGrant per entitled viewer at the moment it joins, for the match (eventId = match id), expiring
 * {@link ViewerFeedContext#entitlementAfterEndNs()} after the end of the last period.
 */
final class EntitlementGrantSource implements FrameSource
{
    private final EntitlementGrantEncoder encoder = new EntitlementGrantEncoder();
    private final ViewerPlan viewers;
    private final long eventId;
    private final long expiryNs;
    private int next;

    EntitlementGrantSource(final ViewerPlan viewers, final long eventId, final long expiryNs)
    {
        this.viewers = viewers;
        this.eventId = eventId;
        this.expiryNs = expiryNs;
    }

    public long nextTimestampNs()
    {
        return next < viewers.entitledCount() ? viewers.joinNs(viewers.entitledByJoin(next)) : Long.MAX_VALUE;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        final int viewer = viewers.entitledByJoin(next++);
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(viewers.joinNs(viewer))
            .viewerId(viewers.viewerId(viewer))
            .eventId(eventId)
            .expiryNs(expiryNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return viewers.entitledCount();
    }

    public int templateId()
    {
        return EntitlementGrantEncoder.TEMPLATE_ID;
    }
}
