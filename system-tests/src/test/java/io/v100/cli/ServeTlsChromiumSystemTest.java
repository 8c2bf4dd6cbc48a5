package io.v100.cli;

import io.micrometer.core.instrument.Counter;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.tls.NegotiatedGroupMetrics;
import io.v100.shell.tls.PostQuantumTlsContext;
import io.v100.testing.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What {@code scripts/v100 serve --tls} serves, opened by a real browser: the core, the feed and the shell start as
 * {@code serve} starts them, with HTTPS on; the system's headless Chromium loads {@code /health} over the printed
 * {@code https://} URL, and the test asserts from the shell's own metrics (the {@code /metrics} registry) that the
 * handshake negotiated {@code X25519MLKEM768} and that no handshake fell back to {@code x25519}.
 * <p>
 * Chromium must be installed ({@code .ci/run} installs it when missing); without it the test fails, unless
 * {@code -Dv100.chromium.optional=true} is given.
 */
@Tag("slow")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServeTlsChromiumSystemTest
{
    private static final Path MATCH = Path.of("..", "data", "statsbomb", "15986-events.json.gz");

    @TempDir
    Path dir;

    @Test
    void shouldServeTheShellOverX25519MLKEM768ToHeadlessChromium() throws Exception
    {
        final String missing = HeadlessChromium.missing();
        if (null != missing)
        {
            if (Boolean.getBoolean(HeadlessChromium.OPTIONAL_PROP_NAME))
            {
                Assumptions.abort(missing);
            }
            fail(missing);
        }
        final ShellContext context = new ShellContext()
            .dataDirectory(dir.resolve("serve"))
            .port(0)
            .tls(new PostQuantumTlsContext());
        try (ServeStack stack = ServeStack.start(new ServeStack.Options(
            context, MATCH, 50, null, null, new PrintStream(OutputStream.nullOutputStream()))))
        {
            final String url = stack.baseUrl() + "/health";
            assertTrue(url.startsWith("https://127.0.0.1:"), url);
            assertTrue(Files.exists(dir.resolve("serve").resolve("tls").resolve("server-cert.pem")),
                "certificate generated on first run");

            final HeadlessChromium.Result chromium = HeadlessChromium.dumpDom(url, dir);
            System.out.println("Chromium " + url + " -> " + chromium.dom().strip());
            assertEquals(0, chromium.exitCode(), "Chromium exit status; stderr:\n" + chromium.stderr());
            assertTrue(chromium.dom().contains("\"status\""),
                "the shell's health document, as Chromium rendered it: " + chromium.dom());

            final double hybrid = handshakes(stack, "X25519MLKEM768");
            System.out.println("v100.tls.handshakes{group=X25519MLKEM768} = " + hybrid);
            assertTrue(hybrid >= 1.0, "the shell counted no X25519MLKEM768 handshake");
            assertEquals(0.0, handshakes(stack, "x25519"), "a Chromium connection fell back to x25519");
        }
    }

    private static double handshakes(final ServeStack stack, final String group)
    {
        return stack.shell().metrics().registry().find(NegotiatedGroupMetrics.METER_NAME).tag("group", group)
            .counters().stream().mapToDouble(Counter::count).sum();
    }
}
