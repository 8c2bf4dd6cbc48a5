package io.v100.perf.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one {@code perf gateway} run: per target and connection count, RPS and latency percentiles, and
 * the full/bare ratios; written as {@code gateway.json} and {@code gateway.md}, and printed as a table.
 * Latencies are reported in ms, as the reference figures are.
 */
public final class GatewayReport
{
    /** The product's reference figures for this gateway (16-core laptop, full middleware), issue 10. */
    public static final String REFERENCE =
        "reference (16-core laptop, full middleware): 220 K req/s with 10 µs server processing; " +
        "50 connections p50 2.1 ms, p95 5.3 ms, p99 13.4 ms; 200 connections p50 12.1 ms";

    /** Closed-loop caveat printed with every report. */
    public static final String CLOSED_LOOP_NOTE =
        "wrk is closed loop: a connection sends its next request only after the previous answer, so stalls lower " +
        "the offered load instead of queueing requests, and the percentiles are a lower bound (coordinated " +
        "omission). Debian packages no open-loop wrk2.";

    /**
     * One measured run.
     *
     * @param target      target name.
     * @param connections wrk connections.
     * @param output      wrk's figures.
     */
    public record Run(String target, int connections, WrkOutput output)
    {
    }

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final List<Run> runs = new ArrayList<>();

    /**
     * @param key   header field (machine, tool, settings).
     * @param value its value.
     * @return this.
     */
    public GatewayReport put(final String key, final Object value)
    {
        header.put(key, value);
        return this;
    }

    /**
     * @param run a measured run.
     * @return this.
     */
    public GatewayReport add(final Run run)
    {
        runs.add(run);
        return this;
    }

    /**
     * @return the runs, in order.
     */
    public List<Run> runs()
    {
        return List.copyOf(runs);
    }

    /**
     * @param connections connection count.
     * @return full RPS / bare RPS at that count, or NaN where either is missing.
     */
    public double rpsRatio(final int connections)
    {
        final Run bare = find("bare", connections);
        final Run full = find("full", connections);
        return null == bare || null == full ? Double.NaN :
            full.output().requestsPerSecond() / bare.output().requestsPerSecond();
    }

    private Run find(final String target, final int connections)
    {
        return runs.stream().filter(r -> r.target().equals(target) && r.connections() == connections)
            .findFirst().orElse(null);
    }

    /**
     * @return the report as a JSON tree: header fields, {@code runs} (RPS, latency in ms, errors) and
     * {@code ratios} (full/bare RPS per connection count, where both ran).
     */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>(header);
        final List<Map<String, Object>> runList = new ArrayList<>();
        for (final Run run : runs)
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", run.target());
            entry.put("connections", run.connections());
            entry.put("requests", run.output().requests());
            entry.put("durationS", run.output().durationUs() / 1e6);
            entry.put("rps", round(run.output().requestsPerSecond(), 1));
            final Map<String, Object> latency = new LinkedHashMap<>();
            run.output().latencyUs().forEach((key, us) -> latency.put(key, round(us / 1000.0, 3)));
            latency.put("mean", round(run.output().meanLatencyUs() / 1000.0, 3));
            entry.put("latencyMs", latency);
            entry.put("errors", run.output().errors());
            runList.add(entry);
        }
        map.put("runs", runList);
        final List<Map<String, Object>> ratios = new ArrayList<>();
        runs.stream().map(Run::connections).distinct().forEach(connections ->
        {
            final double ratio = rpsRatio(connections);
            if (!Double.isNaN(ratio))
            {
                ratios.add(Map.of("connections", connections, "rpsFullOverBare", round(ratio, 3)));
            }
        });
        map.put("ratios", ratios);
        map.put("reference", REFERENCE);
        map.put("note", CLOSED_LOOP_NOTE);
        return map;
    }

    /**
     * Writes {@code gateway.json} and {@code gateway.md} into {@code dir}.
     *
     * @param dir output directory.
     * @throws IOException where a file cannot be written.
     */
    public void write(final Path dir) throws IOException
    {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(dir.resolve("gateway.json").toFile(), toMap());
        final StringBuilder md = new StringBuilder("# Gateway benchmark\n\n");
        header.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        md.append('\n').append(table()).append('\n');
        md.append("- ").append(REFERENCE).append('\n');
        md.append("- ").append(CLOSED_LOOP_NOTE).append('\n');
        Files.writeString(dir.resolve("gateway.md"), md.toString());
    }

    /**
     * @param out where the table goes.
     */
    public void print(final PrintStream out)
    {
        out.print(table());
        out.println(CLOSED_LOOP_NOTE);
    }

    private String table()
    {
        final StringBuilder text = new StringBuilder(
            "| target | connections | RPS | p50 ms | p99 ms | p99.9 ms | max ms | errors | full/bare RPS |\n" +
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Run run : runs)
        {
            final WrkOutput output = run.output();
            final double ratio = "full".equals(run.target()) ? rpsRatio(run.connections()) : Double.NaN;
            text.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
                run.target(),
                run.connections(),
                output.requestsPerSecond(),
                output.latencyUs().get("p50") / 1000.0,
                output.latencyUs().get("p99") / 1000.0,
                output.latencyUs().get("p99.9") / 1000.0,
                output.latencyUs().get("max") / 1000.0,
                output.errorCount(),
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio)));
        }
        return text.toString();
    }

    private static double round(final double value, final int decimals)
    {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
