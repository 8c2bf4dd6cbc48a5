package io.v100.gateway;

import io.aeron.CommonContext;
import io.v100.client.ClientContext;
import io.v100.client.EgressTally;
import io.v100.client.V100Client;
import io.v100.core.SessionRole;
import io.v100.demo.InMemoryCredentials;
import io.v100.sbe.SessionCode;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.RingEvent;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.sbe.BooleanType;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.StatusRequestEncoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed frames sent over a real Aeron connection are answered with typed rejections, counted, and neither
 * the ring nor the connection stops: a valid frame sent afterwards on the same connection is processed. A frame
 * stamped 2100-01-01 and a PTS of Long.MAX_VALUE are among them; {@code IngressAttackOverAeronTest} runs those
 * attacks inside the whole shipped match.
 */
@Timeout(60)
class BadInputOverAeronTest
{
    private static final long T0 = 1_537_713_000_000_000_000L;

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY + 512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InMemoryCredentials credentials = InMemoryCredentials.of("source", SessionRole.ALL);

    @Test
    void shouldRejectEachKindOfMalformedFrameAndKeepTheConnectionWorking()
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
        final EgressTally tally = new EgressTally();
        final CoreNode node = CoreNode.launch(ipc, core, egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        try (V100Client client = V100Client.connect(new ClientContext()
            .aeronDirectoryName(node.aeronDirectoryName())
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL), tally))
        {
            assertTrue(client.awaitConnected(10_000));
            assertEquals(SessionCode.OPEN, client.openSession(credentials.client(0), 10_000));

            send(client, fixture());                                         // valid
            send(client, 6);                                                 // TRUNCATED (short header)
            int length = matchEvent(T0 + 1);
            header.wrap(frame, 0).schemaId(55);
            clientSequence--;                                                // not attributable: no sequence used
            send(client, length);                                            // WRONG_SCHEMA
            length = matchEvent(T0 + 2);
            header.wrap(frame, 0).version(2);
            send(client, length);                                            // UNSUPPORTED_VERSION
            length = matchEvent(T0 + 3);
            header.wrap(frame, 0).templateId(33);
            clientSequence--;
            send(client, length);                                            // UNKNOWN_TEMPLATE
            length = matchEvent(T0 + 4);
            frame.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MatchEventEncoder.eventTypeEncodingOffset(), (byte)200);
            send(client, length);                                            // INVALID_ENUM
            send(client, matchEvent(T0 + 5) - 7);                            // TRUNCATED (block)
            matchEvent(T0 + 6);
            send(client, RingEvent.FRAME_CAPACITY + 200);                    // FRAME_TOO_LARGE
            length = matchEvent(T0 + 7);
            header.wrap(frame, 0).templateId(MatchEventEncoder.TEMPLATE_ID + 49);
            clientSequence--;
            send(client, length);                                            // NOT_INGRESS (an egress id)
            send(client, matchEvent(4_102_444_800_000_000_000L));            // TIMESTAMP_OUT_OF_WINDOW (2100)
            send(client, videoFrame(T0 + 8, Long.MAX_VALUE));                // PTS_OUT_OF_RANGE
            send(client, matchEvent(T0 + 8));                                // valid, after all of that

            send(client, MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder()
                .wrapAndApplyHeader(frame, 0, header)
                .clientId(9).clientSequence(++clientSequence).timestampNs(T0 + 9).correlationId(77)
                .encodedLength());

            final long deadline = System.nanoTime() + 20_000_000_000L;
            while ((null == tally.counters() || tally.counters().correlationId() != 77) &&
                System.nanoTime() < deadline)
            {
                client.poll(64);
            }
        }
        finally
        {
            node.close();
        }

        assertNotNull(tally.counters(), "status answered over the same connection");
        assertEquals(13, tally.counters().eventsJournaled());
        assertEquals(3, tally.counters().eventsProcessed());
        assertEquals(10, tally.counters().eventsRejected());
        final Map<RejectReason, Long> rejections = tally.rejections();
        assertEquals(2L, rejections.get(RejectReason.TRUNCATED));
        assertEquals(1L, rejections.get(RejectReason.WRONG_SCHEMA));
        assertEquals(1L, rejections.get(RejectReason.UNSUPPORTED_VERSION));
        assertEquals(1L, rejections.get(RejectReason.UNKNOWN_TEMPLATE));
        assertEquals(1L, rejections.get(RejectReason.INVALID_ENUM));
        assertEquals(1L, rejections.get(RejectReason.FRAME_TOO_LARGE));
        assertEquals(1L, rejections.get(RejectReason.NOT_INGRESS));
        assertEquals(1L, rejections.get(RejectReason.TIMESTAMP_OUT_OF_WINDOW));
        assertEquals(1L, rejections.get(RejectReason.PTS_OUT_OF_RANGE));
        assertEquals(10, node.tick().eventsRejected());
        assertEquals(1, node.tick().eventsRejected(RejectReason.TIMESTAMP_OUT_OF_WINDOW));
        // The last admitted stamp: the 2100 frame never touched the clock, and a status request neither does.
        assertEquals(T0 + 8, node.tick().nowNs(), "the 2100 frame never touched the clock");
        assertEquals(0, node.ring().handlerErrors());
    }

    private int fixture()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new FixtureEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(9).clientSequence(1).timestampNs(T0).matchId(1).homeTeamId(1).awayTeamId(2)
            .kickoffNs(T0).homeGoalRate(1.5f).awayGoalRate(1.1f)
            .encodedLength();
    }

    private long clientSequence = 1;

    private int matchEvent(final long timestampNs)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(9).clientSequence(++clientSequence).timestampNs(timestampNs).period((short)1)
            .matchClockMs(1000).eventType(MatchEventType.PASS).teamId(1).playerId(3).x(50f).y(30f).xg(0f)
            .encodedLength();
    }

    private int videoFrame(final long timestampNs, final long pts)
    {
        final VideoFrameEncoder encoder = new VideoFrameEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(9).clientSequence(++clientSequence).timestampNs(timestampNs).pts(pts).idr(BooleanType.TRUE);
        encoder.renditionsCount(1).next().renditionId((short)0).frameBytes(1_000);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private void send(final V100Client client, final int length)
    {
        assertTrue(client.send(frame, 0, length, 5_000), "sent");
    }
}
