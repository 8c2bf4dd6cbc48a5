package io.v100.perf.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's wrk (Debian package {@code wrk}, 4.1) against an endpoint and parses its report.
 * <p>
 * wrk is a closed-loop load generator: each connection sends its next request only when the previous response has
 * arrived, so the offered load falls when the server slows down and the latency of requests that would have been
 * sent during a stall is never recorded (coordinated omission, Gil Tene, "How NOT to Measure Latency"). Its
 * percentiles are therefore a lower bound on what an open-loop client at the same rate would see. The open-loop
 * variant, wrk2 ({@code -R rate}), is not packaged by Debian.
 */
public final class WrkRunner
{
    private static final String SCRIPT_RESOURCE = "/io/v100/perf/gateway/wrk-report.lua";

    private final String wrk;
    private final Path script;

    /**
     * @param wrk    the wrk binary ({@code wrk} to take it from {@code PATH}).
     * @param outDir where the Lua report script is written.
     * @throws IOException where the script cannot be written.
     */
    public WrkRunner(final String wrk, final Path outDir) throws IOException
    {
        this.wrk = wrk;
        this.script = outDir.resolve("wrk-report.lua");
        try (InputStream in = WrkRunner.class.getResourceAsStream(SCRIPT_RESOURCE))
        {
            if (null == in)
            {
                throw new IOException("missing resource " + SCRIPT_RESOURCE);
            }
            Files.write(script, in.readAllBytes());
        }
    }

    /**
     * @return wrk's version line ({@code wrk 4.1.0 [epoll] ...}).
     * @throws IOException where wrk cannot be started (not installed: {@code apt-get install -y wrk}).
     */
    public String version() throws IOException
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(wrk, "-v").redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot run " + wrk + " (install it: apt-get install -y wrk)", ex);
        }
        final String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        waitFor(process, Duration.ofSeconds(10));
        return text.lines().findFirst().orElse("unknown").strip();
    }

    /**
     * Runs wrk once.
     *
     * @param endpoint    URL and headers.
     * @param threads     wrk threads ({@code -t}).
     * @param connections open connections ({@code -c}).
     * @param duration    length ({@code -d}), whole seconds.
     * @param rawOutput   where wrk's full standard output is kept, or {@code null}.
     * @return the parsed figures.
     * @throws IOException where wrk fails or its output lacks a figure.
     */
    public WrkOutput run(
        final GatewayTarget.Endpoint endpoint,
        final int threads,
        final int connections,
        final Duration duration,
        final Path rawOutput) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(
            wrk,
            "-t", Integer.toString(Math.min(threads, connections)),
            "-c", Integer.toString(connections),
            "-d", Math.max(1, duration.toSeconds()) + "s",
            "--latency",
            "-s", script.toString()));
        for (final Map.Entry<String, String> header : endpoint.headers().entrySet())
        {
            command.add("-H");
            command.add(header.getKey() + ": " + header.getValue());
        }
        command.add(endpoint.url().toString());

        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final int exit = waitFor(process, duration.plusSeconds(30));
        if (null != rawOutput)
        {
            Files.writeString(rawOutput, output);
        }
        if (0 != exit)
        {
            throw new IOException("wrk exited with " + exit + ":\n" + output);
        }
        try
        {
            return WrkOutput.parse(output);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException(ex.getMessage() + "\n" + output, ex);
        }
    }

    private static int waitFor(final Process process, final Duration limit) throws IOException
    {
        try
        {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IOException("wrk did not finish within " + limit);
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for wrk", ex);
        }
    }
}
