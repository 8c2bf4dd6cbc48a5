package io.v100.shell.tls;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real browser against the post-quantum HTTPS server: the system's headless Chromium (Debian package
 * {@code chromium}; it offers {@code X25519MLKEM768} by default since version 131) loads {@code /tls}, and the
 * test asserts from the server side that the handshake used {@code X25519MLKEM768}: the server's handshake counter,
 * and the group the server bound to the session, echoed in the page Chromium rendered.
 * <p>
 * Chromium must be installed ({@code .ci/run} installs it when missing); without it the test fails.
 * {@code -Dv100.chromium.optional=true} turns that failure into a skipped test, for machines that cannot install
 * it. {@code -Dv100.chromium=PATH} names another binary.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChromiumPostQuantumTest
{
    static final String CHROMIUM_PROP_NAME = "v100.chromium";
    static final String CHROMIUM_DEFAULT = "/usr/bin/chromium";
    static final String OPTIONAL_PROP_NAME = "v100.chromium.optional";

    @TempDir
    Path dir;

    @Test
    void shouldNegotiateX25519MLKEM768WithHeadlessChromium() throws Exception
    {
        final Path chromium = Path.of(System.getProperty(CHROMIUM_PROP_NAME, CHROMIUM_DEFAULT));
        if (!Files.isExecutable(chromium))
        {
            final String message = "Chromium not found at " + chromium + ": install it (apt-get install -y " +
                "chromium; .ci/run does this) or set -D" + CHROMIUM_PROP_NAME + "=PATH";
            if (Boolean.getBoolean(OPTIONAL_PROP_NAME))
            {
                Assumptions.abort(message + " (skipped: -D" + OPTIONAL_PROP_NAME + "=true)");
            }
            fail(message + "; -D" + OPTIONAL_PROP_NAME + "=true skips this test instead");
        }

        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dir.resolve("data"))))
        {
            final String url = "https://127.0.0.1:" + server.port() + "/tls";
            final Path stdout = dir.resolve("chromium.out");
            final Path stderr = dir.resolve("chromium.err");
            final Process process = new ProcessBuilder(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // The generated certificate is self-signed; trust is not what this test is about.
                "--ignore-certificate-errors",
                "--user-data-dir=" + dir.resolve("profile"),
                "--dump-dom",
                url))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
            if (!process.waitFor(120, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("Chromium did not finish within 120 s; stderr:\n" + Files.readString(stderr));
            }
            final String dom = Files.readString(stdout, StandardCharsets.UTF_8);
            System.out.println("Chromium " + url + " -> " + dom.strip());

            assertEquals(0, process.exitValue(), "Chromium exit status; stderr:\n" + Files.readString(stderr));
            assertTrue(dom.contains("\"group\":\"X25519MLKEM768\""), "page as Chromium rendered it: " + dom);
            assertTrue(dom.contains("\"protocol\":\"TLSv1.3\""), dom);
            assertTrue(server.metrics.count("X25519MLKEM768") >= 1.0, "server counted no hybrid handshake");
            assertEquals(0.0, server.metrics.count("x25519"), "a Chromium connection fell back to x25519");
        }
    }
}
