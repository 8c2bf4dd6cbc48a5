package io.v100.perf;

import io.aeron.logbuffer.FragmentHandler;
import io.v100.client.ClientContext;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.WaitStrategyKind;
import io.v100.core.SessionRole;
import io.v100.demo.InMemoryCredentials;
import io.v100.gateway.CoreNode;
import io.v100.sbe.SessionCode;
import io.v100.gateway.GatewayContext;
import io.v100.sbe.BetResultDecoder;
import io.v100.sbe.LicenseResultDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The product as deployed: a fresh {@link CoreNode} (embedded media driver, gateway poller, journal, ring with the
 * five handlers, egress publication) and one client in this process, connected over Aeron IPC or UDP on loopback.
 * <p>
 * Round trip: for each BetRequest and LicenseRequest, planned send time to receipt of the first BetResult or
 * LicenseResult carrying its ring sequence (frame {@code i} of a single client on a fresh core gets ring sequence
 * {@code i}). The planned times live in a client-side array indexed by send order, fixed before sending, since the
 * SBE messages have no spare field. The core's own histograms (receipt to end of tick, tick service time) are read
 * after it closes.
 */
public final class AeronRingTarget implements LoadTarget, FragmentHandler
{
    private final MatchFrames frames;
    private final Transport transport;
    private final Path journal;
    private final CoreNode node;
    private final V100Client client;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final long[] plannedNs;
    private final boolean[] received;
    private final IntervalRecorder rtt;
    private int sent;
    private int expected;
    private int answers;
    private long egressMessages;
    private boolean clientClosed;

    /**
     * @param frames       the match.
     * @param count        frames that will be sent.
     * @param transport    IPC or UDP.
     * @param waitStrategy of the ring's consumer; AUTO lets the core choose from the core count.
     * @param intervalNs   length of the round-trip interval histograms, ns.
     * @throws IllegalStateException if the client cannot connect within 10 s.
     */
    public AeronRingTarget(
        final MatchFrames frames,
        final int count,
        final Transport transport,
        final WaitStrategyKind waitStrategy,
        final long intervalNs)
    {
        this.frames = frames;
        this.transport = transport;
        this.plannedNs = new long[count];
        this.received = new boolean[count];
        this.journal = TempDirs.create("v100-perf-journal");
        final String[] channels = transport.channels();
        final InMemoryCredentials credentials = InMemoryCredentials.of("perf", SessionRole.ALL);
        node = CoreNode.launch(
            new GatewayContext().ingressChannel(channels[0]).egressChannel(channels[1])
                .credentials(credentials.store()),
            new CoreContext().waitStrategy(waitStrategy).journalDirectory(journal),
            egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        client = V100Client.connect(
            new ClientContext()
                .aeronDirectoryName(node.aeronDirectoryName())
                .ingressChannel(channels[0])
                .egressChannel(channels[1]),
            this);
        if (!client.awaitConnected(10_000))
        {
            close();
            throw new IllegalStateException("client could not connect to the core over " + transport + " in 10 s");
        }
        if (client.openSession(credentials.client(0), 10_000) != SessionCode.OPEN)
        {
            close();
            throw new IllegalStateException("the core refused the perf session");
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
            throw new IllegalStateException("core stopped taking frames after " + index);
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
        while (answers < expected && System.nanoTime() < deadline)
        {
            if (0 == client.poll(256))
            {
                Thread.yield();
            }
        }
        rtt.finish(System.nanoTime());
        closeClient();
        node.close();
        return answers == expected;
    }

    public void report(final RunResult result)
    {
        result.recorded("rtt", rtt)
            .histogram("core", node.tick().latency())
            .histogram("tick", node.tick().tickTime())
            .fact("system", "ring over Aeron (CoreNode, journal, 5 handlers)")
            .fact("transport", transport.id())
            .fact("threading", node.ring().plan().toString())
            .fact("answeredFrames", expected)
            .fact("answersReceived", answers)
            .fact("egressMessages", egressMessages)
            .fact("eventsProcessed", node.tick().eventsProcessed())
            .fact("eventsRejected", node.tick().eventsRejected())
            .fact("handlerErrors", node.ring().handlerErrors())
            .fact("clientBackPressured", client.backPressured())
            .fact("ringFull", node.ingressAdapter().ringFull());
    }

    public void onFragment(
        final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header ignored)
    {
        final long nowNs = System.nanoTime();
        egressMessages++;
        final int templateId = header.wrap(buffer, offset).templateId();
        if (templateId == BetResultDecoder.TEMPLATE_ID || templateId == LicenseResultDecoder.TEMPLATE_ID)
        {
            final long sequence = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
            if (sequence >= 0 && sequence < sent && frames.answered((int)sequence) && !received[(int)sequence])
            {
                received[(int)sequence] = true;
                answers++;
                rtt.record(nowNs, nowNs - plannedNs[(int)sequence]);
            }
        }
    }

    public void close()
    {
        closeClient();
        node.close();
        TempDirs.delete(journal);
    }

    private void closeClient()
    {
        if (!clientClosed)
        {
            clientClosed = true;
            client.close();
        }
    }
}
