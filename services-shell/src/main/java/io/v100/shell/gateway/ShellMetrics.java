package io.v100.shell.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Prometheus metrics (Micrometer): requests and their latency histogram by route and status,
 * rate-limit refusals by tier, cache lookups by level and result, and the state of each downstream's breaker.
 */
public final class ShellMetrics
{
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * @return the registry, for {@code /metrics}.
     */
    public PrometheusMeterRegistry registry()
    {
        return registry;
    }

    /**
     * @param method     HTTP method.
     * @param route      the matched route template, or {@code unmatched}: never the raw path, which would let
     *                   callers create series at will.
     * @param status     HTTP status sent.
     * @param durationNs from the first handler to the end of the response.
     */
    void request(final String method, final String route, final int status, final long durationNs)
    {
        Timer.builder("http.server.requests")
            .description("requests through the gateway")
            .tag("method", method)
            .tag("route", route)
            .tag("status", Integer.toString(status))
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry)
            .record(durationNs, TimeUnit.NANOSECONDS);
    }

    void rateLimited(final Tier tier)
    {
        Counter.builder("shell.ratelimit.rejected").tag("tier", tier.claim()).register(registry).increment();
    }

    void authFailed(final String code)
    {
        Counter.builder("shell.auth.failed").tag("code", code).register(registry).increment();
    }

    void invalidRequest(final String code)
    {
        Counter.builder("shell.requests.invalid").description("requests refused before routing: unparseable, " +
            "oversized headers, conflicting framing").tag("code", code).register(registry).increment();
    }

    void cache(final String level, final String result)
    {
        Counter.builder("shell.cache.lookups").tag("level", level).tag("result", result).register(registry).increment();
    }

    /**
     * Export a breaker's state: 0 closed, 1 half-open, 2 open (other states as 3).
     *
     * @param breaker to watch.
     */
    void breaker(final CircuitBreaker breaker)
    {
        Gauge.builder("shell.breaker.state", breaker, b -> switch (b.getState())
            {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
                default -> 3;
            })
            .description("0 closed, 1 half-open, 2 open")
            .tag("downstream", breaker.getName())
            .register(registry);
        Gauge.builder("shell.breaker.failure.rate", breaker, b -> b.getMetrics().getFailureRate())
            .tag("downstream", breaker.getName())
            .register(registry);
    }
}
