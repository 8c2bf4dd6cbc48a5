package io.v100.demo;

import io.v100.core.drm.DrmContext;
import io.v100.core.drm.KeyDeriver;
import io.v100.core.wagering.WageringContext;
import io.v100.feed.FeedContext;
import io.v100.feed.IngressStream;
import io.v100.feed.StatsBombMatch;

/**
 * The feed the demo, the feed command, the perf harness and the tests all send: one place that ties the feeder to
 * the core's settings, so the KIDs viewers ask for and the odds they take match what the core derives and prices.
 */
public final class DemoFeed
{
    private DemoFeed()
    {
    }

    /**
     * @return feed settings with their defaults and the DRM handler's key period, so licence requests follow the
     * core's key rotation.
     */
    public static FeedContext context()
    {
        final FeedContext context = new FeedContext();
        context.viewers().keyPeriodNs(new DrmContext().keyPeriodNs());
        return context;
    }

    /**
     * @param match   the parsed StatsBomb match.
     * @param context the feed settings, normally from {@link #context()}.
     * @return a fresh ingress stream: odds taken from the wagering handler's shadow pricer, KIDs from the DRM
     * handler's key deriver, both with default settings. Two calls give the same frames.
     */
    public static IngressStream stream(final StatsBombMatch match, final FeedContext context)
    {
        return new IngressStream(
            match,
            context,
            new ShadowOddsQuote(match, context, new WageringContext()),
            new KeyDeriver(new DrmContext())::deriveKid);
    }
}
