package io.v100.feed;

import org.agrona.DirectBuffer;

/**
 * Receives each encoded ingress frame from {@link IngressStream#next(IngressFrameSink)}.
 */
@FunctionalInterface
public interface IngressFrameSink
{
    /**
     * @param buffer holding the frame: SBE message header (8 bytes) then the message; reused for the next frame,
     *               so copy what must outlive the call.
     * @param offset of the header in the buffer.
     * @param length of header plus message, bytes.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);
}
