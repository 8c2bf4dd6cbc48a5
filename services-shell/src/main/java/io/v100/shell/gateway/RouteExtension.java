package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Routes a service outside the gateway package mounts behind the gateway's authentication and rate limits (the
 * billing routes, for one). {@link GatewayRouter} calls {@link #register} once while it builds the router.
 */
@FunctionalInterface
public interface RouteExtension
{
    /**
     * Mounts one protected route.
     */
    @FunctionalInterface
    interface ProtectedRoutes
    {
        /**
         * @param method  HTTP method.
         * @param path    Vert.x path, e.g. {@code /v1/wallets/:walletId}.
         * @param handler runs after authentication and the rate limit; {@link RequestScope#of} gives the caller.
         */
        void add(HttpMethod method, String path, Handler<RoutingContext> handler);
    }

    /**
     * @param routes to add protected routes to.
     */
    void register(ProtectedRoutes routes);

    /**
     * Routes without a credential of the caller's (a webhook that proves itself with a signature), mounted before
     * authentication; the body limit and request log still apply.
     *
     * @param routes to add public routes to; the same shape as for protected ones.
     */
    default void registerPublic(final ProtectedRoutes routes)
    {
    }
}
