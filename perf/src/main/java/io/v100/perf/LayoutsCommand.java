package io.v100.perf;

import io.v100.core.WaitStrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code perf layouts}: fused against staged, under each wait strategy.
 */
@Command(
    name = "layouts",
    mixinStandardHelpOptions = true,
    description = {
        "Fused against staged layout under each wait strategy.",
        "Fused: five handlers on one consumer thread; staged: one consumer thread per handler,",
        "chained on the same ring), under each wait strategy, fed in-process at one rate. Threads are unpinned.",
        "e2e = planned send to end of the last handler; tick = fused tick service time.",
        "Writes DIR/NAME.*.hgrm, DIR/NAME.hlog, DIR/latency.png, DIR/summary.json." })
public final class LayoutsCommand implements Callable<Integer>
{
    @Option(names = "--rate", paramLabel = "N", defaultValue = "50000",
        description = "Frames/s (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
        description = "Schedule length of each run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--wait-strategies", paramLabel = "KIND[,KIND...]", split = ",",
        defaultValue = "BUSY_SPIN,YIELDING,SLEEPING,BLOCKING",
        description = "Wait strategies to compare (default: ${DEFAULT-VALUE}).")
    List<WaitStrategyKind> waitStrategies;

    @Option(names = "--layouts", paramLabel = "fused|staged", split = ",", defaultValue = "FUSED,STAGED",
        description = "Layouts to compare: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<Layout> layouts;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-out/layouts",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    CommonOptions common;

    public Integer call() throws Exception
    {
        final PrintStream console = System.out;
        final MatchFrames frames = common.loadFrames(console);
        final Harness harness = common.harness(frames, console);
        harness.warmUpJvm(common.warmupFrames);
        final List<RunResult> runs = runAll(harness, rate, Harness.seconds(duration),
            Harness.seconds(common.configWarmup), layouts, waitStrategies);
        Reports.printTable(console, "e2e", runs);
        Reports.printTable(console, "tick", runs);
        Reports.write(out, "perf layouts", "Fused vs staged layout by wait strategy (in-process, " +
            SweepCommand.rateLabel(rate) + ")", "e2e", runs, Map.of());
        console.printf("wrote %s (hgrm, hlog, latency.png, summary.json)%n", out);
        return 0;
    }

    static List<RunResult> runAll(
        final Harness harness,
        final long rate,
        final double seconds,
        final double warmSeconds,
        final List<Layout> layouts,
        final List<WaitStrategyKind> kinds)
    {
        final List<RunResult> runs = new ArrayList<>();
        for (final WaitStrategyKind kind : kinds)
        {
            for (final Layout layout : layouts)
            {
                final RunResult run = harness.measure(
                    layout.id() + "-" + kind.name().toLowerCase() + "-" + rate,
                    layout.id() + " " + kind,
                    count -> InProcessRingTarget.layout(harness.frames(), layout, kind),
                    rate, seconds, OpenLoopSchedule.Wait.PARK, warmSeconds);
                run.fact("layout", layout.id()).fact("waitStrategy", kind.name());
                runs.add(run);
            }
        }
        return runs;
    }
}
