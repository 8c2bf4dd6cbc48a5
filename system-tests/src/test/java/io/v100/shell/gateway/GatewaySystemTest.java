package io.v100.shell.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.v100.shell.gateway.RunningShell.assertJsonError;
import static io.v100.shell.gateway.RunningShell.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's behaviour over HTTP against a running core: the live event and its fields, the event list,
 * status, entity tags, compression, rate limits, Server-Timing, metrics and the request log.
 */
@Tag("slow")
@Timeout(120)
@ExtendWith(RunningShell.Shared.class)
class GatewaySystemTest
{
    private static final String EVENT = "/v1/events/" + RunningShell.EVENT_ID;

    @Test
    void shouldServeTheLiveEventFromTheCore(final RunningShell shell)
    {
        final String token = "Bearer " + shell.token("viewer-co", Tier.PRO, Role.VIEWER);
        final HttpResponse<String> response = shell.get(EVENT, "Authorization", token);
        assertEquals(200, response.statusCode(), response::body);
        final JsonNode event = json(response.body());
        assertEquals("Barcelona", event.get("home").get("name").asText());
        assertEquals("Girona", event.get("away").get("name").asText());
        assertTrue(event.get("version").asLong() > 0);
        assertTrue(event.get("matchClockMs").asLong() >= 0);
        final JsonNode market = event.get("markets").get(0);
        assertTrue(market.get("state").isTextual(), event::toString);
        assertTrue(market.get("prices").get(0).get("decimalOdds").asDouble() > 1.0, event::toString);
        assertTrue(event.get("camera").get("cameraId").isInt(), event::toString);
        assertTrue(event.get("alerts").isArray());

        final JsonNode list = json(shell.get("/v1/events", "Authorization", token).body());
        assertEquals(RunningShell.EVENT_ID, list.get("events").get(0).get("eventId").asLong());
        assertEquals(EVENT, list.get("events").get(0).get("href").asText());

        assertEquals("event_not_found", assertJsonError(shell.get("/v1/events/1", "Authorization", token), 404));
        assertEquals("unauthenticated", assertJsonError(shell.get(EVENT), 401));
    }

