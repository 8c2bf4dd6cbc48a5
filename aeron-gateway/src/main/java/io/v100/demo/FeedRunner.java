package io.v100.demo;

import io.v100.client.EgressTally;
import io.v100.client.V100Client;
import io.v100.feed.IngressStream;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.StatusRequestEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams a feed to the core through a client, reads the egress as it goes, and ends with a status request whose
 * answer closes the run.
 * <p>
 * One thread sends and polls, so back-pressure from the core never deadlocks against unread egress. Progress is
 * printed every tenth of the stream.
 */
public final class FeedRunner
{
    /** Longest the core may stay back-pressured or unreachable before the run fails. */
    public static final long SEND_TIMEOUT_MS = 30_000;

    private final V100Client client;
    private final EgressTally tally;
    private final PrintStream progress;
    private final String name;
    /** How early a frame may leave relative to its planned time, ns. */
    static final long EARLY_NS = 20_000;

    private final UnsafeBuffer statusBuffer = new UnsafeBuffer(new byte[64]);
    private final long intervalNs;
    private long startNs;
    private long published;

    /**
     * @param client   connected to the core.
     * @param tally    receiving the client's egress.
     * @param progress where progress lines go.
     * @param name     prefix of progress lines.
     * @param rate     frames per second to send, on an open-loop schedule: frame i is due at start + i / rate
     *                 whatever happened to frame i - 1, so a stall in the core shows up as latency instead of
     *                 silently slowing the sender. 0 sends as fast as the core takes them.
     */
    public FeedRunner(
        final V100Client client, final EgressTally tally, final PrintStream progress, final String name, final long rate)
    {
        if (rate < 0)
        {
            throw new IllegalArgumentException("rate must be >= 0 frames/s: " + rate);
        }
        this.intervalNs = 0 == rate ? 0 : Math.max(1, 1_000_000_000L / rate);
        this.client = client;
        this.tally = tally;
        this.progress = progress;
        this.name = name;
    }

    /**
     * Send every frame of the stream, then a status request, and wait for its answer.
     *
     * @param stream        of ingress frames.
     * @param clientId      the stream's client id, which the status request carries too.
     * @param kickoffNs     kick-off instant, ns since the Unix epoch, to print the match time in progress lines.
     * @param correlationId of the closing status request.
     * @param timeoutMs     to wait for the status answer after the last frame.
     * @throws IllegalStateException if the core stops taking frames or does not answer in time.
     */
    public void run(
        final IngressStream stream,
        final int clientId,
        final long kickoffNs,
        final long correlationId,
        final long timeoutMs)
    {
        final long total = stream.totalFrames();
        long nextReport = Math.max(1, total / 10);
        startNs = System.nanoTime();
        while (stream.next(this::send))
        {
            if ((published & 0xFF) == 0)
            {
                client.poll(1024);
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
            .wrapAndApplyHeader(statusBuffer, 0, new MessageHeaderEncoder())
            .clientId(clientId)
            .clientSequence(stream.emitted() + 1)
            .timestampNs(Math.max(1, stream.currentTimestampNs()))
            .correlationId(correlationId)
            .encodedLength();
        send(statusBuffer, 0, length);

        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!answered(correlationId))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(
                    "no answer to the status request within " + timeoutMs + " ms (" + tally.messages() +
                    " egress messages received)");
            }
            if (0 == client.poll(1024))
            {
                Thread.onSpinWait();
            }
        }
        progress.printf("[%s] 100%%  %,d frames sent, %,d egress messages received, %.1f s%n",
            name, published, tally.messages(), (System.nanoTime() - startNs) / 1e9);
    }

    /**
     * @return frames sent, the status request included.
     */
    public long published()
    {
        return published;
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
            if (0 == client.poll(256))
            {
                LockSupport.parkNanos(aheadNs);
            }
        }
    }

    private boolean answered(final long correlationId)
    {
        return null != tally.counters() && tally.counters().correlationId() == correlationId &&
            null != tally.latency() && tally.latency().correlationId() == correlationId;
    }

    private void send(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        if (0 != intervalNs)
        {
            pace(startNs + published * intervalNs);
        }
        if (!client.send(buffer, offset, length, SEND_TIMEOUT_MS))
        {
            throw new IllegalStateException(
                "core stopped taking frames after " + published + " (not connected or back-pressured for " +
                SEND_TIMEOUT_MS + " ms)");
        }
        published++;
    }
}
