package io.v100.perf;

import io.v100.core.WaitStrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code perf sweep}: the ring over Aeron at rising open-loop rates, the highest rate at which p99 holds.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
        "Rate sweep of the ring over Aeron, open loop, reporting the highest rate that holds.",
        "A fresh core per rate (embedded media driver, journal, ring, five handlers) and a client in",
        "this process over Aeron IPC and/or UDP on loopback, sending the match's mixed feed open loop. After the",
        "listed rates it doubles the rate while the last one held, up to --max-rate. A rate holds when the client",
        "round-trip p99 is under --p99-limit, the sender kept the schedule and every answer came back.",
        "Per run: rtt = planned send to answer (BetRequest/LicenseRequest), core = gateway receipt to end of tick,",
        "tick = tick service time. Writes DIR/NAME.{rtt,core,tick}.hgrm, DIR/NAME.hlog, DIR/latency.png,",
        "DIR/summary.json." })
public final class SweepCommand implements Callable<Integer>
{
    @Option(names = "--rates", paramLabel = "N[,N...]", split = ",",
        defaultValue = "10000,100000,500000,1000000",
        description = "Rates to run, frames/s, in order (default: ${DEFAULT-VALUE}).")
    List<Long> rates;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "8000000",
        description = "Highest rate the upward doubling tries, frames/s; 0 stops after the listed rates " +
            "(default: ${DEFAULT-VALUE}).")
    long maxRate;

    @Option(names = "--p99-limit", paramLabel = "DURATION", defaultValue = "100us",
        converter = MicrosConverter.class,
        description = "Round-trip p99 a rate must stay under to hold (default: ${DEFAULT-VALUE}).")
    long p99LimitNs;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
        description = "Schedule length per rate; a run sends at most the whole match (563,896 frames), so fast " +
            "rates run shorter (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--transport", paramLabel = "ipc|udp", split = ",", defaultValue = "IPC,UDP",
        converter = TransportConverter.class,
        description = "Transports, comma-separated (default: ipc,udp).")
    List<Transport> transports;

    @Option(names = "--wait-strategy", paramLabel = "KIND", defaultValue = "AUTO",
        description = "Ring consumer wait strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: " +
            "busy-spin pinned on 2+ cores).")
    WaitStrategyKind waitStrategy;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-out/sweep",
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
        final List<RunResult> runs = new ArrayList<>();
        final Map<String, Object> highest = new LinkedHashMap<>();
        for (final Transport transport : transports)
        {
            long best = 0;
            final List<Long> plan = new ArrayList<>(rates);
            for (int i = 0; i < plan.size(); i++)
            {
                final long rate = plan.get(i);
                final RunResult run = harness.measure(
                    "ring-" + transport.id() + "-" + rate,
                    "ring " + transport.id() + " " + rateLabel(rate),
                    count -> new AeronRingTarget(frames, count, transport, waitStrategy, harness.intervalNs()),
                    rate,
                    Harness.seconds(duration),
                    OpenLoopSchedule.Wait.YIELD,
                    Harness.seconds(common.configWarmup));
                final boolean held = holds(run, rate);
                run.fact("held", held);
                runs.add(run);
                if (held)
                {
                    best = Math.max(best, rate);
                }
                if (i == plan.size() - 1 && held && maxRate > 0 && rate * 2 <= maxRate)
                {
                    plan.add(rate * 2);
                }
            }
            highest.put(transport.id(), best);
            console.printf("%s: highest rate with round-trip p99 under %.0f µs: %,d frames/s%n",
                transport.id(), p99LimitNs / 1000.0, best);
        }
        Reports.printTable(console, "rtt", runs);
        Reports.printTable(console, "core", runs);
        Reports.printTable(console, "tick", runs);
        final Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("p99LimitUs", p99LimitNs / 1000.0);
        extra.put("highestRateP99UnderLimit", highest);
        Reports.write(out, "perf sweep", "V100 ring over Aeron: client round trip by rate", "rtt", runs, extra);
        console.printf("wrote %s (hgrm, hlog, latency.png, summary.json)%n", out);
        return 0;
    }

    private boolean holds(final RunResult run, final long rate)
    {
        final Object achieved = run.facts().get("achievedSendRate");
        final boolean keptSchedule = achieved instanceof Number n && n.doubleValue() >= 0.95 * rate;
        return Boolean.TRUE.equals(run.facts().get("completed")) && keptSchedule &&
            run.micros("rtt", 99) * 1000.0 < p99LimitNs;
    }

    static String rateLabel(final long rate)
    {
        if (rate >= 1_000_000 && rate % 1_000_000 == 0)
        {
            return (rate / 1_000_000) + "M/s";
        }
        if (rate >= 1_000 && rate % 1_000 == 0)
        {
            return (rate / 1_000) + "K/s";
        }
        return rate + "/s";
    }
}
