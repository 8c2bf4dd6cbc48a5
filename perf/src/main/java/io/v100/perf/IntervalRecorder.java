package io.v100.perf;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records latencies into a whole-run histogram and into fixed-length interval histograms, for the {@code .hlog}
 * interval log. Single-threaded: the thread that records is the one that reads, after the run.
 */
public final class IntervalRecorder
{
    /** Highest value tracked, ns; larger values are recorded as this. */
    public static final long MAX_TRACKED_NS = TimeUnit.SECONDS.toNanos(60);

    /** One closed interval: its start and end in ms since the run started, and what it recorded. */
    public record Interval(long startMs, long endMs, Histogram histogram)
    {
    }

    private final Histogram total = new Histogram(MAX_TRACKED_NS, 3);
    private final List<Interval> intervals = new ArrayList<>();
    private final long intervalNs;
    private final long originNs;
    private Histogram current = new Histogram(MAX_TRACKED_NS, 3);
    private long currentStartNs;

    /**
     * @param originNs   {@code System.nanoTime()} at the start of the run.
     * @param intervalNs length of each interval, ns, > 0.
     */
    public IntervalRecorder(final long originNs, final long intervalNs)
    {
        if (intervalNs <= 0)
        {
            throw new IllegalArgumentException("interval must be > 0 ns: " + intervalNs);
        }
        this.originNs = originNs;
        this.intervalNs = intervalNs;
        this.currentStartNs = originNs;
    }

    /**
     * @param nowNs     {@code System.nanoTime()} when the value was observed; closes intervals that have ended.
     * @param latencyNs value to record, clamped to [0, {@link #MAX_TRACKED_NS}].
     */
    public void record(final long nowNs, final long latencyNs)
    {
        roll(nowNs);
        final long value = Math.max(0, Math.min(latencyNs, MAX_TRACKED_NS));
        current.recordValue(value);
        total.recordValue(value);
    }

    /**
     * Close the current interval at {@code nowNs}.
     *
     * @param nowNs end of the run.
     */
    public void finish(final long nowNs)
    {
        roll(nowNs);
        if (current.getTotalCount() > 0)
        {
            close(nowNs);
        }
    }

    /**
     * @return every value recorded.
     */
    public Histogram total()
    {
        return total;
    }

    /**
     * @return closed intervals in time order.
     */
    public List<Interval> intervals()
    {
        return intervals;
    }

    private void roll(final long nowNs)
    {
        while (nowNs - currentStartNs >= intervalNs)
        {
            close(currentStartNs + intervalNs);
        }
    }

    private void close(final long endNs)
    {
        final long startMs = TimeUnit.NANOSECONDS.toMillis(currentStartNs - originNs);
        final long endMs = TimeUnit.NANOSECONDS.toMillis(endNs - originNs);
        current.setStartTimeStamp(startMs);
        current.setEndTimeStamp(endMs);
        intervals.add(new Interval(startMs, endMs, current));
        current = new Histogram(MAX_TRACKED_NS, 3);
        currentStartNs = endNs;
    }
}
