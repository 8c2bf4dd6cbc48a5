package io.v100.perf.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's floor: a Vert.x 5 HTTP server on a free loopback port whose only route,
 * {@code GET /v1/events/:eventId}, answers the same JSON bytes the shell's event route answers, with no
 * middleware at all (no auth, limits, metrics, cache, compression or logging). The body is serialised once, so
 * what is measured is Vert.x, Netty and the loopback.
 */
public final class BareRouteTarget implements GatewayTarget
{
    /** Path of the one route, with the event id the benchmark asks for. */
    public static final String PATH = "/v1/events/3773386";

    private final Buffer body;
    private final int eventLoops;
    private Vertx vertx;

    /**
     * @param body       the JSON the route answers.
     * @param eventLoops Vert.x event-loop threads (Vert.x's default is twice the cores).
     */
    public BareRouteTarget(final byte[] body, final int eventLoops)
    {
        this.body = Buffer.buffer(body);
        this.eventLoops = eventLoops;
    }

    @Override
    public Endpoint start() throws Exception
    {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        final Router router = Router.router(vertx);
        router.get("/v1/events/:eventId").handler(ctx -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .end(body));
        final HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(router)
            .listen()
            .await(30, TimeUnit.SECONDS);
        return new Endpoint("bare", URI.create("http://127.0.0.1:" + server.actualPort() + PATH), Map.of());
    }

    @Override
    public void close()
    {
        if (null != vertx)
        {
            try
            {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
            catch (final java.util.concurrent.TimeoutException ex)
            {
                throw new IllegalStateException("Vert.x did not close within 30 s", ex);
            }
            vertx = null;
        }
    }
}
