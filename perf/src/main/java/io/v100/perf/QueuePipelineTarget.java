package io.v100.perf;

import io.v100.core.RingEvent;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Baseline: the five handlers as five threads chained by {@link ArrayBlockingQueue}s, the classic staged
 * pipeline the Disruptor was designed against (Thompson et al., "Disruptor", LMAX technical paper, 2011, §3 and
 * the queue-based comparison of §7). Same handlers, same input, same journal as the ring; the sender blocks in
 * {@code put} when the first queue is full.
 * <p>
 * Slots are pre-allocated {@link RingEvent}s reused in rotation; a slot is reused only after more frames than all
 * the queues and stages together can hold have been sent, so a slot is never overwritten while in flight.
 */
public final class QueuePipelineTarget implements LoadTarget
{
    /** Capacity of each queue between stages. */
    public static final int QUEUE_CAPACITY = 1024;

    private static final int SLOTS = Integer.highestOneBit(QUEUE_CAPACITY * (StageTicks.STAGES + 2)) * 2;

    /** A slot and the ring sequence of the frame it holds. */
    private static final class Slot
    {
        final RingEvent event = new RingEvent();
        long sequence;
    }

    private final MatchFrames frames;
    private final Path journalDir;
    private final StageTicks stages;
    private final Slot[] slots = new Slot[SLOTS];
    private final ArrayBlockingQueue<Slot>[] queues;
    private final Thread[] threads = new Thread[StageTicks.STAGES];
    private volatile long completed;
    private volatile boolean running = true;
    private long sent;

    /**
     * @param frames the match.
     */
    @SuppressWarnings("unchecked")
    public QueuePipelineTarget(final MatchFrames frames)
    {
        this.frames = frames;
        journalDir = TempDirs.create("v100-perf-journal");
        stages = new StageTicks(journalDir);
        for (int i = 0; i < SLOTS; i++)
        {
            slots[i] = new Slot();
        }
        queues = new ArrayBlockingQueue[StageTicks.STAGES];
        for (int i = 0; i < StageTicks.STAGES; i++)
        {
            queues[i] = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        }
        for (int i = 0; i < StageTicks.STAGES; i++)
        {
            final int stage = i;
            threads[i] = new Thread(() -> runStage(stage), "v100-perf-abq-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    public void send(final int index, final long plannedNs)
    {
        final Slot slot = slots[(int)(sent & (SLOTS - 1))];
        slot.sequence = sent;
        slot.event.set(
            frames.buffer(), frames.offset(index), frames.length(index), plannedNs, System.currentTimeMillis());
        try
        {
            queues[0].put(slot);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", ex);
        }
        sent++;
    }

    public int poll()
    {
        return 0;
    }

    public boolean finish(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (completed < sent && System.nanoTime() < deadline)
        {
            Thread.yield();
        }
        stop();
        return completed == sent;
    }

    public void report(final RunResult result)
    {
        result.histogram("e2e", stages.last().latency())
            .fact("system", "5 threads chained by ArrayBlockingQueue(" + QUEUE_CAPACITY + ")")
            .fact("eventsProcessed", stages.last().eventsProcessed())
            .fact("egressMessages", stages.egressMessages());
    }

    public void close()
    {
        stop();
        stages.close();
        TempDirs.delete(journalDir);
    }

    private void stop()
    {
        if (!running)
        {
            return;
        }
        running = false;
        for (final Thread thread : threads)
        {
            thread.interrupt();
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runStage(final int stage)
    {
        final ArrayBlockingQueue<Slot> in = queues[stage];
        final ArrayBlockingQueue<Slot> out = stage + 1 < StageTicks.STAGES ? queues[stage + 1] : null;
        final io.v100.core.BroadcastTick tick = stages.tick(stage);
        try
        {
            while (running)
            {
                final Slot slot = in.take();
                tick.onEvent(slot.event, slot.sequence, true);
                if (null != out)
                {
                    out.put(slot);
                }
                else
                {
                    completed = slot.sequence + 1;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
