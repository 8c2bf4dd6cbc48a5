package io.v100.shell.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;

import static io.v100.shell.gateway.RunningShell.assertJsonError;
import static io.v100.shell.gateway.RunningShell.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of the security suite, each sent to a running shell over a real connection (HTTP client or raw
 * socket), each asserting the refusal and that the shell keeps serving afterwards.
 */
@Tag("slow")
@Timeout(120)
@ExtendWith(RunningShell.Shared.class)
class SecuritySuiteSystemTest
{
    private static final String EVENT = "/v1/events/" + RunningShell.EVENT_ID;

    @Test
    void shouldRefuseAlgNone(final RunningShell shell) throws Exception
    {
        final String token = new PlainJWT(claims(shell, Instant.now().plusSeconds(600), Instant.now())).serialize();
        assertEquals("invalid_token", assertJsonError(bearer(shell, token), 401));
        shell.assertServing();
    }

    @Test
    void shouldRefuseHs256SignedWithTheRsaPublicKey(final RunningShell shell) throws Exception
    {
        final RSAKey publicKey = (RSAKey)JWKSet.load(DevSigningKey.jwksFile(shell.directory()).toFile()).getKeys().get(0);
        final SignedJWT jwt = new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).type(JOSEObjectType.JWT).build(),
            claims(shell, Instant.now().plusSeconds(600), Instant.now()));
        jwt.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));
        assertEquals("invalid_token", assertJsonError(bearer(shell, jwt.serialize()), 401));
        final SignedJWT withPem = new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
            claims(shell, Instant.now().plusSeconds(600), Instant.now()));
        withPem.sign(new MACSigner(Files.readAllBytes(DevSigningKey.jwksFile(shell.directory()))));
        assertEquals("invalid_token", assertJsonError(bearer(shell, withPem.serialize()), 401));
        shell.assertServing();
    }

    @Test
    void shouldRefuseExpiredAndNotYetValidTokens(final RunningShell shell) throws Exception
    {
        final Instant now = Instant.now();
        assertEquals("invalid_token", assertJsonError(
            bearer(shell, sign(shell, claims(shell, now.minusSeconds(3600), now.minusSeconds(7200)), null)), 401));
        assertEquals("invalid_token", assertJsonError(
            bearer(shell, sign(shell, claims(shell, now.plusSeconds(7200), now.plusSeconds(3600)), null)), 401));
        shell.assertServing();
    }

    @Test
    void shouldRefuseWrongIssuerOrAudience(final RunningShell shell) throws Exception
    {
        final Instant now = Instant.now();
        final JWTClaimsSet good = claims(shell, now.plusSeconds(600), now);
        final JWTClaimsSet wrongIssuer = new JWTClaimsSet.Builder(good).issuer("https://evil.example").build();
        final JWTClaimsSet wrongAudience = new JWTClaimsSet.Builder(good).audience("someone-else").build();
        assertEquals("invalid_token", assertJsonError(bearer(shell, sign(shell, wrongIssuer, null)), 401));
        assertEquals("invalid_token", assertJsonError(bearer(shell, sign(shell, wrongAudience, null)), 401));
        assertEquals(200, bearer(shell, sign(shell, good, null)).statusCode(), "the same token, untampered, passes");
        shell.assertServing();
    }

    @Test
    void shouldRefuseKidWithPathOrSql(final RunningShell shell) throws Exception
    {
        final JWTClaimsSet claims = claims(shell, Instant.now().plusSeconds(600), Instant.now());
        for (final String kid : new String[] {
            "../../../../../../etc/passwd", "/dev/null", "' OR '1'='1' --", "x'; DROP TABLE keys; --" })
        {
            assertEquals("invalid_token", assertJsonError(bearer(shell, sign(shell, claims, kid)), 401), kid);
        }
        shell.assertServing();
    }

    @Test
    void shouldRefuseOversizedTokens(final RunningShell shell) throws Exception
    {
        final JWTClaimsSet padded = new JWTClaimsSet.Builder(claims(shell, Instant.now().plusSeconds(600), Instant.now()))
            .claim("padding", "A".repeat(6_000))
            .build();
        assertEquals("token_too_large", assertJsonError(bearer(shell, sign(shell, padded, null)), 401));

        final String huge = "GET " + EVENT + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "A".repeat(100_000) +
            "\r\n\r\n";
        final String answer = shell.raw(huge.getBytes(StandardCharsets.US_ASCII), 5_000);
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.contains("\"code\":\"headers_too_large\""), answer);
        shell.assertServing();
    }

    @Test
    void shouldRefusePathTraversal(final RunningShell shell)
    {
        final String token = shell.token("traversal", Tier.PRO, Role.VIEWER);
        for (final String path : new String[] {
            "/v1/events/../../../etc/passwd", "/v1/events/%2e%2e/%2e%2e/etc/passwd", "/v1/events/..%2f..%2fetc%2fpasswd",
            "/v1/events/%2E%2E%5Cwindows", "/v1/events/15986%2f..%2f..%2fmetrics", "/..;/etc/passwd" })
        {
            final String answer = shell.raw(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 5_000);
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 404"), path + " -> " + answer);
            assertTrue(answer.contains("Content-Type: application/json"), answer);
            assertFalse(answer.contains("root:"), answer);
        }
        shell.assertServing();
    }

    @Test
    void shouldNotLetCrlfInjectHeaders(final RunningShell shell)
    {
        final String token = shell.token("crlf", Tier.PRO, Role.VIEWER);
        final String encoded = shell.raw(("GET /v1/events/%0d%0aSet-Cookie:%20evil=1 HTTP/1.1\r\nHost: x\r\n" +
            "Authorization: Bearer " + token + "\r\nX-Request-Id: a%0d%0aSet-Cookie:%20evil=2\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII), 5_000);
        assertTrue(encoded.startsWith("HTTP/1.1 404"), encoded);
        final String encodedHeaders = encoded.substring(0, encoded.indexOf("\r\n\r\n"));
        assertFalse(encodedHeaders.toLowerCase().contains("set-cookie"), encodedHeaders);
        assertFalse(encodedHeaders.contains("X-Request-Id: a%0d"), "an unsafe request id is replaced, not echoed");
        assertTrue(json(encoded.substring(encoded.indexOf("\r\n\r\n") + 4).replace("<CLOSED>", ""))
            .get("error").get("message").asText().contains("\r\nSet-Cookie"), "the CRLF stays inside the JSON string");

        final String bareCr = shell.raw(("GET /health HTTP/1.1\r\nHost: x\r\nX-Test: a\rSet-Cookie: evil=3\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII), 5_000);
        assertTrue(bareCr.startsWith("HTTP/1.1 400"), bareCr);
        assertFalse(bareCr.substring(0, bareCr.indexOf("\r\n\r\n")).toLowerCase().contains("set-cookie"), bareCr);
        assertTrue(bareCr.endsWith("<CLOSED>"), bareCr);
        shell.assertServing();
    }

    @Test
    void shouldRefuseContentLengthWithTransferEncoding(final RunningShell shell)
    {
        final String token = shell.token("smuggler", Tier.PRO, Role.ADMIN);
        final String smuggled = "GET /v1/api-keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        final String attack = "POST /v1/api-keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
            "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "0\r\n\r\n" + smuggled;
        final String answer = shell.raw(attack.getBytes(StandardCharsets.US_ASCII), 3_000);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.endsWith("<CLOSED>"), "the connection is closed after the refusal: " + answer);
        assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "the smuggled request is never answered: " + answer);
        assertTrue(shell.get("/metrics").body().contains("shell_requests_invalid_total{code=\"bad_request\"}"),
            "the refusal is counted");
        shell.assertServing();
    }

    @Test
    void shouldRefuseBodiesOverTheLimit(final RunningShell shell)
    {
        final String token = shell.token("big-body", Tier.PRO, Role.ADMIN);
        final String body = "{\"name\":\"" + "x".repeat((int)RunningShell.BODY_LIMIT * 4) + "\"}";
        final HttpResponse<String> response = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + "/v1/api-keys"))
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            "Authorization", "Bearer " + token, "Content-Type", "application/json");
        assertEquals("payload_too_large", assertJsonError(response, 413));

        final String chunked = "POST /v1/api-keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
            "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        final String answer = shell.raw(chunked.getBytes(StandardCharsets.US_ASCII), 3_000);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        shell.assertServing();
    }

    @Test
    void shouldCutOffSlowHeaderClients(final RunningShell shell)
    {
        // Half a request line and one header, then silence: the idle timeout (2 s here) closes the connection.
        // The 30 s read timeout only bounds the test; the server closing is the assertion.
        final String answer = shell.raw("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII), 30_000);
        assertTrue(answer.endsWith("<CLOSED>"), answer);
        assertFalse(answer.contains("200 OK"), answer);
        shell.assertServing();
    }

    @Test
    void shouldEscapeReflectedInputInErrors(final RunningShell shell)
    {
        final String token = shell.token("reflect", Tier.PRO, Role.VIEWER);
        final HttpResponse<String> response = shell.get(
            "/v1/events/%3Cscript%3E%22%7D%2C%22x%22%3A%22alert(1)", "Authorization", "Bearer " + token);
        assertEquals("event_not_found", assertJsonError(response, 404));
        final JsonNode body = json(response.body());
        assertEquals(1, body.size(), "nothing injected beside the error: " + response.body());
        assertEquals(3, body.get("error").size(), "nothing injected inside the error: " + response.body());
        assertEquals("no event <script>\"},\"x\":\"alert(1)", body.get("error").get("message").asText());
        assertFalse(response.body().contains("<script>\"}"), "the quote stays escaped: " + response.body());

        final String raw = shell.raw(("GET /v1/events/<img/src=x>\"' HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
            token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 5_000);
        assertTrue(raw.startsWith("HTTP/1.1 400") || raw.startsWith("HTTP/1.1 404"), raw);
        assertTrue(raw.contains("Content-Type: application/json"), raw);
        assertTrue(raw.contains("X-Content-Type-Options: nosniff"), raw);
        shell.assertServing();
    }

    @Test
    void shouldAllowCorsOnlyForConfiguredOrigins(final RunningShell shell)
    {
        final HttpResponse<String> allowed = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + EVENT)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
            "Origin", RunningShell.ALLOWED_ORIGIN, "Access-Control-Request-Method", "GET",
            "Access-Control-Request-Headers", "Authorization");
        assertTrue(allowed.statusCode() == 200 || allowed.statusCode() == 204, allowed::body);
        assertEquals(RunningShell.ALLOWED_ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

        final HttpResponse<String> refused = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + EVENT)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
            "Origin", "https://evil.example", "Access-Control-Request-Method", "GET");
        assertFalse(refused.headers().firstValue("Access-Control-Allow-Origin").isPresent(), refused::toString);
        assertJsonError(refused, 403);

        final HttpResponse<String> simple = shell.get(EVENT, "Origin", "https://evil.example",
            "Authorization", "Bearer " + shell.token("cors", Tier.PRO, Role.VIEWER));
        assertFalse(simple.headers().firstValue("Access-Control-Allow-Origin").isPresent(), simple::toString);
        shell.assertServing();
    }

    private static HttpResponse<String> bearer(final RunningShell shell, final String token)
    {
        return shell.get(EVENT, "Authorization", "Bearer " + token);
    }

    private static JWTClaimsSet claims(final RunningShell shell, final Instant expires, final Instant notBefore)
    {
        return new JWTClaimsSet.Builder()
            .issuer(shell.context().issuer())
            .audience(shell.context().audience())
            .subject("attacker")
            .issueTime(Date.from(notBefore))
            .notBeforeTime(Date.from(notBefore))
            .expirationTime(Date.from(expires))
            .claim(JwtVerifier.TENANT_CLAIM, "victim")
            .claim(JwtVerifier.TIER_CLAIM, "enterprise")
            .claim(JwtVerifier.ROLE_CLAIM, "admin")
            .build();
    }

    /**
     * Sign with the shell's real key, so only the tampered part can be the reason for a refusal.
     */
    private static String sign(final RunningShell shell, final JWTClaimsSet claims, final String kid) throws Exception
    {
        final Path file = shell.directory().resolve("keys").resolve("signing-key.jwk");
        final RSAKey key = RSAKey.parse(Files.readString(file));
        final SignedJWT jwt = new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(null == kid ? key.getKeyID() : kid).type(JOSEObjectType.JWT)
                .build(),
            claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
