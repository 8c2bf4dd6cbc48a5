package io.v100.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the reports of a set of runs into one directory:
 * <ul>
 *     <li>{@code NAME.METRIC.hgrm}: HdrHistogram percentile distribution, values in µs;</li>
 *     <li>{@code NAME.hlog}: HdrHistogram interval log (values in ns), one tag per metric; interval histograms
 *     where the metric was recorded as the run went, one whole-run interval otherwise;</li>
 *     <li>{@code latency.png}: the percentile plot, one line per run, x = 1/(1-percentile) on a log axis (the
 *     classic HdrHistogram plot), y = latency in µs on a log axis;</li>
 *     <li>{@code summary.json}: machine, command, and each run's facts and percentiles in µs.</li>
 * </ul>
 */
public final class Reports
{
    /** Percentiles reported in the JSON summary and the printed tables. */
    public static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99 };

    private static final String[] PERCENTILE_KEYS = { "p50", "p90", "p99", "p99.9", "p99.99" };

    private Reports()
    {
    }

    /**
     * @param out       directory, created if absent.
     * @param command   the command line that produced the runs.
     * @param plotTitle title of the plot.
     * @param plotMetric metric plotted, one line per run that recorded it.
     * @param runs      the runs.
     * @param extra     more top-level summary entries (ratios, the highest sustained rate, ...).
     * @throws IOException if a file cannot be written.
     */
    public static void write(
        final Path out,
        final String command,
        final String plotTitle,
        final String plotMetric,
        final List<RunResult> runs,
        final Map<String, Object> extra) throws IOException
    {
        Files.createDirectories(out);
        for (final RunResult run : runs)
        {
            for (final Map.Entry<String, Histogram> entry : run.histograms().entrySet())
            {
                writeHgrm(entry.getValue(), out.resolve(run.name() + "." + entry.getKey() + ".hgrm"));
            }
            writeHlog(run, out.resolve(run.name() + ".hlog"));
        }
        writePlot(plotTitle, plotMetric, runs, out.resolve("latency.png"));
        writeSummary(command, runs, extra, out.resolve("summary.json"));
    }

    /**
     * @param histogram values in ns.
     * @param file      written in HdrHistogram's percentile distribution format, values in µs.
     * @throws IOException if the file cannot be written.
     */
    public static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (PrintStream stream = new PrintStream(Files.newOutputStream(file), false, "US-ASCII"))
        {
            histogram.outputPercentileDistribution(stream, 5, 1000.0);
        }
    }

    /**
     * @param run  whose histograms to log.
     * @param file the interval log, values in ns.
     * @throws IOException if the file cannot be written.
     */
    public static void writeHlog(final RunResult run, final Path file) throws IOException
    {
        try (PrintStream stream = new PrintStream(Files.newOutputStream(file), false, "US-ASCII"))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(stream);
            writer.outputComment("v100 perf " + run.name() + ": latency in ns, one tag per metric");
            writer.outputLogFormatVersion();
            writer.outputStartTime(System.currentTimeMillis());
            writer.setBaseTime(0);
            writer.outputLegend();
            for (final Map.Entry<String, Histogram> entry : run.histograms().entrySet())
            {
                final List<IntervalRecorder.Interval> intervals = run.intervals().get(entry.getKey());
                if (null != intervals && !intervals.isEmpty())
                {
                    for (final IntervalRecorder.Interval interval : intervals)
                    {
                        interval.histogram().setTag(entry.getKey());
                        writer.outputIntervalHistogram(interval.histogram());
                    }
                }
                else
                {
                    final Histogram whole = entry.getValue().copy();
                    whole.setTag(entry.getKey());
                    whole.setStartTimeStamp(0);
                    whole.setEndTimeStamp(Math.max(1, toMillis(run.facts().get("seconds"))));
                    writer.outputIntervalHistogram(whole);
                }
            }
        }
    }

    /**
     * @param title  of the chart.
     * @param metric plotted; null plots each run's {@link #primaryMetric(RunResult)}.
     * @param runs   one line each, where the metric was recorded.
     * @param file   PNG to write.
     * @throws IOException if the file cannot be written.
     */
    public static void writePlot(final String title, final String metric, final List<RunResult> runs, final Path file)
        throws IOException
    {
        final XYChart chart = new XYChartBuilder()
            .width(1100).height(650).title(title)
            .xAxisTitle("percentile: 1/(1-p), log scale (10 = p90, 100 = p99, 1000 = p99.9, ...)")
            .yAxisTitle((null != metric ? metric : "rtt or e2e") + " latency (µs, log scale)")
            .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");

        boolean any = false;
        for (final RunResult run : runs)
        {
            final String shown = null != metric ? metric : primaryMetric(run);
            final Histogram histogram = null == shown ? null : run.histogram(shown);
            if (null == histogram || histogram.getTotalCount() == 0)
            {
                continue;
            }
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final HistogramIterationValue value : histogram.percentiles(5))
            {
                final double p = value.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0)
                {
                    break;
                }
                xs.add(1.0 / (1.0 - p));
                ys.add(Math.max(0.01, value.getValueIteratedTo() / 1000.0));
            }
            if (xs.size() < 2)
            {
                continue;
            }
            final XYSeries series = chart.addSeries(null != metric ? run.label() : run.label() + " [" + shown + "]", xs, ys);
            series.setMarker(SeriesMarkers.NONE);
            any = true;
        }
        if (!any)
        {
            chart.addSeries("no data", new double[]{ 1, 10 }, new double[]{ 1, 1 });
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * @param histogram values in ns.
     * @return count, mean, percentiles and max in µs.
     */
    public static Map<String, Object> percentiles(final Histogram histogram)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", histogram.getTotalCount());
        if (histogram.getTotalCount() == 0)
        {
            return map;
        }
        map.put("meanUs", round(histogram.getMean() / 1000.0));
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            map.put(PERCENTILE_KEYS[i] + "Us", round(histogram.getValueAtPercentile(PERCENTILES[i]) / 1000.0));
        }
        map.put("maxUs", round(histogram.getMaxValue() / 1000.0));
        return map;
    }

    /**
     * Print one line per run of the metric's percentiles in µs.
     *
     * @param out    where to print.
     * @param metric printed.
     * @param runs   the runs; those without the metric are skipped.
     */
    public static void printTable(final PrintStream out, final String metric, final List<RunResult> runs)
    {
        out.printf("%-44s %10s %10s %10s %10s %10s %11s%n", metric + " (µs)", "count", "p50", "p99", "p99.9",
            "p99.99", "max");
        for (final RunResult run : runs)
        {
            final Histogram histogram = run.histogram(metric);
            if (null == histogram || histogram.getTotalCount() == 0)
            {
                continue;
            }
            out.printf("%-44s %,10d %10.1f %10.1f %10.1f %10.1f %,11.1f%n", run.label(), histogram.getTotalCount(),
                run.micros(metric, 50), run.micros(metric, 99), run.micros(metric, 99.9),
                run.micros(metric, 99.99), run.maxMicros(metric));
        }
    }

    /**
     * @param run a run.
     * @return the metric that best describes it end to end: {@code rtt} if recorded, else {@code e2e}, else null.
     */
    public static String primaryMetric(final RunResult run)
    {
        if (null != run.histogram("rtt"))
        {
            return "rtt";
        }
        return null != run.histogram("e2e") ? "e2e" : null;
    }

    static double round(final double value)
    {
        return Double.isNaN(value) ? value : Math.round(value * 1000.0) / 1000.0;
    }

    private static void writeSummary(
        final String command, final List<RunResult> runs, final Map<String, Object> extra, final Path file)
        throws IOException
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("machine", MachineInfo.describe());
        final List<Object> list = new ArrayList<>();
        for (final RunResult run : runs)
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", run.name());
            entry.put("label", run.label());
            entry.putAll(run.facts());
            final Map<String, Object> latency = new LinkedHashMap<>();
            for (final Map.Entry<String, Histogram> h : run.histograms().entrySet())
            {
                latency.put(h.getKey(), percentiles(h.getValue()));
            }
            entry.put("latency", latency);
            list.add(entry);
        }
        root.put("runs", list);
        root.putAll(extra);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static long toMillis(final Object seconds)
    {
        return seconds instanceof Number number ? Math.round(number.doubleValue() * 1000.0) : 0;
    }
}
