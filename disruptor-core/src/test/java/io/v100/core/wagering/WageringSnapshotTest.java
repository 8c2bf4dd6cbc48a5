package io.v100.core.wagering;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.SnapshotRoundTrip;
import io.v100.core.director.DirectorContext;
import io.v100.core.director.DirectorHandler;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.BetRequestEncoder;
import io.v100.sbe.BetResultCode;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.Selection;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.StatusRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and restore of {@link WageringHandler}: a handler restored from a snapshot taken after any input of a
 * seeded match script must, on the rest of the script, send exactly the bytes the original sent.
 */
class WageringSnapshotTest
{
    private static final long T0 = 1_750_000_000_000_000_000L;
    private static final long MS_NS = 1_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final int HOME_TEAM = 217;
    private static final int AWAY_TEAM = 220;
    private static final int PENDING_CAPACITY = 4;
    private static final int WRITE_OFFSET = 5;
    private static final int LOAD_OFFSET = 11;
    private static final MatchEventType[] ORDINARY = {
        MatchEventType.PASS, MatchEventType.SHOT, MatchEventType.BALL_EVENT, MatchEventType.FOUL,
        MatchEventType.YELLOW_CARD, MatchEventType.SUBSTITUTION };
    private static final MarketType[] MARKETS = { MarketType.MATCH_RESULT, MarketType.TOTAL_GOALS_2_5 };
    private static final Selection[][] SELECTIONS = {
        { Selection.HOME, Selection.DRAW, Selection.AWAY }, { Selection.OVER, Selection.UNDER } };
    private static final int STATE_INDEX = 6;
    private static final int PENDING_INDEX = 7;
    private static final double[] ODDS_FACTORS = { 1.0, 1.0, 0.98, 1.015, 1.08 };

    /**
     * Layout of the class Javadoc of WageringHandler, summed field by field: magic, count, two flags, team ids,
     * rates, period, clock, four score and card counts, four times and epochs, price version, suspensions, five
     * pre-event odds, 32 result counters, and the pricer's clock plus five (double, int, int) prices and two
     * overrounds.
     */
    private static final int FIXED_LENGTH =
        4 + 4 + 1 + 1 + 4 + 4 + 8 + 8 + 4 + 8 + 4 * 4 + 4 * 8 + 4 + 8 + 5 * 4 + 32 * 8 + (8 + 5 * 16 + 2 * 4);
    private static final int ENTRY_LENGTH = 8 + 8 + 1 + 1 + 8 + 4 + 8 + 8;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final FixtureEncoder fixtureEncoder = new FixtureEncoder();
    private final FixtureDecoder fixtureDecoder = new FixtureDecoder();
    private final MatchEventEncoder matchEventEncoder = new MatchEventEncoder();
    private final MatchEventDecoder matchEventDecoder = new MatchEventDecoder();
    private final BetRequestEncoder betRequestEncoder = new BetRequestEncoder();
    private final BetRequestDecoder betRequestDecoder = new BetRequestDecoder();
    private final StatusRequestEncoder statusRequestEncoder = new StatusRequestEncoder();
    private final StatusRequestDecoder statusRequestDecoder = new StatusRequestDecoder();
    private final UnsafeBuffer snapshotBuffer = new UnsafeBuffer(new byte[64 * 1024]);

    /**
     * One recorded input: the SBE frame and the tick's event time.
     */
    private static final class Step
    {
        final byte[] frame;
        final long nowNs;

        Step(final byte[] frame, final long nowNs)
        {
            this.frame = frame;
            this.nowNs = nowNs;
        }
    }

    /**
     * The original handler, its egress and everything recorded after each of its inputs.
     */
    private final class Original
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final WageringHandler handler = new WageringHandler(context(), egress);
        final List<Step> steps = new ArrayList<>();
        final List<byte[]> snapshots = new ArrayList<>();
        final List<long[]> accessors = new ArrayList<>();
        final List<Integer> sinkSizes = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(2026);
        final int[] preEventOdds = new int[5];
        long ts = T0;
        long clockMs;
        int period;
        long betId;
        boolean preEventKnown;

