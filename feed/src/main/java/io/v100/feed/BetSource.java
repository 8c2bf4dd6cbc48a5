package io.v100.feed;

import io.v100.sbe.BetRequestEncoder;
import io.v100.sbe.MarketType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.Selection;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * In-play BetRequests of entitled viewers while betting is open: from the start of period 1 to the end of
 * period 2, half-time included.
 * <p>
 * Arrivals form a non-homogeneous Poisson process of {@link BettingFeedContext#betRatePerSecond()} per second, multiplied
 * by {@link BettingFeedContext#goalBetBoostFactor()} for {@link BettingFeedContext#goalBetBoostNs()} after each goal, drawn by
 * thinning (Lewis and Shedler, Naval Research Logistics Quarterly 26(3), 1979). Each arrival takes a uniformly
 * chosen entitled viewer who has joined; a market (MATCH_RESULT with probability
 * {@link BettingFeedContext#matchResultFraction()}, else TOTAL_GOALS_2_5), a uniform selection of that market, a
 * log-uniform stake between the stake bounds rounded to 100 minor units (a fraction
 * {@link BettingFeedContext#invalidStakeFraction()} gets 0 or a negative stake), and the stream position
 * {@code placement - latency} of that viewer. The odds taken are what the viewer sees:
 * {@link OddsQuote#decimalOdds} at that stream position, asked when the bet is emitted.
 * <p>
 * Past-posting attempts: after each goal of periods 1-2, {@link BettingFeedContext#pastPostingPerGoal()} entitled viewers
 * with a latency below {@link BettingFeedContext#pastPostingMaxLatencyNs()}, who have already seen the goal, back the
 * scoring side of MATCH_RESULT within {@link BettingFeedContext#pastPostingWindowNs()} of the goal, quoting the odds seen
 * {@link BettingFeedContext#pastPostingQuoteLeadNs()} BEFORE the goal while declaring their true (post-goal) stream
 * position. Bet ids are 1, 2, 3... in placement order.
 */
final class BetSource implements FrameSource
{
    private static final Selection[] MATCH_RESULT_SELECTIONS = { Selection.HOME, Selection.DRAW, Selection.AWAY };
    private static final Selection[] TOTAL_GOALS_SELECTIONS = { Selection.OVER, Selection.UNDER };
    private static final long STAKE_ROUNDING_MINOR = 100L;
    private static final int TIME = 0;
    private static final int VIEWER = 1;
    private static final int MARKET = 2;
    private static final int SELECTION = 3;
    private static final int STAKE = 4;
    private static final int POSITION = 5;
    private static final int QUOTE_POSITION = 6;
    private static final int PAST_POSTING = 7;
    private static final int SEQUENCE = 8;
    private static final int FIELDS = 9;

    private final BetRequestEncoder encoder = new BetRequestEncoder();
    private final ViewerPlan viewers;
    private final OddsQuote oddsQuote;
    private final long[][] bets;
    private final int pastPostingCount;
    private final int invalidStakeCount;
    private int next;

    BetSource(
        final ViewerPlan viewers,
        final FeedContext context,
        final OddsQuote oddsQuote,
        final long openNs,
        final long closeNs,
        final long[] goalTimestampsNs,
        final boolean[] goalByHome,
        final SplittableRandom random)
    {
        this.viewers = viewers;
        this.oddsQuote = oddsQuote;
        final BettingFeedContext betting = context.betting();
        final List<long[]> rows = new ArrayList<>();
        int invalid = 0;

        final double baseRate = betting.betRatePerSecond();
        final double maxRate = baseRate * betting.goalBetBoostFactor();
        if (maxRate > 0.0)
        {
            final double meanGapNs = 1e9 / maxRate;
            long timestampNs = openNs;
            while (true)
            {
                timestampNs += FeedRandom.exponentialNs(random, meanGapNs);
                if (timestampNs >= closeNs)
                {
                    break;
                }
                final boolean boosted = isBoosted(timestampNs, goalTimestampsNs, betting.goalBetBoostNs());
                final double rate = boosted ? maxRate : baseRate;
                if (random.nextDouble() * maxRate >= rate)
                {
                    continue;
                }
                final int joined = viewers.entitledJoinedBy(timestampNs);
                if (joined == 0)
                {
                    continue;
                }
                final int viewer = viewers.entitledByJoin(random.nextInt(joined));
                final boolean matchResult = random.nextDouble() < betting.matchResultFraction();
                final Selection[] selections = matchResult ? MATCH_RESULT_SELECTIONS : TOTAL_GOALS_SELECTIONS;
                final Selection selection = selections[random.nextInt(selections.length)];
                long stake = drawStake(betting, random);
                if (random.nextDouble() < betting.invalidStakeFraction())
                {
                    stake = random.nextBoolean() ? 0L : -stake;
                    invalid++;
                }
                final long positionNs = timestampNs - viewers.latencyNs(viewer);
                rows.add(row(timestampNs, viewer, matchResult ? MarketType.MATCH_RESULT : MarketType.TOTAL_GOALS_2_5,
                    selection, stake, positionNs, positionNs, false, rows.size()));
            }
        }

        int pastPosting = 0;
        final int[] candidates = new int[viewers.entitledCount()];
        for (int g = 0; g < goalTimestampsNs.length; g++)
        {
            final long goalNs = goalTimestampsNs[g];
            int candidateCount = 0;
            final int joined = viewers.entitledJoinedBy(goalNs);
            for (int rank = 0; rank < joined; rank++)
            {
                final int viewer = viewers.entitledByJoin(rank);
                final long latencyNs = viewers.latencyNs(viewer);
                if (latencyNs < betting.pastPostingMaxLatencyNs() && latencyNs < betting.pastPostingWindowNs())
                {
                    candidates[candidateCount++] = viewer;
                }
            }
            for (int attempt = 0; attempt < betting.pastPostingPerGoal() && candidateCount > 0; attempt++)
            {
                final int viewer = candidates[random.nextInt(candidateCount)];
                final long latencyNs = viewers.latencyNs(viewer);
                final long timestampNs = goalNs + latencyNs + 1 + random.nextLong(betting.pastPostingWindowNs() - latencyNs);
                final long stake = drawStake(betting, random);
                if (timestampNs < closeNs)
                {
                    rows.add(row(timestampNs, viewer, MarketType.MATCH_RESULT, goalByHome[g] ? Selection.HOME : Selection.AWAY,
                        stake, timestampNs - latencyNs, goalNs - betting.pastPostingQuoteLeadNs(), true, rows.size()));
                    pastPosting++;
                }
            }
        }

        bets = rows.toArray(new long[0][]);
        Arrays.sort(bets, (a, b) -> a[TIME] != b[TIME] ? Long.compare(a[TIME], b[TIME]) : Long.compare(a[SEQUENCE], b[SEQUENCE]));
        pastPostingCount = pastPosting;
        invalidStakeCount = invalid;
    }

    private static long[] row(
        final long timestampNs,
        final int viewer,
        final MarketType market,
        final Selection selection,
        final long stake,
        final long positionNs,
        final long quotePositionNs,
        final boolean pastPosting,
        final int sequence)
    {
        final long[] row = new long[FIELDS];
        row[TIME] = timestampNs;
        row[VIEWER] = viewer;
        row[MARKET] = market.value();
        row[SELECTION] = selection.value();
        row[STAKE] = stake;
        row[POSITION] = positionNs;
        row[QUOTE_POSITION] = quotePositionNs;
        row[PAST_POSTING] = pastPosting ? 1 : 0;
        row[SEQUENCE] = sequence;
        return row;
    }

    private static boolean isBoosted(final long timestampNs, final long[] goalTimestampsNs, final long boostNs)
    {
        for (final long goalNs : goalTimestampsNs)
        {
            if (timestampNs >= goalNs && timestampNs < goalNs + boostNs)
            {
                return true;
            }
        }
        return false;
    }

    private static long drawStake(final BettingFeedContext betting, final SplittableRandom random)
    {
        final double logMin = StrictMath.log(betting.stakeMinMinor());
        final double logMax = StrictMath.log(betting.stakeMaxMinor());
        final double raw = StrictMath.exp(logMin + random.nextDouble() * (logMax - logMin));
        final long rounded = Math.round(raw / STAKE_ROUNDING_MINOR) * STAKE_ROUNDING_MINOR;
        return Math.max(betting.stakeMinMinor(), Math.min(betting.stakeMaxMinor(), rounded));
    }

    /**
     * @return number of past-posting attempts among the bets.
     */
    int pastPostingCount()
    {
        return pastPostingCount;
    }

    /**
     * @return number of bets with a stake of 0 or less.
     */
    int invalidStakeCount()
    {
        return invalidStakeCount;
    }

    public long nextTimestampNs()
    {
        return next < bets.length ? bets[next][TIME] : Long.MAX_VALUE;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        final long[] bet = bets[next];
        final int viewer = (int)bet[VIEWER];
        final MarketType market = MarketType.get((short)bet[MARKET]);
        final Selection selection = Selection.get((short)bet[SELECTION]);
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(bet[TIME])
            .betId(next + 1)
            .accountId(viewers.viewerId(viewer))
            .market(market)
            .selection(selection)
            .stakeMinor(bet[STAKE])
            .oddsTaken(oddsQuote.decimalOdds(market, selection, bet[QUOTE_POSITION]))
            .streamPositionNs(bet[POSITION]);
        next++;
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return bets.length;
    }

    public int templateId()
    {
        return BetRequestEncoder.TEMPLATE_ID;
    }
}
