package io.v100.core.wagering;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.BetRequestEncoder;
import io.v100.sbe.BetResultCode;
import io.v100.sbe.BetResultDecoder;
import io.v100.sbe.BooleanType;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.GoalScoredDecoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketStatusDecoder;
import io.v100.sbe.MarketStatusReason;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MatchScoreDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.OddsUpdateDecoder;
import io.v100.sbe.Selection;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.StatusRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WageringHandlerTest
{
    private static final long T0 = 1_750_000_000_000_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final int HOME_TEAM = 217;
    private static final int AWAY_TEAM = 220;
    private static final float HOME_RATE = 1.6f;
    private static final float AWAY_RATE = 1.1f;
    private static final long STAKE = 10_00L;

    private final UnsafeBuffer input = new UnsafeBuffer(new byte[256]);
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

    private RecordingEgressSink sink;
    private EgressProxy egress;
    private WageringHandler handler;
    private long ringSequence;
    private long nowNs;

    private void start(final WageringContext context)
    {
        sink = new RecordingEgressSink();
        egress = new EgressProxy(sink);
        handler = new WageringHandler(context, egress);
        ringSequence = 0;
        nowNs = 0;
    }

    private void startDefault()
    {
        start(new WageringContext());
    }

    private void tick(final long timestampNs)
    {
        ringSequence++;
        nowNs = Math.max(nowNs, timestampNs);
        egress.beginTick(ringSequence, nowNs);
        handler.onTime(nowNs);
    }

    private void fixture(final long timestampNs)
    {
        fixtureEncoder.wrapAndApplyHeader(input, 0, headerEncoder)
            .clientId(1).clientSequence(ringSequence + 1).timestampNs(timestampNs).matchId(15986)
            .homeTeamId(HOME_TEAM).awayTeamId(AWAY_TEAM).kickoffNs(timestampNs)
            .homeGoalRate(HOME_RATE).awayGoalRate(AWAY_RATE);
        fixtureDecoder.wrapAndApplyHeader(input, 0, headerDecoder);
        tick(timestampNs);
        handler.onFixture(fixtureDecoder);
    }

    private void event(
        final long timestampNs, final int period, final long clockMs, final MatchEventType type, final int teamId)
    {
        matchEventEncoder.wrapAndApplyHeader(input, 0, headerEncoder)
            .clientId(1).clientSequence(ringSequence + 1).timestampNs(timestampNs).period((short)period)
            .matchClockMs(clockMs).eventType(type).teamId(teamId).playerId(5503)
            .x(60.0f).y(40.0f).xg(0.0f);
        matchEventDecoder.wrapAndApplyHeader(input, 0, headerDecoder);
        tick(timestampNs);
        handler.onMatchEvent(matchEventDecoder);
    }

    private void bet(
        final long timestampNs,
        final long betId,
        final MarketType market,
        final Selection selection,
        final long stakeMinor,
        final int oddsTaken,
        final long streamPositionNs)
    {
        betRequestEncoder.wrapAndApplyHeader(input, 0, headerEncoder)
            .clientId(2).clientSequence(betId).timestampNs(timestampNs).betId(betId).accountId(900 + betId)
            .market(market).selection(selection).stakeMinor(stakeMinor).oddsTaken(oddsTaken)
            .streamPositionNs(streamPositionNs);
        betRequestDecoder.wrapAndApplyHeader(input, 0, headerDecoder);
        tick(timestampNs);
        handler.onBetRequest(betRequestDecoder);
    }

    private void status(final long timestampNs)
    {
        statusRequestEncoder.wrapAndApplyHeader(input, 0, headerEncoder)
            .clientId(3).clientSequence(ringSequence + 1).timestampNs(timestampNs).correlationId(77);
        statusRequestDecoder.wrapAndApplyHeader(input, 0, headerDecoder);
        tick(timestampNs);
        handler.onStatusRequest(statusRequestDecoder);
    }

    private List<Integer> indexesOf(final int templateId)
    {
        final List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < sink.size(); i++)
        {
            if (sink.templateId(i) == templateId)
            {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private BetResultDecoder lastBetResult()
    {
        final List<Integer> indexes = indexesOf(BetResultDecoder.TEMPLATE_ID);
        assertTrue(!indexes.isEmpty(), "no BetResult sent");
        return new BetResultDecoder().wrapAndApplyHeader(
            sink.message(indexes.get(indexes.size() - 1)), 0, new MessageHeaderDecoder());
    }

    private MarketStatusDecoder marketStatus(final int index)
    {
        return new MarketStatusDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private OddsUpdateDecoder oddsUpdate(final int index)
    {
        return new OddsUpdateDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    /**
     * @return decimal odds of the selection in the last OddsUpdate sent for its market, decoded from the egress.
     */
    private int publishedOdds(final MarketType market, final Selection selection)
    {
        final List<Integer> indexes = indexesOf(OddsUpdateDecoder.TEMPLATE_ID);
        for (int k = indexes.size() - 1; k >= 0; k--)
        {
            final OddsUpdateDecoder update = oddsUpdate(indexes.get(k));
            if (update.market() == market)
            {
                for (final OddsUpdateDecoder.PricesDecoder price : update.prices())
                {
                    if (price.selection() == selection)
                    {
                        return price.decimalOdds();
                    }
                }
            }
        }
        throw new AssertionError("no published price for " + selection);
    }

    private int betResultCount()
    {
        return indexesOf(BetResultDecoder.TEMPLATE_ID).size();
    }

    private long ringSequenceOf(final int index)
    {
        return sink.message(index).getLong(MessageHeaderEncoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void shouldOpenBothMarketsWithOddsOnFixture()
    {
        startDefault();
        fixture(T0);

        assertEquals(4, sink.size());
        assertEquals(OddsUpdateDecoder.TEMPLATE_ID, sink.templateId(0));
        assertEquals(MarketType.MATCH_RESULT, oddsUpdate(0).market());
        assertEquals(MarketState.OPEN, marketStatus(1).state());
        assertEquals(MarketStatusReason.FIXTURE, marketStatus(1).reason());
        assertEquals(MarketType.MATCH_RESULT, marketStatus(1).market());
        assertEquals(MarketType.TOTAL_GOALS_2_5, oddsUpdate(2).market());
        assertEquals(MarketType.TOTAL_GOALS_2_5, marketStatus(3).market());
        assertEquals(MarketState.OPEN, marketStatus(3).state());
    }

    @Test
    void shouldCountGoalAndSuspendOnTheGoalsRingSequence()
    {
        startDefault();
        fixture(T0);
        event(T0 + 60 * SECOND_NS, 1, 12 * MINUTE_MS, MatchEventType.SHOT, HOME_TEAM);
        sink.clear();

        event(T0 + 65 * SECOND_NS, 1, 12 * MINUTE_MS + 5_000, MatchEventType.GOAL, HOME_TEAM);
        final long goalSequence = ringSequence;

        assertEquals(3, sink.size());
        final GoalScoredDecoder goal = new GoalScoredDecoder().wrapAndApplyHeader(
            sink.message(0), 0, new MessageHeaderDecoder());
        assertEquals(goalSequence, goal.ringSequence());
        assertEquals(HOME_TEAM, goal.teamId());
        assertEquals(BooleanType.FALSE, goal.ownGoal());
        assertEquals(1, goal.homeGoals());
        assertEquals(0, goal.awayGoals());
        for (int i = 1; i <= 2; i++)
        {
            final MarketStatusDecoder status = marketStatus(i);
            assertEquals(goalSequence, status.ringSequence());
            assertEquals(MarketState.SUSPENDED, status.state());
            assertEquals(MarketStatusReason.GOAL, status.reason());
        }
        assertEquals(1, handler.suspensions());

        sink.clear();
        status(T0 + 70 * SECOND_NS);
        final MatchScoreDecoder score = new MatchScoreDecoder().wrapAndApplyHeader(
            sink.message(0), 0, new MessageHeaderDecoder());
        assertEquals(HOME_TEAM, score.homeTeamId());
        assertEquals(AWAY_TEAM, score.awayTeamId());
        assertEquals(1, score.homeGoals());
        assertEquals(0, score.awayGoals());
        assertEquals(1, score.period());
        assertEquals(12 * MINUTE_MS + 5_000, score.matchClockMs());
    }

    @Test
    void shouldCreditOwnGoalToTeamId()
    {
        startDefault();
        fixture(T0);
        sink.clear();

        event(T0 + SECOND_NS, 1, 20 * MINUTE_MS, MatchEventType.OWN_GOAL, AWAY_TEAM);

        assertEquals(0, handler.homeGoals());
        assertEquals(1, handler.awayGoals());
        final GoalScoredDecoder goal = new GoalScoredDecoder().wrapAndApplyHeader(
            sink.message(0), 0, new MessageHeaderDecoder());
        assertEquals(AWAY_TEAM, goal.teamId());
        assertEquals(BooleanType.TRUE, goal.ownGoal());
    }

    @Test
    void shouldNotCountPenaltyShootOutKicks()
    {
        startDefault();
        fixture(T0);
        event(T0 + SECOND_NS, 2, 90 * MINUTE_MS, MatchEventType.HALF_END, 0);
        event(T0 + 2 * SECOND_NS, 5, 120 * MINUTE_MS, MatchEventType.GOAL, HOME_TEAM);
        event(T0 + 3 * SECOND_NS, 5, 120 * MINUTE_MS, MatchEventType.GOAL, AWAY_TEAM);

        assertEquals(0, handler.homeGoals());
        assertEquals(0, handler.awayGoals());
        assertEquals(0, sink.count(GoalScoredDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldCountRedCardsAndSuspend()
    {
        startDefault();
        fixture(T0);
        sink.clear();

        event(T0 + SECOND_NS, 1, 30 * MINUTE_MS, MatchEventType.SECOND_YELLOW, HOME_TEAM);
        event(T0 + 2 * SECOND_NS, 1, 31 * MINUTE_MS, MatchEventType.RED_CARD, AWAY_TEAM);
        event(T0 + 3 * SECOND_NS, 1, 32 * MINUTE_MS, MatchEventType.PENALTY_AWARDED, HOME_TEAM);

        assertEquals(1, handler.homeRedCards());
        assertEquals(1, handler.awayRedCards());
        assertEquals(3, handler.suspensions());
        assertEquals(MarketStatusReason.RED_CARD, marketStatus(0).reason());
        assertEquals(MarketStatusReason.PENALTY_AWARDED, marketStatus(sink.size() - 1).reason());
        assertEquals(0, sink.count(OddsUpdateDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldRepriceWhenTheClockMinuteChanges()
    {
        startDefault();
        fixture(T0);
        sink.clear();

        event(T0 + 30 * SECOND_NS, 1, 30_000, MatchEventType.PASS, HOME_TEAM);
        assertEquals(0, sink.size());

        event(T0 + 60 * SECOND_NS, 1, MINUTE_MS, MatchEventType.PASS, HOME_TEAM);
        assertEquals(2, sink.count(OddsUpdateDecoder.TEMPLATE_ID));
        final OddsUpdateDecoder update = oddsUpdate(0);
        assertEquals(2, update.priceVersion());
        assertEquals(MINUTE_MS, update.matchClockMs());
    }

    @Test
    void shouldHoldBetThenAcceptItAfterTheBetDelay()
    {
        startDefault();
        fixture(T0);
        final int odds = publishedOdds(MarketType.MATCH_RESULT, Selection.HOME);
        final long placedNs = T0 + 10 * SECOND_NS;

        bet(placedNs, 1, MarketType.MATCH_RESULT, Selection.HOME, STAKE, odds, placedNs - 5 * SECOND_NS);
        assertEquals(BetResultCode.HELD, lastBetResult().code());

        tick(placedNs + 8 * SECOND_NS - 1);
        assertEquals(1, betResultCount());

        tick(placedNs + 8 * SECOND_NS);
        final BetResultDecoder result = lastBetResult();
        assertEquals(BetResultCode.ACCEPTED, result.code());
        assertEquals(1, result.betId());
        assertEquals(901, result.accountId());
        assertEquals(STAKE, result.stakeMinor());
        assertEquals(odds, result.decimalOdds());
        assertEquals(ringSequence, result.ringSequence());
        assertEquals(1, handler.betsAccepted());
    }

    @Test
    void shouldLapseBetWhenGoalHappensInsideTheBetDelay()
    {
        startDefault();
        fixture(T0);
        final int odds = publishedOdds(MarketType.TOTAL_GOALS_2_5, Selection.OVER);
        final long placedNs = T0 + 10 * SECOND_NS;

        bet(placedNs, 1, MarketType.TOTAL_GOALS_2_5, Selection.OVER, STAKE, odds, placedNs - 5 * SECOND_NS);
        event(placedNs + 3 * SECOND_NS, 1, 10 * MINUTE_MS, MatchEventType.GOAL, AWAY_TEAM);
        tick(placedNs + 8 * SECOND_NS);

        assertEquals(BetResultCode.LAPSED_MATERIAL_EVENT, lastBetResult().code());
        assertEquals(0, handler.betsAccepted());
    }

    @Test
    void shouldLapseBetWhenPriceMovesBeyondToleranceInsideTheBetDelay()
    {
        startDefault();
        fixture(T0);
        final int current = publishedOdds(MarketType.TOTAL_GOALS_2_5, Selection.UNDER);
        final int oddsTaken = (int)Math.floor(current * 1.02);
        final long placedNs = T0 + 10 * SECOND_NS;

        bet(placedNs, 1, MarketType.TOTAL_GOALS_2_5, Selection.UNDER, STAKE, oddsTaken, placedNs - SECOND_NS);
        assertEquals(BetResultCode.HELD, lastBetResult().code());
        event(placedNs + 2 * SECOND_NS, 1, 20 * MINUTE_MS, MatchEventType.PASS, HOME_TEAM);
        final int later = publishedOdds(MarketType.TOTAL_GOALS_2_5, Selection.UNDER);
        assertTrue(later < current);
        tick(placedNs + 8 * SECOND_NS);

        final BetResultDecoder result = lastBetResult();
        assertEquals(BetResultCode.LAPSED_ODDS_CHANGED, result.code());
        assertEquals(later, result.decimalOdds());
    }

    @Test
    void shouldRejectBetsWhileSuspended()
    {
        startDefault();
        fixture(T0);
        final int odds = publishedOdds(MarketType.MATCH_RESULT, Selection.DRAW);
        event(T0 + SECOND_NS, 1, 10 * MINUTE_MS, MatchEventType.GOAL, HOME_TEAM);

        bet(T0 + 2 * SECOND_NS, 1, MarketType.MATCH_RESULT, Selection.DRAW, STAKE, odds, T0);

        assertEquals(BetResultCode.MARKET_SUSPENDED, lastBetResult().code());
        assertEquals(0, handler.pendingBets());
    }

    @Test
    void shouldRejectInvalidStake()
    {
        startDefault();
        fixture(T0);
        final int odds = publishedOdds(MarketType.MATCH_RESULT, Selection.HOME);
        final long maxStake = WageringContext.MAX_STAKE_MINOR_DEFAULT;
        final long ts = T0 + SECOND_NS;

        bet(ts, 1, MarketType.MATCH_RESULT, Selection.HOME, 0, odds, T0);
        assertEquals(BetResultCode.INVALID_STAKE, lastBetResult().code());
        bet(ts, 2, MarketType.MATCH_RESULT, Selection.HOME, -5, odds, T0);
        assertEquals(BetResultCode.INVALID_STAKE, lastBetResult().code());
        bet(ts, 3, MarketType.MATCH_RESULT, Selection.HOME, maxStake + 1, odds, T0);
        assertEquals(BetResultCode.INVALID_STAKE, lastBetResult().code());
        bet(ts, 4, MarketType.MATCH_RESULT, Selection.HOME, maxStake, odds, T0);
        assertEquals(BetResultCode.HELD, lastBetResult().code());
        assertEquals(3, handler.betResults(BetResultCode.INVALID_STAKE));
    }

    @Test
    void shouldRejectMalformedBetsWithTheirCode()
    {
        start(new WageringContext().maxPendingBets(1));
        bet(T0, 1, MarketType.MATCH_RESULT, Selection.HOME, STAKE, 2000, T0);
        assertEquals(BetResultCode.UNKNOWN_MARKET, lastBetResult().code());

        fixture(T0 + SECOND_NS);
        final int odds = publishedOdds(MarketType.MATCH_RESULT, Selection.AWAY);
        final long ts = T0 + 2 * SECOND_NS;
        bet(ts, 2, MarketType.MATCH_RESULT, Selection.OVER, STAKE, odds, T0);
        assertEquals(BetResultCode.INVALID_SELECTION, lastBetResult().code());
        bet(ts, 3, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, odds, ts + 1);
        assertEquals(BetResultCode.INVALID_STREAM_POSITION, lastBetResult().code());
        bet(ts, 4, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, odds, 0);
        assertEquals(BetResultCode.INVALID_STREAM_POSITION, lastBetResult().code());
        bet(ts, 5, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, odds, ts);
        assertEquals(BetResultCode.HELD, lastBetResult().code());
        bet(ts, 6, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, odds, ts);
        assertEquals(BetResultCode.TOO_MANY_PENDING, lastBetResult().code());
    }

    @Test
    void shouldTellPastPostingFromOddsChanged()
    {
        startDefault();
        fixture(T0);
        final int preGoalAway = publishedOdds(MarketType.MATCH_RESULT, Selection.AWAY);
        final long goalNs = T0 + 600 * SECOND_NS;
        event(goalNs, 1, 10 * MINUTE_MS, MatchEventType.GOAL, AWAY_TEAM);
        tick(goalNs + 30 * SECOND_NS);
        final int postGoalAway = publishedOdds(MarketType.MATCH_RESULT, Selection.AWAY);
        assertTrue(postGoalAway * 1.02 < preGoalAway, "the away price must have shortened beyond tolerance");
        final long betNs = goalNs + 35 * SECOND_NS;

        bet(betNs, 1, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, preGoalAway, goalNs + 2 * SECOND_NS);
        assertEquals(BetResultCode.PAST_POSTING, lastBetResult().code());
        assertEquals(postGoalAway, lastBetResult().decimalOdds());

        bet(betNs, 2, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, preGoalAway, goalNs);
        assertEquals(BetResultCode.PAST_POSTING, lastBetResult().code());

        bet(betNs, 3, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, preGoalAway, goalNs - 1);
        assertEquals(BetResultCode.ODDS_CHANGED, lastBetResult().code());

        bet(betNs, 4, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, preGoalAway * 3, goalNs + SECOND_NS);
        assertEquals(BetResultCode.ODDS_CHANGED, lastBetResult().code());

        bet(betNs, 5, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, postGoalAway, goalNs + SECOND_NS);
        assertEquals(BetResultCode.HELD, lastBetResult().code());
    }

    @Test
    void shouldReopenAfterTheReopenDelayWithNewOdds()
    {
        startDefault();
        fixture(T0);
        final int preGoalHome = publishedOdds(MarketType.MATCH_RESULT, Selection.HOME);
        final long goalNs = T0 + 300 * SECOND_NS;
        event(goalNs, 1, 5 * MINUTE_MS, MatchEventType.GOAL, HOME_TEAM);
        sink.clear();

        tick(goalNs + 30 * SECOND_NS - 1);
        assertEquals(0, sink.size());

        tick(goalNs + 30 * SECOND_NS);
        assertEquals(4, sink.size());
        for (int i = 0; i < 4; i++)
        {
            assertEquals(ringSequence, ringSequenceOf(i));
        }
        final OddsUpdateDecoder update = oddsUpdate(0);
        assertEquals(MarketType.MATCH_RESULT, update.market());
        assertEquals(2, update.priceVersion());
        assertEquals(1, update.homeGoals());
        assertEquals(0, update.awayGoals());
        assertEquals(MarketState.OPEN, marketStatus(1).state());
        assertEquals(MarketStatusReason.REOPEN, marketStatus(1).reason());
        assertEquals(MarketState.OPEN, marketStatus(3).state());
        assertNotEquals(preGoalHome, publishedOdds(MarketType.MATCH_RESULT, Selection.HOME));
        assertTrue(publishedOdds(MarketType.MATCH_RESULT, Selection.HOME) < preGoalHome);
    }

    @Test
    void shouldCloseAtEndOfNormalTimeAndLapsePendingBets()
    {
        startDefault();
        fixture(T0);
        event(T0 + SECOND_NS, 1, 46 * MINUTE_MS, MatchEventType.HALF_END, 0);
        assertEquals(MarketState.OPEN, handler.marketState());
        event(T0 + 2 * SECOND_NS, 2, 89 * MINUTE_MS, MatchEventType.PASS, HOME_TEAM);
        final int odds = publishedOdds(MarketType.MATCH_RESULT, Selection.DRAW);
        bet(T0 + 3 * SECOND_NS, 1, MarketType.MATCH_RESULT, Selection.DRAW, STAKE, odds, T0 + SECOND_NS);
        assertEquals(BetResultCode.HELD, lastBetResult().code());
        sink.clear();

        event(T0 + 4 * SECOND_NS, 2, 93 * MINUTE_MS, MatchEventType.HALF_END, 0);
        assertEquals(2, sink.size());
        for (int i = 0; i < 2; i++)
        {
            assertEquals(MarketState.CLOSED, marketStatus(i).state());
            assertEquals(MarketStatusReason.END_OF_NORMAL_TIME, marketStatus(i).reason());
        }

        bet(T0 + 5 * SECOND_NS, 2, MarketType.MATCH_RESULT, Selection.DRAW, STAKE, odds, T0 + 4 * SECOND_NS);
        assertEquals(BetResultCode.MARKET_CLOSED, lastBetResult().code());

        tick(T0 + 11 * SECOND_NS);
        final BetResultDecoder lapsed = lastBetResult();
        assertEquals(1, lapsed.betId());
        assertEquals(BetResultCode.LAPSED_MATERIAL_EVENT, lapsed.code());
    }

    @Test
    void shouldProduceIdenticalEgressForIdenticalInputs()
    {
        final byte[] first = runScenario();
        final byte[] second = runScenario();

        assertTrue(first.length > 0);
        assertArrayEquals(first, second);
    }

    @Test
    void shouldNotAllocateInSteadyState()
    {
        egress = new EgressProxy((buffer, offset, length) ->
        {
        });
        handler = new WageringHandler(new WageringContext(), egress);
        ringSequence = 0;
        nowNs = 0;
        playMatches(T0, 3);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        threads.getCurrentThreadAllocatedBytes();

        final long before = threads.getCurrentThreadAllocatedBytes();
        playMatches(T0 + 10_000 * SECOND_NS, 10);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(handler.betsAccepted() > 0);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    private void playMatches(final long startNs, final int matches)
    {
        long ts = startNs;
        for (int match = 0; match < matches; match++)
        {
            fixture(ts);
            for (int s = 0; s <= 5_700; s += 10)
            {
                ts += 10 * SECOND_NS;
                final int period = s < 2_700 ? 1 : 2;
                final MatchEventType type = s % 1_200 == 600 ? MatchEventType.GOAL :
                    s % 2_000 == 1_000 ? MatchEventType.RED_CARD : MatchEventType.PASS;
                event(ts, period, s * 1_000L, type, s % 20 == 0 ? HOME_TEAM : AWAY_TEAM);
                bet(ts + 1, s, MarketType.MATCH_RESULT, Selection.DRAW, STAKE, 1_500, ts - SECOND_NS);
                bet(ts + 2, s + 1, MarketType.TOTAL_GOALS_2_5, Selection.OVER, STAKE, 50_000, ts - SECOND_NS);
            }
            event(ts + 1, 2, 5_700_000L, MatchEventType.HALF_END, 0);
            ts += 100 * SECOND_NS;
        }
    }

    private byte[] runScenario()
    {
        startDefault();
        fixture(T0);
        final int odds = publishedOdds(MarketType.MATCH_RESULT, Selection.HOME);
        bet(T0 + SECOND_NS, 1, MarketType.MATCH_RESULT, Selection.HOME, STAKE, odds, T0 + 1);
        event(T0 + 61 * SECOND_NS, 1, MINUTE_MS, MatchEventType.PASS, HOME_TEAM);
        bet(T0 + 62 * SECOND_NS, 2, MarketType.TOTAL_GOALS_2_5, Selection.OVER, STAKE, 1900, T0 + 60 * SECOND_NS);
        event(T0 + 65 * SECOND_NS, 1, MINUTE_MS + 4_000, MatchEventType.GOAL, AWAY_TEAM);
        event(T0 + 70 * SECOND_NS, 1, MINUTE_MS + 9_000, MatchEventType.RED_CARD, HOME_TEAM);
        tick(T0 + 120 * SECOND_NS);
        bet(T0 + 121 * SECOND_NS, 3, MarketType.MATCH_RESULT, Selection.AWAY, STAKE, 2000, T0 + 66 * SECOND_NS);
        status(T0 + 200 * SECOND_NS);
        event(T0 + 300 * SECOND_NS, 2, 91 * MINUTE_MS, MatchEventType.HALF_END, 0);
        final DirectBuffer buffer = sink.buffer();
        final int length = sink.offset(sink.size() - 1) + sink.length(sink.size() - 1);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
