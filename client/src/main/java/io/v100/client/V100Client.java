package io.v100.client;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A connection to the core over Aeron: an ingress publication to send SBE frames and an egress subscription to
 * receive the core's answers.
 * <p>
 * It connects through a media driver that is already running (see {@link ClientContext#aeronDirectoryName()}); it
 * never starts one, so an application that embeds this library needs neither the media driver nor anything of the
 * core on its classpath.
 * <p>
 * Single-threaded: one thread sends and polls. {@link #send} polls egress while it waits out back-pressure, so a
 * client that both sends and reads on one thread cannot deadlock against a core that is itself waiting for the
 * client to read.
 */
public final class V100Client implements AutoCloseable
{
    private final Aeron aeron;
    private final Publication ingress;
    private final Subscription egress;
    private final Subscription replay;
    private final FragmentAssembler egressAssembler;
    private final FragmentAssembler replayAssembler;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    private long backPressured;

    private V100Client(
        final ClientContext context,
        final FragmentHandler egressHandler,
        final FragmentHandler replayHandler,
        final ErrorHandler errorHandler)
    {
        context.conclude();
        final Aeron.Context aeronContext = new Aeron.Context().aeronDirectoryName(context.aeronDirectoryName());
        if (null != errorHandler)
        {
            aeronContext.errorHandler(errorHandler);
        }
        aeron = Aeron.connect(aeronContext);
        egress = aeron.addSubscription(context.egressChannel(), context.egressStreamId());
        replay = null == replayHandler ? null : aeron.addSubscription(context.egressChannel(), context.replayStreamId());
        ingress = aeron.addPublication(context.ingressChannel(), context.ingressStreamId());
        egressAssembler = new FragmentAssembler(egressHandler);
        replayAssembler = null == replayHandler ? null : new FragmentAssembler(replayHandler);
    }

    /**
     * Connect through a media driver.
     *
     * @param context       channels, streams and the directory of a running media driver.
     * @param egressHandler receiving each egress message during {@link #poll} and {@link #send}.
     * @return the client; call {@link #awaitConnected(long)} before sending.
     * @throws IllegalArgumentException if {@link ClientContext#conclude()} finds a bad setting.
     */
    public static V100Client connect(final ClientContext context, final FragmentHandler egressHandler)
    {
        return new V100Client(context, egressHandler, null, null);
    }

    /**
     * Connect, also subscribing to the replay stream that answers {@code ReplayRequest}s.
     *
     * @param context       channels, streams and the directory of a running media driver.
     * @param egressHandler receiving live egress; the fragment header's session id tells core incarnations apart.
     * @param replayHandler receiving replayed egress and each {@code ReplayEnd}.
     * @return the client.
     */
    public static V100Client connect(
        final ClientContext context, final FragmentHandler egressHandler, final FragmentHandler replayHandler)
    {
        return new V100Client(context, egressHandler, replayHandler, null);
    }

    /**
     * Connect with the replay stream, reporting Aeron's own errors to a handler of the caller's. Aeron's default
     * handler ends the process when the media driver stops answering; a long-lived client that should outlive its
     * core (a gateway) passes one that records the error instead, and reconnects.
     *
     * @param context       channels, streams and the directory of a running media driver.
     * @param egressHandler receiving live egress.
     * @param replayHandler receiving replayed egress and each {@code ReplayEnd}.
     * @param errorHandler  receiving errors from Aeron's client conductor thread, a driver timeout included.
     * @return the client.
     */
    public static V100Client connect(
        final ClientContext context,
        final FragmentHandler egressHandler,
        final FragmentHandler replayHandler,
        final ErrorHandler errorHandler)
    {
        return new V100Client(context, egressHandler, replayHandler, errorHandler);
    }

    /**
     * Wait until the core subscribes to our ingress and publishes to our egress.
     *
     * @param timeoutMs to wait.
     * @return true if both directions are connected.
     */
    public boolean awaitConnected(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!(ingress.isConnected() && egress.isConnected()))
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            poll(16);
            idleStrategy.idle();
        }
        return true;
    }

    /**
     * Offer one frame, waiting out back-pressure.
     *
     * @param buffer    holding the frame.
     * @param offset    of the frame.
     * @param length    of the frame in bytes.
     * @param timeoutMs longest wait while not connected or back-pressured.
     * @return true once the frame is in the publication; false if the core stayed unreachable for the timeout
     * or the publication closed.
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        long deadline = 0;
        idleStrategy.reset();
        while (true)
        {
            final long result = ingress.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            if (0 == deadline)
            {
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            }
            else if (System.nanoTime() > deadline)
            {
                return false;
            }
            backPressured++;
            idleStrategy.idle(poll(64));
        }
    }

    /**
     * @param fragmentLimit most egress messages to deliver.
     * @return messages delivered to the egress handler.
     */
    public int poll(final int fragmentLimit)
    {
        final int live = egress.poll(egressAssembler, fragmentLimit);
        return null == replay ? live : live + replay.poll(replayAssembler, fragmentLimit);
    }

    /**
     * @return times {@link #send} found the publication back-pressured or not connected.
     */
    public long backPressured()
    {
        return backPressured;
    }

    public boolean isConnected()
    {
        return ingress.isConnected() && egress.isConnected();
    }

    public void close()
    {
        CloseHelper.closeAll(ingress, egress, replay, aeron);
    }
}
