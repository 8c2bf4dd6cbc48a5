package io.v100.perf;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one measured configuration produced: its latency histograms by metric name (ns), the interval histograms
 * of the metric recorded as it ran, and the facts of the run (rate, frames, duration, settings, load average).
 * <p>
 * Metric names: {@code rtt} client round trip from planned send to receipt of the answer; {@code core} gateway
 * receipt to end of tick inside the core; {@code tick} the tick's own service time; {@code e2e} planned send to
 * the end of the last handler for in-process pipelines and the HTTP chain.
 */
public final class RunResult
{
    private final String name;
    private final String label;
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final Map<String, List<IntervalRecorder.Interval>> intervals = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /**
     * @param name  file-name-safe identifier, e.g. {@code ring-ipc-100000}.
     * @param label shown in the plot legend and printed tables.
     */
    public RunResult(final String name, final String label)
    {
        this.name = name;
        this.label = label;
    }

    public String name()
    {
        return name;
    }

    public String label()
    {
        return label;
    }

    /**
     * @param metric    metric name.
     * @param histogram values in ns.
     * @return this.
     */
    public RunResult histogram(final String metric, final Histogram histogram)
    {
        histograms.put(metric, histogram);
        return this;
    }

    /**
     * @param metric   metric name.
     * @param recorder holding the whole-run histogram and its intervals.
     * @return this.
     */
    public RunResult recorded(final String metric, final IntervalRecorder recorder)
    {
        histograms.put(metric, recorder.total());
        intervals.put(metric, new ArrayList<>(recorder.intervals()));
        return this;
    }

    /**
     * @param key   fact name.
     * @param value JSON-serialisable value.
     * @return this.
     */
    public RunResult fact(final String key, final Object value)
    {
        facts.put(key, value);
        return this;
    }

    public Map<String, Histogram> histograms()
    {
        return histograms;
    }

    /**
     * @param metric name.
     * @return the histogram, or null if this run did not record the metric.
     */
    public Histogram histogram(final String metric)
    {
        return histograms.get(metric);
    }

    public Map<String, List<IntervalRecorder.Interval>> intervals()
    {
        return intervals;
    }

    public Map<String, Object> facts()
    {
        return facts;
    }

    /**
     * @param metric name.
     * @param percentile 0..100.
     * @return value at that percentile in µs, or NaN if the metric is absent or empty.
     */
    public double micros(final String metric, final double percentile)
    {
        final Histogram histogram = histograms.get(metric);
        if (null == histogram || 0 == histogram.getTotalCount())
        {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * @param metric name.
     * @return max in µs, or NaN if the metric is absent or empty.
     */
    public double maxMicros(final String metric)
    {
        final Histogram histogram = histograms.get(metric);
        return null == histogram || 0 == histogram.getTotalCount() ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }
}
