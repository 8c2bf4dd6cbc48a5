package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

import java.util.List;
import java.util.Set;

/**
 * Builds the gateway's router. Middleware runs in this order on every request:
 * <pre>
 *   RequestLogHandler   request id, path guard, nosniff, Server-Timing, access log and metrics at the end
 *   CorsHandler         only the configured origins (preflights answered here)
 *   TimeoutHandler      503 when a request takes longer than the request timeout
 *   BodyHandler         413 over the body limit
 *   -- public routes: /health, /metrics, /openapi.json
 *   AuthenticationHandler  JWT or API key, 401 otherwise          (protected routes only)
 *   RateLimitHandler       per tenant by tier, 429 over the limit  (protected routes only)
 *   -- protected routes: /v1/...
 *   ErrorResponder      every failure as {"error": {"code", "message", "requestId"}}
 * </pre>
 */
public final class GatewayRouter
{
    private GatewayRouter()
    {
    }

    /**
     * The services the routes use.
     *
     * @param context  settings.
     * @param metrics  the registry.
     * @param core     the core downstream.
     * @param cache    the response cache.
     * @param verifier JWT verification.
     * @param apiKeys  the API key store.
     */
    public record Services(
        ShellContext context,
        ShellMetrics metrics,
        CoreDownstream core,
        ResponseCache cache,
        JwtVerifier verifier,
        ApiKeyStore apiKeys)
    {
    }

    /**
     * @param vertx    the Vert.x instance.
     * @param services what the routes use.
     * @return the router with every route and the middleware.
     */
    public static Router create(final Vertx vertx, final Services services)
    {
        return create(vertx, services, List.of());
    }

    /**
     * @param vertx      the Vert.x instance.
     * @param services   what the routes use.
     * @param extensions further protected routes (billing), mounted after the gateway's own.
     * @return the router with every route and the middleware.
     */
    public static Router create(final Vertx vertx, final Services services, final List<RouteExtension> extensions)
    {
        final ShellContext context = services.context();
        final Router router = Router.router(vertx);
        final ErrorResponder errors = new ErrorResponder();

        router.route().handler(new RequestLogHandler(services.metrics()));
        if (!context.corsOrigins().isEmpty())
        {
            // Vert.x allows every origin when given none, so with none configured no CORS handler is installed
            // and browsers keep cross-origin pages from reading answers.
            router.route().handler(corsHandler(context));
        }
        router.route().handler(TimeoutHandler.create(context.requestTimeoutMs(), 503));
        router.route().handler(BodyHandler.create(false).setBodyLimit(context.bodyLimit()));

        get(router, "/health", new HealthRoute(services.core()));
        get(router, "/metrics", new MetricsRoute(services.metrics()));
        get(router, "/openapi.json", new OpenApiRoute());

        for (final RouteExtension extension : extensions)
        {
            extension.registerPublic((method, path, handler) ->
                router.route(method, path).handler(named(path)).handler(handler));
        }

        final AuthenticationHandler authentication =
            new AuthenticationHandler(services.verifier(), services.apiKeys(), services.metrics());
        final RateLimitHandler rateLimit = new RateLimitHandler(context, services.metrics());
        protectedRoute(router, HttpMethod.GET, "/v1/events", authentication, rateLimit,
            new EventListRoute(services.core(), services.cache()));
        protectedRoute(router, HttpMethod.GET, "/v1/events/:eventId", authentication, rateLimit,
            new EventRoute(services.core(), services.cache()));
        protectedRoute(router, HttpMethod.GET, "/v1/status", authentication, rateLimit,
            new StatusRoute(services.core()));
        protectedRoute(router, HttpMethod.POST, "/v1/api-keys", authentication, rateLimit,
            ApiKeyRoutes.create(services.apiKeys()));
        protectedRoute(router, HttpMethod.GET, "/v1/api-keys", authentication, rateLimit,
            ApiKeyRoutes.list(services.apiKeys()));
        protectedRoute(router, HttpMethod.GET, "/v1/api-keys/:keyId", authentication, rateLimit,
            ApiKeyRoutes.get(services.apiKeys()));
        protectedRoute(router, HttpMethod.DELETE, "/v1/api-keys/:keyId", authentication, rateLimit,
            ApiKeyRoutes.revoke(services.apiKeys()));
        for (final RouteExtension extension : extensions)
        {
            extension.register((method, path, handler) ->
                protectedRoute(router, method, path, authentication, rateLimit, handler));
        }

        router.route().failureHandler(errors);
        for (final int status : new int[] { 400, 401, 403, 404, 405, 413, 415, 422, 500, 503 })
        {
            router.errorHandler(status, errors);
        }
        return router;
    }

    private static CorsHandler corsHandler(final ShellContext context)
    {
        return CorsHandler.create()
            .addOrigins(context.corsOrigins())
            .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
            .allowedHeaders(Set.of("Authorization", "X-API-Key", "Content-Type", "If-None-Match", "X-Request-Id",
                "Idempotency-Key"))
            .exposedHeaders(Set.of("ETag", "Server-Timing", "X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "Retry-After"))
            .maxAgeSeconds(600);
    }

    private static void get(final Router router, final String path, final Handler<RoutingContext> route)
    {
        router.get(path).handler(named(path)).handler(route);
    }

    private static void protectedRoute(
        final Router router,
        final HttpMethod method,
        final String path,
        final AuthenticationHandler authentication,
        final RateLimitHandler rateLimit,
        final Handler<RoutingContext> route)
    {
        router.route(method, path).handler(named(path)).handler(authentication).handler(rateLimit).handler(route);
    }

    private static Handler<RoutingContext> named(final String path)
    {
        return ctx ->
        {
            ctx.put(RequestLogHandler.ROUTE_KEY, path);
            ctx.next();
        };
    }
}
