package io.v100.perf;

/**
 * A system under test that {@link OpenLoopRun} feeds frame by frame on a fixed schedule: the ring over Aeron, an
 * Aeron echo, an in-process pipeline, the HTTP chain.
 * <p>
 * All methods are called from the one sender thread, in the order {@link #send} for each frame (with
 * {@link #poll} while waiting), then {@link #finish}, then {@link #close}.
 */
public interface LoadTarget extends AutoCloseable
{
    /**
     * Hand frame {@code index} to the system, stamped with its planned send time.
     *
     * @param index     of the frame in {@link MatchFrames}, 0-based, in send order.
     * @param plannedNs when the schedule meant it to leave, {@code System.nanoTime()} scale.
     */
    void send(int index, long plannedNs);

    /**
     * Read answers, if the target has any.
     *
     * @return answers read, 0 if none were waiting.
     */
    int poll();

    /**
     * Wait until every frame sent has been processed (and answered, where answers are measured), then stop the
     * system so its histograms can be read.
     *
     * @param timeoutMs longest wait.
     * @return true if everything was processed in time.
     */
    boolean finish(long timeoutMs);

    /**
     * @param result to add this target's histograms and facts to, after {@link #finish}.
     */
    void report(RunResult result);

    /**
     * Release threads, sockets, drivers and temporary files.
     */
    void close();
}
