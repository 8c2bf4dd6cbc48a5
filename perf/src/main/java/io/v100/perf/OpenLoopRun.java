package io.v100.perf;

import io.v100.core.CpuBinding;
import net.openhft.affinity.Affinity;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link LoadTarget} with the first {@code frames} frames of the match at a fixed rate, open loop.
 */
public final class OpenLoopRun
{
    /** Delay before frame 0 is due, so the first frames are not already late when the loop starts. */
    public static final long LEAD_NS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Longest wait for the system to process the last frames after the last send. */
    public static final long FINISH_TIMEOUT_MS = 60_000;

    private OpenLoopRun()
    {
    }

    /**
     * @param frames   the match.
     * @param count    frames to send from the first; at most {@link MatchFrames#count()}.
     * @param rate     frames per second.
     * @param wait     how the sender waits between frames.
     * @param target   the system under test; closed by the caller.
     * @param result   receives the target's histograms and the run's facts.
     * @param progress where a one-line note goes if the run ends late; null for none.
     * @return the result.
     */
    public static RunResult run(
        final MatchFrames frames,
        final int count,
        final long rate,
        final OpenLoopSchedule.Wait wait,
        final LoadTarget target,
        final RunResult result,
        final PrintStream progress)
    {
        final String loadBefore = MachineInfo.loadAverage();
        // The sender keeps off the CPU a pinned ring thread owns, as the core's own threads do; reset afterwards
        // so threads the next configuration creates do not inherit the binding.
        final boolean bound = CpuBinding.bindToUnreservedCpus();
        try
        {
            return runBound(frames, count, rate, wait, target, result, progress, loadBefore);
        }
        finally
        {
            if (bound)
            {
                Affinity.resetToBaseAffinity();
            }
        }
    }

    private static RunResult runBound(
        final MatchFrames frames,
        final int count,
        final long rate,
        final OpenLoopSchedule.Wait wait,
        final LoadTarget target,
        final RunResult result,
        final PrintStream progress,
        final String loadBefore)
    {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(rate, LEAD_NS, wait);
        final OpenLoopSchedule.IdleWork poll = target::poll;
        long lateSends = 0;
        long maxLateNs = 0;
        for (int i = 0; i < count; i++)
        {
            final long plannedNs = schedule.plannedNs(i);
            schedule.awaitDue(plannedNs, poll);
            final long nowNs = System.nanoTime();
            final long lateNs = nowNs - plannedNs;
            if (lateNs > TimeUnit.MICROSECONDS.toNanos(100))
            {
                lateSends++;
            }
            maxLateNs = Math.max(maxLateNs, lateNs);
            // A late frame keeps its planned time (no coordinated omission); a frame the parking sender lets
            // leave early is timed from when it left, so an early send cannot shorten its latency.
            target.send(i, Math.min(plannedNs, nowNs));
        }
        final long lastSendNs = System.nanoTime();
        final boolean finished = target.finish(FINISH_TIMEOUT_MS);
        final long endNs = System.nanoTime();
        if (!finished && null != progress)
        {
            progress.printf("  %s: not everything was processed within %d s%n", result.label(),
                TimeUnit.MILLISECONDS.toSeconds(FINISH_TIMEOUT_MS));
        }
        target.report(result);

        final double sendSeconds = Math.max(1, lastSendNs - schedule.startNs()) / 1e9;
        result.fact("targetRate", rate)
            .fact("frames", count)
            .fact("seconds", Reports.round((endNs - schedule.startNs()) / 1e9))
            .fact("sendSeconds", Reports.round(sendSeconds))
            .fact("achievedSendRate", Math.round(count / sendSeconds))
            .fact("sendsLateOver100us", lateSends)
            .fact("maxSendLateUs", Reports.round(maxLateNs / 1000.0))
            .fact("completed", finished)
            .fact("loadAverageBefore", loadBefore)
            .fact("loadAverageAfter", MachineInfo.loadAverage());
        return result;
    }
}
