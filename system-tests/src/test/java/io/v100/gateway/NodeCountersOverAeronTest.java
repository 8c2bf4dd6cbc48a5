package io.v100.gateway;

import io.aeron.CommonContext;
import io.v100.client.ClientContext;
import io.v100.core.SessionRole;
import io.v100.demo.InMemoryCredentials;
import io.v100.sbe.SessionCode;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.NodeCounters;
import io.v100.core.RingEvent;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.OperatorCountersDecoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.StatusRequestEncoder;
import io.v100.tools.CounterStat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's counters are Aeron counters in the media driver's CnC file: read back from that file while the core
 * runs, every expected label is there (one per RejectReason value), and the values move as frames arrive. The
 * {@code OperatorCounters} answer to a {@code StatusRequest} reads the same counters.
 */
@Timeout(60)
class NodeCountersOverAeronTest
{
    private static final long T0 = 1_537_713_000_000_000_000L;
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+([0-9,]+) - (v100 .*)$");

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private final InMemoryCredentials credentials = InMemoryCredentials.of("operator", SessionRole.ALL);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void shouldPublishTheCountersInTheCncFileAndAnswerStatusWithThem()
    {
        final GatewayContext ipc = new GatewayContext()
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL)
            .credentials(credentials.store());
        final CoreContext core = new CoreContext()
            .journalDirectory(dir.resolve("journal"))
            .waitStrategy(WaitStrategyKind.SLEEPING)
            .affinity(ThreadingPlan.Affinity.NONE)
            .ringSize(1024);
        final OperatorCountersDecoder answer = new OperatorCountersDecoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final Map<RejectReason, Long> answeredRejections = new HashMap<>();
        final UnsafeBuffer answerCopy = new UnsafeBuffer(new byte[4096]);
        final boolean[] answered = { false };

        final CoreNode node = CoreNode.launch(ipc, core, egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        final Map<String, Long> before;
        final Map<String, Long> after;
        try (V100Client client = V100Client.connect(new ClientContext()
            .aeronDirectoryName(node.aeronDirectoryName())
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL), (buffer, offset, length, fragmentHeader) ->
            {
                headerDecoder.wrap(buffer, offset);
                if (headerDecoder.templateId() == OperatorCountersDecoder.TEMPLATE_ID)
                {
                    answerCopy.putBytes(0, buffer, offset, length);
                    answered[0] = true;
                }
            }))
        {
            assertTrue(client.awaitConnected(10_000));
            before = counters(node);
            for (final RejectReason reason : RejectReason.values())
            {
                if (RejectReason.NULL_VAL != reason)
                {
                    assertTrue(before.containsKey("v100 rejected " + reason.name()), "counter for " + reason);
                }
            }
            for (final String label : new String[] {
                "v100 ring published", "v100 ring consumed", "v100 ring backlog", "v100 input journal appends",
                "v100 input journal bytes", "v100 input journal torn entries found", "v100 handler errors",
                "v100 egress sent", "v100 egress back-pressured offers", "v100 egress dropped",
                "v100 egress gaps announced", "v100 replay requests", "v100 replay messages" })
            {
                assertEquals(0L, before.get(label), label);
            }

            // The session open is one ring slot and one journal entry of its own (it takes no ring sequence).
            assertEquals(SessionCode.OPEN, client.openSession(credentials.client(0), 10_000));
            send(client, fixture(1));
            send(client, fixture(2));
            send(client, 6);                                                 // TRUNCATED
            send(client, MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder()
                .wrapAndApplyHeader(frame, 0, header)
                .clientId(9).clientSequence(3).timestampNs(T0 + 9).correlationId(77)
                .encodedLength());

            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (!answered[0] && System.nanoTime() < deadline)
            {
                client.poll(64);
            }
            Map<String, Long> read = counters(node);
            while (read.get("v100 ring consumed") < 5 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
                read = counters(node);
            }
            after = read;
        }
        finally
        {
            node.close();
        }

        assertTrue(answered[0], "status answered with OperatorCounters");
        answer.wrapAndApplyHeader(answerCopy, 0, headerDecoder);
        assertEquals(77, answer.correlationId());
        for (final OperatorCountersDecoder.RejectionsDecoder rejection : answer.rejections())
        {
            answeredRejections.put(rejection.reason(), rejection.rejected());
        }

        assertEquals(5L, after.get("v100 ring published"));
        assertEquals(5L, after.get("v100 ring consumed"));
        assertEquals(5L, after.get("v100 input journal appends"));
        assertTrue(after.get("v100 input journal bytes") > 4 * 28, "bytes: " + after);
        assertEquals(1L, after.get("v100 rejected TRUNCATED"));
        assertTrue(after.get("v100 egress sent") > 0);

        assertEquals(5, answer.ringPublished());
        assertEquals(5, answer.journalAppends());
        assertEquals(after.get("v100 input journal bytes"), answer.journalBytes());
        assertEquals(1L, answeredRejections.get(RejectReason.TRUNCATED));
        assertEquals(0L, answeredRejections.get(RejectReason.WRONG_SCHEMA));
        assertEquals(RejectReason.values().length - 1, answeredRejections.size());
        assertEquals(0, answer.handlerErrors());
        assertEquals(0, answer.journalTornEntries());
        assertEquals(before.size(), after.size());
    }

    private static Map<String, Long> counters(final CoreNode node)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int printed = CounterStat.print(
            new File(node.aeronDirectoryName()), NodeCounters.LABEL_PREFIX, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(printed > 0, "CnC file found");
        final Map<String, Long> values = new HashMap<>();
        for (final String line : bytes.toString(StandardCharsets.UTF_8).split("\n"))
        {
            final Matcher matcher = LINE.matcher(line);
            assertTrue(matcher.matches(), line);
            values.put(matcher.group(2), Long.parseLong(matcher.group(1).replace(",", "")));
        }
        return values;
    }

    private int fixture(final long clientSequence)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new FixtureEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(9).clientSequence(clientSequence).timestampNs(T0).matchId(1).homeTeamId(1).awayTeamId(2)
            .kickoffNs(T0).homeGoalRate(1.5f).awayGoalRate(1.1f)
            .encodedLength();
    }

    private void send(final V100Client client, final int length)
    {
        assertTrue(client.send(frame, 0, length, 5_000));
    }
}