        void apply(final UnsafeBuffer frame, final int length)
        {
            final Step step = new Step(Arrays.copyOf(frame.byteArray(), length), ts);
            steps.add(step);
            dispatch(handler, egress, steps.size() - 1, step);
            snapshots.add(snapshotOf(handler));
            accessors.add(accessorsOf(handler));
            sinkSizes.add(sink.size());
        }

        void advance()
        {
            ts += random.nextLong(300 * MS_NS, 4 * SECOND_NS);
        }

        void fixture(final int homeTeam, final int awayTeam, final float homeRate, final float awayRate)
        {
            advance();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            fixtureEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .clientId(1).clientSequence(steps.size()).timestampNs(ts).matchId(15986 + steps.size())
                .homeTeamId(homeTeam).awayTeamId(awayTeam).kickoffNs(ts)
                .homeGoalRate(homeRate).awayGoalRate(awayRate);
            apply(frame, MessageHeaderEncoder.ENCODED_LENGTH + fixtureEncoder.encodedLength());
            period = 0;
            clockMs = 0;
            preEventKnown = false;
        }

        void event(final MatchEventType type, final int teamId)
        {
            advance();
            if (isMaterial(type))
            {
                for (int m = 0, i = 0; m < MARKETS.length; m++)
                {
                    for (final Selection selection : SELECTIONS[m])
                    {
                        preEventOdds[i++] = handler.decimalOdds(MARKETS[m], selection);
                    }
                }
                preEventKnown = true;
            }
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            matchEventEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .clientId(1).clientSequence(steps.size()).timestampNs(ts).period((short)period)
                .matchClockMs(clockMs).eventType(type).teamId(teamId).playerId(5503)
                .x((float)random.nextDouble(120.0)).y(40.0f).xg(0.0f);
            apply(frame, MessageHeaderEncoder.ENCODED_LENGTH + matchEventEncoder.encodedLength());
        }

        void status()
        {
            advance();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            statusRequestEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .clientId(3).clientSequence(steps.size()).timestampNs(ts).correlationId(steps.size());
            apply(frame, MessageHeaderEncoder.ENCODED_LENGTH + statusRequestEncoder.encodedLength());
        }

        void bet()
        {
            advance();
            final int m = random.nextInt(MARKETS.length);
            final MarketType market = MARKETS[m];
            final boolean validSelection = random.nextInt(100) < 93;
            final int s = random.nextInt(SELECTIONS[m].length);
            final Selection selection = validSelection ? SELECTIONS[m][s] : SELECTIONS[1 - m][0];
            final long stake = random.nextInt(100) < 3 ? 0 : random.nextLong(100, 50_000);
            final int oddsTaken;
            if (!validSelection)
            {
                oddsTaken = 2_000;
            }
            else if (preEventKnown && random.nextInt(100) < 20)
            {
                oddsTaken = preEventOdds[m * 3 + s];
            }
            else
            {
                final double factor = ODDS_FACTORS[random.nextInt(ODDS_FACTORS.length)];
                oddsTaken = (int)(handler.decimalOdds(market, selection) * factor);
            }
            final long streamPositionNs = random.nextInt(100) < 2 ?
                ts + 1 : ts - random.nextLong(2 * SECOND_NS, 6 * SECOND_NS);
            betId++;
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            betRequestEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .clientId(2).clientSequence(betId).timestampNs(ts).betId(betId).accountId(900 + betId % 37)
                .market(market).selection(selection).stakeMinor(stake).oddsTaken(oddsTaken)
                .streamPositionNs(streamPositionNs);
            apply(frame, MessageHeaderEncoder.ENCODED_LENGTH + betRequestEncoder.encodedLength());
        }

