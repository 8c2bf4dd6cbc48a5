package io.v100.core;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import net.openhft.affinity.AffinityLock;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single-writer Disruptor ring and its consumer thread running {@link BroadcastTick}.
 * <p>
 * One producer (the gateway poller) copies frames into pre-allocated {@link RingEvent} slots with
 * {@link #tryPublish}; one consumer runs the tick. The threading plan is logged once at start.
 */
public final class BroadcastRing implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastRing.class);

    private final Disruptor<RingEvent> disruptor;
    private final RingBuffer<RingEvent> ringBuffer;
    private final ThreadingPlan plan;
    private volatile int ringCpu = -1;
    private final BroadcastTick tick;
    private final AtomicLong handlerErrors = new AtomicLong();
    private boolean started;

    /**
     * @param context settings; validated here.
     * @param tick    the consumer.
     */
    public BroadcastRing(final CoreContext context, final BroadcastTick tick)
    {
        context.conclude();
        plan = context.threadingPlan();
        disruptor = new Disruptor<>(
            RingEvent.FACTORY,
            context.ringSize(),
            threadFactory(plan.pinRingThread()),
            ProducerType.SINGLE,
            plan.ringWait().newWaitStrategy());
        this.tick = tick;
        disruptor.handleEventsWith(tick);
        disruptor.setDefaultExceptionHandler(new TickExceptionHandler(handlerErrors));
        ringBuffer = disruptor.getRingBuffer();
    }

    /**
     * Start the consumer thread and log the threading plan.
     */
    public void start()
    {
        LOG.info("v100 ring threading: {} (ring size {})", plan, ringBuffer.getBufferSize());
        disruptor.start();
        started = true;
    }

    /**
     * Copy a frame into the next slot and publish it. Producer thread only.
     *
     * @param src             holding the frame.
     * @param offset          of the frame.
     * @param length          of the frame in bytes.
     * @param receivedNanos   {@code System.nanoTime()} at receipt.
     * @param receivedEpochNs wall clock at receipt, ns since the Unix epoch.
     * @return false if the ring is full; the caller retries later (back-pressure), nothing was published.
     */
    public boolean tryPublish(
        final DirectBuffer src,
        final int offset,
        final int length,
        final long receivedNanos,
        final long receivedEpochNs)
    {
        if (!ringBuffer.hasAvailableCapacity(1))
        {
            return false;
        }
        final long sequence = ringBuffer.next();
        ringBuffer.get(sequence).set(src, offset, length, receivedNanos, receivedEpochNs);
        ringBuffer.publish(sequence);
        tick.counters().ringPublished().setRelease(sequence + 1);
        return true;
    }

    /**
     * Publish a snapshot command: every handler snapshots after the inputs published before it. Producer thread
     * only.
     *
     * @return false if the ring is full; retry later.
     */
    public boolean tryPublishSnapshot()
    {
        if (!ringBuffer.hasAvailableCapacity(1))
        {
            return false;
        }
        final long sequence = ringBuffer.next();
        ringBuffer.get(sequence).setSnapshot(System.nanoTime());
        ringBuffer.publish(sequence);
        tick.counters().ringPublished().setRelease(sequence + 1);
        return true;
    }

    /**
     * Publish a refusal: the tick answers it with {@code Rejected} outside any tick and counts it. Producer thread
     * only.
     *
     * @param reason      a {@code RejectReason} value.
     * @param templateId  from the refused frame's header.
     * @param schemaId    from the refused frame's header.
     * @param version     from the refused frame's header.
     * @param frameLength of the refused frame.
     * @return false if the ring is full; retry later.
     */
    public boolean tryPublishRefused(
        final int reason, final int templateId, final int schemaId, final int version, final int frameLength)
    {
        if (!ringBuffer.hasAvailableCapacity(1))
        {
            return false;
        }
        final long sequence = ringBuffer.next();
        ringBuffer.get(sequence).setRefused(reason, templateId, schemaId, version, frameLength, System.nanoTime());
        ringBuffer.publish(sequence);
        return true;
    }

    /**
     * @return the sequence of the last published input, -1 before the first.
     */
    public long cursor()
    {
        return ringBuffer.getCursor();
    }

    /**
     * @return exceptions the handlers threw: those the tick caught (the input's output discarded, see
     * {@link BroadcastTick#handlerErrors()}) and any that escaped it, counted and logged by the exception handler.
     * Read the tick's share only after the ring has stopped.
     */
    public long handlerErrors()
    {
        return handlerErrors.get() + tick.handlerErrors();
    }

    public ThreadingPlan plan()
    {
        return plan;
    }

    /**
     * Process everything published so far, then stop the consumer.
     *
     * @param timeoutMs to wait for the backlog.
     * @return true if the backlog drained in time.
     */
    public boolean drainAndStop(final long timeoutMs)
    {
        if (!started)
        {
            return true;
        }
        started = false;

        // Disruptor.shutdown() ignores a consumer whose thread has not started running yet, so wait on the
        // tick's own sequence instead.
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final long target = ringBuffer.getCursor();
        boolean drained = true;
        while (disruptor.getSequenceValueFor(tick) < target)
        {
            if (System.nanoTime() > deadline)
            {
                drained = false;
                break;
            }
            Thread.onSpinWait();
        }
        disruptor.halt();
        return drained;
    }

    public void close()
    {
        drainAndStop(10_000);
    }

    /**
     * @return the threading as it is, not as planned: the plan's settings with {@code ringPinned} true only when
     * the consumer thread holds a CPU ({@code ringCpu} names it). A plan that asked for pinning where no CPU could
     * be reserved reads {@code ringPinned=false}.
     */
    public String threading()
    {
        return plan.describe(ringCpu);
    }

    /**
     * @return the CPU the ring consumer is bound to; -1 when it is not bound (not pinned, not started, or no CPU
     * could be reserved).
     */
    public int ringCpu()
    {
        return ringCpu;
    }

    private ThreadFactory threadFactory(final boolean pin)
    {
        return runnable ->
        {
            final Thread thread = new Thread(() ->
            {
                if (pin)
                {
                    try (AffinityLock lock = AffinityLock.acquireLock())
                    {
                        ringCpu = lock.isAllocated() && lock.cpuId() >= 0 ? lock.cpuId() : -1;
                        if (ringCpu >= 0)
                        {
                            LOG.info("v100 ring consumer bound to CPU {}", ringCpu);
                        }
                        else
                        {
                            LOG.warn("v100 ring consumer not pinned: no CPU could be reserved");
                        }
                        runnable.run();
                    }
                }
                else
                {
                    runnable.run();
                }
            }, "v100-ring");
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Counts and logs a handler failure and lets the ring carry on: a bug in one input must not stop the ring
     * (the Disruptor's default would halt the processor).
     */
    static final class TickExceptionHandler implements ExceptionHandler<RingEvent>
    {
        private final AtomicLong errors;

        TickExceptionHandler(final AtomicLong errors)
        {
            this.errors = errors;
        }

        public void handleEventException(final Throwable ex, final long sequence, final RingEvent event)
        {
            errors.incrementAndGet();
            LOG.error("handler failed on ring sequence {} ({} bytes)", sequence, event.frameLength(), ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            LOG.error("ring consumer failed to start", ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("ring consumer failed to shut down", ex);
        }
    }
}
