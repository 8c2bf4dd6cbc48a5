package io.v100.shell.tls;

import io.v100.testing.HeadlessChromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
    @TempDir
    Path dir;

    @Test
    void shouldNegotiateX25519MLKEM768WithHeadlessChromium() throws Exception
    {
        final String missing = HeadlessChromium.missing();
        if (null != missing)
        {
            if (Boolean.getBoolean(HeadlessChromium.OPTIONAL_PROP_NAME))
            {
                Assumptions.abort(missing + " (skipped: -D" + HeadlessChromium.OPTIONAL_PROP_NAME + "=true)");
            }
            fail(missing + "; -D" + HeadlessChromium.OPTIONAL_PROP_NAME + "=true skips this test instead");
        }

        try (TlsTestServer server = new TlsTestServer(new PostQuantumTlsContext().dataDir(dir.resolve("data"))))
        {
            final String url = "https://127.0.0.1:" + server.port() + "/tls";
            final HeadlessChromium.Result chromium = HeadlessChromium.dumpDom(url, dir);
            System.out.println("Chromium " + url + " -> " + chromium.dom().strip());

            assertEquals(0, chromium.exitCode(), "Chromium exit status; stderr:\n" + chromium.stderr());
            assertTrue(chromium.dom().contains("\"group\":\"X25519MLKEM768\""), "page as rendered: " + chromium.dom());
            assertTrue(chromium.dom().contains("\"protocol\":\"TLSv1.3\""), chromium.dom());
            assertTrue(server.metrics.count("X25519MLKEM768") >= 1.0, "server counted no hybrid handshake");
            assertEquals(0.0, server.metrics.count("x25519"), "a Chromium connection fell back to x25519");
        }
    }
}
