package io.v100.perf;

import io.v100.core.WaitStrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code perf smoke}: a few seconds of every kind of run at low rates, writing every kind of report.
 */
@Command(
    name = "smoke",
    mixinStandardHelpOptions = true,
    description = {
        "A few seconds of every kind of run, writing every kind of report (what the test suite runs).",
        "Low rates of: ring over IPC and UDP, echo, in-process ring,",
        "ArrayBlockingQueue, HTTP chain, fused and staged layouts), writing every kind of report into one",
        "directory: DIR/NAME.*.hgrm, DIR/NAME.hlog, DIR/latency.png, DIR/summary.json. Checks the harness,",
        "not the machine: its figures are too short to quote." })
public final class SmokeCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-out/smoke",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "5000",
        description = "Frames/s of every run (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "1500",
        description = "Frames per run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Mixin
    CommonOptions common;

    public Integer call() throws Exception
    {
        final PrintStream console = System.out;
        final MatchFrames match = common.loadFrames(console);
        final Harness harness = common.harness(match, console);
        harness.warmUpJvm(Math.min(common.warmupFrames, 20_000));
        final double seconds = frames / (double)rate;
        final double warm = 0;
        final List<RunResult> runs = new ArrayList<>();
        for (final Transport transport : List.of(Transport.IPC, Transport.UDP))
        {
            runs.add(harness.measure("ring-" + transport.id(), "ring " + transport.id(),
                count -> new AeronRingTarget(match, count, transport, WaitStrategyKind.AUTO, harness.intervalNs()),
                rate, seconds, OpenLoopSchedule.Wait.YIELD, warm));
        }
        runs.add(harness.measure("echo-ipc", "Aeron echo ipc",
            count -> new AeronEchoTarget(match, count, Transport.IPC, harness.intervalNs()),
            rate, seconds, OpenLoopSchedule.Wait.YIELD, warm));
        runs.add(harness.measure("ring-inproc", "ring in-process",
            count -> InProcessRingTarget.product(match), rate, seconds, OpenLoopSchedule.Wait.PARK, warm));
        runs.add(harness.measure("abq", "ArrayBlockingQueue x5",
            count -> new QueuePipelineTarget(match), rate, seconds, OpenLoopSchedule.Wait.PARK, warm));
        final long httpRate = Math.min(rate, 1000);
        runs.add(harness.measure("http", "HTTP x5 services",
            count -> new HttpChainTarget(match, harness.intervalNs()), httpRate, 200.0 / httpRate,
            OpenLoopSchedule.Wait.PARK, warm));
        runs.addAll(LayoutsCommand.runAll(harness, rate, seconds, warm,
            List.of(Layout.FUSED, Layout.STAGED), List.of(WaitStrategyKind.BLOCKING)));

        final Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ratios", Map.of(
            "abq/ring-inproc (e2e)", BaselinesCommand.ratio(runs.get(4), runs.get(3), "e2e", "e2e"),
            "ring-ipc/echo-ipc (rtt)", BaselinesCommand.ratio(runs.get(0), runs.get(2), "rtt", "rtt")));
        Reports.write(out, "perf smoke", "V100 perf smoke run (too short to quote)", null, runs, extra);
        Reports.printTable(console, "rtt", runs);
        Reports.printTable(console, "e2e", runs);
        console.printf("wrote %s (hgrm, hlog, latency.png, summary.json)%n", out);
        return 0;
    }
}
