package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/status}: the core's counters, from a status request that concurrent callers share.
 */
public final class StatusRoute implements Handler<RoutingContext>
{
    private final CoreDownstream core;

    StatusRoute(final CoreDownstream core)
    {
        this.core = core;
    }

    public void handle(final RoutingContext ctx)
    {
        final RequestScope scope = RequestScope.of(ctx);
        final long startNs = System.nanoTime();
        Responses.onContext(ctx, core.status(), counters ->
        {
            scope.downstreamNs(System.nanoTime() - startNs);
            Responses.json(ctx, 200, counters);
        });
    }
}
