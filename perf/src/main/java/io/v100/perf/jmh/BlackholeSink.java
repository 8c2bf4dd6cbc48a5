package io.v100.perf.jmh;

import io.v100.core.EgressSink;
import org.agrona.DirectBuffer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Egress sink that hands each message's first bytes and length to a JMH {@link Blackhole}, so the encoders' work
 * is consumed and cannot be eliminated as dead code. Allocation-free.
 */
public final class BlackholeSink implements EgressSink
{
    private Blackhole blackhole;

    /**
     * @param blackhole the benchmark's blackhole; set before any message is sent.
     */
    public void blackhole(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
    }

    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        blackhole.consume(buffer.getLong(offset));
        blackhole.consume(length);
    }
}
