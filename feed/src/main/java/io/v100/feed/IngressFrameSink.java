package io.v100.feed;

import io.v100.client.FrameSink;
import org.agrona.DirectBuffer;

/**
 * Receives each encoded ingress frame from {@link IngressStream#next(FrameSink)}: the client library's
 * {@link FrameSink} under the feed's name.
 */
@FunctionalInterface
public interface IngressFrameSink extends FrameSink
{
    /**
     * @param buffer holding the frame: SBE message header (8 bytes) then the message; reused for the next frame,
     *               so copy what must outlive the call.
     * @param offset of the header in the buffer.
     * @param length of header plus message, bytes.
     */
    @Override
    void onFrame(DirectBuffer buffer, int offset, int length);
}
