package io.v100.shell.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * Limits requests per tenant by its billing tier with a token bucket (bucket4j): the tier's rate per second,
 * refilled greedily, with a burst of one second's worth.
 * <p>
 * Every answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (IETF
 * httpapi draft "RateLimit header fields for HTTP", reset in seconds) and {@code RateLimit-Policy}; over the
 * limit the request is answered 429 with {@code Retry-After} (RFC 9110 section 10.2.3) in whole seconds.
 */
public final class RateLimitHandler implements Handler<RoutingContext>
{
    private final ShellContext context;
    private final ShellMetrics metrics;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
        .maximumSize(1_000_000)
        .expireAfterAccess(Duration.ofMinutes(10))
        .build();

    RateLimitHandler(final ShellContext context, final ShellMetrics metrics)
    {
        this.context = context;
        this.metrics = metrics;
    }

    public void handle(final RoutingContext ctx)
    {
        final long startNs = System.nanoTime();
        final RequestScope scope = RequestScope.of(ctx);
        final Principal principal = scope.principal();
        final long limit = context.ratePerSecond(principal.tier());
        final Bucket bucket = buckets.get(principal.tenant() + '|' + principal.tier().claim(), key -> newBucket(limit));
        final ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        final HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", Long.toString(limit));
        response.putHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.putHeader("RateLimit-Reset", Long.toString(ceilSeconds(probe.getNanosToWaitForReset())));
        response.putHeader("RateLimit-Policy", limit + ";w=1");
        scope.limitNs(System.nanoTime() - startNs);
        if (!probe.isConsumed())
        {
            metrics.rateLimited(principal.tier());
            ErrorResponder.send(ctx, 429, "rate_limited",
                "rate limit of " + limit + " requests/s for tier " + principal.tier().claim() + " exceeded",
                Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
            return;
        }
        ctx.next();
    }

    private static Bucket newBucket(final long perSecond)
    {
        return Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
            .build();
    }

    private static long ceilSeconds(final long nanos)
    {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
