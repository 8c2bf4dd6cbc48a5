package io.v100.client;

import org.agrona.DirectBuffer;

/**
 * Receives the core's egress messages, each once and in ring order, from {@link OrderedEgress}. Called on the
 * thread that polls the {@link V100Client}; the buffer is reused after the call returns.
 */
@FunctionalInterface
public interface EgressListener
{
    /**
     * @param buffer holding one egress message: SBE message header (8 bytes) then the body.
     * @param offset of the header.
     * @param length of header plus body, bytes.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
