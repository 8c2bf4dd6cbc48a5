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
    public static final String RING_SIZE_PROP_NAME = "v100.core.ring.size";
    public static final int RING_SIZE_DEFAULT = 1 << 16;

    /** A {@link WaitStrategyKind} name. */
    public static final String WAIT_STRATEGY_PROP_NAME = "v100.core.ring.wait.strategy";
    public static final String WAIT_STRATEGY_DEFAULT = "AUTO";

    /** A {@link ThreadingPlan.Affinity} name. */
    public static final String AFFINITY_PROP_NAME = "v100.core.ring.affinity";
    public static final String AFFINITY_DEFAULT = "AUTO";

    private int ringSize = Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
    private WaitStrategyKind waitStrategy =
        WaitStrategyKind.valueOf(System.getProperty(WAIT_STRATEGY_PROP_NAME, WAIT_STRATEGY_DEFAULT));
    private ThreadingPlan.Affinity affinity =
        ThreadingPlan.Affinity.valueOf(System.getProperty(AFFINITY_PROP_NAME, AFFINITY_DEFAULT));
    /** Inputs between periodic snapshots; 0 turns periodic snapshots off. */
    public static final String SNAPSHOT_INTERVAL_PROP_NAME = "v100.core.snapshot.interval";
    public static final long SNAPSHOT_INTERVAL_DEFAULT = 100_000;

    /** Snapshot files to keep, newest first. */
    public static final int KEEP_SNAPSHOTS_DEFAULT = 3;

    /** Journal cycles older than the newest snapshot's cycle to keep anyway. */
    public static final String KEEP_CYCLES_PROP_NAME = "v100.core.journal.keep.cycles";
    public static final int KEEP_CYCLES_DEFAULT = 2;

    /** A {@link ThreadingPlan.PollerIdle} name. */
    public static final String POLLER_IDLE_PROP_NAME = "v100.core.poller.idle";
    public static final String POLLER_IDLE_DEFAULT = "AUTO";

    private ThreadingPlan.PollerIdle pollerIdle =
        ThreadingPlan.PollerIdle.valueOf(System.getProperty(POLLER_IDLE_PROP_NAME, POLLER_IDLE_DEFAULT));
    private Path journalDirectory;
    private Path egressJournalDirectory;
    private Path snapshotDirectory;
    private String journalRollCycle;
    private long snapshotIntervalInputs = Long.getLong(SNAPSHOT_INTERVAL_PROP_NAME, SNAPSHOT_INTERVAL_DEFAULT);
    private int keepSnapshots = KEEP_SNAPSHOTS_DEFAULT;
    private int keepCycles = Integer.getInteger(KEEP_CYCLES_PROP_NAME, KEEP_CYCLES_DEFAULT);
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

    public ThreadingPlan.PollerIdle pollerIdle()
    {
        return pollerIdle;
    }

    public CoreContext pollerIdle(final ThreadingPlan.PollerIdle pollerIdle)
    {
        this.pollerIdle = pollerIdle;
        return this;
    }

    /**
     * @return the threading plan these settings give on {@link #cores()} cores.
     * @throws IllegalArgumentException if it would spin more threads than cores.
     */
    public ThreadingPlan threadingPlan()
    {
        return ThreadingPlan.resolve(cores, waitStrategy, pollerIdle, affinity);
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
     * Lay out a data directory the usual way: {@code DIR/journal} (inputs), {@code DIR/egress} (egress journal),
     * {@code DIR/snapshots}.
     *
     * @param dataDirectory holding all three.
     * @return this for a fluent API.
     */
    public CoreContext dataDirectory(final Path dataDirectory)
    {
        journalDirectory = dataDirectory.resolve("journal");
        egressJournalDirectory = dataDirectory.resolve("egress");
        snapshotDirectory = dataDirectory.resolve("snapshots");
        return this;
    }

    /**
     * @return directory of the egress journal; null to run without one (no replay requests, no regeneration).
     */
    public Path egressJournalDirectory()
    {
        return egressJournalDirectory;
    }

    public CoreContext egressJournalDirectory(final Path egressJournalDirectory)
    {
        this.egressJournalDirectory = egressJournalDirectory;
        return this;
    }

    /**
     * @return directory of snapshot files; null to run without snapshots.
     */
    public Path snapshotDirectory()
    {
        return snapshotDirectory;
    }

    public CoreContext snapshotDirectory(final Path snapshotDirectory)
    {
        this.snapshotDirectory = snapshotDirectory;
        return this;
    }

    public long snapshotIntervalInputs()
    {
        return snapshotIntervalInputs;
    }

    /**
     * @param snapshotIntervalInputs inputs between periodic snapshots; 0 for snapshot requests only.
     * @return this for a fluent API.
     */
    public CoreContext snapshotIntervalInputs(final long snapshotIntervalInputs)
    {
        this.snapshotIntervalInputs = snapshotIntervalInputs;
        return this;
    }

    public int keepSnapshots()
    {
        return keepSnapshots;
    }

    public CoreContext keepSnapshots(final int keepSnapshots)
    {
        this.keepSnapshots = keepSnapshots;
        return this;
    }

    public int keepCycles()
    {
        return keepCycles;
    }

    /**
     * @param keepCycles journal cycles older than the newest snapshot's to keep.
     * @return this for a fluent API.
     */
    public CoreContext keepCycles(final int keepCycles)
    {
        this.keepCycles = keepCycles;
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
     * Check every setting; called once before the ring is built.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first bad setting.
     */
    public CoreContext conclude()
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException(RING_SIZE_PROP_NAME + " must be a power of two >= 2: " + ringSize);
        }
        if (snapshotIntervalInputs < 0)
        {
            throw new IllegalArgumentException(
                SNAPSHOT_INTERVAL_PROP_NAME + " must be >= 0 inputs: " + snapshotIntervalInputs);
        }
        if (keepCycles < 0)
        {
            throw new IllegalArgumentException(KEEP_CYCLES_PROP_NAME + " must be >= 0: " + keepCycles);
        }
        if (null != snapshotDirectory && null == journalDirectory)
        {
            throw new IllegalArgumentException("snapshots need a journal to replay their tail from: " +
                "a snapshot directory is set without a journal directory");
        }
        if (cores < 1)
        {
            throw new IllegalArgumentException("cores must be >= 1: " + cores);
        }
        return this;
    }
}
