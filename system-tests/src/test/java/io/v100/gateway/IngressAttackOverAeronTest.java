package io.v100.gateway;

import io.aeron.CommonContext;
import io.v100.client.ClientContext;
import io.v100.core.SessionRole;
import io.v100.demo.InMemoryCredentials;
import io.v100.sbe.SessionCode;
import io.v100.client.EgressTally;
import io.v100.cli.V100Main;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandler;
import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastTick;
import io.v100.core.CoreContext;
import io.v100.core.EgressProxy;
import io.v100.core.EgressSink;
import io.v100.core.RingEvent;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.core.abr.AbrContext;
import io.v100.core.deepfake.DeepfakeContext;
import io.v100.core.director.DirectorContext;
import io.v100.core.drm.DrmContext;
import io.v100.core.drm.DrmHandler;
import io.v100.core.drm.KeyDeriver;
import io.v100.core.wagering.WageringContext;
import io.v100.demo.EncodedMatch;
import io.v100.sbe.BooleanType;
import io.v100.sbe.DetectorScoreEncoder;
import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.StatusRequestEncoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks on the core's clock, PTS and tables sent from outside over a real Aeron connection (IPC to a
 * {@link CoreNode} in a temp directory): each is answered with its typed {@code Rejected}, counted, and the normal
 * feed around it gives exactly the uninterrupted result.
 */
@Tag("slow")
@Timeout(300)
class IngressAttackOverAeronTest
{
    private static final int ATTACKER = 66;

    /** One principal with every role: the attacker is a client that authenticated, sending what it may not. */
    private static final InMemoryCredentials CREDENTIALS = InMemoryCredentials.of("attacker", SessionRole.ALL);

    private static final int CLIENT_SEQUENCE_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + FixtureEncoder.clientSequenceEncodingOffset();

    private final UnsafeBuffer matchFrame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private static final long YEAR_2100_NS = 4_102_444_800_000_000_000L;
    private static final long YEAR_2000_NS = 946_684_800_000_000_000L;
    private static final int TIMESTAMP_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + MatchEventEncoder.timestampNsEncodingOffset();

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long attackerSequence;

