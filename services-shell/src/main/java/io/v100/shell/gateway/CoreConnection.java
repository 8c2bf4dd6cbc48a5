package io.v100.shell.gateway;

import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.ReplayRequestEncoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.StatusRequestEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The shell's one connection to the core, through the client library: a thread that owns a {@link V100Client},
 * feeds the egress through an {@link OrderedEgress} into the {@link EventProjection}, and sends the status
 * requests HTTP threads queue. The only class of the shell that touches Aeron.
 * <p>
 * The shell is an authenticated session of the core: once connected it opens a session with its credentials (a
 * principal holding the {@code VIEWER_GATEWAY} role, and {@code OPERATOR} for the status and replay requests it
 * sends); the core assigns its client id, and opens it again on a new core incarnation before asking for the
 * missed egress. Client sequences belong to the principal's client id, so a restarted shell numbers its frames
 * from 1 again and the client library offsets them by what the core already holds. When the connection drops
 * (the core or its media driver went away) the thread closes the client and connects again every
 * {@link #RECONNECT_MS}.
 */
public final class CoreConnection implements AutoCloseable
{
    /** Longest wait for the core's answer to a session open, ms. */
    public static final long SESSION_TIMEOUT_MS = 5_000;

    /** Wait between connection attempts, ms. */
    public static final long RECONNECT_MS = 500;

    /** A client that stays disconnected this long is closed and made again, ms. */
    public static final long STALE_MS = 3_000;

    /** Correlation ids of the shell's status requests start here, apart from the feed's. */
    private static final long CORRELATION_BASE = 1L << 62;

    private static final Logger LOG = LoggerFactory.getLogger(CoreConnection.class);

    private final ClientContext clientContext;
    private final ClientCredentials credentials;
    private final EventProjection projection;
    private final ConcurrentLinkedQueue<Long> statusQueue = new ConcurrentLinkedQueue<>();
    private final Map<Long, CompletableFuture<CoreCounters>> pending = new ConcurrentHashMap<>();
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final StatusRequestEncoder statusRequest = new StatusRequestEncoder();
    private final ReplayRequestEncoder replayRequest = new ReplayRequestEncoder();
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    private final Thread thread;
    private final long startNs = System.nanoTime();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile long lastMessageNs;
    private volatile Runnable connectionLostListener = () -> { };
    private volatile int clientId;
    private boolean sessionOpen;
    private long nextCorrelationId = CORRELATION_BASE;
    private long clientSequence;
    private long replayCorrelationId;
    private long replayRequestedNs;
    private long disconnectedSinceNs;
    private V100Client client;
    private OrderedEgress ordered;

    /**
     * @param clientContext channels and streams of the core, and the directory of a running media driver.
     * @param credentials   the shell's principal and secret, as the core's credential file knows them.
     * @param projection    receiving the egress.
     */
    public CoreConnection(
        final ClientContext clientContext, final ClientCredentials credentials, final EventProjection projection)
    {
        this.clientContext = clientContext;
        this.credentials = credentials;
        this.projection = projection;
        projection.countersListener(this::onCounters);
        thread = new Thread(this::run, "v100-shell-core");
        thread.setDaemon(true);
    }

    /**
     * Start the connection thread.
     *
     * @return this.
     */
    public CoreConnection start()
    {
        thread.start();
        return this;
    }

    /**
     * @param timeoutMs to wait.
     * @return true once connected both ways.
     */
    public boolean awaitConnected(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!connected && System.nanoTime() < deadline)
        {
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return connected;
    }

    /**
     * @return true while the core subscribes to the shell's ingress and publishes egress to it.
     */
    public boolean connected()
    {
        return connected;
    }

    /**
     * @return ms since the last egress message, or since the connection started when none came yet.
     */
    public long lastMessageAgeMs()
    {
        final long last = lastMessageNs;
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - (0 == last ? startNs : last));
    }

    /**
     * @return the projection the egress goes to.
     */
    public EventProjection projection()
    {
        return projection;
    }

    /**
     * @return this shell's client id as the core assigned it; 0 before the first session.
     */
    public int clientId()
    {
        return clientId;
    }

    /**
     * @param listener run on the connection thread when a connection is lost.
     */
    public void connectionLostListener(final Runnable listener)
    {
        this.connectionLostListener = listener;
    }

    /**
     * Ask the core for its counters. The future completes on the connection thread with the answer; it never
     * times out by itself, so callers bound it.
     *
     * @return the answer to come.
     */
    public CompletableFuture<CoreCounters> requestStatus()
    {
        final CompletableFuture<CoreCounters> answer = new CompletableFuture<>();
        final long correlationId;
        synchronized (statusQueue)
        {
            correlationId = nextCorrelationId++;
        }
        pending.put(correlationId, answer);
        answer.whenComplete((counters, failure) -> pending.remove(correlationId));
        statusQueue.add(correlationId);
        return answer;
    }

    public void close()
    {
        running = false;
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        try
        {
            while (running)
            {
                if (null == client && !connect())
                {
                    sleep(RECONNECT_MS);
                    continue;
                }
                int work;
                try
                {
                    work = doWork();
                }
                catch (final RuntimeException ex)
                {
                    LOG.warn("core connection failed: {}", ex.toString());
                    drop();
                    continue;
                }
                idle.idle(work);
            }
        }
        finally
        {
            drop();
        }
    }

    private int doWork()
    {
        final long nowNs = System.nanoTime();
        if (!sessionOpen)
        {
            return openSession(false) ? 1 : 0;
        }
        int work = client.poll(256);
        if (work > 0)
        {
            lastMessageNs = nowNs;
            projection.publish();
        }
        if (ordered.takeReplayNeeded())
        {
            // A new core incarnation knows no connection of the old one: open the session again, then catch up.
            // An EgressGap (the shell read too slowly) needs only the replay.
            if (ordered.takeResendNeeded() && !openSession(true))
            {
                drop();
                return work;
            }
            requestReplay(nowNs);
        }
        else if (ordered.catchingUp() && nowNs - replayRequestedNs > TimeUnit.SECONDS.toNanos(2))
        {
            requestReplay(nowNs);
        }

        Long correlationId;
        while (null != (correlationId = statusQueue.poll()))
        {
            work++;
            sendStatusRequest(correlationId);
        }

        final boolean isConnected = client.isConnected();
        if (isConnected)
        {
            disconnectedSinceNs = 0;
        }
        else if (0 == disconnectedSinceNs)
        {
            disconnectedSinceNs = nowNs;
        }
        else if (nowNs - disconnectedSinceNs > TimeUnit.MILLISECONDS.toNanos(STALE_MS))
        {
            LOG.warn("core unreachable for {} ms; reconnecting", STALE_MS);
            drop();
            return work;
        }
        if (connected != isConnected)
        {
            connected = isConnected;
            if (!isConnected)
            {
                connectionLostListener.run();
            }
        }
        return work;
    }

    private boolean connect()
    {
        try
        {
            ordered = new OrderedEgress(projection, 0);
            sessionOpen = false;
            client = V100Client.connect(clientContext, ordered.liveHandler(), ordered.replayHandler(),
                error -> LOG.warn("Aeron: {}", error.toString()));
            disconnectedSinceNs = System.nanoTime();
            return true;
        }
        catch (final RuntimeException ex)
        {
            LOG.debug("cannot reach the core's media driver yet: {}", ex.toString());
            client = null;
            return false;
        }
    }

    /**
     * Open (or, on a new core incarnation, re-open) the session once the connection is up both ways.
     *
     * @return true when the core answered OPEN.
     */
    private boolean openSession(final boolean reopen)
    {
        if (!client.isConnected())
        {
            return false;
        }
        final SessionCode code = reopen ?
            client.reopenSession(SESSION_TIMEOUT_MS) : client.openSession(credentials, SESSION_TIMEOUT_MS);
        if (SessionCode.OPEN != code)
        {
            LOG.warn("the core refused the shell's session for {}: {}", credentials.principal(), code);
            sessionOpen = false;
            return false;
        }
        clientId = client.clientId();
        ordered.session(clientId, client.sequenceBase());
        // Status requests are never resent: carry on from what the core expects, so a request lost with a core
        // restart never leaves a gap that would hold back every later one.
        clientSequence = client.nextClientSequence() - 1;
        sessionOpen = true;
        return true;
    }

    private void drop()
    {
        sessionOpen = false;
        final boolean wasConnected = connected;
        connected = false;
        CloseHelper.quietClose(client);
        client = null;
        if (wasConnected)
        {
            connectionLostListener.run();
        }
        for (final CompletableFuture<CoreCounters> answer : pending.values())
        {
            answer.completeExceptionally(new CoreUnavailableException("connection to the core lost"));
        }
    }

    private void sendStatusRequest(final long correlationId)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + statusRequest
            .wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .clientId(clientId)
            .clientSequence(clientSequence + 1)
            .timestampNs(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()))
            .correlationId(correlationId)
            .encodedLength();
        if (client.isConnected() && client.send(sendBuffer, 0, length, 100))
        {
            clientSequence++;
        }
        else
        {
            final CompletableFuture<CoreCounters> answer = pending.get(correlationId);
            if (null != answer)
            {
                answer.completeExceptionally(new CoreUnavailableException("the core is not taking requests"));
            }
        }
    }

    private void requestReplay(final long nowNs)
    {
        replayRequestedNs = nowNs;
        final long correlationId = ++replayCorrelationId;
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + replayRequest
            .wrapAndApplyHeader(sendBuffer, 0, headerEncoder)
            .clientId(clientId)
            .clientSequence(0)
            .timestampNs(1)
            .fromRingSequence(ordered.replayRequested(correlationId))
            .correlationId(correlationId)
            .encodedLength();
        client.send(sendBuffer, 0, length, 100);
    }

    private void onCounters(final CoreCounters counters)
    {
        final CompletableFuture<CoreCounters> answer = pending.get(counters.correlationId());
        if (null != answer)
        {
            answer.complete(counters);
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
