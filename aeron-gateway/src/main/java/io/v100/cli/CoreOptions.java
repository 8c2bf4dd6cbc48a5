package io.v100.cli;

import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
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

    CoreContext toContext(final Path journalDirectory)
    {
        return new CoreContext()
            .waitStrategy(waitStrategy)
            .affinity(affinity)
            .ringSize(ringSize)
            .journalDirectory(journalDirectory)
            .journalRollCycle(rollCycle);
    }
}
