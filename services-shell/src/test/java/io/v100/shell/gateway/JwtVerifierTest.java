package io.v100.shell.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class JwtVerifierTest
{
    @TempDir
    Path directory;

    @Test
    void shouldVerifyAgainstAJwksServedOverHttp() throws Exception
    {
        final DevSigningKey key = DevSigningKey.loadOrCreate(directory);
        final byte[] jwks = Files.readAllBytes(DevSigningKey.jwksFile(directory));
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange ->
        {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        try
        {
            final ShellContext context = new ShellContext()
                .dataDirectory(directory)
                .jwks("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json")
                .conclude();
            final JwtVerifier verifier = new JwtVerifier(context);
            final String token = key.issue(context.issuer(), context.audience(), "acme", Tier.FREE, Role.VIEWER,
                "viewer-7", Duration.ofMinutes(5));
            assertEquals(new Principal("acme", Tier.FREE, Role.VIEWER, "viewer-7", "jwt"), verifier.verify(token));

            final String otherAudience = key.issue(context.issuer(), "another-api", "acme", Tier.FREE, Role.VIEWER,
                "viewer-7", Duration.ofMinutes(5));
            assertEquals("invalid_token",
                assertThrows(AuthenticationException.class, () -> verifier.verify(otherAudience)).code());
        }
        finally
        {
            server.stop(0);
        }
    }

    @Test
    void shouldNeverBeConfiguredToAcceptNone()
    {
        assertThrows(IllegalStateException.class, () -> new ShellContext()
            .dataDirectory(directory)
            .algorithms(List.of("RS256", "none"))
            .conclude());
    }
}
