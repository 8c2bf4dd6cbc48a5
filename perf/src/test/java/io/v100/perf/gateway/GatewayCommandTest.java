package io.v100.perf.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code perf gateway} end to end with the system's wrk (installed by {@code .ci/run}): the bare target and a
 * stand-in "full" server that answers 401 unless the {@code --header} bearer token arrives, at two small connection
 * counts, one second each. Checks the command's exit status, that every request of every run succeeded (so the
 * header reached wrk), that the bare route served the bytes fetched from the full target, and that the reports
 * parse. No figure is asserted.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayCommandTest
{
    private static final String TOKEN = "test-token-never-in-reports";
    private static final String BODY = "{\"eventId\":\"42\",\"score\":{\"home\":1,\"away\":0}}";

    @Test
    void shouldLoadBothTargetsAndWriteTheReports(@TempDir final Path out) throws Exception
    {
        final Vertx vertx = Vertx.vertx();
        try
        {
            final HttpServer full = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request ->
                {
                    if (("Bearer " + TOKEN).equals(request.getHeader("Authorization")))
                    {
                        request.response().putHeader("Content-Type", "application/json").end(BODY);
                    }
                    else
                    {
                        request.response().setStatusCode(401).end("{\"error\":{\"code\":\"UNAUTHENTICATED\"}}");
                    }
                })
                .listen().await(30, TimeUnit.SECONDS);

            final GatewayCommand command = new GatewayCommand();
            final ByteArrayOutputStream console = new ByteArrayOutputStream();
            command.console = new PrintStream(console, true, StandardCharsets.UTF_8);
            final int exit = new CommandLine(command).execute(
                "--url", "http://127.0.0.1:" + full.actualPort() + "/v1/events/42",
                "--header", "Authorization: Bearer " + TOKEN,
                "--connections", "2,4",
                "--duration", "1s",
                "--warmup", "1s",
                "--threads", "1",
                "--out", out.toString());
            final String printed = console.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, printed);

            final JsonNode report = new ObjectMapper().readTree(out.resolve("gateway.json").toFile());
            assertEquals(4, report.get("runs").size(), report.toString());
            for (final JsonNode run : report.get("runs"))
            {
                assertTrue(run.get("requests").asLong() > 0, run.toString());
                run.get("errors").forEach(count -> assertEquals(0, count.asLong(), run.toString()));
            }
            assertEquals(BODY.length(), report.get("bodyBytes").asInt());
            assertEquals(2, report.get("ratios").size());
            assertTrue(report.get("ratios").get(0).get("rpsFullOverBare").asDouble() > 0);
            assertTrue(report.get("tool").asText().startsWith("wrk"), report.get("tool").asText());

            final String markdown = Files.readString(out.resolve("gateway.md"));
            assertTrue(markdown.contains("| full | 4 |"), markdown);
            assertTrue(Files.exists(out.resolve("wrk-bare-c2.txt")));
            for (final String text : new String[] { printed, markdown, Files.readString(out.resolve("gateway.json")) })
            {
                assertFalse(text.contains(TOKEN), "the token leaked into the output");
            }
        }
        finally
        {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
