package io.v100.client;

import org.agrona.DirectBuffer;

/**
 * Receives the core's egress messages one at a time, as {@link OrderedEgress} delivers them: once each, in ring
 * order.
 */
@FunctionalInterface
public interface EgressListener
{
    /**
     * @param buffer holding one egress message, SBE message header included; valid only during the call.
     * @param offset of the message header.
     * @param length of header plus body, bytes.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
