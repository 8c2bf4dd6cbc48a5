package io.v100.perf;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.v100.client.ClientContext;
import io.v100.client.V100Client;
import io.v100.gateway.CoreNode;
import io.v100.gateway.GatewayContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The transport floor: the same client, media driver and channels as {@link AeronRingTarget}, but the far side
 * only echoes each frame back, with no ring, journal or handler. Nothing built on this transport can answer
 * faster. The echo thread busy-spins like the ring's consumer does.
 * <p>
 * Echoes arrive in send order (one reliable stream), so the k-th echo belongs to frame k. The round trip is
 * recorded for the same frames as the ring's (BetRequest and LicenseRequest), so the two distributions compare
 * like with like.
 */
public final class AeronEchoTarget implements LoadTarget, FragmentHandler
{
    private final MatchFrames frames;
    private final Transport transport;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final AgentRunner echoRunner;
    private final V100Client client;
    private final long[] plannedNs;
    private final IntervalRecorder rtt;
    private int sent;
    private int echoes;
    private int expected;
    private boolean closed;

    /**
     * @param frames     the match.
     * @param count      frames that will be sent.
     * @param transport  IPC or UDP.
     * @param intervalNs length of the round-trip interval histograms, ns.
     * @throws IllegalStateException if the client cannot connect within 10 s.
     */
    public AeronEchoTarget(final MatchFrames frames, final int count, final Transport transport, final long intervalNs)
    {
        this.frames = frames;
        this.transport = transport;
        this.plannedNs = new long[count];
        final String[] channels = transport.channels();
        driver = CoreNode.launchEmbeddedDriver();
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final Subscription in = aeron.addSubscription(channels[0], GatewayContext.INGRESS_STREAM_ID_DEFAULT);
        final ExclusivePublication out = aeron.addExclusivePublication(
            channels[1], GatewayContext.EGRESS_STREAM_ID_DEFAULT);
        echoRunner = new AgentRunner(new BusySpinIdleStrategy(), Throwable::printStackTrace, null, new Echo(in, out));
        AgentRunner.startOnThread(echoRunner);
        client = V100Client.connect(
            new ClientContext()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .ingressChannel(channels[0])
                .egressChannel(channels[1]),
            this);
        if (!client.awaitConnected(10_000))
        {
            close();
            throw new IllegalStateException("echo client could not connect over " + transport + " in 10 s");
        }
        rtt = new IntervalRecorder(System.nanoTime(), intervalNs);
    }

    public void send(final int index, final long plannedNs)
    {
        this.plannedNs[index] = plannedNs;
        if (frames.answered(index))
        {
            expected++;
        }
        if (!client.send(frames.buffer(), frames.offset(index), frames.length(index), 30_000))
        {
            throw new IllegalStateException("echo stopped taking frames after " + index);
        }
        sent = index + 1;
        if ((index & 0x3F) == 0)
        {
            client.poll(256);
        }
    }

    public int poll()
    {
        return client.poll(256);
    }

    public boolean finish(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (echoes < sent && System.nanoTime() < deadline)
        {
            if (0 == client.poll(256))
            {
                Thread.yield();
            }
        }
        rtt.finish(System.nanoTime());
        return echoes == sent;
    }

    public void report(final RunResult result)
    {
        result.recorded("rtt", rtt)
            .fact("system", "Aeron echo, no ring (transport floor)")
            .fact("transport", transport.id())
            .fact("answeredFrames", expected)
            .fact("echoes", echoes)
            .fact("clientBackPressured", client.backPressured());
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long nowNs = System.nanoTime();
        final int index = echoes++;
        if (index < sent && frames.answered(index))
        {
            rtt.record(nowNs, nowNs - plannedNs[index]);
        }
    }

    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.closeAll(client, echoRunner, aeron, driver);
    }

    /** Offers every fragment back unchanged, retrying under back-pressure. */
    private static final class Echo implements Agent, FragmentHandler
    {
        private final Subscription in;
        private final ExclusivePublication out;

        Echo(final Subscription in, final ExclusivePublication out)
        {
            this.in = in;
            this.out = out;
        }

        public int doWork()
        {
            return in.poll(this, 256);
        }

        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            while (out.offer(buffer, offset, length) < 0)
            {
                if (out.isClosed())
                {
                    return;
                }
                Thread.onSpinWait();
            }
        }

        public String roleName()
        {
            return "v100-perf-echo";
        }
    }
}
