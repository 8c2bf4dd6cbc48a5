package io.v100.core;

/**
 * The core clock: the event time every handler decides on, ns since the Unix epoch.
 * <p>
 * Where time comes from: only the {@code timestampNs} of journaled inputs, never the wall clock, so a replay of
 * the journal reproduces every decision (the core streams historical matches, so wall-clock stamping at ingress,
 * as LMAX and Aeron Cluster do, would reject them). The rule, applied to every input after validation, the same
 * way live, in recovery and in replay:
 * <ol>
 *     <li>The first valid input establishes the clock at its stamp. A match stream opens with its Fixture.</li>
 *     <li>After that an input is admitted only if its stamp lies within
 *     {@code [now - maxBehindNs, now + maxAheadNs]} ({@link ClockContext}). Anything else is rejected with
 *     {@code TIMESTAMP_OUT_OF_WINDOW} and never touches the clock or a handler.</li>
 *     <li>An admitted input moves the clock to {@code max(now, stamp)}: the clock never goes backwards.</li>
 * </ol>
 * So one input can move the clock forward by at most {@code maxAheadNs} (20 minutes by default, the half-time
 * interval with margin), never to 2100; the clock is part of every snapshot and restored with it. Which clients
 * may send inputs at all is the sessions' business, not the clock's.
 * <p>
 * Single-threaded, owned by the ring's consumer thread; allocation-free.
 */
public final class CoreClock
{
    /** Value of {@link #nowNs()} before the first input: no clock yet. Valid stamps are always above it. */
    public static final long NOT_ESTABLISHED = 0;

    private final long maxAheadNs;
    private final long maxBehindNs;
    private long nowNs = NOT_ESTABLISHED;

    /**
     * @param context settings; {@link ClockContext#conclude()} is called here.
     */
    public CoreClock(final ClockContext context)
    {
        context.conclude();
        this.maxAheadNs = context.maxAheadNs();
        this.maxBehindNs = context.maxBehindNs();
    }

    /**
     * @param timestampNs an input's stamp, &gt; 0 (the validator rejects anything else).
     * @return true if the input may be processed: no clock yet, or the stamp within the window around it.
     */
    public boolean admits(final long timestampNs)
    {
        if (NOT_ESTABLISHED == nowNs)
        {
            return true;
        }
        // Differences, not sums: nowNs + maxAheadNs could overflow for large settings.
        return timestampNs - nowNs <= maxAheadNs && nowNs - timestampNs <= maxBehindNs;
    }

    /**
     * Move the clock for an admitted input.
     *
     * @param timestampNs the input's stamp.
     * @return the clock after the input: {@code max(now, timestampNs)}.
     */
    public long advance(final long timestampNs)
    {
        if (timestampNs > nowNs)
        {
            nowNs = timestampNs;
        }
        return nowNs;
    }

    /**
     * @param nowNs the clock a snapshot recorded, or {@link #NOT_ESTABLISHED}.
     */
    public void restore(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    /**
     * @return the clock, ns since the Unix epoch; {@link #NOT_ESTABLISHED} before the first input.
     */
    public long nowNs()
    {
        return nowNs;
    }

    /**
     * @return see {@link ClockContext#maxAheadNs()}.
     */
    public long maxAheadNs()
    {
        return maxAheadNs;
    }

    /**
     * @return see {@link ClockContext#maxBehindNs()}.
     */
    public long maxBehindNs()
    {
        return maxBehindNs;
    }
}
