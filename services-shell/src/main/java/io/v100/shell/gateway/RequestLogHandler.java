package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The first handler of every request: gives it a request id, refuses paths that try to escape their segment,
 * adds the headers every answer carries, and when the answer is sent writes one structured log line and records
 * the request's metrics.
 * <p>
 * The log line has the request id, method, matched route template, status, tenant, duration and cache result. It
 * never has headers, query strings, bodies, tokens or keys, so no credential reaches the log.
 */
public final class RequestLogHandler implements Handler<RoutingContext>
{
    static final String ROUTE_KEY = "v100.route";

    private static final Logger ACCESS = LoggerFactory.getLogger("io.v100.shell.access");

    /** A caller's own request id is kept only when it is this tame; otherwise one is made. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Raw-path patterns refused before routing: dot segments and percent-encoded dots, slashes and backslashes,
     * which would otherwise decode into a different path than the one routed (CWE-22).
     */
    private static final Pattern TRAVERSAL = Pattern.compile(
        "(^|/)\\.\\.?(/|$)|%2[eEfF]|%5[cC]|\\\\|%00");

    private final ShellMetrics metrics;

    RequestLogHandler(final ShellMetrics metrics)
    {
        this.metrics = metrics;
    }

    public void handle(final RoutingContext ctx)
    {
        final HttpServerRequest request = ctx.request();
        final String offered = request.getHeader("X-Request-Id");
        final String requestId = null != offered && REQUEST_ID.matcher(offered).matches() ? offered : newId();
        final RequestScope scope = RequestScope.attach(ctx, requestId);
        final HttpServerResponse response = ctx.response();
        response.putHeader("X-Request-Id", requestId);
        response.putHeader("X-Content-Type-Options", "nosniff");
        ctx.addHeadersEndHandler(v -> response.putHeader("Server-Timing", scope.serverTiming()));
        ctx.addEndHandler(v -> log(ctx, scope));

        final String rawPath = request.path();
        if (null == rawPath || TRAVERSAL.matcher(rawPath).find())
        {
            ErrorResponder.send(ctx, 400, "invalid_path", "path contains dot segments or encoded separators", 0);
            return;
        }
        ctx.next();
    }

    private void log(final RoutingContext ctx, final RequestScope scope)
    {
        final long durationNs = System.nanoTime() - scope.startNs();
        final String route = ctx.get(ROUTE_KEY, "unmatched");
        final int status = ctx.response().getStatusCode();
        final String method = ctx.request().method().name();
        metrics.request(method, route, status, durationNs);
        if (ACCESS.isInfoEnabled())
        {
            final Principal principal = scope.principal();
            ACCESS.info("request id={} method={} route={} status={} tenant={} auth={} cache={} durUs={}",
                scope.requestId(),
                method,
                route,
                status,
                null == principal ? "-" : principal.tenant(),
                null == principal ? "-" : principal.method(),
                null == scope.cacheResult() ? "-" : scope.cacheResult(),
                durationNs / 1_000);
        }
    }

    private static String newId()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
