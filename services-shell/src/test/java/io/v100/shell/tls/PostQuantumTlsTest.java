package io.v100.shell.tls;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real TLS connections over loopback to a Vert.x HTTPS server set up by {@link PostQuantumTls}: a BCJSSE client
 * that offers only {@code X25519MLKEM768}, classical clients (SunJSSE, BCJSSE with P-256 only, TLS 1.2), and the
 * certificate handling. Each case checks the group on both sides: what the server recorded (metric and the
 * route's echo of the session value) and, for BCJSSE clients, what the client's own TLS layer negotiated.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostQuantumTlsTest
{
    @TempDir
    Path dataDir;

    /**
     * RSA certificate here: BCJSSE's client offers an ECDSA signature scheme only for curves among its named
     * groups, so a client with nothing but the hybrid cannot verify an ECDSA P-256 server (browsers can).
     */
    @Test
    void shouldNegotiateX25519MLKEM768WithClientOfferingOnlyTheHybrid() throws Exception
    {
        try (TlsTestServer server = new TlsTestServer(
            new PostQuantumTlsContext().dataDir(dataDir).generatedKeyAlgorithm("RSA")))
        {
            final Exchange exchange = bcClient(server, "TLSv1.3", "X25519MLKEM768");

            assertEquals("X25519MLKEM768", exchange.clientGroup);
            assertEquals("TLSv1.3", exchange.protocol);
            assertTrue(exchange.body.contains("\"group\":\"X25519MLKEM768\""), exchange.body);
            assertEquals(1.0, server.metrics.count("X25519MLKEM768"));
        }
    }

    @Test
    void shouldPreferTheHybridOverAClassicalGroupTheClientListsFirst() throws Exception
    {
        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir)))
        {
            final Exchange exchange = bcClient(server, "TLSv1.3", "x25519", "secp256r1", "X25519MLKEM768");

            assertEquals("X25519MLKEM768", exchange.clientGroup);
            assertTrue(exchange.body.contains("\"group\":\"X25519MLKEM768\""), exchange.body);
        }
    }

    @Test
    void shouldStillServeClassicalClients() throws Exception
    {
        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir)))
        {
            // SunJSSE (Java 17) offers x25519, secp256r1, ... and no ML-KEM group.
            final Exchange jdk = jdkClient(server, "TLSv1.3");
            assertEquals("TLSv1.3", jdk.protocol);
            assertTrue(jdk.body.contains("\"group\":\"x25519\""), jdk.body);

            final Exchange p256 = bcClient(server, "TLSv1.3", "secp256r1");
            assertEquals("secp256r1", p256.clientGroup);
            assertTrue(p256.body.contains("\"group\":\"secp256r1\""), p256.body);

            assertEquals(1.0, server.metrics.count("x25519"));
            assertEquals(1.0, server.metrics.count("secp256r1"));
            assertEquals(0.0, server.metrics.count("X25519MLKEM768"));

            // TLS 1.3 only by default.
            assertThrows(IOException.class, () -> jdkClient(server, "TLSv1.2"));
        }
    }

    @Test
    void shouldServeTls12WhenEnabledAndSayItsGroupIsNotRecorded() throws Exception
    {
        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir)
            .protocols(List.of("TLSv1.3", "TLSv1.2"))))
        {
            final Exchange tls12 = jdkClient(server, "TLSv1.2");
            assertEquals("TLSv1.2", tls12.protocol);
            assertTrue(tls12.body.contains("\"group\":\"" + NegotiatedGroups.NOT_RECORDED_TLS12 + "\""), tls12.body);
            assertEquals(1.0, server.metrics.count(NegotiatedGroups.NOT_RECORDED_TLS12));

            assertTrue(jdkClient(server, "TLSv1.3").body.contains("\"group\":\"x25519\""));
        }
    }

    /** HTTP/2 needs ALPN: Netty must still see a BCJSSE engine through the group-recording wrapper. */
    @Test
    void shouldServeHttp2OverAlpn() throws Exception
    {
        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir), true))
        {
            final HttpClient client = server.vertx.createHttpClient(new HttpClientOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setTrustOptions(new PemTrustOptions().addCertPath(server.certificate.certificateFile().toString())));
            final String answer = client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/tls")
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.version() + " " + body))
                .await(30, TimeUnit.SECONDS);

            assertEquals("HTTP_2 {\"group\":\"x25519\",\"protocol\":\"TLSv1.3\"}", answer);
            assertEquals(1.0, server.metrics.count("x25519"));
        }
    }

    @Test
    void shouldRefuseAClientWithNoGroupInCommon() throws Exception
    {
        // RSA: an ECDSA P-256 key needs secp256r1 among the server's groups, in BCJSSE as in SunJSSE.
        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir)
            .generatedKeyAlgorithm("RSA").namedGroups(List.of("X25519MLKEM768"))))
        {
            assertThrows(IOException.class, () -> bcClient(server, "TLSv1.3", "secp384r1"));
            assertThrows(IOException.class, () -> jdkClient(server, "TLSv1.3"));
            // The server keeps serving.
            assertEquals("X25519MLKEM768", bcClient(server, "TLSv1.3", "X25519MLKEM768").clientGroup);
            assertEquals(1.0, server.metrics.count("X25519MLKEM768"));
        }
    }

    @Test
    void shouldGenerateTheCertificateOnceAndKeepTheKeyPrivate() throws Exception
    {
        final X509Certificate first;
        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir)))
        {
            first = (X509Certificate)bcClient(server, "TLSv1.3", "X25519MLKEM768", "secp256r1").peerCertificate;
        }
        final Path key = dataDir.resolve(ServerCertificate.DIRECTORY).resolve(ServerCertificate.PRIVATE_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("SHA256withECDSA", first.getSigAlgName());

        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dataDir)))
        {
            final X509Certificate second =
                (X509Certificate)bcClient(server, "TLSv1.3", "X25519MLKEM768", "secp256r1").peerCertificate;
            assertArrayEquals(first.getEncoded(), second.getEncoded());
        }
    }

    @Test
    void shouldServeACertificateGivenByFile(@TempDir final Path elsewhere) throws Exception
    {
        final ServerCertificate given =
            ServerCertificate.generatedIn(elsewhere, PostQuantumTls.bcProvider(), java.time.Instant.now());
        final PostQuantumTlsContext context = new PostQuantumTlsContext()
            .certificateFile(given.certificateFile())
            .privateKeyFile(given.privateKeyFile());
        try (TlsTestServer server = new TlsTestServer(context))
        {
            final Exchange exchange = bcClient(server, "TLSv1.3", "X25519MLKEM768", "secp256r1");
            assertArrayEquals(given.certificate().getEncoded(), exchange.peerCertificate.getEncoded());
        }
        assertThrows(IllegalArgumentException.class, () -> new PostQuantumTlsContext()
            .certificateFile(given.certificateFile()).conclude());
        assertThrows(IllegalArgumentException.class, () -> PostQuantumTls.serverOptions(new PostQuantumTlsContext()
            .certificateFile(elsewhere.resolve("missing.pem"))
            .privateKeyFile(given.privateKeyFile()), (group, protocol, session) -> { }));
    }

    private record Exchange(String clientGroup, String protocol, java.security.cert.Certificate peerCertificate,
        String body)
    {
    }

    private static Exchange bcClient(final TlsTestServer server, final String protocol, final String... groups)
        throws Exception
    {
        final SSLContext context = SSLContext.getInstance("TLS", new BouncyCastleJsseProvider(PostQuantumTls.bcProvider()));
        context.init(null, trustOnly(server).getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("127.0.0.1", server.port()))
        {
            socket.setEnabledProtocols(new String[] { protocol });
            final BCSSLSocket bcSocket = (BCSSLSocket)socket;
            final BCSSLParameters parameters = bcSocket.getParameters();
            parameters.setNamedGroups(groups);
            parameters.setUseNamedGroupsOrder(true);
            bcSocket.setParameters(parameters);
            socket.startHandshake();
            final String group = NegotiatedGroups.negotiatedGroupName(bcSocket.getConnection());
            return new Exchange(group, socket.getSession().getProtocol(),
                socket.getSession().getPeerCertificates()[0], get(socket));
        }
    }

    private static Exchange jdkClient(final TlsTestServer server, final String protocol) throws Exception
    {
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustOnly(server).getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("127.0.0.1", server.port()))
        {
            assertEquals("SunJSSE", context.getProvider().getName());
            socket.setEnabledProtocols(new String[] { protocol });
            socket.startHandshake();
            return new Exchange(null, socket.getSession().getProtocol(),
                socket.getSession().getPeerCertificates()[0], get(socket));
        }
    }

    /** Trusts exactly the certificate the server is configured with: the client checks the chain for real. */
    private static TrustManagerFactory trustOnly(final TlsTestServer server) throws Exception
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", server.certificate.certificate());
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    private static String get(final SSLSocket socket) throws IOException
    {
        socket.getOutputStream().write(
            "GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        final ByteArrayOutputStream response = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(response);
        final String text = response.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("HTTP/1.1 200"), text);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }
}
