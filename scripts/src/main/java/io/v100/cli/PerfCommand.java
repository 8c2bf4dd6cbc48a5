package io.v100.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code v100 perf}: listed here so the top-level help names every command. The performance harness is its own
 * module and jar ({@code perf/target/v100-perf.jar}, with JMH and the load generators), and {@code scripts/v100}
 * runs that jar for {@code perf} before this one is reached; started from this jar, the command says where to go.
 */
@Command(
    name = "perf",
    description = {
        "Performance harness (own jar): sweep, baselines, layouts, jmh, smoke.",
        "Run it as scripts/v100 perf --help; it is built from the perf module into perf/target/v100-perf.jar." })
public final class PerfCommand implements Callable<Integer>
{
    @Unmatched
    List<String> args;

    public Integer call()
    {
        throw new UsageException(
            "the performance harness has its own jar: run it as `scripts/v100 perf --help` (perf/target/v100-perf.jar)");
    }
}
