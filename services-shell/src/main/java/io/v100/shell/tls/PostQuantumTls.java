package io.v100.shell.tls;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.time.Instant;
import java.util.LinkedHashSet;

/**
 * Entry point of the shell's post-quantum HTTPS: turns a {@link PostQuantumTlsContext} into Vert.x
 * {@link HttpServerOptions} whose TLS runs on Bouncy Castle's JSSE provider and negotiates {@code X25519MLKEM768}
 * with clients that offer it.
 * <pre>{@code
 * NegotiatedGroupMetrics groups = new NegotiatedGroupMetrics(meterRegistry);
 * HttpServerOptions options = PostQuantumTls.serverOptions(
 *     new PostQuantumTlsContext().dataDir(dataDir).certificateFile(cert).privateKeyFile(key), groups);
 * vertx.createHttpServer(options.setPort(8443)).requestHandler(router).listen();
 * // in a route: NegotiatedGroups.of(ctx.request().sslSession()) -> "X25519MLKEM768"
 * }</pre>
 * The Bouncy Castle providers are created here and passed by instance; nothing is added to
 * {@link java.security.Security}, so the JDK's own TLS (HTTP clients, JDBC) is left as it is.
 */
public final class PostQuantumTls
{
    private PostQuantumTls()
    {
    }

    /**
     * @param context  settings; {@link PostQuantumTlsContext#conclude()} is called here.
     * @param listener told the negotiated group of every handshake (for example a {@link NegotiatedGroupMetrics}).
     * @return new server options with TLS on: BCJSSE engine, the certificate, the protocol versions.
     * @throws IOException where the generated certificate cannot be read or written.
     */
    public static HttpServerOptions serverOptions(final PostQuantumTlsContext context, final HandshakeListener listener)
        throws IOException
    {
        return configure(new HttpServerOptions(), context, listener);
    }

    /**
     * @param options  server options to switch to TLS (port, limits and the like are kept).
     * @param context  settings; {@link PostQuantumTlsContext#conclude()} is called here.
     * @param listener told the negotiated group of every handshake.
     * @return {@code options}.
     * @throws IOException where the generated certificate cannot be read or written.
     */
    public static HttpServerOptions configure(
        final HttpServerOptions options, final PostQuantumTlsContext context, final HandshakeListener listener)
        throws IOException
    {
        context.conclude();
        final ServerCertificate certificate = certificate(context);
        return options
            .setSsl(true)
            .setSslEngineOptions(new BcJsseEngineOptions(Providers.JSSE, context.namedGroups(), listener))
            .setKeyCertOptions(KeyCertOptions.wrap(keyManagerFactory(certificate)))
            .setEnabledSecureTransportProtocols(new LinkedHashSet<>(context.protocols()));
    }

    private static javax.net.ssl.KeyManagerFactory keyManagerFactory(final ServerCertificate certificate)
        throws IOException
    {
        try
        {
            return certificate.keyManagerFactory(Providers.JSSE, Providers.BC);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("cannot load the TLS key and certificate " + certificate.certificateFile() +
                ", " + certificate.privateKeyFile(), ex);
        }
    }

    /**
     * @param context settings, concluded.
     * @return the given certificate, or the generated one in the data directory.
     * @throws IOException where the generated certificate cannot be read or written.
     */
    public static ServerCertificate certificate(final PostQuantumTlsContext context) throws IOException
    {
        if (null != context.certificateFile())
        {
            return ServerCertificate.fromFiles(context.certificateFile(), context.privateKeyFile());
        }
        return ServerCertificate.generatedIn(
            context.dataDir(), Providers.BC, Instant.now(), context.generatedKeyAlgorithm());
    }

    /**
     * @return the BCJSSE provider the server uses (not installed in {@link java.security.Security}).
     */
    public static Provider jsseProvider()
    {
        return Providers.JSSE;
    }

    /**
     * @return the Bouncy Castle JCA provider BCJSSE does its crypto with.
     */
    public static Provider bcProvider()
    {
        return Providers.BC;
    }

    /**
     * BCJSSE takes ML-KEM from its crypto provider through Bouncy Castle's own KEM spec ({@code KEMGenerateSpec}),
     * so that provider must be Bouncy Castle's: the JDK's ML-KEM (Java 24+) takes a different spec.
     */
    private static final class Providers
    {
        static final Provider BC = new BouncyCastleProvider();
        static final Provider JSSE = new BouncyCastleJsseProvider(BC);
    }
}
