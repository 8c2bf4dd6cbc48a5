package io.v100.feed;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.v100.feed.FeedProperties.floatProperty;
import static io.v100.feed.FeedProperties.require;

/**
 * Every setting of the feeder, with documented defaults and fluent setters (Aeron {@code *Context} style).
 * <p>
 * Units: times and durations in ns (timestamps in ns since the Unix epoch), bitrates in kbit/s, money in minor
 * units, probabilities and fractions in [0, 1]. Setters store the value as given; {@link #conclude()} (called
 * by {@link IngressStream}) throws {@link IllegalArgumentException} naming the property of the first setting out
 * of range. Every setting has a system property, {@code v100.feed.<name.in.dots>} (the {@code *_PROP_NAME}
 * constants), read when the context is created; setters override it.
 * <p>
 * The goal rates, audience sizes, bet rates and latencies below are modelling assumptions chosen to exercise
 * the core, not market or audience data.
 */
public final class FeedContext
{
    /** Seed of the single {@link java.util.SplittableRandom} every generated stream derives from. */
    public static final String SEED_PROP_NAME = "v100.feed.seed";
    public static final long SEED_DEFAULT = 100L;
    /** Client id stamped on every ingress frame. */
    public static final String CLIENT_ID_PROP_NAME = "v100.feed.client.id";
    public static final int CLIENT_ID_DEFAULT = 1;
    /** Match id used when the events file name carries no digits (StatsBomb names files {@code <matchId>.json}). */
    public static final String MATCH_ID_PROP_NAME = "v100.feed.match.id";
    public static final long MATCH_ID_DEFAULT = 15986L;
    /**
     * Wall time of the kick-off: a nominal afternoon kick-off on the match date of the bundled sample
     * (2018-09-23T14:30:00Z). Not taken from the data, which has period-relative times only; the CLI overrides it.
     */
    public static final String KICKOFF_NS_PROP_NAME = "v100.feed.kickoff.ns";
    public static final long KICKOFF_NS_DEFAULT = TimeUnit.SECONDS.toNanos(Instant.parse("2018-09-23T14:30:00Z").getEpochSecond());
    /** Expected home goals per 90 min for the Fixture (Dixon-Coles lambda): an assumption, not market data. */
    public static final String HOME_GOAL_RATE_PROP_NAME = "v100.feed.home.goal.rate";
    public static final float HOME_GOAL_RATE_DEFAULT = 2.2f;
    /** Expected away goals per 90 min for the Fixture (Dixon-Coles mu): an assumption, not market data. */
    public static final String AWAY_GOAL_RATE_PROP_NAME = "v100.feed.away.goal.rate";
    public static final float AWAY_GOAL_RATE_DEFAULT = 0.8f;
    /** The Fixture is sent this long before kick-off. */
    public static final String FIXTURE_LEAD_NS_PROP_NAME = "v100.feed.fixture.lead.ns";
    public static final long FIXTURE_LEAD_NS_DEFAULT = TimeUnit.SECONDS.toNanos(60);
    /** Break before period 2 (half-time, Laws of the Game law 7: at most 15 min). */
    public static final String BREAK_BEFORE_PERIOD_2_NS_PROP_NAME = "v100.feed.break.before.period.2.ns";
    public static final long BREAK_BEFORE_PERIOD_2_NS_DEFAULT = TimeUnit.MINUTES.toNanos(15);
    /** Break before period 3 (before extra time, law 7: 5 min is customary). */
    public static final String BREAK_BEFORE_PERIOD_3_NS_PROP_NAME = "v100.feed.break.before.period.3.ns";
    public static final long BREAK_BEFORE_PERIOD_3_NS_DEFAULT = TimeUnit.MINUTES.toNanos(5);
    /** Break before period 4 (teams only change ends between the halves of extra time: about 1 min). */
    public static final String BREAK_BEFORE_PERIOD_4_NS_PROP_NAME = "v100.feed.break.before.period.4.ns";
    public static final long BREAK_BEFORE_PERIOD_4_NS_DEFAULT = TimeUnit.MINUTES.toNanos(1);
    /** Break before period 5 (before the penalty shoot-out). */
    public static final String BREAK_BEFORE_PERIOD_5_NS_PROP_NAME = "v100.feed.break.before.period.5.ns";
    public static final long BREAK_BEFORE_PERIOD_5_NS_DEFAULT = TimeUnit.MINUTES.toNanos(5);

    private long seed = Long.getLong(SEED_PROP_NAME, SEED_DEFAULT);
    private int clientId = Integer.getInteger(CLIENT_ID_PROP_NAME, CLIENT_ID_DEFAULT);
    private long matchId = Long.getLong(MATCH_ID_PROP_NAME, MATCH_ID_DEFAULT);
    private long kickoffNs = Long.getLong(KICKOFF_NS_PROP_NAME, KICKOFF_NS_DEFAULT);
    private float homeGoalRate = floatProperty(HOME_GOAL_RATE_PROP_NAME, HOME_GOAL_RATE_DEFAULT);
    private float awayGoalRate = floatProperty(AWAY_GOAL_RATE_PROP_NAME, AWAY_GOAL_RATE_DEFAULT);
    private long fixtureLeadNs = Long.getLong(FIXTURE_LEAD_NS_PROP_NAME, FIXTURE_LEAD_NS_DEFAULT);
    private final long[] breakBeforePeriodNs = {
        0L, 0L,
        Long.getLong(BREAK_BEFORE_PERIOD_2_NS_PROP_NAME, BREAK_BEFORE_PERIOD_2_NS_DEFAULT),
        Long.getLong(BREAK_BEFORE_PERIOD_3_NS_PROP_NAME, BREAK_BEFORE_PERIOD_3_NS_DEFAULT),
        Long.getLong(BREAK_BEFORE_PERIOD_4_NS_PROP_NAME, BREAK_BEFORE_PERIOD_4_NS_DEFAULT),
        Long.getLong(BREAK_BEFORE_PERIOD_5_NS_PROP_NAME, BREAK_BEFORE_PERIOD_5_NS_DEFAULT) };
    private final VideoFeedContext video = new VideoFeedContext();
    private final ViewerFeedContext viewers = new ViewerFeedContext();
    private final BettingFeedContext betting = new BettingFeedContext();

