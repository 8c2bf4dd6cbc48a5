package io.v100.gateway;

import io.aeron.CommonContext;
import io.v100.cli.V100Main;
import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.ClientSequencer;
import io.v100.core.CoreContext;
import io.v100.core.SessionContext;
import io.v100.core.SessionRole;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.demo.InMemoryCredentials;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.SessionCloseRequestEncoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionOpenedEncoder;
import io.v100.sbe.SnapshotRequestEncoder;
import io.v100.sbe.StatusRequestEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each attack on sessions and sequencing is sent from outside over a real Aeron connection (an Aeron client of its
 * own, frames as the attacker writes them), then a normal feed runs on the same core. Each test checks the typed
 * answer, the counters (from the status answer and the core's getters), and that the normal feed's egress is
 * byte-for-byte what the same feed gives on a core nobody attacked (same digest, same score).
 */
@Tag("slow")
@Timeout(120)
class SessionAttacksOverAeronTest
{
    private static final long T0 = 1_537_713_000_000_000_000L;
    private static final int HOME = 217;
    private static final int AWAY = 206;
    private static final long STATUS_CORRELATION = 4242;

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InMemoryCredentials credentials = InMemoryCredentials.of(
        "feed", SessionRole.ALL,
        "viewers", SessionRole.VIEWER_GATEWAY.bit(),
        "match", SessionRole.MATCH_DATA.bit(),
        "operator", SessionRole.OPERATOR.bit(),
        "p1", SessionRole.VIDEO.bit(),
        "p2", SessionRole.VIDEO.bit(),
        "p3", SessionRole.VIDEO.bit(),
        "p4", SessionRole.VIDEO.bit());

    /** What the normal feed produced on a core nobody attacked. */
    private record FeedResult(String digest, long digested, int homeGoals, int awayGoals, long journaled)
    {
    }

    @Test
    void shouldRefuseFramesFromAConnectionWithNoSession()
    {
        final FeedResult expected = reference();
        final CoreNode node = launch(dir.resolve("core"), new SessionContext());
        try (V100Client feed = connect(node);
            RawConnection attacker = new RawConnection(node.aeronDirectoryName()))
        {
            attacker.send(frame, matchEvent(1, 1, MatchEventType.GOAL, HOME, T0 + 1));
            attacker.send(frame, status(1, 2, 99));
            attacker.send(frame, snapshotRequest(1, 3));
            attacker.send(frame, 6);
            attacker.awaitUntil(() -> attacker.refusals.size() == 4, "four refusals");
            assertEquals(4, attacker.refusals(RejectReason.NO_SESSION), attacker.refusals::toString);

            final FeedResult result = normalFeed(feed, node);
            assertEquals(expected, result);
            final EgressTally.SessionCounts counts = lastCounts;
            assertEquals(4, counts.noSessionRefusals());
            assertEquals(4, node.tick().metrics().refused(RejectReason.NO_SESSION));
        }
        finally
        {
            node.close();
        }
    }

    @Test
    void shouldRefuseTemplatesOutsideTheSessionsRoles()
    {
        final FeedResult expected = reference();
        final CoreNode node = launch(dir.resolve("core"), new SessionContext());
        try (V100Client feed = connect(node);
            RawConnection viewerGateway = new RawConnection(node.aeronDirectoryName()))
        {
            final RawConnection.SessionSeen session = viewerGateway.open("viewers", credentials.client(1).secret());
            assertEquals(SessionCode.OPEN, session.code());
            final int clientId = session.clientId();

            viewerGateway.send(frame, matchEvent(clientId, 1, MatchEventType.GOAL, HOME, T0 + 1));
            viewerGateway.send(frame, snapshotRequest(clientId, 2));
            viewerGateway.send(frame, forgedSessionOpened());
            viewerGateway.awaitUntil(() -> viewerGateway.refusals.size() == 3, "three refusals");
            assertEquals(3, viewerGateway.refusals(RejectReason.NOT_AUTHORISED));

            final FeedResult result = normalFeed(feed, node);
            assertEquals(expected, result, "the viewer gateway's GOAL did not change the score");
            assertEquals(3, lastCounts.notAuthorisedRefusals());
            assertEquals(0, node.tick().lastClientSequence(clientId), "nothing of the viewer gateway was journaled");
        }
        finally
        {
            node.close();
        }
    }

    @Test
    void shouldRefuseAWrongSecretAndKeepSecretsOutOfTheJournal() throws IOException
    {
        final FeedResult expected = reference();
        final Path data = dir.resolve("core");
        final CoreNode node = launch(data, new SessionContext());
        final byte[] wrongSecret = ClientCredentials.generate("feed", new java.security.SecureRandom()).secret();
        try (V100Client feed = connect(node);
            RawConnection attacker = new RawConnection(node.aeronDirectoryName()))
        {
            assertEquals(SessionCode.AUTHENTICATION_FAILED, attacker.open("feed", wrongSecret).code());
            assertEquals(SessionCode.AUTHENTICATION_FAILED, attacker.open("nobody", wrongSecret).code());
            attacker.send(frame, matchEvent(1, 1, MatchEventType.GOAL, AWAY, T0 + 1));
            attacker.awaitUntil(() -> attacker.refusals.size() == 1, "the frame after a failed open is refused");
            assertEquals(1, attacker.refusals(RejectReason.NO_SESSION));

            final FeedResult result = normalFeed(feed, node);
            assertEquals(expected, result);
            assertEquals(2, lastCounts.authenticationFailures());
            assertEquals(2, node.tick().sequencer().authenticationFailures());
        }
        finally
        {
            node.close();
        }

        final byte[] secret = credentials.client(0).secret();
        for (final byte[] needle : List.of(
            secret, HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII), wrongSecret))
        {
            assertFalse(anyFileContains(data, needle),
                () -> "no secret in any file of the data directory: " + HexFormat.of().formatHex(needle));
        }
        assertTrue(anyFileContains(data.resolve("journal"), "nobody".getBytes(StandardCharsets.US_ASCII)),
            "the failed open is journaled with its principal");
    }

    @Test
    void shouldRefuseAFrameClaimingAnotherSessionsClientId()
    {
        final FeedResult expected = reference();
        final CoreNode node = launch(dir.resolve("core"), new SessionContext());
        try (V100Client feed = connect(node);
            RawConnection victimConnection = new RawConnection(node.aeronDirectoryName());
            RawConnection attacker = new RawConnection(node.aeronDirectoryName()))
        {
            final int victim = victimConnection.open("feed", credentials.client(0).secret()).clientId();
            assertEquals(SessionCode.OPEN, attacker.open("match", credentials.client(2).secret()).code());

            attacker.send(frame, matchEvent(victim, 1_000_000_000_000L, MatchEventType.GOAL, HOME, T0 + 1));
            attacker.send(frame, matchEvent(99, 1, MatchEventType.GOAL, HOME, T0 + 1));
            attacker.awaitUntil(() -> attacker.refusals.size() == 2, () -> "two refusals: " + attacker.refusals);
            assertEquals(1, attacker.refusals(RejectReason.SESSION_MISMATCH));
            assertEquals(1, attacker.refusals(RejectReason.NO_SESSION));

            final FeedResult result = normalFeed(feed, node);
            assertEquals(expected, result, "the real client was not locked out");
            assertEquals(1, lastCounts.sessionMismatchRefusals());
        }
        finally
        {
            node.close();
        }
    }

    @Test
    void shouldRefuseAnOutOfRangeSequenceAndStillRecoverAndReplay()
    {
        final FeedResult expected = reference();
        final Path data = dir.resolve("core");
        CoreNode node = launch(data, new SessionContext());
        try (V100Client feed = connect(node);
            RawConnection source = new RawConnection(node.aeronDirectoryName()))
        {
            final int clientId = source.open("match", credentials.client(2).secret()).clientId();
            source.send(frame, matchEvent(clientId, Long.MIN_VALUE, MatchEventType.GOAL, HOME, T0 + 1));
            source.send(frame, matchEvent(clientId, 0, MatchEventType.GOAL, HOME, T0 + 1));
            source.awaitUntil(() -> source.refusals.size() == 2, "two refusals");
            assertEquals(2, source.refusals(RejectReason.INVALID_SEQUENCE));

            assertEquals(expected, normalFeed(feed, node));
            assertEquals(2, lastCounts.invalidSequences());
        }
        finally
        {
            node.close();
        }

        node = launch(data, new SessionContext());
        try
        {
            assertEquals(expected.journaled(), node.recovery().tick().nextRingSequence(), "recovered every input");
        }
        finally
        {
            node.close();
        }
        assertEquals(0, V100Main.commandLine().execute("replay", "--journal", data.toString(), "--verify"));
    }

    @Test
    void shouldAnswerAGapAndADuplicateWithTheNextExpectedSequence()
    {
        final FeedResult expected = referenceAfterOneOperatorStatus();
        final CoreNode node = launch(dir.resolve("core"), new SessionContext());
        try (V100Client feed = connect(node);
            RawConnection source = new RawConnection(node.aeronDirectoryName()))
        {
            final int clientId = source.open("operator", credentials.client(3).secret()).clientId();
            for (final long clientSequence : new long[]{ 1, 3, 1 })
            {
                final long acksBefore = source.acks.stream().filter(a -> a.clientId() == clientId).count();
                source.send(frame, status(clientId, clientSequence, clientSequence));
                source.awaitUntil(() -> source.acks.stream().filter(a -> a.clientId() == clientId).count() > acksBefore,
                    () -> "an acknowledgement of " + clientSequence + ": " + source.acks);
            }
            assertEquals(3, source.acks.stream().filter(a -> a.clientId() == clientId).count());
            for (final RawConnection.AckSeen ack : source.acks)
            {
                if (ack.clientId() == clientId)
                {
                    assertEquals(1, ack.clientSequence(), "the gap and the duplicate are answered with the last taken");
                    assertEquals(2, ack.nextClientSequence(), "and the next expected");
                }
            }
            assertEquals(SessionCode.OPEN, source.open("operator", credentials.client(3).secret()).code());
            assertEquals(2, source.sessions.get(source.sessions.size() - 1).nextClientSequence(),
                "a re-opened session is told where its client's sequence stands");

            final RawConnection.SessionSeen reopened = source.sessions.get(source.sessions.size() - 1);
            source.send(frame, MessageHeaderEncoder.ENCODED_LENGTH + new SessionCloseRequestEncoder()
                .wrapAndApplyHeader(frame, 0, header)
                .clientId(clientId).clientSequence(0).timestampNs(T0).sessionId(reopened.sessionId()).correlationId(77)
                .encodedLength());
            source.awaitUntil(() -> source.sessions.stream().anyMatch(
                e -> e.correlationId() == 77 && e.code() == SessionCode.CLOSED), "the session closes");
            source.send(frame, status(clientId, 2, 2));
            source.awaitUntil(() -> source.refusals(RejectReason.NO_SESSION) == 1, "closed: no session");

            assertEquals(expected, normalFeed(feed, node),
                "as if only the operator's first status request had been sent");
            assertEquals(1, lastCounts.sessionsOpen(), "only the feed's session is open");
            assertEquals(1, lastCounts.gapsDropped());
            assertEquals(1, lastCounts.duplicatesIgnored());
            final ClientSequencer sequencer = node.tick().sequencer();
            assertEquals(1, sequencer.gapsDropped());
            assertEquals(1, sequencer.duplicatesIgnored());
        }
        finally
        {
            node.close();
        }
    }

    @Test
    void shouldCoalesceAFloodOfSnapshotRequests()
    {
        final FeedResult expected = reference();
        final CoreNode node = launch(dir.resolve("core"), new SessionContext().snapshotMinInputs(10_000));
        try (V100Client feed = connect(node);
            RawConnection operator = new RawConnection(node.aeronDirectoryName()))
        {
            final int clientId = operator.open("operator", credentials.client(3).secret()).clientId();
            for (int i = 0; i < 50; i++)
            {
                operator.send(frame, snapshotRequest(clientId, i + 1));
            }
            operator.awaitUntil(() -> operator.refusals.size() == 49, "49 refusals");
            assertEquals(49, operator.refusals(RejectReason.RATE_LIMITED));

            assertEquals(expected, normalFeed(feed, node));
            assertEquals(49, lastCounts.rateLimitedRefusals());
        }
        finally
        {
            node.close();
        }
        assertEquals(1, node.snapshotStore().written(), "one snapshot for fifty requests");
    }

    @Test
    void shouldRefuseSessionOpensPastTheClientCapacity()
    {
        final FeedResult expected = reference();
        final CoreNode node = launch(dir.resolve("core"), new SessionContext().maxClients(3));
        try (V100Client feed = connect(node);
            RawConnection flood = new RawConnection(node.aeronDirectoryName()))
        {
            assertEquals(SessionCode.OPEN, feed.openSession(credentials.client(0), 10_000));
            int open = 0;
            int full = 0;
            for (int i = 0; i < 200; i++)
            {
                final int principal = 4 + i % 4;
                final SessionCode code = flood.open("p" + (principal - 3), credentials.client(principal).secret())
                    .code();
                open += code == SessionCode.OPEN ? 1 : 0;
                full += code == SessionCode.SESSION_LIMIT ? 1 : 0;
            }
            assertEquals(100, open, "p1 and p2 take the two client ids left, again and again");
            assertEquals(100, full, "p3 and p4 find the table full");
            assertEquals(3, node.sessionRegistry().maxClients());

            assertEquals(expected, normalFeed(feed, node));
            assertEquals(3, lastCounts.clients());
            assertEquals(100, lastCounts.sessionLimitRefusals());
        }
        finally
        {
            node.close();
        }
    }

    private EgressTally.SessionCounts lastCounts;
    private FeedResult reference;

    /**
     * @return the normal feed's result on a core nobody attacked.
     */
    private FeedResult reference()
    {
        if (null == reference)
        {
            final CoreNode node = launch(dir.resolve("reference"), new SessionContext());
            try (V100Client feed = connect(node))
            {
                reference = normalFeed(feed, node);
            }
            finally
            {
                node.close();
            }
        }
        return reference;
    }

    /**
     * @return the normal feed's result on a core that first took one status request from the operator, and
     * nothing else.
     */
    private FeedResult referenceAfterOneOperatorStatus()
    {
        final CoreNode node = launch(dir.resolve("reference-operator"), new SessionContext());
        try (V100Client feed = connect(node);
            RawConnection operator = new RawConnection(node.aeronDirectoryName()))
        {
            final int clientId = operator.open("operator", credentials.client(3).secret()).clientId();
            operator.send(frame, status(clientId, 1, 1));
            operator.awaitUntil(() -> operator.acks.stream().anyMatch(a -> a.clientId() == clientId), "ack");
            return normalFeed(feed, node);
        }
        finally
        {
            node.close();
        }
    }

    /**
     * A fixture, three match events (one a home goal) and a status request, numbered 1..5 by the client, sent
     * by the "feed" principal. The client is connected right after the core starts, so its tally sees every tick
     * in both the attacked run and the reference.
     */
    private FeedResult normalFeed(final V100Client client, final CoreNode node)
    {
        if (0 == client.clientId())
        {
            assertEquals(SessionCode.OPEN, client.openSession(credentials.client(0), 10_000));
        }
        final EgressTally tally = tallies.get(client);
        send(client, fixture(T0));
        send(client, matchEvent(0, 2, MatchEventType.PASS, HOME, T0 + 1_000_000_000L));
        send(client, matchEvent(0, 3, MatchEventType.GOAL, HOME, T0 + 2_000_000_000L));
        send(client, matchEvent(0, 4, MatchEventType.PASS, AWAY, T0 + 3_000_000_000L));
        send(client, status(0, 5, STATUS_CORRELATION));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (null == tally.sessionCounts() || tally.sessionCounts().correlationId() != STATUS_CORRELATION ||
            null == tally.counters() || tally.counters().correlationId() != STATUS_CORRELATION)
        {
            assertTrue(System.nanoTime() < deadline, "status answered");
            client.poll(64);
        }
        lastCounts = tally.sessionCounts();
        assertNotNull(tally.score());
        assertEquals(0, node.ring().handlerErrors());
        return new FeedResult(tally.digestHex(), tally.digestedMessages(), tally.score().homeGoals(),
            tally.score().awayGoals(), tally.counters().eventsJournaled());
    }

    private final java.util.Map<V100Client, EgressTally> tallies = new java.util.IdentityHashMap<>();

    private V100Client connect(final CoreNode node)
    {
        final EgressTally tally = new EgressTally();
        final V100Client client = V100Client.connect(new io.v100.client.ClientContext()
            .aeronDirectoryName(node.aeronDirectoryName())
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL), tally);
        tallies.put(client, tally);
        assertTrue(client.awaitConnected(10_000));
        return client;
    }

    private void send(final V100Client client, final int length)
    {
        assertTrue(client.send(frame, 0, length, 5_000));
    }

    private CoreNode launch(final Path data, final SessionContext sessions)
    {
        return CoreNode.launch(
            new GatewayContext()
                .ingressChannel(CommonContext.IPC_CHANNEL)
                .egressChannel(CommonContext.IPC_CHANNEL)
                .credentials(credentials.store())
                .sessions(sessions),
            new CoreContext()
                .dataDirectory(data)
                .snapshotIntervalInputs(0)
                .waitStrategy(WaitStrategyKind.SLEEPING)
                .affinity(ThreadingPlan.Affinity.NONE)
                .ringSize(1024),
            egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
    }

    private static boolean anyFileContains(final Path directory, final byte[] needle) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
            {
                if (indexOf(Files.readAllBytes(file), needle) >= 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private int fixture(final long timestampNs)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new FixtureEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(0).clientSequence(1).timestampNs(timestampNs).matchId(1).homeTeamId(HOME).awayTeamId(AWAY)
            .kickoffNs(timestampNs).homeGoalRate(1.5f).awayGoalRate(1.1f)
            .encodedLength();
    }

    private int matchEvent(
        final int clientId, final long clientSequence, final MatchEventType type, final int teamId, final long ns)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(clientId).clientSequence(clientSequence).timestampNs(ns).period((short)1)
            .matchClockMs((ns - T0) / 1_000_000).eventType(type).teamId(teamId).playerId(3).x(60f).y(40f).xg(0.3f)
            .encodedLength();
    }

    private int status(final int clientId, final long clientSequence, final long correlationId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(clientId).clientSequence(clientSequence).timestampNs(T0 + 4_000_000_000L)
            .correlationId(correlationId)
            .encodedLength();
    }

    private int snapshotRequest(final int clientId, final long clientSequence)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new SnapshotRequestEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(clientId).clientSequence(clientSequence).timestampNs(T0).correlationId(clientSequence)
            .encodedLength();
    }

    private int forgedSessionOpened()
    {
        final byte[] principal = new byte[SessionOpenedEncoder.principalLength()];
        System.arraycopy("feed".getBytes(StandardCharsets.US_ASCII), 0, principal, 0, 4);
        final SessionOpenedEncoder encoder = new SessionOpenedEncoder().wrapAndApplyHeader(frame, 0, header)
            .correlationId(1).connectionId(1).outcome(SessionCode.OPEN).putPrincipal(principal, 0);
        frame.putByte(encoder.roles().offset(), (byte)SessionRole.ALL);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
