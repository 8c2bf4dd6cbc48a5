package io.v100.client;

import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.ReplayRequestEncoder;
import io.v100.sbe.StatusRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client half of the exactly-once protocol: streams a feed to the core through a client, reads the egress as it goes, and ends with a status request whose
 * answer closes the run. It survives the core restarting underneath it.
 * <p>
 * It first opens a session with its credentials; the core assigns the client id, which the client stamps on every
 * frame. Every frame is kept, in a {@link ResendBuffer} allocated up front, until the core acknowledges it as
 * journaled. When a new core incarnation shows up, the runner opens its session again (a new core knows no
 * connection of the old one; the client id and its sequences are the same), then, as when
 * acknowledgements stall for {@link #RESEND_AFTER_MS}, the runner resends everything after the last acknowledged
 * frame; the core takes each client's frames strictly in sequence and ignores what it already has, so resending
 * never duplicates or reorders an input. It also asks the new core to replay its egress from the last tick the
 * {@link OrderedEgress} applied, so the egress it consumes is the same as if nothing had happened.
 * <p>
 * One thread sends and polls, so back-pressure from the core never deadlocks against unread egress. Progress is
 * printed every tenth of the stream.
 */
public final class FeedRunner
{
    /** Longest the core may stay back-pressured or unreachable before the run fails. */
    public static final long SEND_TIMEOUT_MS = 60_000;

    /** Resend unacknowledged frames when no acknowledgement has come for this long. */
    public static final long RESEND_AFTER_MS = 1_000;

    /** Ask again for a replay whose end has not arrived after this long. */
    public static final long REPLAY_RETRY_MS = 2_000;

    /** Bytes of unacknowledged frames kept for resending; when full the sender waits for acknowledgements. */
    public static final int RESEND_BUFFER_BYTES = 32 * 1024 * 1024;

    /** Unacknowledged frames kept for resending. */
    public static final int RESEND_BUFFER_FRAMES = 1 << 20;

    /**
     * Acknowledged frames still kept after their acknowledgement. An acknowledgement promises the input is in the
     * core's journal in the page cache, which survives the core's process but not a power cut (unless the core
     * forces its journal); a core whose journal lost a torn tail answers with an Ack below one it sent before, and
     * the frames it lost are resent from here. A loss larger than this window cannot be repaired by this client
     * and ends the run with an error naming the range.
     */
    public static final int RETAINED_ACKNOWLEDGED_FRAMES = 1 << 16;

    /** How early a frame may leave relative to its planned time, ns. */
    static final long EARLY_NS = 20_000;

    private final V100Client client;
    private final OrderedEgress ordered;
    private final EgressTally tally;
    private final PrintStream progress;
    private final String name;
    private final long intervalNs;
    private final ClientCredentials credentials;
    private final UnsafeBuffer controlBuffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ResendBuffer sent = new ResendBuffer(RESEND_BUFFER_BYTES, RESEND_BUFFER_FRAMES);
    private double speed;
    private IngressSource pacedStream;
    private long firstTimestampNs;
    private long startNs;
    private volatile long published;
    private long resent;
    private long lostAcknowledged;
    private long replayCorrelationId;
    private long replayRequestedNs;
    private long lastAcked;
    private long lastAckProgressNs;
    private boolean resending;
    private long sessionsOpened;

    /**
     * @param client   connected to the core with {@code ordered}'s live and replay handlers.
     * @param ordered  delivering the egress to {@code tally} once and in order.
     * @param tally    the egress consumer.
     * @param progress where progress lines go.
     * @param name     prefix of progress lines.
     * @param rate     frames per second to send, on an open-loop schedule: frame i is due at start + i / rate
     *                 whatever happened to frame i - 1, so a stall in the core shows up as latency instead of
     *                 silently slowing the sender. 0 sends as fast as the core takes them.
     * @param credentials the session is opened with; the core assigns the client id from the principal.
     */
    public FeedRunner(
        final V100Client client,
        final OrderedEgress ordered,
        final EgressTally tally,
        final PrintStream progress,
        final String name,
        final long rate,
        final ClientCredentials credentials)
    {
        if (rate < 0)
        {
            throw new IllegalArgumentException("rate must be >= 0 frames/s: " + rate);
        }
        this.intervalNs = 0 == rate ? 0 : Math.max(1, 1_000_000_000L / rate);
        this.client = client;
        this.ordered = ordered;
        this.tally = tally;
        this.progress = progress;
        this.name = name;
        this.credentials = credentials;
    }

    /**
     * Pace by the frames' own timestamps instead of the fixed rate: a frame is due at
     * {@code start + (timestampNs - first frame's timestampNs) / speed}, so at speed 1 the match plays in real
     * time and at speed 60 a minute of match takes a second. The frames sent are the same; only when they leave
     * changes. Open loop as with the rate: a stall in the core delays nothing that follows it.
     *
     * @param speed match time per wall-clock time, &gt; 0.
     * @return this runner.
     */
    public FeedRunner pacedByEventTime(final double speed)
    {
        if (!(speed > 0))
        {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        this.speed = speed;
        return this;
    }

    /**
     * Send every frame of the stream, then a status request, and wait until all of it is acknowledged and the
     * status is answered.
     *
     * @param stream        of ingress frames, numbered 1, 2, 3... by client sequence.
     * @param kickoffNs     kick-off instant, ns since the Unix epoch, to print the match time in progress lines.
     * @param correlationId of the closing status request.
     * @param timeoutMs     to wait for the answer after the last frame.
     * @throws IllegalStateException if the core stops taking frames or does not answer in time.
     */
    public void run(final IngressSource stream, final long kickoffNs, final long correlationId, final long timeoutMs)
    {
        openSession(false);
        final long total = stream.totalFrames();
        long nextReport = Math.max(1, total / 10);
        startNs = System.nanoTime();
        lastAckProgressNs = startNs;
        pacedStream = stream;
        firstTimestampNs = stream.nextTimestampNs();
        while (stream.next(this::sendNew))
        {
            if ((published & 0xFF) == 0)
            {
                pollAndRecover();
            }
            if (published >= nextReport)
            {
                nextReport += Math.max(1, total / 10);
                final long matchSeconds = TimeUnit.NANOSECONDS.toSeconds(stream.currentTimestampNs() - kickoffNs);
                progress.printf(
                    "[%s] %3d%%  %,d/%,d frames sent  T%s%02d:%02d  %,d egress messages  %.1f s%n",
                    name,
                    published * 100 / Math.max(1, total),
                    published,
                    total,
                    matchSeconds < 0 ? "-" : "+",
                    Math.abs(matchSeconds) / 60,
                    Math.abs(matchSeconds) % 60,
                    tally.messages(),
                    (System.nanoTime() - startNs) / 1e9);
            }
        }

        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder()
            .wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .clientId(client.clientId())
            .clientSequence(stream.emitted() + 1)
            .timestampNs(Math.max(1, stream.currentTimestampNs()))
            .correlationId(correlationId)
            .encodedLength();
        sendNew(controlBuffer, 0, length);

        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!(answered(correlationId) && ordered.ackedClientSequence() >= published && !ordered.catchingUp()))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(
                    "no complete answer within " + timeoutMs + " ms: " + ordered.ackedClientSequence() + " of " +
                    published + " frames acknowledged, " + tally.messages() + " egress messages received" +
                    (ordered.catchingUp() ? ", still catching up on a replay" : ""));
            }
            if (0 == pollAndRecover())
            {
                LockSupport.parkNanos(100_000);
            }
        }
        progress.printf("[%s] 100%%  %,d frames sent (%,d resent), %,d egress messages received, %d replays, %.1f s%n",
            name, published, resent, tally.messages(), ordered.replays(), (System.nanoTime() - startNs) / 1e9);
    }

    /**
     * @return frames sent, the status request included, each counted once however often it was resent.
     */
    public long published()
    {
        return published;
    }

    /**
     * @return frames sent again after a reconnect or an acknowledgement stall.
     */
    public long resent()
    {
        return resent;
    }

    private void sendNew(final DirectBuffer buffer, final int offset, final int length)
    {
        if (speed > 0)
        {
            pace(startNs + (long)((pacedStream.currentTimestampNs() - firstTimestampNs) / speed));
        }
        else if (0 != intervalNs)
        {
            pace(startNs + published * intervalNs);
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEND_TIMEOUT_MS);
        while (!sent.tryAppend(buffer, offset, length))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no acknowledgement freed the resend buffer for " + SEND_TIMEOUT_MS +
                    " ms (" + sent.size() + " frames unacknowledged)");
            }
            if (0 == pollAndRecover())
            {
                LockSupport.parkNanos(100_000);
            }
        }
        published++;
        send(buffer, offset, length);
    }

    private void send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!client.send(buffer, offset, length, SEND_TIMEOUT_MS))
        {
            throw new IllegalStateException(
                "core stopped taking frames after " + published + " (not connected or back-pressured for " +
                SEND_TIMEOUT_MS + " ms)");
        }
    }

    /**
     * Poll egress, then act on what it showed: a new core incarnation (replay and resend), a replay that did not
     * end (ask again), or acknowledgements that stalled (resend).
     */
    private int pollAndRecover()
    {
        final int work = client.poll(1024);
        if (resending)
        {
            return work;
        }

        final long nowNs = System.nanoTime();
        final long[] lost = ordered.takeLostAcknowledged();
        if (null != lost)
        {
            onLostAcknowledged(lost[0], lost[1]);
        }
        final long acked = ordered.ackedClientSequence();
        if (acked != lastAcked)
        {
            lastAcked = acked;
            lastAckProgressNs = nowNs;
            sent.release(acked - RETAINED_ACKNOWLEDGED_FRAMES);
        }

        if (ordered.takeReplayNeeded())
        {
            // A new core incarnation knows no connection of the old one: open the session again before anything
            // else. An EgressGap (this client read too slowly) needs only the replay, and no session round trip.
            final boolean newCore = ordered.takeResendNeeded();
            if (newCore)
            {
                openSession(true);
            }
            requestReplay(nowNs);
            if (newCore)
            {
                resendUnacknowledged();
            }
        }
        else if (ordered.catchingUp() && nowNs - replayRequestedNs > TimeUnit.MILLISECONDS.toNanos(REPLAY_RETRY_MS))
        {
            requestReplay(nowNs);
        }
        else if (acked < published && nowNs - lastAckProgressNs > TimeUnit.MILLISECONDS.toNanos(RESEND_AFTER_MS))
        {
            lastAckProgressNs = nowNs;
            resendUnacknowledged();
        }
        return work;
    }

    /**
     * The core answered with an Ack below what it acknowledged before: its journal lost a torn tail. Say so once,
     * with the exact range, and resend that range now; fail if the frames are no longer kept.
     */
    private void onLostAcknowledged(final long first, final long last)
    {
        progress.printf("[%s] the core lost acknowledged inputs of client %d: client sequences %,d to %,d; resending%n",
            name, client.clientId(), first, last);
        lostAcknowledged += last - first + 1;
        if (first < sent.firstSequence())
        {
            throw new IllegalStateException("the core lost acknowledged inputs " + first + " to " + last +
                " of client " + client.clientId() + ", but this client keeps only frames from " + sent.firstSequence());
        }
        resendUnacknowledged();
    }

    /**
     * @return acknowledged frames the core reported lost and that were resent.
     */
    public long lostAcknowledged()
    {
        return lostAcknowledged;
    }

    private void openSession(final boolean reopen)
    {
        final SessionCode code = reopen ?
            client.reopenSession(SEND_TIMEOUT_MS) : client.openSession(credentials, SEND_TIMEOUT_MS);
        if (code != SessionCode.OPEN)
        {
            throw new IllegalStateException("the core refused the session of " + credentials.principal() + ": " + code);
        }
        ordered.session(client.clientId(), client.sequenceBase());
        if (reopen)
        {
            ordered.onSessionReopened(client.nextClientSequence() - 1);
        }
        sessionsOpened++;
    }

    /**
     * @return sessions opened: one at the start and one after each core restart the runner noticed.
     */
    public long sessionsOpened()
    {
        return sessionsOpened;
    }

    private void requestReplay(final long nowNs)
    {
        replayRequestedNs = nowNs;
        final long correlationId = ++replayCorrelationId;
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new ReplayRequestEncoder()
            .wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .clientId(client.clientId())
            .clientSequence(0)
            .timestampNs(1)
            .fromRingSequence(ordered.replayRequested(correlationId))
            .correlationId(correlationId)
            .encodedLength();
        send(controlBuffer, 0, length);
    }

    private void resendUnacknowledged()
    {
        resending = true;
        try
        {
            final long first = Math.max(ordered.ackedClientSequence() + 1, sent.firstSequence());
            for (long clientSequence = first; clientSequence < sent.nextSequence(); clientSequence++)
            {
                if ((resent & 0xFF) == 0)
                {
                    // Keep reading egress while resending: a client that stops polling is itself a slow
                    // subscriber, and the Acks read here cut the resend short.
                    client.poll(1024);
                    clientSequence = Math.max(clientSequence, ordered.ackedClientSequence() + 1);
                    if (clientSequence >= sent.nextSequence())
                    {
                        break;
                    }
                }
                send(sent.buffer(), sent.offset(clientSequence), sent.length(clientSequence));
                resent++;
            }
        }
        finally
        {
            resending = false;
            lastAckProgressNs = System.nanoTime();
        }
    }

    /**
     * Wait until a frame is due without spinning: on a small machine a spinning sender would take the core the
     * ring's consumer or the media driver needs. Parking has tens of µs of timer slack, so frames leave in small
     * bursts, each at most {@link #EARLY_NS} ahead of its planned time.
     */
    private void pace(final long dueNs)
    {
        long aheadNs;
        while ((aheadNs = dueNs - System.nanoTime()) > EARLY_NS)
        {
            if (0 == pollAndRecover())
            {
                LockSupport.parkNanos(aheadNs);
            }
        }
    }

    private boolean answered(final long correlationId)
    {
        return null != tally.counters() && tally.counters().correlationId() == correlationId;
    }
}
