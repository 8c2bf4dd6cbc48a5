package io.v100.perf.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One wrk run's figures, parsed from the {@code v100.KEY=VALUE} lines the {@code wrk-report.lua} script prints
 * after wrk's own report (wrk's {@code done(summary, latency, requests)} hook: {@code summary.duration} in µs,
 * {@code latency:percentile(p)} in µs).
 *
 * @param requests      responses completed.
 * @param durationUs    length of the run, µs.
 * @param bytes         bytes read.
 * @param errors        socket errors by kind ({@code connect}, {@code read}, {@code write}, {@code timeout}) and
 *                      {@code status} (responses outside 2xx/3xx).
 * @param latencyUs     latency percentiles, µs, keyed {@code p50}, {@code p90}, {@code p99}, {@code p99.9},
 *                      {@code p99.99}, {@code max}.
 * @param meanLatencyUs mean latency, µs.
 */
public record WrkOutput(
    long requests,
    long durationUs,
    long bytes,
    Map<String, Long> errors,
    Map<String, Long> latencyUs,
    double meanLatencyUs)
{
    private static final String PREFIX = "v100.";
    private static final String[] ERROR_KINDS = { "connect", "read", "write", "status", "timeout" };
    private static final String[] LATENCY_KEYS = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };

    /**
     * @return completed responses per second.
     */
    public double requestsPerSecond()
    {
        return requests * 1_000_000.0 / durationUs;
    }

    /**
     * @return all errors together.
     */
    public long errorCount()
    {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param wrkStdout everything wrk printed on standard output.
     * @return the figures.
     * @throws IllegalArgumentException where a figure is missing (wrk ran without the script, or failed).
     */
    public static WrkOutput parse(final String wrkStdout)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String line : wrkStdout.split("\\R"))
        {
            final String text = line.strip();
            final int equals = text.indexOf('=');
            if (text.startsWith(PREFIX) && equals > 0)
            {
                values.put(text.substring(PREFIX.length(), equals), text.substring(equals + 1));
            }
        }
        final Map<String, Long> errors = new LinkedHashMap<>();
        for (final String kind : ERROR_KINDS)
        {
            errors.put(kind, longValue(values, "errors." + kind));
        }
        final Map<String, Long> latency = new LinkedHashMap<>();
        for (final String key : LATENCY_KEYS)
        {
            latency.put(key, longValue(values, "latencyUs." + key));
        }
        return new WrkOutput(
            longValue(values, "requests"),
            longValue(values, "durationUs"),
            longValue(values, "bytes"),
            errors,
            latency,
            Double.parseDouble(value(values, "latencyUs.mean")));
    }

    private static long longValue(final Map<String, String> values, final String key)
    {
        return Long.parseLong(value(values, key));
    }

    private static String value(final Map<String, String> values, final String key)
    {
        final String value = values.get(key);
        if (null == value)
        {
            throw new IllegalArgumentException("wrk output has no " + PREFIX + key + " line (was it run with " +
                "the wrk-report.lua script?)");
        }
        return value.strip();
    }
}
