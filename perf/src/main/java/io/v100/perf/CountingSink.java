package io.v100.perf;

import io.v100.core.EgressSink;
import org.agrona.DirectBuffer;

/**
 * Egress sink for in-process pipelines: counts messages and bytes, so the encoders' work cannot be optimised
 * away, and sends nowhere. Allocation-free; single-threaded.
 */
public final class CountingSink implements EgressSink
{
    private long messages;
    private long bytes;

    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        bytes += length;
    }

    /**
     * @return messages sent to this sink.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return bytes sent to this sink.
     */
    public long bytes()
    {
        return bytes;
    }
}
