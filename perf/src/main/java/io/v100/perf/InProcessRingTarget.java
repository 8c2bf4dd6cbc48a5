package io.v100.perf;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastRing;
import io.v100.core.BroadcastTick;
import io.v100.core.CoreContext;
import io.v100.core.EgressProxy;
import io.v100.core.RingEvent;
import io.v100.core.WaitStrategyKind;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ring without Aeron: the sender publishes straight into a Disruptor, stamping each slot with the frame's
 * planned send time as its receipt time, so the last tick's latency histogram measures planned send to end of
 * the last handler.
 * <ul>
 *     <li>{@link #product}: the product's own {@link BroadcastRing} and fused {@link BroadcastTick}, threading
 *     chosen by the core count as in production (on 2 cores: busy-spin, pinned).</li>
 *     <li>{@link #layout}: a Disruptor built here with a given wait strategy, unpinned, in the fused layout (one
 *     consumer runs the five handlers) or the staged layout (five consumers, one handler each, chained).</li>
 * </ul>
 */
public final class InProcessRingTarget implements LoadTarget
{
    private final MatchFrames frames;
    private final String description;
    private final Path journalDir;
    private final BroadcastRing productRing;
    private final Disruptor<RingEvent> disruptor;
    private final RingBuffer<RingEvent> ringBuffer;
    private final BroadcastTick firstTick;
    private final BroadcastTick lastTick;
    private final InputJournal fusedJournal;
    private final StageTicks stages;
    private final CountingSink fusedSink;
    private boolean stopped;

    private InProcessRingTarget(final MatchFrames frames, final Layout layout, final WaitStrategyKind kind,
        final boolean product)
    {
        this.frames = frames;
        this.journalDir = TempDirs.create("v100-perf-journal");
        if (layout == Layout.FUSED)
        {
            fusedJournal = new InputJournal(new JournalContext().directory(journalDir));
            fusedSink = new CountingSink();
            final EgressProxy egress = new EgressProxy(fusedSink);
            firstTick = new BroadcastTick(fusedJournal, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
            lastTick = firstTick;
            stages = null;
        }
        else
        {
            fusedJournal = null;
            fusedSink = null;
            stages = new StageTicks(journalDir);
            firstTick = stages.tick(0);
            lastTick = stages.last();
        }

        if (product)
        {
            productRing = new BroadcastRing(new CoreContext(), firstTick);
            disruptor = null;
            ringBuffer = null;
            productRing.start();
            description = "in-process ring, fused, " + productRing.plan();
        }
        else
        {
            productRing = null;
            disruptor = new Disruptor<>(
                RingEvent.FACTORY,
                CoreContext.RING_SIZE_DEFAULT,
                runnable ->
                {
                    final Thread thread = new Thread(runnable, "v100-perf-stage");
                    thread.setDaemon(true);
                    return thread;
                },
                ProducerType.SINGLE,
                kind.newWaitStrategy());
            if (layout == Layout.FUSED)
            {
                disruptor.handleEventsWith(firstTick);
            }
            else
            {
                EventHandlerGroup<RingEvent> group = disruptor.handleEventsWith(stages.tick(0));
                for (int i = 1; i < StageTicks.STAGES; i++)
                {
                    group = group.then(stages.tick(i));
                }
            }
            ringBuffer = disruptor.start();
            description = "in-process ring, " + layout.id() + ", " + kind + ", unpinned";
        }
    }

    /**
     * @param frames the match.
     * @return the product's ring and fused tick with production threading, journal in a temporary directory.
     */
    public static InProcessRingTarget product(final MatchFrames frames)
    {
        return new InProcessRingTarget(frames, Layout.FUSED, WaitStrategyKind.AUTO, true);
    }

    /**
     * @param frames the match.
     * @param layout fused or staged.
     * @param kind   wait strategy of every consumer; not AUTO.
     * @return a Disruptor in that layout, journal in a temporary directory.
     */
    public static InProcessRingTarget layout(final MatchFrames frames, final Layout layout, final WaitStrategyKind kind)
    {
        if (kind == WaitStrategyKind.AUTO)
        {
            throw new IllegalArgumentException("choose a wait strategy for a layout run, not AUTO");
        }
        return new InProcessRingTarget(frames, layout, kind, false);
    }

    public void send(final int index, final long plannedNs)
    {
        if (null != productRing)
        {
            while (!productRing.tryPublish(
                frames.buffer(), frames.offset(index), frames.length(index), plannedNs, System.currentTimeMillis()))
            {
                Thread.yield();
            }
        }
        else
        {
            final long sequence = ringBuffer.next();
            ringBuffer.get(sequence).set(
                frames.buffer(), frames.offset(index), frames.length(index), plannedNs, System.currentTimeMillis());
            ringBuffer.publish(sequence);
        }
    }

    public int poll()
    {
        return 0;
    }

    public boolean finish(final long timeoutMs)
    {
        boolean drained = true;
        if (null != productRing)
        {
            drained = productRing.drainAndStop(timeoutMs);
        }
        else
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            final long target = ringBuffer.getCursor();
            while (disruptor.getSequenceValueFor(lastTick) < target)
            {
                if (System.nanoTime() > deadline)
                {
                    drained = false;
                    break;
                }
                Thread.yield();
            }
            disruptor.halt();
        }
        stopped = true;
        return drained;
    }

    public void report(final RunResult result)
    {
        result.histogram("e2e", lastTick.latency());
        if (null == stages)
        {
            result.histogram("tick", firstTick.tickTime());
        }
        result.fact("system", description)
            .fact("eventsProcessed", lastTick.eventsProcessed())
            .fact("eventsRejected", lastTick.eventsRejected())
            .fact("egressMessages", null == stages ? fusedSink.messages() : stages.egressMessages());
        if (null != productRing)
        {
            result.fact("handlerErrors", productRing.handlerErrors());
        }
    }

    public void close()
    {
        if (!stopped)
        {
            finish(10_000);
        }
        if (null != fusedJournal)
        {
            fusedJournal.close();
        }
        if (null != stages)
        {
            stages.close();
        }
        TempDirs.delete(journalDir);
    }
}
