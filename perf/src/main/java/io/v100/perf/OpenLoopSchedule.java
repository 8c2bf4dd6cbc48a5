package io.v100.perf;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate send schedule fixed before the first send: frame {@code i} is due at {@code start + i / rate},
 * whatever happened to frame {@code i - 1}. Latency is then measured from the planned time, so a stall in the
 * system under test shows up in every frame that should have left during it, instead of silently slowing the
 * sender (coordinated omission, Tene: "How NOT to Measure Latency", 2015).
 */
public final class OpenLoopSchedule
{
    /** Work the sender does while it waits, returning how much it did (0 when idle). */
    @FunctionalInterface
    public interface IdleWork
    {
        /**
         * @return units of work done, 0 if there was nothing to do.
         */
        int doWork();
    }

    /** How the sender waits until a frame is due. */
    public enum Wait
    {
        /**
         * {@code Thread.yield()} between polls: the sender sees an answer as soon as it arrives, but gives its core
         * to any other runnable thread (the media driver, the gateway poller) at once.
         */
        YIELD,
        /**
         * Park until due: frees the core, but parking has tens of µs of timer slack, so frames leave in small
         * bursts and answers are seen late; for in-process producers that read no answers.
         */
        PARK
    }

    /** How early a frame may leave relative to its planned time when parking, ns. */
    public static final long PARK_EARLY_NS = 20_000;

    private final long startNs;
    private final long rate;
    private final Wait wait;

    /**
     * @param rate    frames per second, > 0.
     * @param leadNs  delay before frame 0 is due, ns.
     * @param wait    how to wait until a frame is due.
     * @throws IllegalArgumentException if rate is not positive.
     */
    public OpenLoopSchedule(final long rate, final long leadNs, final Wait wait)
    {
        if (rate <= 0)
        {
            throw new IllegalArgumentException("rate must be > 0 frames/s: " + rate);
        }
        this.rate = rate;
        this.wait = wait;
        this.startNs = System.nanoTime() + leadNs;
    }

    /**
     * @return {@code System.nanoTime()} at which frame 0 is due.
     */
    public long startNs()
    {
        return startNs;
    }

    /**
     * @param index of the frame, 0-based.
     * @return its planned send time, {@code System.nanoTime()} scale.
     */
    public long plannedNs(final long index)
    {
        return startNs + index * TimeUnit.SECONDS.toNanos(1) / rate;
    }

    /**
     * Wait until {@code dueNs}, doing {@code idleWork} meanwhile. Returns at once if the frame is already late.
     *
     * @param dueNs    planned send time.
     * @param idleWork polled while waiting, e.g. reading answers.
     */
    public void awaitDue(final long dueNs, final IdleWork idleWork)
    {
        long aheadNs;
        if (wait == Wait.YIELD)
        {
            while ((aheadNs = dueNs - System.nanoTime()) > 0)
            {
                if (0 == idleWork.doWork())
                {
                    Thread.yield();
                }
            }
        }
        else
        {
            while ((aheadNs = dueNs - System.nanoTime()) > PARK_EARLY_NS)
            {
                if (0 == idleWork.doWork())
                {
                    LockSupport.parkNanos(aheadNs - PARK_EARLY_NS);
                }
            }
        }
    }
}
