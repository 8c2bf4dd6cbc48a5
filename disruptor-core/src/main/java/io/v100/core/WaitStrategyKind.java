package io.v100.core;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the ring's consumer waits for the next input (the Disruptor's wait strategies).
 */
public enum WaitStrategyKind
{
    /** Let {@link ThreadingPlan} choose from the core count. */
    AUTO(false),
    /** Spin on the sequence: lowest latency, burns a whole core. */
    BUSY_SPIN(true),
    /** Spin, then {@code Thread.yield()}: near busy-spin latency, still keeps a core busy. */
    YIELDING(true),
    /** Spin, yield, then park for short periods: low CPU when idle, tens of µs to wake. */
    SLEEPING(false),
    /** Lock and condition: least CPU, highest wake-up latency. */
    BLOCKING(false);

    private final boolean spins;

    WaitStrategyKind(final boolean spins)
    {
        this.spins = spins;
    }

    /**
     * @return true if a thread waiting this way never gives its core up to the scheduler for long.
     */
    public boolean spins()
    {
        return spins;
    }

    /**
     * @return a new Disruptor wait strategy of this kind.
     * @throws IllegalStateException for {@link #AUTO}, which must be resolved first.
     */
    public WaitStrategy newWaitStrategy()
    {
        return switch (this)
        {
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case BLOCKING -> new BlockingWaitStrategy();
            case AUTO -> throw new IllegalStateException("AUTO must be resolved by ThreadingPlan");
        };
    }
}
