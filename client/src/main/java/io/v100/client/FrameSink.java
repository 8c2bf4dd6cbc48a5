package io.v100.client;

import org.agrona.DirectBuffer;

/**
 * Receives each encoded ingress frame an {@link IngressSource} produces.
 */
@FunctionalInterface
public interface FrameSink
{
    /**
     * @param buffer holding the frame: SBE message header (8 bytes) then the message; reused for the next frame,
     *               so copy what must outlive the call.
     * @param offset of the header in the buffer.
     * @param length of header plus message, bytes.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);
}
