package io.v100.core;

import java.nio.file.Path;

/**
 * Settings of the ring: its size, how its consumer waits, CPU affinity and where the journal lives.
 * <p>
 * Every setting has a system property and a default, read when the context is created; setters override them.
 */
public final class CoreContext
{
    /** Ring size in slots; must be a power of two. */
    public static final String RING_SIZE_PROP_NAME = "v100.ring.size";
    public static final int RING_SIZE_DEFAULT = 1 << 16;

    /** A {@link WaitStrategyKind} name. */
    public static final String WAIT_STRATEGY_PROP_NAME = "v100.ring.wait.strategy";
    public static final String WAIT_STRATEGY_DEFAULT = "AUTO";

    /** A {@link ThreadingPlan.Affinity} name. */
    public static final String AFFINITY_PROP_NAME = "v100.ring.affinity";
    public static final String AFFINITY_DEFAULT = "AUTO";

    private int ringSize = Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
    private WaitStrategyKind waitStrategy =
        WaitStrategyKind.valueOf(System.getProperty(WAIT_STRATEGY_PROP_NAME, WAIT_STRATEGY_DEFAULT));
    private ThreadingPlan.Affinity affinity =
        ThreadingPlan.Affinity.valueOf(System.getProperty(AFFINITY_PROP_NAME, AFFINITY_DEFAULT));
    private Path journalDirectory;
    private String journalRollCycle;
    private int cores = Runtime.getRuntime().availableProcessors();

    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSize in slots, a power of two.
     * @return this for a fluent API.
     */
    public CoreContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    public CoreContext waitStrategy(final WaitStrategyKind waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public ThreadingPlan.Affinity affinity()
    {
        return affinity;
    }

    public CoreContext affinity(final ThreadingPlan.Affinity affinity)
    {
        this.affinity = affinity;
        return this;
    }

    /**
     * @return directory of the input journal; null runs without a journal (tests only).
     */
    public Path journalDirectory()
    {
        return journalDirectory;
    }

    public CoreContext journalDirectory(final Path journalDirectory)
    {
        this.journalDirectory = journalDirectory;
        return this;
    }

    /**
     * @return Chronicle Queue roll cycle name, or null for the journal's default.
     */
    public String journalRollCycle()
    {
        return journalRollCycle;
    }

    public CoreContext journalRollCycle(final String journalRollCycle)
    {
        this.journalRollCycle = journalRollCycle;
        return this;
    }

    /**
     * @return cores the threading plan assumes; {@code Runtime.availableProcessors()} unless set.
     */
    public int cores()
    {
        return cores;
    }

    public CoreContext cores(final int cores)
    {
        this.cores = cores;
        return this;
    }

    /**
     * @throws IllegalArgumentException with the offending setting named.
     */
    public void validate()
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two >= 2: " + ringSize);
        }
        if (cores < 1)
        {
            throw new IllegalArgumentException("cores must be >= 1: " + cores);
        }
    }
}
