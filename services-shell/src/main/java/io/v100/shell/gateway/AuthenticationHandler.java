package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Establishes the caller of every protected route: a JWT in {@code Authorization: Bearer}, or an API key in
 * {@code X-API-Key}. No credential, or a refused one, is answered 401 with a JSON body; the request never reaches
 * the route.
 */
public final class AuthenticationHandler implements Handler<RoutingContext>
{
    private static final String BEARER = "Bearer ";

    private final JwtVerifier jwtVerifier;
    private final ApiKeyStore apiKeys;
    private final ShellMetrics metrics;

    AuthenticationHandler(final JwtVerifier jwtVerifier, final ApiKeyStore apiKeys, final ShellMetrics metrics)
    {
        this.jwtVerifier = jwtVerifier;
        this.apiKeys = apiKeys;
        this.metrics = metrics;
    }

    public void handle(final RoutingContext ctx)
    {
        final long startNs = System.nanoTime();
        final RequestScope scope = RequestScope.of(ctx);
        try
        {
            final Principal principal = authenticate(
                ctx.request().getHeader("Authorization"), ctx.request().getHeader("X-API-Key"));
            scope.principal(principal);
        }
        catch (final AuthenticationException ex)
        {
            scope.authNs(System.nanoTime() - startNs);
            metrics.authFailed(ex.code());
            ErrorResponder.send(ctx, 401, ex.code(), ex.getMessage(), 0);
            return;
        }
        scope.authNs(System.nanoTime() - startNs);
        ctx.next();
    }

    private Principal authenticate(final String authorization, final String apiKey)
    {
        if (null != authorization)
        {
            if (authorization.length() <= BEARER.length() ||
                !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            {
                throw new AuthenticationException("invalid_token", "Authorization must be a Bearer token");
            }
            return jwtVerifier.verify(authorization.substring(BEARER.length()).trim());
        }
        if (null != apiKey)
        {
            final Principal principal = apiKeys.authenticate(apiKey);
            if (null == principal)
            {
                throw new AuthenticationException("invalid_api_key", "API key unknown or revoked");
            }
            return principal;
        }
        throw new AuthenticationException("unauthenticated", "a bearer token or API key is required");
    }
}
