package io.v100.core;

import org.agrona.DirectBuffer;

/**
 * Where the tick's encoded egress messages go: an Aeron publication, the egress journal, a test collector.
 * <p>
 * Called on the ring's consumer thread only. An implementation must not keep a reference to the buffer after
 * returning (it is reused for the next message) and must handle back-pressure itself: returning means the
 * message was either delivered or counted as dropped.
 */
@FunctionalInterface
public interface EgressSink
{
    /**
     * @param buffer holding one SBE message, header included.
     * @param offset of the message header in the buffer.
     * @param length of header plus body, in bytes.
     */
    void send(DirectBuffer buffer, int offset, int length);

    /**
     * Send a message that belongs to no tick's recorded output: acknowledgements and measured latency reports,
     * which depend on timing and so are neither journaled nor part of the egress digest.
     *
     * @param buffer holding one SBE message, header included.
     * @param offset of the message header in the buffer.
     * @param length of header plus body, in bytes.
     */
    default void sendOutsideTick(final DirectBuffer buffer, final int offset, final int length)
    {
        send(buffer, offset, length);
    }

    /**
     * The tick for an input has ended: everything it produced has been sent. A sink that batches per tick (the
     * egress journal) writes the batch now.
     *
     * @param ringSequence of the input whose tick ended.
     */
    default void onTickEnd(final long ringSequence)
    {
    }

    /**
     * The tick for an input was abandoned because a handler threw: everything sent since the previous tick ended
     * belongs to the failed input and must be discarded, so that no partial output reaches the journal, a client,
     * or the next tick. A sink that delivers messages as they come (before the tick ends) cannot take them back;
     * the core therefore stages each tick in {@link JournaledEgressSink} before anything leaves.
     *
     * @param ringSequence of the input whose tick was abandoned.
     */
    default void onTickAbort(final long ringSequence)
    {
    }
}
