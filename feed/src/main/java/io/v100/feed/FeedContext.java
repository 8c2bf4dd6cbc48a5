package io.v100.feed;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

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
    /** Video starts this long before kick-off. */
    public static final String VIDEO_PREROLL_NS_PROP_NAME = "v100.feed.video.preroll.ns";
    public static final long VIDEO_PREROLL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(60);
    /** Video runs on this long after the end of the last period. */
    public static final String VIDEO_POSTROLL_NS_PROP_NAME = "v100.feed.video.postroll.ns";
    public static final long VIDEO_POSTROLL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);
    /** Frames per second of the program feed. */
    public static final String VIDEO_FPS_PROP_NAME = "v100.feed.video.fps";
    public static final int VIDEO_FPS_DEFAULT = 25;
    /** Frames from one IDR frame to the next: 2 s GOPs at 25 fps. */
    public static final String IDR_INTERVAL_FRAMES_PROP_NAME = "v100.feed.idr.interval.frames";
    public static final int IDR_INTERVAL_FRAMES_DEFAULT = 50;
    /** Rendition ladder, kbit/s, rendition id = index: 1080p 6000, 720p 3000, 540p 1500, 360p 700. */
    public static final String RENDITION_BITRATES_KBPS_PROP_NAME = "v100.feed.rendition.bitrates.kbps";
    private static final int[] RENDITION_BITRATES_KBPS_DEFAULT = { 6000, 3000, 1500, 700 };
    /** An IDR frame is this many times the size of a predicted frame. */
    public static final String IDR_SIZE_FACTOR_PROP_NAME = "v100.feed.idr.size.factor";
    public static final double IDR_SIZE_FACTOR_DEFAULT = 5.0;
    /** Frame sizes vary uniformly by up to this fraction either side of their mean. */
    public static final String FRAME_SIZE_VARIATION_PROP_NAME = "v100.feed.frame.size.variation";
    public static final double FRAME_SIZE_VARIATION_DEFAULT = 0.2;
    /** Each camera sends a CameraSignal this often. */
    public static final String CAMERA_INTERVAL_NS_PROP_NAME = "v100.feed.camera.interval.ns";
    public static final long CAMERA_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(200);
    /** The deepfake detector scores each camera this often. */
    public static final String DETECTOR_INTERVAL_NS_PROP_NAME = "v100.feed.detector.interval.ns";
    public static final long DETECTOR_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(200);
    /** Camera whose detector scores are raised during the injected manipulation (0 disables it). */
    public static final String MANIPULATED_CAMERA_ID_PROP_NAME = "v100.feed.manipulated.camera.id";
    public static final int MANIPULATED_CAMERA_ID_DEFAULT = 3;
    /** Start of the injected manipulation after kick-off (wall time, breaks included). */
    public static final String MANIPULATED_START_AFTER_KICKOFF_NS_PROP_NAME = "v100.feed.manipulated.start.after.kickoff.ns";
    public static final long MANIPULATED_START_AFTER_KICKOFF_NS_DEFAULT = TimeUnit.MINUTES.toNanos(20);
    /** Length of the injected manipulation. */
    public static final String MANIPULATED_DURATION_NS_PROP_NAME = "v100.feed.manipulated.duration.ns";
    public static final long MANIPULATED_DURATION_NS_DEFAULT = TimeUnit.MINUTES.toNanos(1);
    /** Viewers of the pay-per-view event. */
    public static final String VIEWER_COUNT_PROP_NAME = "v100.feed.viewer.count";
    public static final int VIEWER_COUNT_DEFAULT = 2_000;
    /** Viewer ids are base + 1 .. base + viewerCount. */
    public static final String VIEWER_ID_BASE_PROP_NAME = "v100.feed.viewer.id.base";
    public static final long VIEWER_ID_BASE_DEFAULT = 1_000_000L;
    /** Fraction of viewers that bought the event (the rest have no entitlement). */
    public static final String ENTITLED_FRACTION_PROP_NAME = "v100.feed.entitled.fraction";
    public static final double ENTITLED_FRACTION_DEFAULT = 0.92;
    /** Fraction of viewers joining before kick-off, between the Fixture and kick-off; the rest join in play. */
    public static final String JOIN_BEFORE_KICKOFF_FRACTION_PROP_NAME = "v100.feed.join.before.kickoff.fraction";
    public static final double JOIN_BEFORE_KICKOFF_FRACTION_DEFAULT = 0.8;
    /** Entitlements expire this long after the end of the last period. */
    public static final String ENTITLEMENT_AFTER_END_NS_PROP_NAME = "v100.feed.entitlement.after.end.ns";
    public static final long ENTITLEMENT_AFTER_END_NS_DEFAULT = TimeUnit.HOURS.toNanos(6);
    /** The first LicenseRequest follows the join by up to this much. */
    public static final String LICENSE_DELAY_MAX_NS_PROP_NAME = "v100.feed.license.delay.max.ns";
    public static final long LICENSE_DELAY_MAX_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(1_500);
    /** Renewal LicenseRequests follow a key-period boundary by up to this much. */
    public static final String LICENSE_RENEW_JITTER_MAX_NS_PROP_NAME = "v100.feed.license.renew.jitter.max.ns";
    public static final long LICENSE_RENEW_JITTER_MAX_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);
    /** Length of a key period (DASH-IF CPIX ContentKeyPeriod); period = floorDiv(timestampNs, keyPeriodNs). */
    public static final String KEY_PERIOD_NS_PROP_NAME = "v100.feed.key.period.ns";
    public static final long KEY_PERIOD_NS_DEFAULT = TimeUnit.SECONDS.toNanos(300);
    /** Fraction of LicenseRequests carrying a random KID no key period has. */
    public static final String UNKNOWN_KID_FRACTION_PROP_NAME = "v100.feed.unknown.kid.fraction";
    public static final double UNKNOWN_KID_FRACTION_DEFAULT = 0.005;
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
    /** Mean glass-to-glass latency of an HLS viewer (RFC 8216 players hold about 3 target durations). */
    public static final String HLS_LATENCY_NS_PROP_NAME = "v100.feed.hls.latency.ns";
    public static final long HLS_LATENCY_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(6_000);
    /** Fraction of viewers on HLS. */
    public static final String HLS_FRACTION_PROP_NAME = "v100.feed.hls.fraction";
    public static final double HLS_FRACTION_DEFAULT = 0.6;
    /** Mean glass-to-glass latency of a Low-Latency HLS viewer (RFC 8216bis partial segments). */
    public static final String LL_HLS_LATENCY_NS_PROP_NAME = "v100.feed.ll.hls.latency.ns";
    public static final long LL_HLS_LATENCY_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(2_500);
    /** Fraction of viewers on LL-HLS; the rest (10% by default) are slow viewers. */
    public static final String LL_HLS_FRACTION_PROP_NAME = "v100.feed.ll.hls.fraction";
    public static final double LL_HLS_FRACTION_DEFAULT = 0.3;
    /** Mean glass-to-glass latency of a slow viewer (CDN buffering, long player buffers). */
    public static final String SLOW_LATENCY_NS_PROP_NAME = "v100.feed.slow.latency.ns";
    public static final long SLOW_LATENCY_NS_DEFAULT = TimeUnit.SECONDS.toNanos(20);

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
    private long videoPrerollNs = Long.getLong(VIDEO_PREROLL_NS_PROP_NAME, VIDEO_PREROLL_NS_DEFAULT);
    private long videoPostrollNs = Long.getLong(VIDEO_POSTROLL_NS_PROP_NAME, VIDEO_POSTROLL_NS_DEFAULT);
    private int videoFps = Integer.getInteger(VIDEO_FPS_PROP_NAME, VIDEO_FPS_DEFAULT);
    private int idrIntervalFrames = Integer.getInteger(IDR_INTERVAL_FRAMES_PROP_NAME, IDR_INTERVAL_FRAMES_DEFAULT);
    private int[] renditionBitratesKbps =
        intListProperty(RENDITION_BITRATES_KBPS_PROP_NAME, RENDITION_BITRATES_KBPS_DEFAULT);
    private double idrSizeFactor = doubleProperty(IDR_SIZE_FACTOR_PROP_NAME, IDR_SIZE_FACTOR_DEFAULT);
    private double frameSizeVariation = doubleProperty(FRAME_SIZE_VARIATION_PROP_NAME, FRAME_SIZE_VARIATION_DEFAULT);
    private long cameraIntervalNs = Long.getLong(CAMERA_INTERVAL_NS_PROP_NAME, CAMERA_INTERVAL_NS_DEFAULT);
    private long detectorIntervalNs = Long.getLong(DETECTOR_INTERVAL_NS_PROP_NAME, DETECTOR_INTERVAL_NS_DEFAULT);
    private int manipulatedCameraId =
        Integer.getInteger(MANIPULATED_CAMERA_ID_PROP_NAME, MANIPULATED_CAMERA_ID_DEFAULT);
    private long manipulatedStartAfterKickoffNs =
        Long.getLong(MANIPULATED_START_AFTER_KICKOFF_NS_PROP_NAME, MANIPULATED_START_AFTER_KICKOFF_NS_DEFAULT);
    private long manipulatedDurationNs =
        Long.getLong(MANIPULATED_DURATION_NS_PROP_NAME, MANIPULATED_DURATION_NS_DEFAULT);
    private int viewerCount = Integer.getInteger(VIEWER_COUNT_PROP_NAME, VIEWER_COUNT_DEFAULT);
    private long viewerIdBase = Long.getLong(VIEWER_ID_BASE_PROP_NAME, VIEWER_ID_BASE_DEFAULT);
    private double entitledFraction = doubleProperty(ENTITLED_FRACTION_PROP_NAME, ENTITLED_FRACTION_DEFAULT);
    private double joinBeforeKickoffFraction =
        doubleProperty(JOIN_BEFORE_KICKOFF_FRACTION_PROP_NAME, JOIN_BEFORE_KICKOFF_FRACTION_DEFAULT);
    private long entitlementAfterEndNs =
        Long.getLong(ENTITLEMENT_AFTER_END_NS_PROP_NAME, ENTITLEMENT_AFTER_END_NS_DEFAULT);
    private long licenseDelayMaxNs = Long.getLong(LICENSE_DELAY_MAX_NS_PROP_NAME, LICENSE_DELAY_MAX_NS_DEFAULT);
    private long licenseRenewJitterMaxNs =
        Long.getLong(LICENSE_RENEW_JITTER_MAX_NS_PROP_NAME, LICENSE_RENEW_JITTER_MAX_NS_DEFAULT);
    private long keyPeriodNs = Long.getLong(KEY_PERIOD_NS_PROP_NAME, KEY_PERIOD_NS_DEFAULT);
    private double unknownKidFraction = doubleProperty(UNKNOWN_KID_FRACTION_PROP_NAME, UNKNOWN_KID_FRACTION_DEFAULT);
    private double betRatePerSecond = doubleProperty(BET_RATE_PER_SECOND_PROP_NAME, BET_RATE_PER_SECOND_DEFAULT);
    private double goalBetBoostFactor = doubleProperty(GOAL_BET_BOOST_FACTOR_PROP_NAME, GOAL_BET_BOOST_FACTOR_DEFAULT);
    private long goalBetBoostNs = Long.getLong(GOAL_BET_BOOST_NS_PROP_NAME, GOAL_BET_BOOST_NS_DEFAULT);
    private double matchResultFraction = doubleProperty(MATCH_RESULT_FRACTION_PROP_NAME, MATCH_RESULT_FRACTION_DEFAULT);
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
    private long hlsLatencyNs = Long.getLong(HLS_LATENCY_NS_PROP_NAME, HLS_LATENCY_NS_DEFAULT);
    private double hlsFraction = doubleProperty(HLS_FRACTION_PROP_NAME, HLS_FRACTION_DEFAULT);
    private long llHlsLatencyNs = Long.getLong(LL_HLS_LATENCY_NS_PROP_NAME, LL_HLS_LATENCY_NS_DEFAULT);
    private double llHlsFraction = doubleProperty(LL_HLS_FRACTION_PROP_NAME, LL_HLS_FRACTION_DEFAULT);
    private long slowLatencyNs = Long.getLong(SLOW_LATENCY_NS_PROP_NAME, SLOW_LATENCY_NS_DEFAULT);

    /**
     * Checks every setting.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public FeedContext conclude()
    {
        require(clientId >= 0, CLIENT_ID_PROP_NAME);
        require(fixtureLeadNs >= 0, FIXTURE_LEAD_NS_PROP_NAME);
        for (int period = 2; period < breakBeforePeriodNs.length; period++)
        {
            require(breakBeforePeriodNs[period] >= 0, "v100.feed.break.before.period.N.ns");
        }
        require(videoPrerollNs >= 0 && videoPostrollNs >= 0,
            VIDEO_PREROLL_NS_PROP_NAME + "/" + VIDEO_POSTROLL_NS_PROP_NAME);
        require(videoFps > 0 && videoFps <= 1000, VIDEO_FPS_PROP_NAME);
        require(idrIntervalFrames > 0, IDR_INTERVAL_FRAMES_PROP_NAME);
        require(renditionBitratesKbps.length > 0 && renditionBitratesKbps.length <= 255,
            RENDITION_BITRATES_KBPS_PROP_NAME);
        for (final int kbps : renditionBitratesKbps)
        {
            require(kbps > 0, RENDITION_BITRATES_KBPS_PROP_NAME);
        }
        require(idrSizeFactor >= 1.0, IDR_SIZE_FACTOR_PROP_NAME);
        require(frameSizeVariation >= 0.0 && frameSizeVariation < 1.0, FRAME_SIZE_VARIATION_PROP_NAME);
        require(cameraIntervalNs > 0, CAMERA_INTERVAL_NS_PROP_NAME);
        require(detectorIntervalNs > 0, DETECTOR_INTERVAL_NS_PROP_NAME);
        require(manipulatedCameraId >= 0 && manipulatedCameraId <= CameraSignalSource.CAMERA_COUNT,
            MANIPULATED_CAMERA_ID_PROP_NAME);
        require(manipulatedDurationNs >= 0, MANIPULATED_DURATION_NS_PROP_NAME);
        require(viewerCount >= 0, VIEWER_COUNT_PROP_NAME);
        require(isFraction(entitledFraction), ENTITLED_FRACTION_PROP_NAME);
        require(isFraction(joinBeforeKickoffFraction), JOIN_BEFORE_KICKOFF_FRACTION_PROP_NAME);
        require(entitlementAfterEndNs >= 0, ENTITLEMENT_AFTER_END_NS_PROP_NAME);
        require(licenseDelayMaxNs > 0, LICENSE_DELAY_MAX_NS_PROP_NAME);
        require(licenseRenewJitterMaxNs > 0, LICENSE_RENEW_JITTER_MAX_NS_PROP_NAME);
        require(keyPeriodNs > 0, KEY_PERIOD_NS_PROP_NAME);
        require(isFraction(unknownKidFraction), UNKNOWN_KID_FRACTION_PROP_NAME);
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
        require(hlsLatencyNs > 0 && llHlsLatencyNs > 0 && slowLatencyNs > 0,
            HLS_LATENCY_NS_PROP_NAME + "/" + LL_HLS_LATENCY_NS_PROP_NAME + "/" + SLOW_LATENCY_NS_PROP_NAME);
        require(isFraction(hlsFraction) && isFraction(llHlsFraction) && hlsFraction + llHlsFraction <= 1.0,
            HLS_FRACTION_PROP_NAME + "/" + LL_HLS_FRACTION_PROP_NAME);
        return this;
    }

    private static boolean isFraction(final double value)
    {
        return value >= 0.0 && value <= 1.0;
    }

    private static void require(final boolean condition, final String propName)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(propName + " is out of range (see FeedContext for units and bounds)");
        }
    }

    private static double doubleProperty(final String propName, final double defaultValue)
    {
        final String value = System.getProperty(propName);
        return null == value ? defaultValue : Double.parseDouble(value);
    }

    private static float floatProperty(final String propName, final float defaultValue)
    {
        final String value = System.getProperty(propName);
        return null == value ? defaultValue : Float.parseFloat(value);
    }

    /**
     * @return the property as comma-separated integers, or a copy of the default when it is not set.
     */
    private static int[] intListProperty(final String propName, final int[] defaultValue)
    {
        final String value = System.getProperty(propName);
        return null == value ? defaultValue.clone() :
            Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
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
     * @return how long video runs before kick-off, ns; default {@link #VIDEO_PREROLL_NS_DEFAULT}.
     */
    public long videoPrerollNs()
    {
        return videoPrerollNs;
    }

    /**
     * @param videoPrerollNs how long video runs before kick-off, ns.
     * @return this.
     */
    public FeedContext videoPrerollNs(final long videoPrerollNs)
    {
        this.videoPrerollNs = videoPrerollNs;
        return this;
    }

    /**
     * @return how long video runs after the last period, ns; default {@link #VIDEO_POSTROLL_NS_DEFAULT}.
     */
    public long videoPostrollNs()
    {
        return videoPostrollNs;
    }

    /**
     * @param videoPostrollNs how long video runs after the last period, ns.
     * @return this.
     */
    public FeedContext videoPostrollNs(final long videoPostrollNs)
    {
        this.videoPostrollNs = videoPostrollNs;
        return this;
    }

    /**
     * @return frames per second; default {@link #VIDEO_FPS_DEFAULT}.
     */
    public int videoFps()
    {
        return videoFps;
    }

    /**
     * @param videoFps frames per second, 1..1000.
     * @return this.
     */
    public FeedContext videoFps(final int videoFps)
    {
        this.videoFps = videoFps;
        return this;
    }

    /**
     * @return frames from one IDR to the next; default {@link #IDR_INTERVAL_FRAMES_DEFAULT}.
     */
    public int idrIntervalFrames()
    {
        return idrIntervalFrames;
    }

    /**
     * @param idrIntervalFrames frames from one IDR to the next, &gt; 0.
     * @return this.
     */
    public FeedContext idrIntervalFrames(final int idrIntervalFrames)
    {
        this.idrIntervalFrames = idrIntervalFrames;
        return this;
    }

    /**
     * @return a copy of the rendition ladder in kbit/s, rendition id = index; default 6000, 3000, 1500, 700.
     */
    public int[] renditionBitratesKbps()
    {
        return renditionBitratesKbps.clone();
    }

    /**
     * @param renditionBitratesKbps the ladder in kbit/s, rendition id = index, 1..255 entries (copied).
     * @return this.
     */
    public FeedContext renditionBitratesKbps(final int... renditionBitratesKbps)
    {
        this.renditionBitratesKbps = Arrays.copyOf(renditionBitratesKbps, renditionBitratesKbps.length);
        return this;
    }

    /**
     * @return IDR size over predicted frame size; default {@link #IDR_SIZE_FACTOR_DEFAULT}.
     */
    public double idrSizeFactor()
    {
        return idrSizeFactor;
    }

    /**
     * @param idrSizeFactor IDR size over predicted frame size, &ge; 1.
     * @return this.
     */
    public FeedContext idrSizeFactor(final double idrSizeFactor)
    {
        this.idrSizeFactor = idrSizeFactor;
        return this;
    }

    /**
     * @return uniform frame size variation either side of the mean; default {@link #FRAME_SIZE_VARIATION_DEFAULT}.
     */
    public double frameSizeVariation()
    {
        return frameSizeVariation;
    }

    /**
     * @param frameSizeVariation uniform variation either side of the mean, in [0, 1).
     * @return this.
     */
    public FeedContext frameSizeVariation(final double frameSizeVariation)
    {
        this.frameSizeVariation = frameSizeVariation;
        return this;
    }

    /**
     * @return CameraSignal interval per camera, ns; default {@link #CAMERA_INTERVAL_NS_DEFAULT}.
     */
    public long cameraIntervalNs()
    {
        return cameraIntervalNs;
    }

    /**
     * @param cameraIntervalNs CameraSignal interval per camera, ns, &gt; 0.
     * @return this.
     */
    public FeedContext cameraIntervalNs(final long cameraIntervalNs)
    {
        this.cameraIntervalNs = cameraIntervalNs;
        return this;
    }

    /**
     * @return DetectorScore interval per camera, ns; default {@link #DETECTOR_INTERVAL_NS_DEFAULT}.
     */
    public long detectorIntervalNs()
    {
        return detectorIntervalNs;
    }

    /**
     * @param detectorIntervalNs DetectorScore interval per camera, ns, &gt; 0.
     * @return this.
     */
    public FeedContext detectorIntervalNs(final long detectorIntervalNs)
    {
        this.detectorIntervalNs = detectorIntervalNs;
        return this;
    }

    /**
     * @return camera of the injected manipulation, 0 for none; default {@link #MANIPULATED_CAMERA_ID_DEFAULT}.
     */
    public int manipulatedCameraId()
    {
        return manipulatedCameraId;
    }

    /**
     * @param manipulatedCameraId camera 1..5 of the injected manipulation, 0 for none.
     * @return this.
     */
    public FeedContext manipulatedCameraId(final int manipulatedCameraId)
    {
        this.manipulatedCameraId = manipulatedCameraId;
        return this;
    }

    /**
     * @return start of the manipulation after kick-off, ns; default
     * {@link #MANIPULATED_START_AFTER_KICKOFF_NS_DEFAULT}.
     */
    public long manipulatedStartAfterKickoffNs()
    {
        return manipulatedStartAfterKickoffNs;
    }

    /**
     * @param manipulatedStartAfterKickoffNs start of the manipulation after kick-off, ns (may be negative).
     * @return this.
     */
    public FeedContext manipulatedStartAfterKickoffNs(final long manipulatedStartAfterKickoffNs)
    {
        this.manipulatedStartAfterKickoffNs = manipulatedStartAfterKickoffNs;
        return this;
    }

    /**
     * @return length of the manipulation, ns; default {@link #MANIPULATED_DURATION_NS_DEFAULT}.
     */
    public long manipulatedDurationNs()
    {
        return manipulatedDurationNs;
    }

    /**
     * @param manipulatedDurationNs length of the manipulation, ns, &ge; 0.
     * @return this.
     */
    public FeedContext manipulatedDurationNs(final long manipulatedDurationNs)
    {
        this.manipulatedDurationNs = manipulatedDurationNs;
        return this;
    }

    /**
     * @return number of viewers; default {@link #VIEWER_COUNT_DEFAULT}.
     */
    public int viewerCount()
    {
        return viewerCount;
    }

    /**
     * @param viewerCount number of viewers, &ge; 0.
     * @return this.
     */
    public FeedContext viewerCount(final int viewerCount)
    {
        this.viewerCount = viewerCount;
        return this;
    }

    /**
     * @return viewer ids are base + 1 .. base + count; default {@link #VIEWER_ID_BASE_DEFAULT}.
     */
    public long viewerIdBase()
    {
        return viewerIdBase;
    }

    /**
     * @param viewerIdBase viewer ids are base + 1 .. base + count.
     * @return this.
     */
    public FeedContext viewerIdBase(final long viewerIdBase)
    {
        this.viewerIdBase = viewerIdBase;
        return this;
    }

    /**
     * @return fraction of viewers with an entitlement; default {@link #ENTITLED_FRACTION_DEFAULT}.
     */
    public double entitledFraction()
    {
        return entitledFraction;
    }

    /**
     * @param entitledFraction fraction of viewers with an entitlement, [0, 1].
     * @return this.
     */
    public FeedContext entitledFraction(final double entitledFraction)
    {
        this.entitledFraction = entitledFraction;
        return this;
    }

    /**
     * @return fraction of viewers joining before kick-off; default {@link #JOIN_BEFORE_KICKOFF_FRACTION_DEFAULT}.
     */
    public double joinBeforeKickoffFraction()
    {
        return joinBeforeKickoffFraction;
    }

    /**
     * @param joinBeforeKickoffFraction fraction of viewers joining before kick-off, [0, 1].
     * @return this.
     */
    public FeedContext joinBeforeKickoffFraction(final double joinBeforeKickoffFraction)
    {
        this.joinBeforeKickoffFraction = joinBeforeKickoffFraction;
        return this;
    }

    /**
     * @return entitlement expiry after the end of the last period, ns; default
     * {@link #ENTITLEMENT_AFTER_END_NS_DEFAULT}.
     */
    public long entitlementAfterEndNs()
    {
        return entitlementAfterEndNs;
    }

    /**
     * @param entitlementAfterEndNs entitlement expiry after the end of the last period, ns, &ge; 0.
     * @return this.
     */
    public FeedContext entitlementAfterEndNs(final long entitlementAfterEndNs)
    {
        this.entitlementAfterEndNs = entitlementAfterEndNs;
        return this;
    }

    /**
     * @return largest delay from join to first LicenseRequest, ns; default {@link #LICENSE_DELAY_MAX_NS_DEFAULT}.
     */
    public long licenseDelayMaxNs()
    {
        return licenseDelayMaxNs;
    }

    /**
     * @param licenseDelayMaxNs largest delay from join to first LicenseRequest, ns, &gt; 0.
     * @return this.
     */
    public FeedContext licenseDelayMaxNs(final long licenseDelayMaxNs)
    {
        this.licenseDelayMaxNs = licenseDelayMaxNs;
        return this;
    }

    /**
     * @return largest delay of a renewal after a key-period boundary, ns; default
     * {@link #LICENSE_RENEW_JITTER_MAX_NS_DEFAULT}.
     */
    public long licenseRenewJitterMaxNs()
    {
        return licenseRenewJitterMaxNs;
    }

    /**
     * @param licenseRenewJitterMaxNs largest delay of a renewal after a key-period boundary, ns, &gt; 0.
     * @return this.
     */
    public FeedContext licenseRenewJitterMaxNs(final long licenseRenewJitterMaxNs)
    {
        this.licenseRenewJitterMaxNs = licenseRenewJitterMaxNs;
        return this;
    }

    /**
     * @return key period length, ns; default {@link #KEY_PERIOD_NS_DEFAULT}.
     */
    public long keyPeriodNs()
    {
        return keyPeriodNs;
    }

    /**
     * @param keyPeriodNs key period length, ns, &gt; 0; must match the core's DRM setting.
     * @return this.
     */
    public FeedContext keyPeriodNs(final long keyPeriodNs)
    {
        this.keyPeriodNs = keyPeriodNs;
        return this;
    }

    /**
     * @return fraction of LicenseRequests with an unknown KID; default {@link #UNKNOWN_KID_FRACTION_DEFAULT}.
     */
    public double unknownKidFraction()
    {
        return unknownKidFraction;
    }

    /**
     * @param unknownKidFraction fraction of LicenseRequests with an unknown KID, [0, 1].
     * @return this.
     */
    public FeedContext unknownKidFraction(final double unknownKidFraction)
    {
        this.unknownKidFraction = unknownKidFraction;
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
    public FeedContext betRatePerSecond(final double betRatePerSecond)
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
    public FeedContext goalBetBoostFactor(final double goalBetBoostFactor)
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
    public FeedContext goalBetBoostNs(final long goalBetBoostNs)
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
    public FeedContext matchResultFraction(final double matchResultFraction)
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
    public FeedContext stakeMinMinor(final long stakeMinMinor)
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
    public FeedContext stakeMaxMinor(final long stakeMaxMinor)
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
    public FeedContext invalidStakeFraction(final double invalidStakeFraction)
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
    public FeedContext pastPostingPerGoal(final int pastPostingPerGoal)
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
    public FeedContext pastPostingWindowNs(final long pastPostingWindowNs)
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
    public FeedContext pastPostingQuoteLeadNs(final long pastPostingQuoteLeadNs)
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
    public FeedContext pastPostingMaxLatencyNs(final long pastPostingMaxLatencyNs)
    {
        this.pastPostingMaxLatencyNs = pastPostingMaxLatencyNs;
        return this;
    }

    /**
     * @return mean HLS latency, ns; default {@link #HLS_LATENCY_NS_DEFAULT}.
     */
    public long hlsLatencyNs()
    {
        return hlsLatencyNs;
    }

    /**
     * @param hlsLatencyNs mean HLS latency, ns, &gt; 0.
     * @return this.
     */
    public FeedContext hlsLatencyNs(final long hlsLatencyNs)
    {
        this.hlsLatencyNs = hlsLatencyNs;
        return this;
    }

    /**
     * @return fraction of HLS viewers; default {@link #HLS_FRACTION_DEFAULT}.
     */
    public double hlsFraction()
    {
        return hlsFraction;
    }

    /**
     * @param hlsFraction fraction of HLS viewers; with the LL-HLS fraction at most 1.
     * @return this.
     */
    public FeedContext hlsFraction(final double hlsFraction)
    {
        this.hlsFraction = hlsFraction;
        return this;
    }

    /**
     * @return mean LL-HLS latency, ns; default {@link #LL_HLS_LATENCY_NS_DEFAULT}.
     */
    public long llHlsLatencyNs()
    {
        return llHlsLatencyNs;
    }

    /**
     * @param llHlsLatencyNs mean LL-HLS latency, ns, &gt; 0.
     * @return this.
     */
    public FeedContext llHlsLatencyNs(final long llHlsLatencyNs)
    {
        this.llHlsLatencyNs = llHlsLatencyNs;
        return this;
    }

    /**
     * @return fraction of LL-HLS viewers; default {@link #LL_HLS_FRACTION_DEFAULT}.
     */
    public double llHlsFraction()
    {
        return llHlsFraction;
    }

    /**
     * @param llHlsFraction fraction of LL-HLS viewers; with the HLS fraction at most 1.
     * @return this.
     */
    public FeedContext llHlsFraction(final double llHlsFraction)
    {
        this.llHlsFraction = llHlsFraction;
        return this;
    }

    /**
     * @return mean latency of the remaining slow viewers, ns; default {@link #SLOW_LATENCY_NS_DEFAULT}.
     */
    public long slowLatencyNs()
    {
        return slowLatencyNs;
    }

    /**
     * @param slowLatencyNs mean latency of the remaining slow viewers, ns, &gt; 0.
     * @return this.
     */
    public FeedContext slowLatencyNs(final long slowLatencyNs)
    {
        this.slowLatencyNs = slowLatencyNs;
        return this;
    }
}
