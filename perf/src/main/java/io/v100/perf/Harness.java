package io.v100.perf;

import io.v100.core.WaitStrategyKind;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Runs measured configurations one after another in this JVM: a warm-up of the whole path first, then for each
 * configuration a short warm-up on a throwaway instance, a GC, and the measured run on a fresh instance.
 */
public final class Harness
{
    /** Creates a fresh system under test for a run of {@code count} frames. */
    @FunctionalInterface
    public interface TargetFactory
    {
        /**
         * @param count frames the run will send.
         * @return the target, ready to receive.
         */
        LoadTarget create(int count);
    }

    private final MatchFrames frames;
    private final PrintStream out;
    private final long intervalNs;

    /**
     * @param frames     the match.
     * @param out        progress.
     * @param intervalNs length of interval histograms, ns.
     */
    public Harness(final MatchFrames frames, final PrintStream out, final long intervalNs)
    {
        this.frames = frames;
        this.out = out;
        this.intervalNs = intervalNs;
    }

    public MatchFrames frames()
    {
        return frames;
    }

    public long intervalNs()
    {
        return intervalNs;
    }

    /**
     * Compile the whole path before any measurement: {@code count} frames through the in-process ring, then
     * through a core over Aeron IPC, both discarded.
     *
     * @param count frames per warm-up, 0 to skip.
     */
    public void warmUpJvm(final int count)
    {
        if (count <= 0)
        {
            return;
        }
        final int n = Math.min(count, frames.count());
        final long startNs = System.nanoTime();
        try (LoadTarget ring = InProcessRingTarget.product(frames))
        {
            OpenLoopRun.run(frames, n, 1_000_000, OpenLoopSchedule.Wait.PARK, ring, new RunResult("w", "w"), null);
        }
        try (LoadTarget core = new AeronRingTarget(frames, n, Transport.IPC, WaitStrategyKind.AUTO, intervalNs))
        {
            OpenLoopRun.run(frames, n, 200_000, OpenLoopSchedule.Wait.YIELD, core, new RunResult("w", "w"), null);
        }
        out.printf("warm-up: %,d frames through the in-process ring and through a core over IPC, %.1f s (discarded)%n",
            n, (System.nanoTime() - startNs) / 1e9);
    }

    /**
     * @param name    file-name-safe identifier.
     * @param label   legend and table label.
     * @param factory creates the target.
     * @param rate    frames per second.
     * @param seconds of schedule; the run sends {@code min(rate * seconds, all frames)} frames.
     * @param wait    how the sender waits between frames.
     * @param warmupSeconds of schedule on a throwaway instance first; 0 for none.
     * @return the measured run.
     */
    public RunResult measure(
        final String name,
        final String label,
        final TargetFactory factory,
        final long rate,
        final double seconds,
        final OpenLoopSchedule.Wait wait,
        final double warmupSeconds)
    {
        final int count = frameCount(rate, seconds);
        if (warmupSeconds > 0)
        {
            final int warmCount = Math.max(100, frameCount(rate, warmupSeconds));
            try (LoadTarget warm = factory.create(warmCount))
            {
                OpenLoopRun.run(frames, warmCount, rate, wait, warm, new RunResult(name, label), null);
            }
        }
        System.gc();
        out.printf("  %-44s %,10d frames at %,d/s ...", label, count, rate);
        out.flush();
        final long startNs = System.nanoTime();
        final RunResult result = new RunResult(name, label);
        try (LoadTarget target = factory.create(count))
        {
            OpenLoopRun.run(frames, count, rate, wait, target, result, out);
        }
        final String metric = Reports.primaryMetric(result);
        out.printf(" %.1f s; %s p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n",
            (System.nanoTime() - startNs) / 1e9, metric, result.micros(metric, 50), result.micros(metric, 99),
            result.micros(metric, 99.9), result.maxMicros(metric));
        return result;
    }

    /**
     * @param rate    frames per second.
     * @param seconds of schedule.
     * @return frames a run of that length sends, at most every frame of the match.
     */
    public int frameCount(final long rate, final double seconds)
    {
        return (int)Math.max(1, Math.min(frames.count(), Math.round(rate * seconds)));
    }

    /**
     * @param duration a length of time.
     * @return it in seconds.
     */
    public static double seconds(final java.time.Duration duration)
    {
        return duration.toNanos() / (double)TimeUnit.SECONDS.toNanos(1);
    }
}
