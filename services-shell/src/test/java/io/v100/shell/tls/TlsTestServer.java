package io.v100.shell.tls;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * A Vert.x HTTPS server on a free loopback port with {@link PostQuantumTls}'s options and one route,
 * {@code GET /tls}, that answers the negotiated group and protocol of the request's connection as JSON:
 * {@code {"group":"X25519MLKEM768","protocol":"TLSv1.3"}}.
 */
final class TlsTestServer implements AutoCloseable
{
    final Vertx vertx;
    final HttpServer server;
    final HttpServerOptions options;
    final ServerCertificate certificate;
    final NegotiatedGroupMetrics metrics;

    TlsTestServer(final PostQuantumTlsContext context) throws Exception
    {
        this(context, false);
    }

    TlsTestServer(final PostQuantumTlsContext context, final boolean http2) throws Exception
    {
        vertx = Vertx.vertx();
        metrics = new NegotiatedGroupMetrics(new SimpleMeterRegistry());
        options = PostQuantumTls.serverOptions(context, metrics)
            .setHost("127.0.0.1")
            .setPort(0)
            .setUseAlpn(http2);
        certificate = PostQuantumTls.certificate(context);
        final Router router = Router.router(vertx);
        router.get("/tls").handler(ctx ->
        {
            final SSLSession session = ctx.request().sslSession();
            ctx.json(new JsonObject()
                .put("group", NegotiatedGroups.of(session))
                .put("protocol", session.getProtocol()));
        });
        server = vertx.createHttpServer(options).requestHandler(router)
            .listen().await(30, TimeUnit.SECONDS);
    }

    int port()
    {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception
    {
        vertx.close().await(30, TimeUnit.SECONDS);
    }
}
