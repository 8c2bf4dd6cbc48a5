package io.v100.cli;

import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.journal.JournalContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Ring options shared by {@code demo} and {@code core}.
 */
public final class CoreOptions
{
    @Option(names = "--wait-strategy", paramLabel = "KIND", defaultValue = "AUTO",
        description = "Ring consumer wait strategy: ${COMPLETION-CANDIDATES}. AUTO busy-spins the ring thread " +
            "when there are 2+ cores and never spins more threads than cores (default: ${DEFAULT-VALUE}).")
    WaitStrategyKind waitStrategy;

    @Option(names = "--poller-idle", paramLabel = "KIND", defaultValue = "AUTO",
        description = "How the gateway poller waits for input: ${COMPLETION-CANDIDATES}. AUTO: BUSY_SPIN with 4+ " +
            "cores, else BACKOFF (parks up to 1 ms when idle, leaving the CPU to clients on the machine). " +
            "YIELDING sees frames sooner at low rates, counts as a spinning thread, and suits a core with the " +
            "machine to itself (default: ${DEFAULT-VALUE}).")
    ThreadingPlan.PollerIdle pollerIdle;

    @Option(names = "--affinity", paramLabel = "MODE", defaultValue = "AUTO",
        description = "Pin the ring thread to a CPU: ${COMPLETION-CANDIDATES}. AUTO pins it when it busy-spins " +
            "(default: ${DEFAULT-VALUE}).")
    ThreadingPlan.Affinity affinity;

    @Option(names = "--ring-size", paramLabel = "SLOTS", defaultValue = "65536",
        description = "Ring size in slots, a power of two (default: ${DEFAULT-VALUE}).")
    int ringSize;

    @Option(names = "--roll-cycle", paramLabel = "CYCLE", defaultValue = "FAST_DAILY",
        description = "Journal roll cycle, a Chronicle Queue RollCycles name such as FAST_DAILY, FAST_HOURLY, " +
            "FIVE_MINUTELY (default: ${DEFAULT-VALUE}).")
    String rollCycle;

    @Option(names = "--snapshot-interval", paramLabel = "INPUTS", defaultValue = "100000",
        description = "Snapshot every handler after this many inputs; 0 for none but those asked for by a " +
            "SnapshotRequest (default: ${DEFAULT-VALUE}).")
    long snapshotInterval;

    @Option(names = "--keep-cycles", paramLabel = "N", defaultValue = "2",
        description = "Journal cycles older than the newest snapshot's cycle to keep; older ones are deleted " +
            "(default: ${DEFAULT-VALUE}).")
    int keepCycles;

    /**
     * Check every option before anything starts.
     *
     * @throws UsageException naming the first bad option.
     */
    void validate()
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new UsageException("--ring-size " + ringSize + ": must be a power of two, 2 or more (e.g. 65536)");
        }
        if (snapshotInterval < 0)
        {
            throw new UsageException("--snapshot-interval " + snapshotInterval + ": must be 0 (none) or more inputs");
        }
        if (keepCycles < 0)
        {
            throw new UsageException("--keep-cycles " + keepCycles + ": must be 0 or more");
        }
        try
        {
            new JournalContext().rollCycle(rollCycle).conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--roll-cycle " + rollCycle + ": not a Chronicle Queue roll cycle; use e.g. " +
                "FAST_DAILY, FAST_HOURLY, FIVE_MINUTELY");
        }
        try
        {
            toContext(null).conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("core settings: " + CommandErrors.describe(ex));
        }
    }

    /**
     * @param dataDirectory holding journal/, egress/ and snapshots/; null for a context without any.
     * @return the ring settings.
     */
    CoreContext toContext(final Path dataDirectory)
    {
        final CoreContext context = new CoreContext()
            .waitStrategy(waitStrategy)
            .affinity(affinity)
            .pollerIdle(pollerIdle)
            .ringSize(ringSize)
            .journalRollCycle(rollCycle)
            .snapshotIntervalInputs(snapshotInterval)
            .keepCycles(keepCycles);
        return null == dataDirectory ? context : context.dataDirectory(dataDirectory);
    }
}
