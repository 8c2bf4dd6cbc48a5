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
}
