package io.v100.shell.gateway;

import io.v100.shell.tls.NegotiatedGroupMetrics;
import io.v100.shell.tls.PostQuantumTls;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The running gateway: Vert.x, the router and the HTTP server, in front of a {@link CoreConnection}.
 * <p>
 * {@link #start} listens on the configured port (0 for a free one) and returns once the port is bound;
 * {@link #baseUrl()} is then the address to call. The connection to the core is the caller's: the server reads
 * through it and registers the cache invalidation on it, and leaves closing it to its owner.
 */
public final class ShellServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ShellServer.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final Router router;
    private final ResponseCache cache;
    private final CoreDownstream core;
    private final ShellMetrics metrics;
    private final String scheme;
    private final String host;

    private ShellServer(
        final Vertx vertx,
        final HttpServer server,
        final Router router,
        final ResponseCache cache,
        final CoreDownstream core,
        final ShellMetrics metrics,
        final String scheme,
        final String host)
    {
        this.host = host;
        this.vertx = vertx;
        this.server = server;
        this.router = router;
        this.cache = cache;
        this.core = core;
        this.metrics = metrics;
        this.scheme = scheme;
    }

    /**
     * Start a gateway with the server options from {@link ShellServerOptions#create}.
     *
     * @param context    settings; concluded here.
     * @param connection to the core, started by the caller.
     * @return the running gateway.
     * @throws IOException when the JWKS, the API key file or the cache file cannot be read or created, or the port
     *                     cannot be bound.
     */
    public static ShellServer start(final ShellContext context, final CoreConnection connection) throws IOException
    {
        return start(context, connection, UnaryOperator.identity());
    }

    /**
     * Start a gateway, letting the caller adjust the server options (TLS, for one) after the defaults are set.
     *
     * @param context    settings; concluded here.
     * @param connection to the core, started by the caller.
     * @param options    applied to the options {@link ShellServerOptions#create} built.
     * @return the running gateway.
     * @throws IOException when a file cannot be read or created, or the port cannot be bound.
     */
    public static ShellServer start(
        final ShellContext context, final CoreConnection connection, final UnaryOperator<HttpServerOptions> options)
        throws IOException
    {
        return start(context, connection, options, List.of());
    }

    /**
     * Start a gateway with further protected routes (billing).
     *
     * @param context    settings; concluded here.
     * @param connection to the core, started by the caller.
     * @param options    applied to the options {@link ShellServerOptions#create} built.
     * @param extensions routes mounted behind authentication and rate limits.
     * @return the running gateway.
     * @throws IOException when a file cannot be read or created, or the port cannot be bound.
     */
    public static ShellServer start(
        final ShellContext context,
        final CoreConnection connection,
        final UnaryOperator<HttpServerOptions> options,
        final List<RouteExtension> extensions)
        throws IOException
    {
        context.conclude();
        final ShellMetrics metrics = new ShellMetrics();
        final CoreDownstream core = new CoreDownstream(connection, context);
        metrics.breaker(core.breaker());
        final ResponseCache cache = new ResponseCache(context, metrics);
        connection.projection().changeListener(eventId ->
        {
            cache.invalidate("event:" + eventId);
            cache.invalidate(EventListRoute.cacheKey());
        });
        connection.connectionLostListener(cache::invalidateLocal);
        final JwtVerifier verifier = new JwtVerifier(context);
        final ApiKeyStore apiKeys = new ApiKeyStore(context.apiKeyFile());

        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
            Math.max(1, Runtime.getRuntime().availableProcessors())).setWorkerPoolSize(4));
        final Router router = GatewayRouter.create(
            vertx, new GatewayRouter.Services(context, metrics, core, cache, verifier, apiKeys), extensions);
        final HttpServerOptions defaults = ShellServerOptions.create(context);
        if (null != context.tls())
        {
            // HTTPS on BCJSSE: X25519MLKEM768 first; the negotiated group of every handshake goes to /metrics.
            PostQuantumTls.configure(defaults, context.tls().dataDir(context.dataDirectory()),
                new NegotiatedGroupMetrics(metrics.registry()));
        }
        final HttpServerOptions serverOptions = options.apply(defaults);
        final HttpServer server = vertx.createHttpServer(serverOptions)
            .connectionHandler(httpConnection -> StrictFraming.install(serverOptions, httpConnection))
            .invalidRequestHandler(request -> onInvalidRequest(metrics, request))
            .requestHandler(router);
        try
        {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            vertx.close();
            cache.close();
            throw new IOException("cannot listen on " + context.host() + ":" + context.port(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            vertx.close();
            cache.close();
            throw new IOException("interrupted while starting", ex);
        }
        final String scheme = serverOptions.isSsl() ? "https" : "http";
        LOG.info("v100 shell up on {}://{}:{}, JWKS {}, brotli {}", scheme, context.host(), server.actualPort(),
            context.jwks(), BrotliSupport.available());
        final String urlHost = "0.0.0.0".equals(context.host()) || "::".equals(context.host()) ?
            "127.0.0.1" : context.host();
        return new ShellServer(vertx, server, router, cache, core, metrics, scheme, urlHost);
    }

    /**
     * @return the port bound.
     */
    public int port()
    {
        return server.actualPort();
    }

    /**
     * @return {@code http://127.0.0.1:PORT} (or https with TLS), no trailing slash.
     */
    public String baseUrl()
    {
        return scheme + "://" + host + ":" + port();
    }

    /**
     * @return the router, to list its routes.
     */
    public Router router()
    {
        return router;
    }

    /**
     * @return the response cache.
     */
    public ResponseCache cache()
    {
        return cache;
    }

    /**
     * @return the core downstream and its breaker.
     */
    public CoreDownstream core()
    {
        return core;
    }

    /**
     * @return the metrics.
     */
    public ShellMetrics metrics()
    {
        return metrics;
    }

    public void close()
    {
        try
        {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            LOG.warn("Vert.x did not close cleanly: {}", ex.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            cache.close();
        }
    }

    /**
     * Requests Netty could not decode (too long, malformed, conflicting framing) are answered here with the JSON
     * error shape, and the connection is closed so nothing after them on the connection is read as a request.
     */
    private static void onInvalidRequest(final ShellMetrics metrics, final HttpServerRequest request)
    {
        final DecoderResult result = request.decoderResult();
        final Throwable cause = null == result ? null : result.cause();
        final int status;
        final String code;
        if (cause instanceof TooLongFrameException)
        {
            final boolean line = cause.getClass().getSimpleName().contains("Line");
            status = line ? 414 : 431;
            code = line ? "uri_too_long" : "headers_too_large";
        }
        else
        {
            status = 400;
            code = "bad_request";
        }
        metrics.invalidRequest(code);
        final byte[] body = Responses.toJson(Map.of("error", Map.of(
            "code", code, "message", "request could not be parsed", "requestId", "-")));
        request.response()
            .setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Connection", "close")
            .end(Buffer.buffer(body))
            .onComplete(done -> request.connection().close());
    }
}
