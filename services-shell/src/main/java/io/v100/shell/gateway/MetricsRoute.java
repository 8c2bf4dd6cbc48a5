package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: the Prometheus text exposition of the gateway's metrics.
 */
public final class MetricsRoute implements Handler<RoutingContext>
{
    private final ShellMetrics metrics;

    MetricsRoute(final ShellMetrics metrics)
    {
        this.metrics = metrics;
    }

    public void handle(final RoutingContext ctx)
    {
        ctx.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(metrics.registry().scrape());
    }
}
