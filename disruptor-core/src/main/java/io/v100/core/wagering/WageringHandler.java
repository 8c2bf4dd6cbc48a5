package io.v100.core.wagering;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.protocol.MatchRules;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.BetResultCode;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketStatusReason;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.Selection;
import io.v100.sbe.StatusRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Wagering sync: keeps the score, prices the in-play markets, suspends them on material events and holds in-play
 * bets for the bet delay against the viewers' stream latency. First handler of the tick.
 * <p>
 * Markets: MATCH_RESULT (1X2) and TOTAL_GOALS_2_5, both on the score at the end of normal time, priced by
 * {@link InPlayPricer} and always opened, suspended and closed together. Lifecycle (DOMAIN notes, section 1:
 * "on a goal, penalty award or red card: suspend, lapse bets still inside the delay, reprice, reopen"):
 * <ul>
 *     <li>Fixture: remember the teams and pre-match rates, reset the match state, then for each market emit
 *     OddsUpdate and MarketStatus OPEN (FIXTURE). A second Fixture starts a new match; bets still pending lapse.</li>
 *     <li>Material events: a counted GOAL / OWN_GOAL, PENALTY_AWARDED, SECOND_YELLOW or RED_CARD suspends both
 *     markets (MarketStatus SUSPENDED with reason GOAL, PENALTY_AWARDED or RED_CARD) on the same input, advances
 *     the material-event epoch and records the event's {@code timestampNs} as the last material event time E.
 *     Goals count in periods 1-4 only: shoot-out kicks (period 5) do not change the score. For OWN_GOAL the
 *     feed's teamId is the team credited. A second material event while suspended restarts the reopen timer and
 *     is announced again.</li>
 *     <li>Reopen: on event time, in {@link #onTime(long)}, once {@code reopenDelayNs} has passed since the last
 *     suspension: reprice, then for each market OddsUpdate and MarketStatus OPEN (REOPEN).</li>
 *     <li>Repricing while open: an OddsUpdate per market, with a new priceVersion, whenever the match clock moves
 *     to another whole minute (the pricer's 60 s grid).</li>
 *     <li>Close: period 2 HALF_END (the end of normal time), or any event of period 3 or later if that was
 *     missed, emits MarketStatus CLOSED (END_OF_NORMAL_TIME) for both markets; they never reopen.</li>
 * </ul>
 * <p>
 * Bets are checked in this order and the first failing rule answers a BetResult:
 * INVALID_STAKE (stake &lt;= 0 or above the maximum), UNKNOWN_MARKET (no Fixture yet), INVALID_SELECTION
 * (selection not in the market), MARKET_CLOSED, MARKET_SUSPENDED, INVALID_STREAM_POSITION
 * ({@code streamPositionNs <= 0} or after the bet's {@code timestampNs}), TOO_MANY_PENDING, then the price check.
 * {@code oddsTaken} is good while {@code currentOdds * (1 + tolerance) >= oddsTaken} (odds below 1.001 are never
 * good). A bet whose odds are not good is rejected:
 * <ul>
 *     <li>PAST_POSTING when a material event has happened, its time E is at or before the bet's
 *     {@code streamPositionNs} (the EXT-X-PROGRAM-DATE-TIME the viewer was watching), and {@code oddsTaken} is
 *     good against the pre-event price (the price in force when that event suspended the markets): the viewer
 *     could already have seen the event and is trying to take the price from before it. DOMAIN notes,
 *     section 1: "a bet whose viewer could already have seen the event (stream position after the event's real
 *     time) must be rejected; map stream time to wall clock through EXT-X-PROGRAM-DATE-TIME". This assumes the
 *     feed stamps events on the capture clock that EXT-X-PROGRAM-DATE-TIME uses;</li>
 *     <li>ODDS_CHANGED otherwise: the price moved, but not in a way the viewer could have seen coming.</li>
 * </ul>
 * A bet that passes is held (BetResult HELD) for the bet delay, which must cover glass-to-glass latency plus
 * data-feed latency (DOMAIN notes, section 1) so that every event the bettor could have seen reaches the core
 * before the hold ends. The hold starts at the tick's event time ({@code nowNs}, which is the bet's
 * {@code timestampNs} unless that stamp went backwards). In {@link #onTime(long)} every bet whose hold started
 * {@code betDelayNs} or more ago is settled, in placement order: LAPSED_MATERIAL_EVENT if the markets were
 * suspended (or a new Fixture arrived) since placement, or are closed; LAPSED_ODDS_CHANGED if {@code oddsTaken}
 * is no longer good against the current price; ACCEPTED otherwise, at {@code oddsTaken}. The BetResult's
 * decimalOdds is {@code oddsTaken} when accepted and the current price of the selection otherwise (0 when there
 * is none: before a Fixture or for a selection outside the market).
 * <p>
 * Single-threaded, deterministic (time only from inputs and {@code onTime}) and allocation-free after
 * construction: pending bets live in a preallocated ring of primitive arrays.
 * <p>
 * Snapshot (event sourcing with periodic snapshots of the business logic state, as in M. Fowler, "The LMAX
 * Architecture", 2011: restore the snapshot, then replay the journal after it). Layout {@link #SNAPSHOT_MAGIC}
 * ('WAG1'), little-endian, {@link #SNAPSHOT_FIXED_LENGTH} bytes plus {@code PendingBets.ENTRY_LENGTH} (46) per
 * pending bet, in this order:
 * <pre>
 *   int32  magic 0x57414731 ('WAG1', layout version 1)
 *   int32  pending bet count n
 *   uint8  fixtureSeen (0 or 1)          uint8  market state (MarketState raw, 255 before a Fixture)
 *   int32  homeTeamId, awayTeamId
 *   double homeRate, awayRate            (pre-match goals per normal time, already widened from float)
 *   int32  period                        int64  matchClockMs
 *   int32  homeGoals, awayGoals, homeReds, awayReds
 *   int64  nowNs, suspendedAtNs, materialEpoch, lastMaterialEventNs (Long.MIN_VALUE: none)
 *   int32  priceVersion                  int64  suspensions
 *   int32  pre-event decimal odds x 5    (MATCH_RESULT HOME, DRAW, AWAY, TOTAL_GOALS_2_5 OVER, UNDER)
 *   int64  BetResult count per code x 32 (indexed by BetResultCode raw value)
 *   96 B   last prices of the InPlayPricer (priced clock; per selection probability, ppm, odds; overrounds)
 *   n x 46 B pending bets, head (next to settle) first, each: int64 betId, accountId; uint8 market, selection
 *            (raw); int64 stakeMinor; int32 oddsTaken (thousandths); int64 heldAtNs, material-event epoch
 * </pre>
 * The last prices are stored rather than recomputed because the score and cards change on a goal or red card
 * while the markets stay suspended on the old prices, which still answer bets until the reopen.
 */
public final class WageringHandler implements BroadcastHandler
{
    /**
     * First int32 of a wagering snapshot: 'WAG1', layout version 1.
     */
    public static final int SNAPSHOT_MAGIC = 0x57414731;

    /**
     * Bytes of a wagering snapshot with no pending bet; each pending bet adds 46.
     */
    public static final int SNAPSHOT_FIXED_LENGTH =
        4 + 4 + 1 + 1 + 2 * 4 + 2 * 8 + 4 + 8 + 4 * 4 + 4 * 8 + 4 + 8 + 5 * 4 + 32 * 8 + InPlayPricer.SNAPSHOT_LENGTH;

    private static final MarketType[] MARKETS = { MarketType.MATCH_RESULT, MarketType.TOTAL_GOALS_2_5 };
    private static final int RESULT_CODE_SLOTS = 32;
    private static final long NO_EVENT = Long.MIN_VALUE;

    private final EgressProxy egress;
    private final InPlayPricer pricer;
    private final PendingBets pending;
    private final long betDelayNs;
    private final long reopenDelayNs;
    private final double oddsToleranceFactor;
    private final long maxStakeMinor;
    private final int[][] preEventOdds = { new int[3], new int[2] };
    private final long[] resultCounts = new long[RESULT_CODE_SLOTS];

    private boolean fixtureSeen;
    private int homeTeamId;
    private int awayTeamId;
    private double homeRate;
    private double awayRate;
    private int period;
    private long matchClockMs;
    private int homeGoals;
    private int awayGoals;
    private int homeReds;
    private int awayReds;

    private MarketState state = MarketState.NULL_VAL;
    private long nowNs;
    private long suspendedAtNs;
    private long materialEpoch;
    private long lastMaterialEventNs = NO_EVENT;
    private int priceVersion;
    private long suspensions;

    /**
     * @param context settings: bet delay, reopen delay, odds tolerance, max stake, pending capacity and the model
     *                parameters handed to the {@link InPlayPricer}; read once here.
     * @param egress  proxy every output goes through.
     */
    public WageringHandler(final WageringContext context, final EgressProxy egress)
    {
        this.egress = egress;
        this.pricer = new InPlayPricer(context);
        this.pending = new PendingBets(context.maxPendingBets());
        this.betDelayNs = context.betDelayNs();
        this.reopenDelayNs = context.reopenDelayNs();
        this.oddsToleranceFactor = 1.0 + context.oddsTolerance();
        this.maxStakeMinor = context.maxStakeMinor();
    }

    /**
     * Settle bets whose bet delay has run out, then reopen suspended markets whose reopen delay has run out.
     *
     * @param nowNs event time of the tick, ns since the Unix epoch, never decreasing.
     */
    public void onTime(final long nowNs)
    {
        this.nowNs = nowNs;
        settleExpiredBets();
        if (state == MarketState.SUSPENDED && nowNs - suspendedAtNs >= reopenDelayNs)
        {
            state = MarketState.OPEN;
            publishPrices(MarketStatusReason.REOPEN);
        }
    }

    /**
     * Start the match: teams, pre-match rates (float widened to double, as a shadow pricer must do too), score and
     * cards reset, both markets priced at clock 0 and opened.
     */
    public void onFixture(final FixtureDecoder fixture)
    {
        fixtureSeen = true;
        homeTeamId = fixture.homeTeamId();
        awayTeamId = fixture.awayTeamId();
        homeRate = fixture.homeGoalRate();
        awayRate = fixture.awayGoalRate();
        period = 0;
        matchClockMs = 0;
        homeGoals = 0;
        awayGoals = 0;
        homeReds = 0;
        awayReds = 0;
        materialEpoch++;
        lastMaterialEventNs = NO_EVENT;
        state = MarketState.OPEN;
        publishPrices(MarketStatusReason.FIXTURE);
    }

    /**
     * Track period, clock, score and red cards; suspend, reprice or close the markets as the class describes.
     * Events before the first Fixture, or naming neither team, change no score or card count.
     */
    public void onMatchEvent(final MatchEventDecoder matchEvent)
    {
        period = matchEvent.period();
        matchClockMs = matchEvent.matchClockMs();
        final int teamId = matchEvent.teamId();
        final long eventNs = matchEvent.timestampNs();

        switch (matchEvent.eventType())
        {
            case GOAL:
                onGoal(teamId, false, eventNs);
                break;
            case OWN_GOAL:
                onGoal(teamId, true, eventNs);
                break;
            case SECOND_YELLOW:
            case RED_CARD:
                onRedCard(teamId, eventNs);
                break;
            case PENALTY_AWARDED:
                suspend(MarketStatusReason.PENALTY_AWARDED, eventNs);
                break;
            case HALF_END:
                if (period == MatchRules.LAST_NORMAL_TIME_PERIOD)
                {
                    close();
                }
                break;
            default:
                break;
        }

        if (period >= 3)
        {
            close();
        }

        if (state == MarketState.OPEN && InPlayPricer.pricingClockMs(matchClockMs) != pricer.pricedClockMs())
        {
            publishPrices(null);
        }
    }

    /**
     * Validate a bet and either reject it at once or hold it for the bet delay; see the class for the rules.
     */
    public void onBetRequest(final BetRequestDecoder betRequest)
    {
        final long betId = betRequest.betId();
        final long accountId = betRequest.accountId();
        final MarketType market = betRequest.market();
        final Selection selection = betRequest.selection();
        final long stakeMinor = betRequest.stakeMinor();
        final int oddsTaken = betRequest.oddsTaken();
        final long streamPositionNs = betRequest.streamPositionNs();
        final int currentOdds = currentOdds(market, selection);

        final BetResultCode code;
        if (stakeMinor <= 0 || stakeMinor > maxStakeMinor)
        {
            code = BetResultCode.INVALID_STAKE;
        }
        else if (!fixtureSeen)
        {
            code = BetResultCode.UNKNOWN_MARKET;
        }
        else if (InPlayPricer.selectionIndex(market, selection) < 0)
        {
            code = BetResultCode.INVALID_SELECTION;
        }
        else if (state == MarketState.CLOSED)
        {
            code = BetResultCode.MARKET_CLOSED;
        }
        else if (state == MarketState.SUSPENDED)
        {
            code = BetResultCode.MARKET_SUSPENDED;
        }
        else if (streamPositionNs <= 0 || streamPositionNs > betRequest.timestampNs())
        {
            code = BetResultCode.INVALID_STREAM_POSITION;
        }
        else if (pending.isFull())
        {
            code = BetResultCode.TOO_MANY_PENDING;
        }
        else if (!isGood(currentOdds, oddsTaken))
        {
            code = isPastPosting(market, selection, oddsTaken, streamPositionNs) ?
                BetResultCode.PAST_POSTING : BetResultCode.ODDS_CHANGED;
        }
        else
        {
            pending.add(
                betId, accountId, market.value(), selection.value(), stakeMinor, oddsTaken, nowNs, materialEpoch);
            code = BetResultCode.HELD;
        }
        sendBetResult(betId, accountId, code, market, selection, stakeMinor, currentOdds);
    }

    /**
     * Answer with MatchScore: team ids, score, red cards, period and the raw match clock (ms).
     */
    public void onStatusRequest(final StatusRequestDecoder statusRequest)
    {
        egress.matchScore(homeTeamId, awayTeamId, homeGoals, awayGoals, homeReds, awayReds, period, matchClockMs);
    }

    /**
     * @return home goals counted so far (periods 1-4).
     */
    public int homeGoals()
    {
        return homeGoals;
    }

    /**
     * @return away goals counted so far (periods 1-4).
     */
    public int awayGoals()
    {
        return awayGoals;
    }

    /**
     * @return red cards (RED_CARD or SECOND_YELLOW) shown to the home team.
     */
    public int homeRedCards()
    {
        return homeReds;
    }

    /**
     * @return red cards (RED_CARD or SECOND_YELLOW) shown to the away team.
     */
    public int awayRedCards()
    {
        return awayReds;
    }

    /**
     * @return home team id of the Fixture, 0 before one.
     */
    public int homeTeamId()
    {
        return homeTeamId;
    }

    /**
     * @return away team id of the Fixture, 0 before one.
     */
    public int awayTeamId()
    {
        return awayTeamId;
    }

    /**
     * @return state of both markets; NULL_VAL before a Fixture.
     */
    public MarketState marketState()
    {
        return state;
    }

    /**
     * @return number of suspensions (material events while not closed) since construction.
     */
    public long suspensions()
    {
        return suspensions;
    }

    /**
     * @return bets ACCEPTED since construction.
     */
    public long betsAccepted()
    {
        return resultCounts[BetResultCode.ACCEPTED.value()];
    }

    /**
     * @param code a BetResultCode.
     * @return number of BetResults with that code sent since construction.
     */
    public long betResults(final BetResultCode code)
    {
        return resultCounts[code.value()];
    }

    /**
     * @return bets currently held inside their bet delay.
     */
    public int pendingBets()
    {
        return pending.size();
    }

    /**
     * @return priceVersion of the last OddsUpdate, 0 before any.
     */
    public int priceVersion()
    {
        return priceVersion;
    }

    /**
     * @param market    a market.
     * @param selection a selection.
     * @return last published decimal odds of the selection, thousandths; 0 before a Fixture or when the selection
     * is not in the market.
     */
    public int decimalOdds(final MarketType market, final Selection selection)
    {
        return currentOdds(market, selection);
    }

    /**
     * Write the whole match, market, pricing and pending-bet state in the layout of the class description.
     * Allocation-free.
     *
     * @param buffer   to write into.
     * @param offset   where to start.
     * @param capacity bytes available from offset.
     * @return bytes written, {@link #SNAPSHOT_FIXED_LENGTH} + 46 per pending bet, or -1 if they do not fit in
     * capacity (then nothing is written).
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        final int length = SNAPSHOT_FIXED_LENGTH + pending.size() * PendingBets.ENTRY_LENGTH;
        if (capacity < length)
        {
            return -1;
        }

        int cursor = offset;
        buffer.putInt(cursor, SNAPSHOT_MAGIC, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 4, pending.size(), ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(cursor + 8, (byte)(fixtureSeen ? 1 : 0));
        buffer.putByte(cursor + 9, (byte)state.value());
        cursor += 10;
        buffer.putInt(cursor, homeTeamId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 4, awayTeamId, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(cursor + 8, homeRate, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(cursor + 16, awayRate, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 24, period, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 28, matchClockMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 36, homeGoals, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 40, awayGoals, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 44, homeReds, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 48, awayReds, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 52, nowNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 60, suspendedAtNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 68, materialEpoch, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 76, lastMaterialEventNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 84, priceVersion, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 88, suspensions, ByteOrder.LITTLE_ENDIAN);
        cursor += 96;
        for (final int[] odds : preEventOdds)
        {
            for (final int value : odds)
            {
                buffer.putInt(cursor, value, ByteOrder.LITTLE_ENDIAN);
                cursor += 4;
            }
        }
        for (final long count : resultCounts)
        {
            buffer.putLong(cursor, count, ByteOrder.LITTLE_ENDIAN);
            cursor += 8;
        }
        cursor += pricer.writeSnapshot(buffer, cursor);
        cursor += pending.writeSnapshot(buffer, cursor);
        return cursor - offset;
    }

    /**
     * Restore a snapshot written by {@link #writeSnapshot} into this handler, which must be freshly constructed
     * with the same {@link WageringContext}. Every check is made before any state changes, so a rejected snapshot
     * leaves the handler as it was.
     *
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length of the snapshot in bytes.
     * @throws IllegalArgumentException when the magic is not 'WAG1', the length is not exactly that of the
     *                                  layout for its pending bet count, the count exceeds this handler's
     *                                  pending capacity, or a market state, market or selection is invalid.
     */
    public void loadSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < SNAPSHOT_FIXED_LENGTH)
        {
            throw new IllegalArgumentException(
                "wagering snapshot of " + length + " bytes is shorter than " + SNAPSHOT_FIXED_LENGTH);
        }
        final int magic = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        if (SNAPSHOT_MAGIC != magic)
        {
            throw new IllegalArgumentException("not a wagering snapshot: magic 0x" + Integer.toHexString(magic));
        }
        final int count = buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
        if (count < 0 || count > pending.capacity() ||
            length != SNAPSHOT_FIXED_LENGTH + count * PendingBets.ENTRY_LENGTH)
        {
            throw new IllegalArgumentException(
                "wagering snapshot of " + length + " bytes does not match " + count + " pending bets");
        }
        final int fixtureFlag = buffer.getByte(offset + 8);
        if (0 != fixtureFlag && 1 != fixtureFlag)
        {
            throw new IllegalArgumentException("wagering snapshot fixture flag " + fixtureFlag);
        }
        final MarketState loadedState = MarketState.get((short)(buffer.getByte(offset + 9) & 0xFF));
        final int pendingOffset = offset + SNAPSHOT_FIXED_LENGTH;
        pending.validateSnapshot(buffer, pendingOffset, count);

        fixtureSeen = 1 == fixtureFlag;
        state = loadedState;
        int cursor = offset + 10;
        homeTeamId = buffer.getInt(cursor, ByteOrder.LITTLE_ENDIAN);
        awayTeamId = buffer.getInt(cursor + 4, ByteOrder.LITTLE_ENDIAN);
        homeRate = buffer.getDouble(cursor + 8, ByteOrder.LITTLE_ENDIAN);
        awayRate = buffer.getDouble(cursor + 16, ByteOrder.LITTLE_ENDIAN);
        period = buffer.getInt(cursor + 24, ByteOrder.LITTLE_ENDIAN);
        matchClockMs = buffer.getLong(cursor + 28, ByteOrder.LITTLE_ENDIAN);
        homeGoals = buffer.getInt(cursor + 36, ByteOrder.LITTLE_ENDIAN);
        awayGoals = buffer.getInt(cursor + 40, ByteOrder.LITTLE_ENDIAN);
        homeReds = buffer.getInt(cursor + 44, ByteOrder.LITTLE_ENDIAN);
        awayReds = buffer.getInt(cursor + 48, ByteOrder.LITTLE_ENDIAN);
        nowNs = buffer.getLong(cursor + 52, ByteOrder.LITTLE_ENDIAN);
        suspendedAtNs = buffer.getLong(cursor + 60, ByteOrder.LITTLE_ENDIAN);
        materialEpoch = buffer.getLong(cursor + 68, ByteOrder.LITTLE_ENDIAN);
        lastMaterialEventNs = buffer.getLong(cursor + 76, ByteOrder.LITTLE_ENDIAN);
        priceVersion = buffer.getInt(cursor + 84, ByteOrder.LITTLE_ENDIAN);
        suspensions = buffer.getLong(cursor + 88, ByteOrder.LITTLE_ENDIAN);
        cursor += 96;
        for (final int[] odds : preEventOdds)
        {
            for (int i = 0; i < odds.length; i++)
            {
                odds[i] = buffer.getInt(cursor, ByteOrder.LITTLE_ENDIAN);
                cursor += 4;
            }
        }
        for (int i = 0; i < resultCounts.length; i++)
        {
            resultCounts[i] = buffer.getLong(cursor, ByteOrder.LITTLE_ENDIAN);
            cursor += 8;
        }
        pricer.loadSnapshot(buffer, cursor);
        pending.loadSnapshot(buffer, pendingOffset, count);
    }

    private void onGoal(final int teamId, final boolean ownGoal, final long eventNs)
    {
        if (!MatchRules.isScoringPeriod(period) || !countTeam(teamId, true))
        {
            return;
        }
        egress.goalScored(teamId, period, matchClockMs, ownGoal, homeGoals, awayGoals);
        suspend(MarketStatusReason.GOAL, eventNs);
    }

    private void onRedCard(final int teamId, final long eventNs)
    {
        if (countTeam(teamId, false))
        {
            suspend(MarketStatusReason.RED_CARD, eventNs);
        }
    }

    private boolean countTeam(final int teamId, final boolean goal)
    {
        if (!fixtureSeen)
        {
            return false;
        }
        if (teamId == homeTeamId)
        {
            if (goal)
            {
                homeGoals++;
            }
            else
            {
                homeReds++;
            }
            return true;
        }
        if (teamId == awayTeamId)
        {
            if (goal)
            {
                awayGoals++;
            }
            else
            {
                awayReds++;
            }
            return true;
        }
        return false;
    }

    private void suspend(final MarketStatusReason reason, final long eventNs)
    {
        if (state != MarketState.OPEN && state != MarketState.SUSPENDED)
        {
            return;
        }
        if (state == MarketState.OPEN)
        {
            for (int m = 0; m < MARKETS.length; m++)
            {
                final int[] odds = pricer.decimalOdds(MARKETS[m]);
                System.arraycopy(odds, 0, preEventOdds[m], 0, odds.length);
            }
        }
        state = MarketState.SUSPENDED;
        suspendedAtNs = nowNs;
        materialEpoch++;
        lastMaterialEventNs = Math.max(lastMaterialEventNs, eventNs);
        suspensions++;
        for (final MarketType market : MARKETS)
        {
            egress.marketStatus(market, MarketState.SUSPENDED, reason);
        }
    }

    private void close()
    {
        if (state != MarketState.OPEN && state != MarketState.SUSPENDED)
        {
            return;
        }
        state = MarketState.CLOSED;
        for (final MarketType market : MARKETS)
        {
            egress.marketStatus(market, MarketState.CLOSED, MarketStatusReason.END_OF_NORMAL_TIME);
        }
    }

    /**
     * Reprice and send an OddsUpdate per market, each followed by MarketStatus OPEN when {@code openReason} is not
     * null, so that a client never sees a market open without its price.
     */
    private void publishPrices(final MarketStatusReason openReason)
    {
        pricer.price(homeRate, awayRate, matchClockMs, homeGoals, awayGoals, homeReds, awayReds);
        priceVersion++;
        for (final MarketType market : MARKETS)
        {
            egress.oddsUpdate(
                market,
                priceVersion,
                pricer.pricedClockMs(),
                homeGoals,
                awayGoals,
                pricer.overroundPpm(market),
                InPlayPricer.priceCount(market),
                pricer.selections(market),
                pricer.decimalOdds(market),
                pricer.probabilityPpm(market));
            if (openReason != null)
            {
                egress.marketStatus(market, MarketState.OPEN, openReason);
            }
        }
    }

    private void settleExpiredBets()
    {
        while (!pending.isEmpty() && nowNs - pending.headHeldAtNs() >= betDelayNs)
        {
            final MarketType market = MarketType.get(pending.headMarketRaw());
            final Selection selection = Selection.get(pending.headSelectionRaw());
            final int oddsTaken = pending.headOddsTaken();
            final int currentOdds = currentOdds(market, selection);
            final BetResultCode code;
            if (state == MarketState.CLOSED || pending.headEpoch() != materialEpoch)
            {
                code = BetResultCode.LAPSED_MATERIAL_EVENT;
            }
            else if (!isGood(currentOdds, oddsTaken))
            {
                code = BetResultCode.LAPSED_ODDS_CHANGED;
            }
            else
            {
                code = BetResultCode.ACCEPTED;
            }
            sendBetResult(
                pending.headBetId(),
                pending.headAccountId(),
                code,
                market,
                selection,
                pending.headStakeMinor(),
                code == BetResultCode.ACCEPTED ? oddsTaken : currentOdds);
            pending.removeHead();
        }
    }

    private boolean isPastPosting(
        final MarketType market, final Selection selection, final int oddsTaken, final long streamPositionNs)
    {
        if (lastMaterialEventNs == NO_EVENT || lastMaterialEventNs > streamPositionNs)
        {
            return false;
        }
        final int preEvent = preEventOdds[market == MarketType.MATCH_RESULT ? 0 : 1][
            InPlayPricer.selectionIndex(market, selection)];
        return isGood(preEvent, oddsTaken);
    }

    private boolean isGood(final int currentOdds, final int oddsTaken)
    {
        return oddsTaken >= InPlayPricer.MIN_DECIMAL_ODDS && currentOdds * oddsToleranceFactor >= oddsTaken;
    }

    private int currentOdds(final MarketType market, final Selection selection)
    {
        return fixtureSeen ? pricer.decimalOdds(market, selection) : 0;
    }

    private void sendBetResult(
        final long betId,
        final long accountId,
        final BetResultCode code,
        final MarketType market,
        final Selection selection,
        final long stakeMinor,
        final int decimalOdds)
    {
        resultCounts[code.value()]++;
        egress.betResult(betId, accountId, code, market, selection, stakeMinor, decimalOdds);
    }
}