    /**
     * Checks every setting, this context's and those of {@link #video()}, {@link #viewers()} and
     * {@link #betting()}.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first setting out of range.
     */
    public FeedContext conclude()
    {
        require(clientId >= 0, CLIENT_ID_PROP_NAME);
        require(fixtureLeadNs >= 0, FIXTURE_LEAD_NS_PROP_NAME);
        for (int period = 2; period < breakBeforePeriodNs.length; period++)
        {
            require(breakBeforePeriodNs[period] >= 0, "v100.feed.break.before.period.N.ns");
        }
        video.conclude();
        viewers.conclude();
        betting.conclude();
        return this;
    }

    /**
     * @return seed of the root {@link java.util.SplittableRandom}; default {@link #SEED_DEFAULT}.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param seed of the root {@link java.util.SplittableRandom}.
     * @return this.
     */
    public FeedContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * @return client id stamped on every frame; default {@link #CLIENT_ID_DEFAULT}.
     */
    public int clientId()
    {
        return clientId;
    }

    /**
     * @param clientId stamped on every frame, &ge; 0.
     * @return this.
     */
    public FeedContext clientId(final int clientId)
    {
        this.clientId = clientId;
        return this;
    }

    /**
     * @return match id used when the file name has no digits; default {@link #MATCH_ID_DEFAULT}.
     */
    public long matchId()
    {
        return matchId;
    }

    /**
     * @param matchId used when the file name has no digits.
     * @return this.
     */
    public FeedContext matchId(final long matchId)
    {
        this.matchId = matchId;
        return this;
    }

    /**
     * @return kick-off, ns since the Unix epoch; default {@link #KICKOFF_NS_DEFAULT}.
     */
    public long kickoffNs()
    {
        return kickoffNs;
    }

    /**
     * @param kickoffNs kick-off, ns since the Unix epoch.
     * @return this.
     */
    public FeedContext kickoffNs(final long kickoffNs)
    {
        this.kickoffNs = kickoffNs;
        return this;
    }

    /**
     * @return expected home goals per 90 min; default {@link #HOME_GOAL_RATE_DEFAULT}.
     */
    public float homeGoalRate()
    {
        return homeGoalRate;
    }

    /**
     * @param homeGoalRate expected home goals per 90 min.
     * @return this.
     */
    public FeedContext homeGoalRate(final float homeGoalRate)
    {
        this.homeGoalRate = homeGoalRate;
        return this;
    }

    /**
     * @return expected away goals per 90 min; default {@link #AWAY_GOAL_RATE_DEFAULT}.
     */
    public float awayGoalRate()
    {
        return awayGoalRate;
    }

    /**
     * @param awayGoalRate expected away goals per 90 min.
     * @return this.
     */
    public FeedContext awayGoalRate(final float awayGoalRate)
    {
        this.awayGoalRate = awayGoalRate;
        return this;
    }

    /**
     * @return how long before kick-off the Fixture is sent, ns; default {@link #FIXTURE_LEAD_NS_DEFAULT}.
     */
    public long fixtureLeadNs()
    {
        return fixtureLeadNs;
    }

    /**
     * @param fixtureLeadNs how long before kick-off the Fixture is sent, ns.
     * @return this.
     */
    public FeedContext fixtureLeadNs(final long fixtureLeadNs)
    {
        this.fixtureLeadNs = fixtureLeadNs;
        return this;
    }

    /**
     * @param period 2..5.
     * @return the break before that period, ns; defaults {@link #BREAK_BEFORE_PERIOD_2_NS_DEFAULT} ..
     * {@link #BREAK_BEFORE_PERIOD_5_NS_DEFAULT}.
     * @throws IllegalArgumentException for another period.
     */
    public long breakBeforePeriodNs(final int period)
    {
        return breakBeforePeriodNs[checkPeriod(period)];
    }

    /**
     * @param period  2..5.
     * @param breakNs the break before that period, ns.
     * @return this.
     * @throws IllegalArgumentException for another period.
     */
    public FeedContext breakBeforePeriodNs(final int period, final long breakNs)
    {
        breakBeforePeriodNs[checkPeriod(period)] = breakNs;
        return this;
    }

    private static int checkPeriod(final int period)
    {
        if (period < 2 || period > 5)
        {
            throw new IllegalArgumentException("breaks exist before periods 2..5, not " + period);
        }
        return period;
    }

    /**
     * @return settings of the generated video, camera and detector streams and of the injected manipulation.
     */
    public VideoFeedContext video()
    {
        return video;
    }

    /**
     * @return settings of the audience: viewers, entitlements, licence requests and viewing latency.
     */
    public ViewerFeedContext viewers()
    {
        return viewers;
    }

    /**
     * @return settings of the bets viewers place.
     */
    public BettingFeedContext betting()
    {
        return betting;
    }
}
