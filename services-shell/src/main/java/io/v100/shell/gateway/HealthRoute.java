package io.v100.shell.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Handler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: liveness (the process answers), readiness (the core is connected and its breaker lets
 * calls through) and each downstream's state. 200 when ready, 503 when not, with the same body; no credential
 * needed, so load balancers and orchestrators can call it.
 */
public final class HealthRoute implements Handler<RoutingContext>
{
    private final CoreDownstream core;

    HealthRoute(final CoreDownstream core)
    {
        this.core = core;
    }

    public void handle(final RoutingContext ctx)
    {
        final CircuitBreaker.State breaker = core.breaker().getState();
        final boolean coreUp = core.connected();
        final boolean ready = coreUp && breaker != CircuitBreaker.State.OPEN && breaker != CircuitBreaker.State.FORCED_OPEN;
        final Map<String, Object> coreState = new LinkedHashMap<>();
        coreState.put("state", coreUp ? "UP" : "DOWN");
        coreState.put("breaker", breaker.name());
        coreState.put("failureRatePercent", core.breaker().getMetrics().getFailureRate());
        coreState.put("lastMessageAgeMs", core.lastMessageAgeMs());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("live", true);
        body.put("ready", ready);
        body.put("downstreams", Map.of(CoreDownstream.NAME, coreState));
        Responses.json(ctx, ready ? 200 : 503, body);
    }
}
