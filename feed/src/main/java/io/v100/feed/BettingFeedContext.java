package io.v100.feed;

import java.util.concurrent.TimeUnit;

import static io.v100.feed.FeedProperties.doubleProperty;
import static io.v100.feed.FeedProperties.isFraction;
import static io.v100.feed.FeedProperties.require;

/**
 * Settings of the bets viewers place: rates, markets, stakes and past-posting attempts, part of {@link FeedContext}
 * ({@code FeedContext.betting()}).
 * <p>
 * Units as in {@link FeedContext}: ns, kbit/s, minor units, fractions in [0, 1]. Every setting has a system
 * property ({@code *_PROP_NAME}), read when the context is created; setters override it. The values are modelling
 * assumptions chosen to exercise the core, not market or audience data.
 */
public final class BettingFeedContext
{
    /** Bets per second over the whole audience while betting is open. */
    public static final String BET_RATE_PER_SECOND_PROP_NAME = "v100.feed.bet.rate.per.second";
    public static final double BET_RATE_PER_SECOND_DEFAULT = 1.0;
    /** The bet rate is multiplied by this after a goal. */
    public static final String GOAL_BET_BOOST_FACTOR_PROP_NAME = "v100.feed.goal.bet.boost.factor";
    public static final double GOAL_BET_BOOST_FACTOR_DEFAULT = 3.0;
    /** How long the bet rate stays boosted after a goal. */
    public static final String GOAL_BET_BOOST_NS_PROP_NAME = "v100.feed.goal.bet.boost.ns";
    public static final long GOAL_BET_BOOST_NS_DEFAULT = TimeUnit.MINUTES.toNanos(2);
    /** Fraction of bets on MATCH_RESULT; the rest go to TOTAL_GOALS_2_5. */
    public static final String MATCH_RESULT_FRACTION_PROP_NAME = "v100.feed.match.result.fraction";
    public static final double MATCH_RESULT_FRACTION_DEFAULT = 0.7;
    /** Smallest valid stake, minor units. */
    public static final String STAKE_MIN_MINOR_PROP_NAME = "v100.feed.stake.min.minor";
    public static final long STAKE_MIN_MINOR_DEFAULT = 500L;
    /** Largest valid stake, minor units. */
    public static final String STAKE_MAX_MINOR_PROP_NAME = "v100.feed.stake.max.minor";
    public static final long STAKE_MAX_MINOR_DEFAULT = 50_000L;
    /** Fraction of bets with an invalid stake (0 or negative). */
    public static final String INVALID_STAKE_FRACTION_PROP_NAME = "v100.feed.invalid.stake.fraction";
    public static final double INVALID_STAKE_FRACTION_DEFAULT = 0.005;
    /** Past-posting attempts after each goal of periods 1 and 2. */
    public static final String PAST_POSTING_PER_GOAL_PROP_NAME = "v100.feed.past.posting.per.goal";
    public static final int PAST_POSTING_PER_GOAL_DEFAULT = 5;
    /** Past-posting attempts are placed within this long after the goal. */
    public static final String PAST_POSTING_WINDOW_NS_PROP_NAME = "v100.feed.past.posting.window.ns";
    public static final long PAST_POSTING_WINDOW_NS_DEFAULT = TimeUnit.SECONDS.toNanos(10);
    /** Past-posting attempts quote the odds seen this long before the goal. */
    public static final String PAST_POSTING_QUOTE_LEAD_NS_PROP_NAME = "v100.feed.past.posting.quote.lead.ns";
    public static final long PAST_POSTING_QUOTE_LEAD_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);
    /** Only viewers with a stream latency below this attempt past-posting. */
    public static final String PAST_POSTING_MAX_LATENCY_NS_PROP_NAME = "v100.feed.past.posting.max.latency.ns";
    public static final long PAST_POSTING_MAX_LATENCY_NS_DEFAULT = TimeUnit.SECONDS.toNanos(4);

    private double betRatePerSecond =
        doubleProperty(BET_RATE_PER_SECOND_PROP_NAME, BET_RATE_PER_SECOND_DEFAULT);
    private double goalBetBoostFactor =
        doubleProperty(GOAL_BET_BOOST_FACTOR_PROP_NAME, GOAL_BET_BOOST_FACTOR_DEFAULT);
    private long goalBetBoostNs = Long.getLong(GOAL_BET_BOOST_NS_PROP_NAME, GOAL_BET_BOOST_NS_DEFAULT);
    private double matchResultFraction =
        doubleProperty(MATCH_RESULT_FRACTION_PROP_NAME, MATCH_RESULT_FRACTION_DEFAULT);
    private long stakeMinMinor = Long.getLong(STAKE_MIN_MINOR_PROP_NAME, STAKE_MIN_MINOR_DEFAULT);
    private long stakeMaxMinor = Long.getLong(STAKE_MAX_MINOR_PROP_NAME, STAKE_MAX_MINOR_DEFAULT);
    private double invalidStakeFraction =
        doubleProperty(INVALID_STAKE_FRACTION_PROP_NAME, INVALID_STAKE_FRACTION_DEFAULT);
    private int pastPostingPerGoal = Integer.getInteger(PAST_POSTING_PER_GOAL_PROP_NAME, PAST_POSTING_PER_GOAL_DEFAULT);
    private long pastPostingWindowNs = Long.getLong(PAST_POSTING_WINDOW_NS_PROP_NAME, PAST_POSTING_WINDOW_NS_DEFAULT);
    private long pastPostingQuoteLeadNs =
        Long.getLong(PAST_POSTING_QUOTE_LEAD_NS_PROP_NAME, PAST_POSTING_QUOTE_LEAD_NS_DEFAULT);
    private long pastPostingMaxLatencyNs =
        Long.getLong(PAST_POSTING_MAX_LATENCY_NS_PROP_NAME, PAST_POSTING_MAX_LATENCY_NS_DEFAULT);

    /**
     * Checks every setting; {@link FeedContext#conclude()} calls it.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first setting out of range.
     */
    public BettingFeedContext conclude()
    {
        require(betRatePerSecond >= 0.0, BET_RATE_PER_SECOND_PROP_NAME);
        require(goalBetBoostFactor >= 1.0, GOAL_BET_BOOST_FACTOR_PROP_NAME);
        require(goalBetBoostNs >= 0, GOAL_BET_BOOST_NS_PROP_NAME);
        require(isFraction(matchResultFraction), MATCH_RESULT_FRACTION_PROP_NAME);
        require(stakeMinMinor > 0 && stakeMaxMinor >= stakeMinMinor,
            STAKE_MIN_MINOR_PROP_NAME + "/" + STAKE_MAX_MINOR_PROP_NAME);
        require(isFraction(invalidStakeFraction), INVALID_STAKE_FRACTION_PROP_NAME);
        require(pastPostingPerGoal >= 0, PAST_POSTING_PER_GOAL_PROP_NAME);
        require(pastPostingWindowNs > 0, PAST_POSTING_WINDOW_NS_PROP_NAME);
        require(pastPostingQuoteLeadNs > 0, PAST_POSTING_QUOTE_LEAD_NS_PROP_NAME);
        require(pastPostingMaxLatencyNs > 0, PAST_POSTING_MAX_LATENCY_NS_PROP_NAME);
        return this;
    }

    /**
     * @return bets per second over the audience; default {@link #BET_RATE_PER_SECOND_DEFAULT}.
     */
    public double betRatePerSecond()
    {
        return betRatePerSecond;
    }

    /**
     * @param betRatePerSecond bets per second over the audience, &ge; 0.
     * @return this.
     */
    public BettingFeedContext betRatePerSecond(final double betRatePerSecond)
    {
        this.betRatePerSecond = betRatePerSecond;
        return this;
    }

    /**
     * @return bet rate multiplier after a goal; default {@link #GOAL_BET_BOOST_FACTOR_DEFAULT}.
     */
    public double goalBetBoostFactor()
    {
        return goalBetBoostFactor;
    }

    /**
     * @param goalBetBoostFactor bet rate multiplier after a goal, &ge; 1.
     * @return this.
     */
    public BettingFeedContext goalBetBoostFactor(final double goalBetBoostFactor)
    {
        this.goalBetBoostFactor = goalBetBoostFactor;
        return this;
    }

    /**
     * @return how long the boost lasts after a goal, ns; default {@link #GOAL_BET_BOOST_NS_DEFAULT}.
     */
    public long goalBetBoostNs()
    {
        return goalBetBoostNs;
    }

    /**
     * @param goalBetBoostNs how long the boost lasts after a goal, ns, &ge; 0.
     * @return this.
     */
    public BettingFeedContext goalBetBoostNs(final long goalBetBoostNs)
    {
        this.goalBetBoostNs = goalBetBoostNs;
        return this;
    }

    /**
     * @return fraction of bets on MATCH_RESULT; default {@link #MATCH_RESULT_FRACTION_DEFAULT}.
     */
    public double matchResultFraction()
    {
        return matchResultFraction;
    }

    /**
     * @param matchResultFraction fraction of bets on MATCH_RESULT, [0, 1].
     * @return this.
     */
    public BettingFeedContext matchResultFraction(final double matchResultFraction)
    {
        this.matchResultFraction = matchResultFraction;
        return this;
    }

    /**
     * @return smallest valid stake, minor units; default {@link #STAKE_MIN_MINOR_DEFAULT}.
     */
    public long stakeMinMinor()
    {
        return stakeMinMinor;
    }

    /**
     * @param stakeMinMinor smallest valid stake, minor units, &gt; 0.
     * @return this.
     */
    public BettingFeedContext stakeMinMinor(final long stakeMinMinor)
    {
        this.stakeMinMinor = stakeMinMinor;
        return this;
    }

    /**
     * @return largest valid stake, minor units; default {@link #STAKE_MAX_MINOR_DEFAULT}.
     */
    public long stakeMaxMinor()
    {
        return stakeMaxMinor;
    }

    /**
     * @param stakeMaxMinor largest valid stake, minor units, &ge; the smallest.
     * @return this.
     */
    public BettingFeedContext stakeMaxMinor(final long stakeMaxMinor)
    {
        this.stakeMaxMinor = stakeMaxMinor;
        return this;
    }

    /**
     * @return fraction of bets with a stake of 0 or less; default {@link #INVALID_STAKE_FRACTION_DEFAULT}.
     */
    public double invalidStakeFraction()
    {
        return invalidStakeFraction;
    }

    /**
     * @param invalidStakeFraction fraction of bets with a stake of 0 or less, [0, 1].
     * @return this.
     */
    public BettingFeedContext invalidStakeFraction(final double invalidStakeFraction)
    {
        this.invalidStakeFraction = invalidStakeFraction;
        return this;
    }

    /**
     * @return past-posting attempts per goal of periods 1-2; default {@link #PAST_POSTING_PER_GOAL_DEFAULT}.
     */
    public int pastPostingPerGoal()
    {
        return pastPostingPerGoal;
    }

    /**
     * @param pastPostingPerGoal past-posting attempts per goal of periods 1-2, &ge; 0.
     * @return this.
     */
    public BettingFeedContext pastPostingPerGoal(final int pastPostingPerGoal)
    {
        this.pastPostingPerGoal = pastPostingPerGoal;
        return this;
    }

    /**
     * @return past-posting attempts fall within this long after the goal, ns; default
     * {@link #PAST_POSTING_WINDOW_NS_DEFAULT}.
     */
    public long pastPostingWindowNs()
    {
        return pastPostingWindowNs;
    }

    /**
     * @param pastPostingWindowNs past-posting attempts fall within this long after the goal, ns, &gt; 0.
     * @return this.
     */
    public BettingFeedContext pastPostingWindowNs(final long pastPostingWindowNs)
    {
        this.pastPostingWindowNs = pastPostingWindowNs;
        return this;
    }

    /**
     * @return past-posting attempts quote the odds of this long before the goal, ns; default
     * {@link #PAST_POSTING_QUOTE_LEAD_NS_DEFAULT}.
     */
    public long pastPostingQuoteLeadNs()
    {
        return pastPostingQuoteLeadNs;
    }

    /**
     * @param pastPostingQuoteLeadNs past-posting attempts quote the odds of this long before the goal, ns, &gt; 0.
     * @return this.
     */
    public BettingFeedContext pastPostingQuoteLeadNs(final long pastPostingQuoteLeadNs)
    {
        this.pastPostingQuoteLeadNs = pastPostingQuoteLeadNs;
        return this;
    }

    /**
     * @return only viewers with a latency below this attempt past-posting, ns; default
     * {@link #PAST_POSTING_MAX_LATENCY_NS_DEFAULT}.
     */
    public long pastPostingMaxLatencyNs()
    {
        return pastPostingMaxLatencyNs;
    }

    /**
     * @param pastPostingMaxLatencyNs only viewers with a latency below this attempt past-posting, ns, &gt; 0.
     * @return this.
     */
    public BettingFeedContext pastPostingMaxLatencyNs(final long pastPostingMaxLatencyNs)
    {
        this.pastPostingMaxLatencyNs = pastPostingMaxLatencyNs;
        return this;
    }
}
