package io.v100.gateway;

import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.v100.core.BroadcastRing;
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
    private long ringFull;

    /**
     * @param ring receiving the frames.
     */
    public IngressAdapter(final BroadcastRing ring)
    {
        this.ring = ring;
    }

    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (ring.tryPublish(buffer, offset, length, System.nanoTime(), System.currentTimeMillis() * 1_000_000L))
        {
            return Action.CONTINUE;
        }
        ringFull++;
        return Action.ABORT;
    }

    /**
     * @return times a fragment was pushed back because the ring was full.
     */
    public long ringFull()
    {
        return ringFull;
    }
}
