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
 * {@code perf baselines}: the ring against the alternatives, same handlers, same input, same run.
 */
@Command(
    name = "baselines",
    mixinStandardHelpOptions = true,
    description = {
        "The ring against ArrayBlockingQueue, HTTP and raw Aeron, in one run.",
        "Same five handlers, same input, same journal:",
        "  ring-inproc  the product's ring and fused tick, fed in-process      (e2e: planned send to end of tick)",
        "  abq          5 threads chained by ArrayBlockingQueue                 (e2e: planned send to end of stage 5)",
        "  http         5 HTTP services on loopback called in sequence          (e2e: planned send to 5th answer)",
        "  ring-ipc/udp the product over Aeron (CoreNode + client)              (rtt: planned send to answer)",
        "  echo-ipc/udp Aeron echo, no ring: the transport floor                (rtt, same frames)",
        "Ratios: abq and http over ring-inproc (e2e); ring over echo (rtt); http over ring-ipc.",
        "Writes DIR/NAME.*.hgrm, DIR/NAME.hlog, DIR/latency.png, DIR/summary.json." })
public final class BaselinesCommand implements Callable<Integer>
{
    @Option(names = "--rates", paramLabel = "N[,N...]", split = ",", defaultValue = "1000,100000",
        description = "Rates, frames/s; every system runs at each (default: ${DEFAULT-VALUE}).")
    List<Long> rates;

    @Option(names = "--http-max-rate", paramLabel = "N", defaultValue = "2000",
        description = "The HTTP chain runs only at rates up to this, frames/s: above its capacity its latency " +
            "grows with the run's length (default: ${DEFAULT-VALUE}).")
    long httpMaxRate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
        description = "Schedule length of each run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--transport", paramLabel = "ipc|udp", split = ",", defaultValue = "IPC,UDP",
        converter = TransportConverter.class,
        description = "Transports for the ring-over-Aeron and echo runs (default: ipc,udp).")
    List<Transport> transports;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-out/baselines",
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
        final Map<String, Object> ratios = new LinkedHashMap<>();
        for (final long rate : rates)
        {
            ratios.put(Long.toString(rate), runAll(harness, rate, runs));
        }
        Reports.printTable(console, "e2e", runs);
        Reports.printTable(console, "rtt", runs);
        printRatios(console, ratios);
        final Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ratios", ratios);
        Reports.write(out, "perf baselines", "V100 ring against the alternatives (same handlers, same input)",
            null, runs, extra);
        console.printf("wrote %s (hgrm, hlog, latency.png, summary.json)%n", out);
        return 0;
    }

    /**
     * Run every system at one rate.
     *
     * @return ratios at this rate, by comparison, then by percentile.
     */
    Map<String, Object> runAll(final Harness harness, final long rate, final List<RunResult> runs)
    {
        final MatchFrames frames = harness.frames();
        final double seconds = Harness.seconds(duration);
        final double warm = Harness.seconds(common.configWarmup);
        final String suffix = "-" + rate;
        final String at = " " + SweepCommand.rateLabel(rate);

        final RunResult ring = harness.measure("ring-inproc" + suffix, "ring in-process" + at,
            count -> InProcessRingTarget.product(frames), rate, seconds, OpenLoopSchedule.Wait.PARK, warm);
        final RunResult abq = harness.measure("abq" + suffix, "ArrayBlockingQueue x5" + at,
            count -> new QueuePipelineTarget(frames), rate, seconds, OpenLoopSchedule.Wait.PARK, warm);
        runs.add(ring);
        runs.add(abq);
        RunResult http = null;
        if (rate <= httpMaxRate)
        {
            http = harness.measure("http" + suffix, "HTTP x5 services" + at,
                count -> new HttpChainTarget(frames, harness.intervalNs()), rate, seconds,
                OpenLoopSchedule.Wait.PARK, warm);
            runs.add(http);
        }

        final Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("abq/ring-inproc (e2e)", ratio(abq, ring, "e2e", "e2e"));
        if (null != http)
        {
            ratios.put("http/ring-inproc (e2e)", ratio(http, ring, "e2e", "e2e"));
        }
        for (final Transport transport : transports)
        {
            final RunResult aeronRing = harness.measure("ring-" + transport.id() + suffix,
                "ring over Aeron " + transport.id() + at,
                count -> new AeronRingTarget(frames, count, transport, WaitStrategyKind.AUTO, harness.intervalNs()),
                rate, seconds, OpenLoopSchedule.Wait.YIELD, warm);
            final RunResult echo = harness.measure("echo-" + transport.id() + suffix,
                "Aeron echo " + transport.id() + " (floor)" + at,
                count -> new AeronEchoTarget(frames, count, transport, harness.intervalNs()),
                rate, seconds, OpenLoopSchedule.Wait.YIELD, warm);
            runs.add(aeronRing);
            runs.add(echo);
            ratios.put("ring-" + transport.id() + "/echo-" + transport.id() + " (rtt)",
                ratio(aeronRing, echo, "rtt", "rtt"));
            if (null != http)
            {
                ratios.put("http/ring-" + transport.id() + " (e2e over rtt)", ratio(http, aeronRing, "e2e", "rtt"));
            }
        }
        return ratios;
    }

    /**
     * @return numerator over denominator at p50, p99, p99.9 and max, rounded to 0.01.
     */
    static Map<String, Object> ratio(
        final RunResult numerator, final RunResult denominator, final String numMetric, final String denMetric)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        final double[] ps = { 50, 99, 99.9 };
        final String[] keys = { "p50", "p99", "p99.9" };
        for (int i = 0; i < ps.length; i++)
        {
            map.put(keys[i], round2(numerator.micros(numMetric, ps[i]) / denominator.micros(denMetric, ps[i])));
        }
        map.put("max", round2(numerator.maxMicros(numMetric) / denominator.maxMicros(denMetric)));
        return map;
    }

    static void printRatios(final PrintStream console, final Map<String, Object> ratios)
    {
        console.println("ratios (baseline / ring, or ring / floor):");
        for (final Map.Entry<String, Object> byRate : ratios.entrySet())
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> map = (Map<String, Object>)byRate.getValue();
            for (final Map.Entry<String, Object> entry : map.entrySet())
            {
                console.printf("  at %s/s  %-34s %s%n", byRate.getKey(), entry.getKey(), entry.getValue());
            }
        }
    }

    private static double round2(final double value)
    {
        return Double.isFinite(value) ? Math.round(value * 100.0) / 100.0 : -1;
    }
}