    /**
     * The shipped match over Aeron with far-future, far-past and out-of-range-PTS frames injected after the Fixture,
     * mid-match and near the end. Before this rule one 2100-01-01 frame left 0 accepted bets, 0 licences, 0 key
     * rotations and 6 cuts; one PTS of Long.MAX_VALUE left 0 segments.
     */
    @Test
    void shouldRejectClockAndPtsAttacksAndGiveTheUninterruptedMatch() throws Exception
    {
        final EncodedMatch match = EncodedMatch.generate();
        final Reference reference = Reference.run(match);
        assertEquals(2, reference.tally.score().homeGoals(), "the shipped match is 2-2");
        assertEquals(2, reference.tally.score().awayGoals());
        assertEquals(682, reference.tally.directorCuts());

        final EgressTally tally = new EgressTally();
        final CoreNode node = launch(dir.resolve("core"), new DrmContext());
        final int[] attackAfter = { 5, match.count() / 2, match.count() - 10 };
        int attacks = 0;
        try (V100Client client = connect(node, tally))
        {
            int next = 0;
            for (int i = 0; i < match.count(); i++)
            {
                sendMatchFrame(client, match, i);
                if ((i & 0xFF) == 0)
                {
                    client.poll(1024);
                }
                if (next < attackAfter.length && i == attackAfter[next])
                {
                    next++;
                    final long nowNs =
                        match.buffer.getLong(match.offset(i) + TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
                    send(client, frame, 0, matchEvent(YEAR_2100_NS));
                    send(client, frame, 0, videoFrame(YEAR_2100_NS, 0));
                    // A licence request is in event time (key periods); a grant is not (see BroadcastTick).
                    send(client, frame, 0, license(YEAR_2100_NS, 9_000_000 + i, new byte[KeyDeriver.KID_LENGTH]));
                    send(client, frame, 0, matchEvent(Long.MAX_VALUE));
                    send(client, frame, 0, matchEvent(YEAR_2000_NS));
                    send(client, frame, 0, videoFrame(nowNs, Long.MAX_VALUE));
                    send(client, frame, 0, videoFrame(nowNs, -1));
                    send(client, frame, 0, detectorScore(nowNs, Long.MIN_VALUE));
                    attacks += 8;
                }
            }
            awaitStatus(client, tally, 4242);
        }
        finally
        {
            node.close();
        }

        final Map<RejectReason, Long> rejections = tally.rejections();
        assertEquals(15L, rejections.get(RejectReason.TIMESTAMP_OUT_OF_WINDOW));
        assertEquals(9L, rejections.get(RejectReason.PTS_OUT_OF_RANGE));
        assertEquals(24, attacks);
        assertEquals(15, node.tick().eventsRejected(RejectReason.TIMESTAMP_OUT_OF_WINDOW));
        assertEquals(9, node.tick().eventsRejected(RejectReason.PTS_OUT_OF_RANGE));
        assertEquals(attacks, tally.counters().eventsRejected());
        assertEquals(match.count() + attacks + 1, tally.counters().eventsJournaled());
        assertEquals(reference.tick.nowNs(), node.tick().nowNs(), "the clock is the feed's, never 2100");
        assertEquals(0, node.ring().handlerErrors());
        assertUninterrupted(reference.tally, tally);

        // Replay takes the journaled attacks through the same validation and clock rule: same answers, same bytes.
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream previous = System.out;
        final int exit;
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = V100Main.commandLine().execute("replay", "--journal", dir.resolve("core").toString(), "--verify");
        }
        finally
        {
            System.setOut(previous);
        }
        final String replay = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, replay);
        assertTrue(replay.contains(String.format("%,d processed, %d rejected", match.count() + 1, attacks)), replay);
        assertTrue(replay.contains("verify: identical"), replay);
    }

    /**
     * A flood of grants for distinct viewers, 200,000 beyond the entitlement table's capacity: each one past it is
     * rejected TABLE_FULL, the table holds exactly its capacity, and viewers already entitled are still licensed.
     */
    @Test
    void shouldRejectEntitlementsBeyondCapacityAndKeepServingEntitledViewers() throws Exception
    {
        final int capacity = 50_000;
        final int beyond = 200_000;
        final EgressTally tally = new EgressTally();
        final CoreNode node = launch(dir.resolve("core"), new DrmContext().maxViewers(capacity));
        final long t0 = 1_537_713_000_000_000_000L;
        final long matchId = 15_986L;
        try (V100Client client = connect(node, tally))
        {
            send(client, frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + new FixtureEncoder()
                .wrapAndApplyHeader(frame, 0, header).clientId(ATTACKER).clientSequence(++attackerSequence)
                .timestampNs(t0).matchId(matchId).homeTeamId(1).awayTeamId(2).kickoffNs(t0)
                .homeGoalRate(1.5f).awayGoalRate(1.1f).encodedLength());
            for (int v = 1; v <= capacity + beyond; v++)
            {
                send(client, frame, 0, grant(t0 + v, v));
                if ((v & 0xFF) == 0)
                {
                    client.poll(1024);
                }
            }
            final byte[] kid = new byte[KeyDeriver.KID_LENGTH];
            new KeyDeriver(new DrmContext()).deriveKid(
                KeyDeriver.keyPeriod(t0 + capacity + beyond, DrmContext.KEY_PERIOD_NS_DEFAULT), matchId, kid);
            send(client, frame, 0, license(t0 + capacity + beyond + 1, 1, kid));
            send(client, frame, 0, license(t0 + capacity + beyond + 2, capacity, kid));
            send(client, frame, 0, license(t0 + capacity + beyond + 3, capacity + 1, kid));
            awaitStatus(client, tally, 4242);
        }
        finally
        {
            node.close();
        }

        assertEquals((long)beyond, tally.rejections().get(RejectReason.TABLE_FULL));
        assertEquals(beyond, node.tick().eventsRejected(RejectReason.TABLE_FULL));
        assertEquals(beyond, tally.counters().eventsRejected());
        final DrmHandler drm = drm(node.tick());
        assertEquals(capacity, drm.entitlements(), "the table never grows past its capacity");
        assertEquals(beyond, drm.entitlementsRefused());
        final Map<LicenseResultCode, Long> licences = tally.licenseResults();
        assertEquals(2L, licences.get(LicenseResultCode.GRANTED), "viewers 1 and " + capacity + " are entitled");
        assertEquals(1L, licences.get(LicenseResultCode.NO_ENTITLEMENT), "the refused viewer is not");
        assertEquals(0, node.ring().handlerErrors());
    }

    private static void assertUninterrupted(final EgressTally expected, final EgressTally actual)
    {
        assertEquals(expected.score(), actual.score());
        assertEquals(expected.goals(), actual.goals());
        assertEquals(expected.suspensions(), actual.suspensions());
        assertEquals(expected.betsAccepted(), actual.betsAccepted());
        assertEquals(expected.betResults(), actual.betResults());
        assertEquals(expected.directorCuts(), actual.directorCuts());
        assertEquals(expected.segments(), actual.segments());
        assertEquals(expected.segmentMessages(), actual.segmentMessages());
        assertEquals(expected.dateRanges(), actual.dateRanges());
        assertEquals(expected.alertsRaised(), actual.alertsRaised());
        assertEquals(expected.alertsCleared(), actual.alertsCleared());
        assertEquals(expected.keyRotations(), actual.keyRotations());
        assertEquals(expected.licenseResults(), actual.licenseResults());
        assertTrue(actual.betsAccepted() > 0 && actual.keyRotations() > 0 && actual.segments() > 0);
    }

    private static DrmHandler drm(final BroadcastTick tick)
    {
        for (final BroadcastHandler handler : tick.handlers())
        {
            if (handler instanceof DrmHandler drm)
            {
                return drm;
            }
        }
        throw new AssertionError("no DRM handler");
    }

    private static CoreNode launch(final Path dir, final DrmContext drm)
    {
        final GatewayContext ipc = new GatewayContext()
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL)
            .credentials(CREDENTIALS.store());
        final CoreContext core = new CoreContext()
            .dataDirectory(dir)
            .waitStrategy(WaitStrategyKind.SLEEPING)
            .affinity(ThreadingPlan.Affinity.NONE)
            .ringSize(1 << 14);
        return CoreNode.launch(ipc, core, egress -> new BroadcastHandlers(
            egress, new WageringContext(), new DirectorContext(), new AbrContext(), new DeepfakeContext(), drm)
            .inTickOrder());
    }

    private static V100Client connect(final CoreNode node, final EgressTally tally)
    {
        final V100Client client = V100Client.connect(new ClientContext()
            .aeronDirectoryName(node.aeronDirectoryName())
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL), tally);
        assertTrue(client.awaitConnected(10_000));
        assertEquals(SessionCode.OPEN, client.openSession(CREDENTIALS.client(0), 10_000));
        return client;
    }

    /**
     * One session sends the match and the attacks, so they share its client sequence: the match frame is copied
     * and given the next one. The client library stamps the session's client id on it.
     */
    private void sendMatchFrame(final V100Client client, final EncodedMatch match, final int i)
    {
        final int length = match.length(i);
        matchFrame.putBytes(0, match.buffer, match.offset(i), length);
        matchFrame.putLong(CLIENT_SEQUENCE_OFFSET, ++attackerSequence, ByteOrder.LITTLE_ENDIAN);
        send(client, matchFrame, 0, length);
    }

    private void awaitStatus(final V100Client client, final EgressTally tally, final long correlationId)
    {
        send(client, frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder()
            .wrapAndApplyHeader(frame, 0, header).clientId(ATTACKER).clientSequence(++attackerSequence)
            .timestampNs(lastAttackerTimestampNs).correlationId(correlationId).encodedLength());
        final long deadline = System.nanoTime() + 120_000_000_000L;
        while ((null == tally.counters() || tally.counters().correlationId() != correlationId) &&
            System.nanoTime() < deadline)
        {
            client.poll(1024);
        }
        assertNotNull(tally.counters(), "status answered");
        assertEquals(correlationId, tally.counters().correlationId());
    }

    private long lastAttackerTimestampNs = 1;

    private int matchEvent(final long timestampNs)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(ATTACKER).clientSequence(++attackerSequence).timestampNs(timestampNs).period((short)1)
            .matchClockMs(1000).eventType(MatchEventType.PASS).teamId(217).playerId(3).x(50f).y(30f).xg(0f)
            .encodedLength();
    }

    private int videoFrame(final long timestampNs, final long pts)
    {
        lastAttackerTimestampNs = Math.max(lastAttackerTimestampNs, timestampNs < YEAR_2100_NS ? timestampNs : 1);
        final VideoFrameEncoder encoder = new VideoFrameEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(ATTACKER).clientSequence(++attackerSequence).timestampNs(timestampNs).pts(pts)
            .idr(BooleanType.TRUE);
        encoder.renditionsCount(1).next().renditionId((short)0).frameBytes(1_000);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int detectorScore(final long timestampNs, final long pts)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new DetectorScoreEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(ATTACKER).clientSequence(++attackerSequence).timestampNs(timestampNs).cameraId((short)3)
            .pts(pts).score(0.99f).encodedLength();
    }

    private int grant(final long timestampNs, final long viewerId)
    {
        if (timestampNs < YEAR_2100_NS)
        {
            lastAttackerTimestampNs = Math.max(lastAttackerTimestampNs, timestampNs);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + new EntitlementGrantEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(ATTACKER).clientSequence(++attackerSequence).timestampNs(timestampNs).viewerId(viewerId)
            .eventId(15_986L).expiryNs(Long.MAX_VALUE / 2).encodedLength();
    }

    private int license(final long timestampNs, final long viewerId, final byte[] kid)
    {
        if (timestampNs < YEAR_2100_NS)
        {
            lastAttackerTimestampNs = Math.max(lastAttackerTimestampNs, timestampNs);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + new LicenseRequestEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(ATTACKER).clientSequence(++attackerSequence).timestampNs(timestampNs).viewerId(viewerId)
            .sessionId(viewerId).putKid(kid, 0, kid.length).encodedLength();
    }

    private static void send(final V100Client client, final DirectBuffer buffer, final int offset, final int length)
    {
        assertTrue(client.send(buffer, offset, length, 30_000), "sent");
    }

    /**
     * The same match run straight through a tick in this thread, with no attack: the uninterrupted result.
     */
    private record Reference(BroadcastTick tick, EgressTally tally)
    {
        static Reference run(final EncodedMatch match)
        {
            final EgressTally tally = new EgressTally();
            final EgressSink sink = tally::onMessage;
            final EgressProxy egress = new EgressProxy(sink);
            final BroadcastTick tick = new BroadcastTick(
                null, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
            final RingEvent event = new RingEvent();
            for (int i = 0; i < match.count(); i++)
            {
                event.set(match.buffer, match.offset(i), match.length(i), 0, 0);
                tick.onEvent(event, i, true);
            }
            final UnsafeBuffer status = new UnsafeBuffer(new byte[64]);
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder()
                .wrapAndApplyHeader(status, 0, new MessageHeaderEncoder()).clientId(ATTACKER).clientSequence(1)
                .timestampNs(tick.nowNs()).correlationId(4242).encodedLength();
            event.set(status, 0, length, 0, 0);
            tick.onEvent(event, match.count(), true);
            return new Reference(tick, tally);
        }
    }
}