        /**
         * Play one half from {@code fromMinute} to {@code toMinute} of match clock with random bets, ordinary events
         * and status requests, and the scheduled events at their minutes (teamId 0 for none).
         */
        void half(
            final int half,
            final int fromMinute,
            final int toMinute,
            final int[] minutes,
            final MatchEventType[] types,
            final int[] teams)
        {
            period = half;
            clockMs = fromMinute * MINUTE_MS;
            event(MatchEventType.HALF_START, 0);
            int next = 0;
            while (clockMs < toMinute * MINUTE_MS)
            {
                clockMs += random.nextLong(2_000, 25_000);
                if (next < minutes.length && clockMs >= minutes[next] * MINUTE_MS)
                {
                    event(types[next], teams[next]);
                    next++;
                    continue;
                }
                final int roll = random.nextInt(100);
                if (roll < 60)
                {
                    bet();
                }
                else if (roll < 95)
                {
                    event(ORDINARY[random.nextInt(ORDINARY.length)], random.nextBoolean() ? HOME_TEAM : AWAY_TEAM);
                }
                else
                {
                    status();
                }
            }
            clockMs = toMinute * MINUTE_MS;
            event(MatchEventType.HALF_END, 0);
        }

        void playScript()
        {
            fixture(HOME_TEAM, AWAY_TEAM, 1.6f, 1.1f);
            bet();
            bet();
            half(
                1, 0, 45,
                new int[] { 10, 18, 19, 30, 41 },
                new MatchEventType[] {
                    MatchEventType.GOAL, MatchEventType.PENALTY_AWARDED, MatchEventType.GOAL, MatchEventType.RED_CARD,
                    MatchEventType.OWN_GOAL },
                new int[] { HOME_TEAM, AWAY_TEAM, AWAY_TEAM, HOME_TEAM, AWAY_TEAM });
            half(
                2, 45, 90,
                new int[] { 55, 63, 75, 88 },
                new MatchEventType[] {
                    MatchEventType.GOAL, MatchEventType.SECOND_YELLOW, MatchEventType.GOAL,
                    MatchEventType.PENALTY_AWARDED },
                new int[] { HOME_TEAM, AWAY_TEAM, AWAY_TEAM, HOME_TEAM });
            for (int i = 0; i < 4; i++)
            {
                bet();
            }
            period = 5;
            clockMs = 120 * MINUTE_MS;
            event(MatchEventType.GOAL, HOME_TEAM);
            status();

            fixture(301, 302, 1.2f, 1.4f);
            for (int i = 0; i < 6; i++)
            {
                bet();
            }
            period = 1;
            clockMs = 3 * MINUTE_MS;
            event(MatchEventType.GOAL, 302);
            for (int i = 0; i < 30; i++)
            {
                clockMs += 20_000;
                if (i % 3 == 0)
                {
                    event(MatchEventType.PASS, 301);
                }
                else
                {
                    bet();
                }
            }
            status();
        }
    }

    /**
     * A fresh handler fed the original's recorded inputs, ring sequence = step index.
     */
    private final class Replay implements SnapshotRoundTrip.Subject
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final WageringHandler handler = new WageringHandler(context(), egress);
        final List<Step> steps;

        Replay(final List<Step> steps)
        {
            this.steps = steps;
        }

        @Override
        public void apply(final int index)
        {
            dispatch(handler, egress, index, steps.get(index));
        }

        @Override
        public RecordingEgressSink sink()
        {
            return sink;
        }

        @Override
        public byte[] snapshot()
        {
            return snapshotOf(handler);
        }

        @Override
        public void load(final byte[] snapshot)
        {
            SnapshotRoundTrip.load(handler, snapshot, LOAD_OFFSET);
        }

        @Override
        public long[] accessors()
        {
            return accessorsOf(handler);
        }
    }

    @Test
    void shouldRestoreToIdenticalEgressFromEverySnapshotPoint()
    {
        final Original original = new Original();
        original.playScript();
        final int stepCount = original.steps.size();

        int pointsWithPending = 0;
        int pointsSuspendedWithPending = 0;
        int pointsSuspended = 0;
        int pointsClosed = 0;
        for (int point = 0; point < stepCount; point++)
        {
            final long[] expectedAccessors = original.accessors.get(point);
            pointsWithPending += expectedAccessors[PENDING_INDEX] > 0 ? 1 : 0;
            pointsSuspended += expectedAccessors[STATE_INDEX] == MarketState.SUSPENDED.value() ? 1 : 0;
            pointsSuspendedWithPending +=
                expectedAccessors[STATE_INDEX] == MarketState.SUSPENDED.value() && expectedAccessors[PENDING_INDEX] > 0 ? 1 : 0;
            pointsClosed += expectedAccessors[STATE_INDEX] == MarketState.CLOSED.value() ? 1 : 0;
        }
        final Replay reference = SnapshotRoundTrip.restoreAtEveryBoundary(
            () -> new Replay(original.steps), stepCount, 1, stepCount + 1, Integer.MAX_VALUE);
        SnapshotRoundTrip.assertSameEgress(original.sink, 0, reference.sink, -1);
        assertArrayEquals(accessorsOf(original.handler), reference.accessors(), "replayed accessors");
        assertArrayEquals(original.snapshots.get(stepCount - 1), reference.snapshot(), "replayed state");

        assertTrue(stepCount > 300, "steps " + stepCount);
        assertTrue(pointsWithPending > 50, "snapshots with bets pending: " + pointsWithPending);
        assertTrue(pointsSuspendedWithPending > 3, "suspended with bets pending: " + pointsSuspendedWithPending);
        assertTrue(pointsSuspended > 30, "snapshots during a suspension: " + pointsSuspended);
        assertTrue(pointsClosed > 3, "snapshots after the close: " + pointsClosed);
        final WageringHandler handler = original.handler;
        final BetResultCode[] mustOccur = {
            BetResultCode.ACCEPTED, BetResultCode.HELD, BetResultCode.LAPSED_MATERIAL_EVENT,
            BetResultCode.PAST_POSTING, BetResultCode.ODDS_CHANGED, BetResultCode.MARKET_SUSPENDED,
            BetResultCode.MARKET_CLOSED, BetResultCode.INVALID_STAKE, BetResultCode.INVALID_SELECTION,
            BetResultCode.INVALID_STREAM_POSITION, BetResultCode.LAPSED_ODDS_CHANGED, BetResultCode.TOO_MANY_PENDING };
        for (final BetResultCode code : mustOccur)
        {
            assertTrue(handler.betResults(code) > 0, "script never produced " + code);
        }
        assertEquals(10, handler.suspensions(), "one suspension per scheduled material event");
    }

    @Test
    void shouldWriteMagicThenLayoutLengthForPendingBets()
    {
        final Original original = new Original();
        original.playScript();
        for (int point = 0; point < original.steps.size(); point++)
        {
            final byte[] snapshot = original.snapshots.get(point);
            final int pending = (int)original.accessors.get(point)[PENDING_INDEX];
            assertEquals(FIXED_LENGTH + pending * ENTRY_LENGTH, snapshot.length, "length at " + point);
            assertEquals('1', snapshot[0]);
            assertEquals('G', snapshot[1]);
            assertEquals('A', snapshot[2]);
            assertEquals('W', snapshot[3]);
            assertEquals(pending, new UnsafeBuffer(snapshot).getInt(4, ByteOrder.LITTLE_ENDIAN));
        }
        assertEquals(FIXED_LENGTH, WageringHandler.SNAPSHOT_FIXED_LENGTH);
    }

    @Test
    void shouldRoundTripFreshHandler()
    {
        final WageringHandler fresh = new WageringHandler(context(), new EgressProxy(new RecordingEgressSink()));
        final byte[] snapshot = snapshotOf(fresh);
        final WageringHandler restored = new WageringHandler(context(), new EgressProxy(new RecordingEgressSink()));
        restored.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length);

        assertEquals(FIXED_LENGTH, snapshot.length);
        assertEquals(MarketState.NULL_VAL, restored.marketState());
        assertArrayEquals(accessorsOf(fresh), accessorsOf(restored));
    }

    @Test
    void shouldReturnMinusOneAndWriteNothingWhenCapacityIsTooSmall()
    {
        final Original original = new Original();
        original.fixture(HOME_TEAM, AWAY_TEAM, 1.6f, 1.1f);
        original.bet();
        original.bet();
        assertTrue(original.handler.pendingBets() > 0);
        final int length = FIXED_LENGTH + original.handler.pendingBets() * ENTRY_LENGTH;

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length + 16]);
        assertEquals(-1, original.handler.writeSnapshot(buffer, 8, length - 1));
        assertEquals(-1, original.handler.writeSnapshot(buffer, 8, 0));
        assertArrayEquals(new byte[length + 16], buffer.byteArray(), "nothing written");
        assertEquals(length, original.handler.writeSnapshot(buffer, 8, length));
    }

    @Test
    void shouldWriteSnapshotWithoutAllocating()
    {
        final Original original = new Original();
        original.fixture(HOME_TEAM, AWAY_TEAM, 1.6f, 1.1f);
        while (original.handler.pendingBets() < 3)
        {
            original.bet();
        }
        final WageringHandler handler = original.handler;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        long written = 0;
        for (int i = 0; i < 10_000; i++)
        {
            written += handler.writeSnapshot(buffer, 0, buffer.capacity());
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++)
        {
            written += handler.writeSnapshot(buffer, 0, buffer.capacity());
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(20_000L * (FIXED_LENGTH + handler.pendingBets() * ENTRY_LENGTH), written);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void shouldRejectTruncatedOrOverlongSnapshot()
    {
        final byte[] snapshot = snapshotWithPendingBets();
        final UnsafeBuffer buffer = new UnsafeBuffer(Arrays.copyOf(snapshot, snapshot.length + ENTRY_LENGTH));

        assertRejected(buffer, 0, snapshot.length - 1);
        assertRejected(buffer, 0, snapshot.length - ENTRY_LENGTH);
        assertRejected(buffer, 0, snapshot.length + 1);
        assertRejected(buffer, 0, snapshot.length + ENTRY_LENGTH);
        assertRejected(buffer, 0, 3);
        assertRejected(buffer, 0, 0);
    }

    @Test
    void shouldRejectWrongMagic()
    {
        final byte[] snapshot = snapshotWithPendingBets();
        snapshot[3] = '2';
        assertRejected(new UnsafeBuffer(snapshot), 0, snapshot.length);
    }

    @Test
    void shouldRejectDirectorSnapshot()
    {
        final DirectorHandler director =
            new DirectorHandler(new DirectorContext(), new EgressProxy(new RecordingEgressSink()));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final int length = director.writeSnapshot(buffer, 0, buffer.capacity());
        assertTrue(length > 0);

        assertRejected(buffer, 0, length);
    }

    @Test
    void shouldRejectCorruptEntryAndKeepState()
    {
        final byte[] snapshot = snapshotWithPendingBets();
        final int lastEntry = snapshot.length - ENTRY_LENGTH;
        snapshot[lastEntry + 16] = (byte)MarketType.MATCH_RESULT.value();
        snapshot[lastEntry + 17] = (byte)Selection.OVER.value();
        assertRejected(new UnsafeBuffer(snapshot), 0, snapshot.length);

        final byte[] badState = snapshotWithPendingBets();
        badState[9] = 7;
        assertRejected(new UnsafeBuffer(badState), 0, badState.length);
    }

    @Test
    void shouldRejectMorePendingBetsThanCapacity()
    {
        final byte[] snapshot = snapshotWithPendingBets();
        final int pending = new UnsafeBuffer(snapshot).getInt(4, ByteOrder.LITTLE_ENDIAN);
        final WageringHandler smaller = new WageringHandler(
            context().maxPendingBets(pending - 1), new EgressProxy(new RecordingEgressSink()));

        assertThrows(
            IllegalArgumentException.class, () -> smaller.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length));
    }

    private byte[] snapshotWithPendingBets()
    {
        final Original original = new Original();
        original.fixture(HOME_TEAM, AWAY_TEAM, 1.6f, 1.1f);
        while (original.handler.pendingBets() < 3)
        {
            original.bet();
        }
        return snapshotOf(original.handler);
    }

    /**
     * A rejected snapshot throws and leaves the fresh handler exactly as constructed.
     */
    private void assertRejected(final DirectBuffer buffer, final int offset, final int length)
    {
        final WageringHandler handler = new WageringHandler(context(), new EgressProxy(new RecordingEgressSink()));
        final byte[] before = snapshotOf(handler);
        assertThrows(IllegalArgumentException.class, () -> handler.loadSnapshot(buffer, offset, length));
        assertArrayEquals(before, snapshotOf(handler), "a rejected snapshot must change nothing");
    }

    private static WageringContext context()
    {
        return new WageringContext().maxPendingBets(PENDING_CAPACITY);
    }

    private byte[] snapshotOf(final WageringHandler handler)
    {
        final int length = handler.writeSnapshot(
            snapshotBuffer, WRITE_OFFSET, snapshotBuffer.capacity() - WRITE_OFFSET);
        assertTrue(length > 0);
        final byte[] bytes = new byte[length];
        snapshotBuffer.getBytes(WRITE_OFFSET, bytes);
        return bytes;
    }

    private static long[] accessorsOf(final WageringHandler handler)
    {
        final BetResultCode[] codes = BetResultCode.values();
        final long[] values = new long[11 + codes.length + 5];
        values[0] = handler.homeGoals();
        values[1] = handler.awayGoals();
        values[2] = handler.homeRedCards();
        values[3] = handler.awayRedCards();
        values[4] = handler.homeTeamId();
        values[5] = handler.awayTeamId();
        values[STATE_INDEX] = handler.marketState().value();
        values[PENDING_INDEX] = handler.pendingBets();
        values[8] = handler.priceVersion();
        values[9] = handler.suspensions();
        values[10] = handler.betsAccepted();
        int i = 11;
        for (final BetResultCode code : codes)
        {
            values[i++] = BetResultCode.NULL_VAL == code ? 0 : handler.betResults(code);
        }
        for (int m = 0; m < MARKETS.length; m++)
        {
            for (final Selection selection : SELECTIONS[m])
            {
                values[i++] = handler.decimalOdds(MARKETS[m], selection);
            }
        }
        return values;
    }

    private void dispatch(final WageringHandler handler, final EgressProxy egress, final int index, final Step step)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(step.frame);
        headerDecoder.wrap(frame, 0);
        egress.beginTick(index, step.nowNs);
        handler.onTime(step.nowNs);
        switch (headerDecoder.templateId())
        {
            case FixtureDecoder.TEMPLATE_ID:
                handler.onFixture(fixtureDecoder.wrapAndApplyHeader(frame, 0, headerDecoder));
                break;
            case MatchEventDecoder.TEMPLATE_ID:
                handler.onMatchEvent(matchEventDecoder.wrapAndApplyHeader(frame, 0, headerDecoder));
                break;
            case BetRequestDecoder.TEMPLATE_ID:
                handler.onBetRequest(betRequestDecoder.wrapAndApplyHeader(frame, 0, headerDecoder));
                break;
            case StatusRequestDecoder.TEMPLATE_ID:
                handler.onStatusRequest(statusRequestDecoder.wrapAndApplyHeader(frame, 0, headerDecoder));
                break;
            default:
                throw new AssertionError("unexpected template " + headerDecoder.templateId());
        }
    }

    private static boolean isMaterial(final MatchEventType type)
    {
        return type == MatchEventType.GOAL || type == MatchEventType.OWN_GOAL ||
            type == MatchEventType.PENALTY_AWARDED || type == MatchEventType.RED_CARD ||
            type == MatchEventType.SECOND_YELLOW;
    }
}
