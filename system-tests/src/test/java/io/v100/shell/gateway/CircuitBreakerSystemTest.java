package io.v100.shell.gateway;

import org.agrona.IoUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.v100.shell.gateway.RunningShell.assertJsonError;
import static io.v100.shell.gateway.RunningShell.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill the core under a running shell: every call to it is answered 503 with {@code Retry-After} (first when the
 * core does not answer within the core timeout, then at once when the breaker opens), never a hang, while the
 * shell keeps serving and {@code /health} says what is down.
 */
@Tag("slow")
@Timeout(180)
class CircuitBreakerSystemTest
{
    @Test
    void shouldAnswer503WithRetryAfterWhenTheCoreDies() throws Exception
    {
        final Path directory = Files.createTempDirectory("v100-shell-breaker");
        try (RunningShell shell = RunningShell.start(directory, new ShellContext()
            .coreTimeoutMs(500)
            .breakerOpenMs(30_000)))
        {
            shell.awaitLiveEvent();
            final String token = "Bearer " + shell.token("breaker-co", Tier.ENTERPRISE, Role.VIEWER);
            assertEquals(200, shell.get("/v1/status", "Authorization", token).statusCode());

            assertTrue(shell.stack().awaitFeed(TimeUnit.MINUTES.toMillis(2)), "the match was streamed");
            shell.stack().closeCore();

            HttpResponse<String> status = null;
            for (int i = 0; i < 20 && (null == status || !status.body().contains("circuit open")); i++)
            {
                // The HTTP client's own 15 s timeout bounds each call: an answer at all is the no-hang check.
                status = shell.get("/v1/status", "Authorization", token);
                final String code = assertJsonError(status, 503);
                assertTrue(code.equals("downstream_timeout") || code.equals("downstream_unavailable"), code);
                assertTrue(Long.parseLong(status.headers().firstValue("Retry-After").orElse("0")) >= 1, status::toString);
            }
            assertTrue(status.body().contains("circuit open"), "the breaker opened: " + status.body());
            assertEquals("30", status.headers().firstValue("Retry-After").orElse(""), "retry once the breaker may close");

            final HttpResponse<String> health = shell.get("/health");
            assertEquals(503, health.statusCode());
            assertFalse(json(health.body()).get("ready").asBoolean());
            assertTrue(json(health.body()).get("live").asBoolean());
            assertEquals("OPEN", json(health.body()).get("downstreams").get("core").get("breaker").asText());

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            HttpResponse<String> event = shell.get("/v1/events/" + RunningShell.EVENT_ID, "Authorization", token);
            while (200 == event.statusCode() && System.nanoTime() < deadline)
            {
                RunningShell.sleep(200);
                event = shell.get("/v1/events/" + RunningShell.EVENT_ID, "Authorization", token);
            }
            assertEquals("downstream_unavailable", assertJsonError(event, 503));
            assertTrue(event.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, shell.get("/openapi.json").statusCode(), "the shell itself keeps serving");
        }
        finally
        {
            IoUtil.delete(directory.toFile(), true);
        }
    }
}
