package io.v100.gateway;

import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.v100.core.BroadcastRing;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.ReplayRequestDecoder;
import io.v100.sbe.SnapshotRequestDecoder;
import org.agrona.DirectBuffer;

/**
 * Copies each ingress fragment from Aeron into the ring, unchanged: decoding and validation happen on the ring
 * thread, after the frame is journaled, so even a malformed frame is recorded and answered.
 * <p>
 * When the ring is full it answers {@code ABORT}: Aeron keeps the fragment and offers it again on the next
 * poll, so back-pressure reaches the client's publication instead of dropping input.
 */
public final class IngressAdapter implements ControlledFragmentHandler
{
    private final BroadcastRing ring;
    private final ReplayAgent replayAgent;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ReplayRequestDecoder replayRequest = new ReplayRequestDecoder();
    private long ringFull;
    private long replaysRefused;

    /**
     * @param ring        receiving the frames.
     * @param replayAgent serving replay requests; null when there is no egress journal (requests are ignored).
     */
    public IngressAdapter(final BroadcastRing ring, final ReplayAgent replayAgent)
    {
        this.ring = ring;
        this.replayAgent = replayAgent;
    }

    /**
     * Administrative requests are taken off the stream here, since they are not inputs to the handlers: a
     * snapshot request becomes a snapshot command in the ring, a replay request goes to the replay agent.
     * Everything else, malformed frames included, goes into the ring as it came.
     */
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
        {
            headerDecoder.wrap(buffer, offset);
            if (headerDecoder.schemaId() == MessageHeaderDecoder.SCHEMA_ID)
            {
                final int templateId = headerDecoder.templateId();
                if (templateId == SnapshotRequestDecoder.TEMPLATE_ID)
                {
                    return ring.tryPublishSnapshot() ? Action.CONTINUE : Action.ABORT;
                }
                if (templateId == ReplayRequestDecoder.TEMPLATE_ID &&
                    length >= MessageHeaderDecoder.ENCODED_LENGTH + ReplayRequestDecoder.BLOCK_LENGTH)
                {
                    replayRequest.wrapAndApplyHeader(buffer, offset, headerDecoder);
                    if (null == replayAgent ||
                        !replayAgent.request(replayRequest.fromRingSequence(), replayRequest.correlationId()))
                    {
                        replaysRefused++;
                    }
                    return Action.CONTINUE;
                }
            }
        }

        if (ring.tryPublish(buffer, offset, length, System.nanoTime(), System.currentTimeMillis() * 1_000_000L))
        {
            return Action.CONTINUE;
        }
        ringFull++;
        return Action.ABORT;
    }

    /**
     * @return replay requests dropped: no egress journal, or too many waiting.
     */
    public long replaysRefused()
    {
        return replaysRefused;
    }

    /**
     * @return times a fragment was pushed back because the ring was full.
     */
    public long ringFull()
    {
        return ringFull;
    }
}
