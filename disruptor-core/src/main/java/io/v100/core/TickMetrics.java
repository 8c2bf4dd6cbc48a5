package io.v100.core;

import io.v100.sbe.RejectReason;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * What the tick measures and counts but never decides on: two latency histograms, and rejections and refusals by
 * reason.
 * <p>
 * Latency runs from receipt by the gateway to the end of the input's tick (which includes any wait in the ring);
 * tick time is the tick's own service time. Rejections are journaled inputs that failed validation; refusals are
 * frames the gateway or the sequencer turned away before they became inputs (no session, not authorised,
 * rate-limited, invalid sequence). Plain fields, single-threaded: written on the ring thread; read them there
 * or after the ring stopped. Allocation-free after construction.
 */
public final class TickMetrics
{
    /** Highest latency the histograms track, ns; longer ticks are recorded as this value. */
    public static final long MAX_TRACKED_LATENCY_NS = TimeUnit.SECONDS.toNanos(10);

    private static final int REASONS = 256;

    private final Histogram latency = new Histogram(MAX_TRACKED_LATENCY_NS, 3);
    private final Histogram tickTime = new Histogram(MAX_TRACKED_LATENCY_NS, 3);
    private final long[] rejectedByReason = new long[REASONS];
    private final long[] refusedByReason = new long[REASONS];
    private long refused;

    /**
     * @param tickStartNs   {@code System.nanoTime()} when the tick began.
     * @param tickEndNs     {@code System.nanoTime()} when it ended.
     * @param receivedNanos {@code System.nanoTime()} when the gateway received the input.
     */
    public void recordTick(final long tickStartNs, final long tickEndNs, final long receivedNanos)
    {
        tickTime.recordValue(Math.min(tickEndNs - tickStartNs, MAX_TRACKED_LATENCY_NS));
        latency.recordValue(Math.max(0, Math.min(tickEndNs - receivedNanos, MAX_TRACKED_LATENCY_NS)));
    }

    /**
     * @param reason a {@code RejectReason} value of a journaled input that failed validation.
     */
    public void onRejected(final int reason)
    {
        rejectedByReason[reason & 0xFF]++;
    }

    /**
     * @param reason a {@code RejectReason} value of a frame refused before it became an input.
     */
    public void onRefused(final int reason)
    {
        refusedByReason[reason & 0xFF]++;
        refused++;
    }

    /**
     * @param reason of rejection.
     * @return journaled inputs rejected for that reason.
     */
    public long rejected(final RejectReason reason)
    {
        return rejectedByReason[reason.value()];
    }

    /**
     * @param reason of refusal.
     * @return frames refused for that reason before they became inputs.
     */
    public long refused(final RejectReason reason)
    {
        return refusedByReason[reason.value()];
    }

    /**
     * @return frames refused before they became inputs, all reasons.
     */
    public long refused()
    {
        return refused;
    }

    /**
     * @return receipt-to-end-of-tick latency, ns.
     */
    public Histogram latency()
    {
        return latency;
    }

    /**
     * @return tick service time, ns: journal append, validation and the five handlers.
     */
    public Histogram tickTime()
    {
        return tickTime;
    }
}
