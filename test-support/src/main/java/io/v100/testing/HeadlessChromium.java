package io.v100.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's headless Chromium (Debian package {@code chromium}, installed by {@code .ci/run} when missing) run
 * once with {@code --dump-dom}: what a real browser renders at a URL. It runs with the flags a machine with no
 * network and no display needs, a profile directory of its own, and {@code --ignore-certificate-errors}, since the
 * tests serve self-signed certificates and trust is not what they check.
 */
public final class HeadlessChromium
{
    /** System property naming another binary. */
    public static final String CHROMIUM_PROP_NAME = "v100.chromium";

    /** The Debian package's binary. */
    public static final String CHROMIUM_DEFAULT = "/usr/bin/chromium";

    /** System property that turns a missing Chromium into a skipped test instead of a failed one. */
    public static final String OPTIONAL_PROP_NAME = "v100.chromium.optional";

    private static final long TIMEOUT_S = 120;

    /**
     * What Chromium printed.
     *
     * @param exitCode its exit status.
     * @param dom      the DOM it rendered (standard output).
     * @param stderr   its standard error.
     */
    public record Result(int exitCode, String dom, String stderr)
    {
    }

    private HeadlessChromium()
    {
    }

    /**
     * @return the binary, from {@value #CHROMIUM_PROP_NAME} or {@value #CHROMIUM_DEFAULT}.
     */
    public static Path binary()
    {
        return Path.of(System.getProperty(CHROMIUM_PROP_NAME, CHROMIUM_DEFAULT));
    }

    /**
     * @return null when the binary is there, else a message saying how to install it.
     */
    public static String missing()
    {
        return Files.isExecutable(binary()) ? null : "Chromium not found at " + binary() + ": install it " +
            "(apt-get install -y chromium; .ci/run does this) or set -D" + CHROMIUM_PROP_NAME + "=PATH";
    }

    /**
     * @param url       to load.
     * @param directory for the profile and the captured output.
     * @return what it printed.
     * @throws IOException          if it cannot start.
     * @throws InterruptedException if interrupted while waiting.
     * @throws IllegalStateException if it does not finish within 120 s.
     */
    public static Result dumpDom(final String url, final Path directory) throws IOException, InterruptedException
    {
        final Path stdout = directory.resolve("chromium.out");
        final Path stderr = directory.resolve("chromium.err");
        final Process process = new ProcessBuilder(List.of(
            binary().toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--ignore-certificate-errors",
            "--user-data-dir=" + directory.resolve("chromium-profile"),
            "--dump-dom",
            url))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Chromium did not finish within " + TIMEOUT_S + " s; stderr:\n" +
                Files.readString(stderr));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
