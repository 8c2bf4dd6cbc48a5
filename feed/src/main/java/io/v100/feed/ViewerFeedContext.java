package io.v100.feed;

import java.util.concurrent.TimeUnit;

import static io.v100.feed.FeedProperties.doubleProperty;
import static io.v100.feed.FeedProperties.isFraction;
import static io.v100.feed.FeedProperties.require;

/**
 * Settings of the audience: viewers, entitlements, licence requests and viewing latency, part of {@link FeedContext}
 * ({@code FeedContext.viewers()}).
 * <p>
 * Units as in {@link FeedContext}: ns, kbit/s, minor units, fractions in [0, 1]. Every setting has a system
 * property ({@code *_PROP_NAME}), read when the context is created; setters override it. The values are modelling
 * assumptions chosen to exercise the core, not market or audience data.
 */
public final class ViewerFeedContext
{
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

    private int viewerCount = Integer.getInteger(VIEWER_COUNT_PROP_NAME, VIEWER_COUNT_DEFAULT);
    private long viewerIdBase = Long.getLong(VIEWER_ID_BASE_PROP_NAME, VIEWER_ID_BASE_DEFAULT);
    private double entitledFraction =
        doubleProperty(ENTITLED_FRACTION_PROP_NAME, ENTITLED_FRACTION_DEFAULT);
    private double joinBeforeKickoffFraction =
        doubleProperty(JOIN_BEFORE_KICKOFF_FRACTION_PROP_NAME, JOIN_BEFORE_KICKOFF_FRACTION_DEFAULT);
    private long entitlementAfterEndNs =
        Long.getLong(ENTITLEMENT_AFTER_END_NS_PROP_NAME, ENTITLEMENT_AFTER_END_NS_DEFAULT);
    private long licenseDelayMaxNs = Long.getLong(LICENSE_DELAY_MAX_NS_PROP_NAME, LICENSE_DELAY_MAX_NS_DEFAULT);
    private long licenseRenewJitterMaxNs =
        Long.getLong(LICENSE_RENEW_JITTER_MAX_NS_PROP_NAME, LICENSE_RENEW_JITTER_MAX_NS_DEFAULT);
    private long keyPeriodNs = Long.getLong(KEY_PERIOD_NS_PROP_NAME, KEY_PERIOD_NS_DEFAULT);
    private double unknownKidFraction =
        doubleProperty(UNKNOWN_KID_FRACTION_PROP_NAME, UNKNOWN_KID_FRACTION_DEFAULT);
    private long hlsLatencyNs = Long.getLong(HLS_LATENCY_NS_PROP_NAME, HLS_LATENCY_NS_DEFAULT);
    private double hlsFraction = doubleProperty(HLS_FRACTION_PROP_NAME, HLS_FRACTION_DEFAULT);
    private long llHlsLatencyNs = Long.getLong(LL_HLS_LATENCY_NS_PROP_NAME, LL_HLS_LATENCY_NS_DEFAULT);
    private double llHlsFraction = doubleProperty(LL_HLS_FRACTION_PROP_NAME, LL_HLS_FRACTION_DEFAULT);
    private long slowLatencyNs = Long.getLong(SLOW_LATENCY_NS_PROP_NAME, SLOW_LATENCY_NS_DEFAULT);

    /**
     * Checks every setting; {@link FeedContext#conclude()} calls it.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first setting out of range.
     */
    public ViewerFeedContext conclude()
    {
        require(viewerCount >= 0, VIEWER_COUNT_PROP_NAME);
        require(isFraction(entitledFraction), ENTITLED_FRACTION_PROP_NAME);
        require(isFraction(joinBeforeKickoffFraction), JOIN_BEFORE_KICKOFF_FRACTION_PROP_NAME);
        require(entitlementAfterEndNs >= 0, ENTITLEMENT_AFTER_END_NS_PROP_NAME);
        require(licenseDelayMaxNs > 0, LICENSE_DELAY_MAX_NS_PROP_NAME);
        require(licenseRenewJitterMaxNs > 0, LICENSE_RENEW_JITTER_MAX_NS_PROP_NAME);
        require(keyPeriodNs > 0, KEY_PERIOD_NS_PROP_NAME);
        require(isFraction(unknownKidFraction), UNKNOWN_KID_FRACTION_PROP_NAME);
        require(hlsLatencyNs > 0 && llHlsLatencyNs > 0 && slowLatencyNs > 0,
            HLS_LATENCY_NS_PROP_NAME + "/" + LL_HLS_LATENCY_NS_PROP_NAME + "/" + SLOW_LATENCY_NS_PROP_NAME);
        require(isFraction(hlsFraction) && isFraction(llHlsFraction) && hlsFraction + llHlsFraction <= 1.0,
            HLS_FRACTION_PROP_NAME + "/" + LL_HLS_FRACTION_PROP_NAME);
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
    public ViewerFeedContext viewerCount(final int viewerCount)
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
    public ViewerFeedContext viewerIdBase(final long viewerIdBase)
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
    public ViewerFeedContext entitledFraction(final double entitledFraction)
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
    public ViewerFeedContext joinBeforeKickoffFraction(final double joinBeforeKickoffFraction)
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
    public ViewerFeedContext entitlementAfterEndNs(final long entitlementAfterEndNs)
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
    public ViewerFeedContext licenseDelayMaxNs(final long licenseDelayMaxNs)
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
    public ViewerFeedContext licenseRenewJitterMaxNs(final long licenseRenewJitterMaxNs)
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
    public ViewerFeedContext keyPeriodNs(final long keyPeriodNs)
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
    public ViewerFeedContext unknownKidFraction(final double unknownKidFraction)
    {
        this.unknownKidFraction = unknownKidFraction;
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
    public ViewerFeedContext hlsLatencyNs(final long hlsLatencyNs)
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
    public ViewerFeedContext hlsFraction(final double hlsFraction)
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
    public ViewerFeedContext llHlsLatencyNs(final long llHlsLatencyNs)
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
    public ViewerFeedContext llHlsFraction(final double llHlsFraction)
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
    public ViewerFeedContext slowLatencyNs(final long slowLatencyNs)
    {
        this.slowLatencyNs = slowLatencyNs;
        return this;
    }
}