    @Test
    void shouldAnswerStatusFromTheCore(final RunningShell shell)
    {
        final HttpResponse<String> response = shell.get("/v1/status",
            "Authorization", "Bearer " + shell.token("status-co", Tier.PRO, Role.VIEWER));
        assertEquals(200, response.statusCode(), response::body);
        final JsonNode counters = json(response.body());
        assertTrue(counters.get("eventsJournaled").asLong() > 0, response::body);
        assertTrue(counters.get("eventsProcessed").asLong() > 0, response::body);
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentEntityTag(final RunningShell shell) throws Exception
    {
        final String token = "Bearer " + shell.token("etag-co", Tier.PRO, Role.VIEWER);
        shell.stack().awaitFeed(TimeUnit.MINUTES.toMillis(2));
        final HttpResponse<String> first = shell.get(EVENT, "Authorization", token);
        final String etag = first.headers().firstValue("ETag").orElseThrow();
        final HttpResponse<String> again = shell.get(EVENT, "Authorization", token, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElse(""));
        final HttpResponse<String> other = shell.get(EVENT, "Authorization", token, "If-None-Match", "\"0-0\"");
        assertEquals(200, other.statusCode());
        assertTrue(other.headers().firstValue("Server-Timing").orElse("").contains("cache;dur="),
            "a repeat read is a cache hit: " + other.headers().firstValue("Server-Timing"));
        assertTrue(other.headers().firstValue("Server-Timing").orElse("").contains("desc=\"hit-l1\""),
            other.headers().firstValue("Server-Timing").orElse(""));
    }

    @Test
    void shouldNegotiateGzipAndBrotli(final RunningShell shell) throws Exception
    {
        final HttpClient client = HttpClient.newHttpClient();
        for (final String encoding : new String[] { "br", "gzip" })
        {
            final HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(shell.baseUrl() +
                "/openapi.json")).header("Accept-Encoding", encoding).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertEquals(encoding, response.headers().firstValue("Content-Encoding").orElse(""));
            assertTrue(response.body().length < OpenApiRoute.load().length / 2, encoding + " compresses");
        }
        final HttpResponse<byte[]> identity = client.send(HttpRequest.newBuilder(URI.create(shell.baseUrl() +
            "/openapi.json")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(OpenApiRoute.load().length, identity.body().length);
    }

    @Test
    void shouldLimitRatePerTenantByTier(final RunningShell shell)
    {
        final String free = "Bearer " + shell.token("free-co-" + UUID.randomUUID().toString().substring(0, 8),
            Tier.FREE, Role.VIEWER);
        final HttpClient client = HttpClient.newHttpClient();
        final List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < RunningShell.FREE_RATE * 6; i++)
        {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(shell.baseUrl() + EVENT))
                .header("Authorization", free).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        HttpResponse<String> limited = null;
        for (final CompletableFuture<HttpResponse<String>> answer : answers)
        {
            final HttpResponse<String> response = answer.join();
            assertEquals(String.valueOf(RunningShell.FREE_RATE), response.headers().firstValue("RateLimit-Limit").orElse(""));
            assertTrue(response.headers().firstValue("RateLimit-Remaining").isPresent());
            assertTrue(response.headers().firstValue("RateLimit-Reset").isPresent());
            if (200 == response.statusCode())
            {
                ok++;
            }
            else
            {
                limited = response;
            }
        }
        assertTrue(ok >= 1, "some pass");
        assertTrue(null != limited, "30 requests at once exceed 5/s");
        assertEquals("rate_limited", assertJsonError(limited, 429));
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0")) >= 1);
        assertEquals("0", limited.headers().firstValue("RateLimit-Remaining").orElse(""));

        final HttpResponse<String> otherTenant = shell.get(EVENT,
            "Authorization", "Bearer " + shell.token("free-other", Tier.FREE, Role.VIEWER));
        assertEquals(200, otherTenant.statusCode(), "limits are per tenant");
        final HttpResponse<String> enterprise = shell.get(EVENT,
            "Authorization", "Bearer " + shell.token("big-co", Tier.ENTERPRISE, Role.VIEWER));
        assertNotEquals(String.valueOf(RunningShell.FREE_RATE), enterprise.headers().firstValue("RateLimit-Limit").orElse(""));
    }

    @Test
    void shouldExposeServerTimingAndMetrics(final RunningShell shell)
    {
        final HttpResponse<String> event = shell.get(EVENT,
            "Authorization", "Bearer " + shell.token("metrics-co", Tier.PRO, Role.VIEWER));
        final String timing = event.headers().firstValue("Server-Timing").orElse("");
        for (final String stage : new String[] { "auth;dur=", "limit;dur=", "cache;dur=", "total;dur=" })
        {
            assertTrue(timing.contains(stage), timing);
        }
        shell.get("/v1/status", "Authorization", "Bearer " + shell.token("metrics-co", Tier.PRO, Role.VIEWER));
        // One refused credential of this test's own, so the auth failure series exists whatever ran before.
        assertEquals(401, shell.get(EVENT, "Authorization", "Bearer not-a-token").statusCode());
        final HttpResponse<String> metrics = shell.get("/metrics");
        assertEquals(200, metrics.statusCode());
        final String text = metrics.body();
        for (final String series : new String[] {
            "http_server_requests_seconds_bucket", "route=\"/v1/events/:eventId\"", "shell_cache_lookups_total",
            "shell_breaker_state{downstream=\"core\"}", "shell_auth_failed_total" })
        {
            assertTrue(text.contains(series), series + " in /metrics");
        }
        final HttpResponse<String> health = shell.get("/health");
        final JsonNode body = json(health.body());
        assertEquals(200, health.statusCode());
        assertTrue(body.get("live").asBoolean() && body.get("ready").asBoolean());
        assertEquals("CLOSED", body.get("downstreams").get("core").get("breaker").asText());
        assertEquals("UP", body.get("downstreams").get("core").get("state").asText());
    }

    @Test
    void shouldLogOneLinePerRequestWithoutCredentials(final RunningShell shell) throws Exception
    {
        final String token = shell.token("log-co", Tier.PRO, Role.ADMIN);
        final HttpResponse<String> created = shell.send(
            HttpRequest.newBuilder(URI.create(shell.baseUrl() + "/v1/api-keys")).POST(HttpRequest.BodyPublishers.noBody()),
            "Authorization", "Bearer " + token);
        final String apiKey = json(created.body()).get("key").asText();
        final String requestId = "log-check-" + UUID.randomUUID();
        assertEquals(200, shell.get(EVENT + "?api_key=" + apiKey, "X-API-Key", apiKey, "X-Request-Id", requestId)
            .statusCode());

        final Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/system-tests.log"));
        String line = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (null == line && System.nanoTime() < deadline)
        {
            line = read(log).lines().filter(l -> l.contains("id=" + requestId)).findFirst().orElse(null);
            RunningShell.sleep(50);
        }
        assertTrue(null != line, "a log line for " + requestId);
        assertTrue(line.contains("route=/v1/events/:eventId status=200 tenant=log-co auth=api-key"), line);
        final String all = read(log);
        assertFalse(all.contains(token), "no token in the log");
        assertFalse(all.contains(apiKey), "no API key in the log");
        assertFalse(all.contains(apiKey.substring(ApiKeyStore.PREFIX.length(), 20)), "no part of a key in the log");
    }

    private static String read(final Path log) throws IOException
    {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
