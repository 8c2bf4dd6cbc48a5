package io.v100.perf.gateway;


import io.v100.perf.DurationConverter;
import io.v100.perf.MachineInfo;
import io.v100.perf.MatchFrames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code v100 perf gateway}: wrk on loopback against the bare Vert.x route and the shell's full-middleware event
 * route, at each connection count, in one run; RPS, p50/p99/p99.9 and the full/bare RPS ratio.
 * <p>
 * The full target is a {@link GatewayTarget}: by default the core, feed and shell started in this process
 * ({@link InProcessShellTarget}), or an already running shell given by {@code --url} and {@code --header}. Its
 * answer is fetched once and the bare route serves exactly those bytes, so both targets send the same JSON.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
        "wrk (closed loop) on loopback against (a) a bare Vert.x route returning the event JSON and (b) the",
        "shell's GET /v1/events/{id} with its full middleware, at each connection count: by default core,",
        "feed and shell started in this process with an enterprise-tier development token; --url and --header",
        "point it at a running shell instead; --bare-only skips it. Reports RPS, p50/p99/p99.9 and the",
        "full/bare RPS ratio; writes DIR/gateway.json, DIR/gateway.md and wrk's raw output." })
public final class GatewayCommand implements Callable<Integer>
{
    @Option(names = "--url", paramLabel = "URL",
        description = "Full-middleware target: the running shell's event URL, e.g. " +
            "http://127.0.0.1:8080/v1/events/3773386.")
    URI url;

    @Option(names = "--bare-only", description = "Run the bare target alone.")
    boolean bareOnly;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "10",
        description = "Match speed of the in-process target's feed (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = { "-H", "--header" }, paramLabel = "'NAME: VALUE'",
        description = "Request header for the full target (repeatable), e.g. 'Authorization: Bearer TOKEN'. " +
            "Never written to the reports.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--connections", paramLabel = "N[,N...]", split = ",", defaultValue = "50,200",
        description = "Connection counts (default: ${DEFAULT-VALUE}).")
    List<Integer> connections;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
        description = "Measured length of each run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
        description = "Unmeasured wrk run before each target's first run, so the JIT has compiled the path " +
            "(default: ${DEFAULT-VALUE}); 0s skips it.")
    Duration warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
        description = "wrk threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--event-loops", paramLabel = "N", defaultValue = "2",
        description = "Event-loop threads of the bare target's Vert.x (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Option(names = "--wrk", paramLabel = "PATH", defaultValue = "wrk",
        description = "wrk binary (default: ${DEFAULT-VALUE}, from PATH; Debian package wrk).")
    String wrk;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-out/gateway",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    /** Event id of the shipped match (its StatsBomb match id). */
    static final long SHIPPED_EVENT_ID = 15_986L;

    /** Where progress and the summary go; the tests read it. */
    PrintStream console = System.out;

    @Override
    public Integer call() throws Exception
    {
        Files.createDirectories(out);
        final WrkRunner runner = new WrkRunner(wrk, out);
        final Map<String, String> fullHeaders = parseHeaders(headers);
        final GatewayReport report = new GatewayReport();

        try (GatewayTarget full = fullTarget(fullHeaders))
        {
            // The full target starts first, so the bare route can serve exactly the bytes it answers.
            final GatewayTarget.Endpoint fullEndpoint = null == full ? null : full.start();
            final byte[] body = null == fullEndpoint ? sampleBody() : fetch(fullEndpoint);
            report
                .put("machine", MachineInfo.describe())
                .put("tool", runner.version())
                .put("threads", threads)
                .put("durationS", duration.toMillis() / 1000.0)
                .put("warmupS", warmup.toMillis() / 1000.0)
                .put("bodyBytes", body.length)
                .put("bodySource", null == fullEndpoint ?
                    "shipped sample event JSON" : "fetched once from the full target")
                .put("fullTarget", null == fullEndpoint ? "none (--bare-only)" :
                    (null == url ? "in-process core, feed and shell: " : "running shell: ") + fullEndpoint.url());
            console.printf("machine: %s%ntool: %s%n", MachineInfo.describe(), runner.version());

            try (GatewayTarget bare = new BareRouteTarget(body, eventLoops))
            {
                measure(runner, bare.start(), report);
            }
            if (null != fullEndpoint)
            {
                measure(runner, fullEndpoint, report);
            }
        }
        report.put("loadAverageAfter", MachineInfo.loadAverage());
        report.write(out);
        report.print(console);
        console.printf("reports: %s, %s%n", out.resolve("gateway.json"), out.resolve("gateway.md"));
        final boolean errors = report.runs().stream()
            .anyMatch(r -> r.output().errorCount() > 0 || 0 == r.output().requests());
        if (errors)
        {
            console.println("some runs had errors or completed no request: the figures are not comparable");
        }
        return errors ? 1 : 0;
    }

    /**
     * The full-middleware target: a shell already running at {@code --url}; else, unless {@code --bare-only}, the
     * core, feed and shell started in this process on the shipped match.
     *
     * @param fullHeaders headers from {@code --header}.
     * @return the target, or {@code null} to run the bare target alone.
     */
    GatewayTarget fullTarget(final Map<String, String> fullHeaders)
    {
        if (null != url)
        {
            return new RunningTarget("full", url, fullHeaders);
        }
        return bareOnly ? null : new InProcessShellTarget(MatchFrames.shippedMatch(), SHIPPED_EVENT_ID, speed);
    }

    private void measure(final WrkRunner runner, final GatewayTarget.Endpoint endpoint, final GatewayReport report)
        throws IOException
    {
        if (!warmup.isZero())
        {
            console.printf("%s: warm-up %s at %d connections%n", endpoint.name(), warmup, connections.get(0));
            runner.run(endpoint, threads, connections.get(0), warmup, null);
        }
        for (final int count : connections)
        {
            final WrkOutput output = runner.run(endpoint, threads, count, duration,
                out.resolve("wrk-" + endpoint.name() + "-c" + count + ".txt"));
            console.printf("%s c=%d: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, errors %d%n",
                endpoint.name(), count, output.requestsPerSecond(),
                output.latencyUs().get("p50") / 1000.0, output.latencyUs().get("p99") / 1000.0,
                output.latencyUs().get("p99.9") / 1000.0, output.errorCount());
            report.add(new GatewayReport.Run(endpoint.name(), count, output));
        }
    }

    /**
     * @param headers {@code NAME: VALUE} strings.
     * @return them as a map, in order.
     * @throws IllegalArgumentException for a header without a colon or with an empty name.
     */
    static Map<String, String> parseHeaders(final List<String> headers)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (final String header : headers)
        {
            final int colon = header.indexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("header must be 'NAME: VALUE': " + header.split(":")[0]);
            }
            map.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return map;
    }

    private static byte[] fetch(final GatewayTarget.Endpoint endpoint) throws IOException
    {
        final URI url = endpoint.url();
        final HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
        endpoint.headers().forEach(request::header);
        try
        {
            final HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (200 != response.statusCode())
            {
                throw new IOException("the full target answered " + response.statusCode() + " to GET " + url +
                    " (does it need --header 'Authorization: Bearer ...'?)");
            }
            return response.body();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + url, ex);
        }
    }

    private static byte[] sampleBody() throws IOException
    {
        try (InputStream in = GatewayCommand.class.getResourceAsStream("/io/v100/perf/gateway/event-sample.json"))
        {
            if (null == in)
            {
                throw new IOException("missing resource event-sample.json");
            }
            return in.readAllBytes();
        }
    }
}
