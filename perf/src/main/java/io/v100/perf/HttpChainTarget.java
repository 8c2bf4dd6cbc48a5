package io.v100.perf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.v100.core.BroadcastTick;
import io.v100.core.RingEvent;
import io.v100.core.EgressProxy;
import io.v100.core.BroadcastHandlers;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Baseline: the microservice architecture the product replaces. Each handler is its own HTTP service on loopback
 * (JDK {@link HttpServer}); for each input the caller POSTs the SBE frame to the five services in tick order with
 * {@link HttpClient} (HTTP/1.1, keep-alive), each service runs its one handler on the frame and answers with its
 * egress messages. The first service journals, as the ring does. Latency runs from the planned send time to the
 * fifth answer.
 * <p>
 * The calls are synchronous, one input at a time, as a chained request path is; when the chain cannot keep up
 * with the schedule, inputs queue at the caller and their latency, measured from the planned time, shows it.
 */
public final class HttpChainTarget implements LoadTarget
{
    /** JDK HttpServer's switch for TCP_NODELAY on accepted sockets, read when the first server starts. */
    public static final String NODELAY_PROP_NAME = "sun.net.httpserver.nodelay";

    private final MatchFrames frames;
    private final Path journalDir;
    private final InputJournal journal;
    private final HttpServer[] servers = new HttpServer[StageTicks.STAGES];
    private final URI[] uris = new URI[StageTicks.STAGES];
    private final HttpClient client;
    private final IntervalRecorder e2e;
    private long egressBytes;
    private long sent;
    private boolean closed;

    /**
     * @param frames     the match.
     * @param intervalNs length of the interval histograms, ns.
     */
    public HttpChainTarget(final MatchFrames frames, final long intervalNs)
    {
        // Without TCP_NODELAY the server's header and body writes meet the client's delayed ACK: 40 ms per call.
        System.setProperty(NODELAY_PROP_NAME, "true");
        this.frames = frames;
        journalDir = TempDirs.create("v100-perf-journal");
        journal = new InputJournal(new JournalContext().directory(journalDir));
        try
        {
            for (int i = 0; i < StageTicks.STAGES; i++)
            {
                servers[i] = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                servers[i].createContext("/tick", new Service(i, 0 == i ? journal : null));
                servers[i].start();
                uris[i] = URI.create("http://127.0.0.1:" + servers[i].getAddress().getPort() + "/tick");
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new UncheckedIOException("could not start the HTTP services", ex);
        }
        client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        e2e = new IntervalRecorder(System.nanoTime(), intervalNs);
    }

    public void send(final int index, final long plannedNs)
    {
        final byte[] frame = new byte[frames.length(index)];
        frames.buffer().getBytes(frames.offset(index), frame);
        try
        {
            for (final URI uri : uris)
            {
                final HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(uri)
                        .header("X-Ring-Sequence", Long.toString(sent))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(frame))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200)
                {
                    throw new IllegalStateException("service " + uri + " answered " + response.statusCode());
                }
                egressBytes += response.body().length;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        final long nowNs = System.nanoTime();
        e2e.record(nowNs, nowNs - plannedNs);
        sent++;
    }

    public int poll()
    {
        return 0;
    }

    public boolean finish(final long timeoutMs)
    {
        e2e.finish(System.nanoTime());
        return true;
    }

    public void report(final RunResult result)
    {
        result.recorded("e2e", e2e)
            .fact("system", "5 HTTP services on loopback called in sequence (JDK HttpServer + HttpClient)")
            .fact("egressBytes", egressBytes);
    }

    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final HttpServer server : servers)
        {
            if (null != server)
            {
                server.stop(0);
            }
        }
        journal.close();
        TempDirs.delete(journalDir);
    }

    /** One handler behind one HTTP endpoint: runs the posted frame through a one-handler tick. */
    private static final class Service implements com.sun.net.httpserver.HttpHandler
    {
        private final BroadcastTick tick;
        private final RingEvent event = new RingEvent();
        private final ExpandableArrayBuffer egress = new ExpandableArrayBuffer(4096);
        private int egressLength;

        Service(final int stage, final InputJournal journal)
        {
            final EgressProxy proxy = new EgressProxy(this::collect);
            tick = new BroadcastTick(journal, proxy, BroadcastHandlers.withDefaults(proxy).inTickOrder()[stage]);
        }

        public void handle(final HttpExchange exchange) throws IOException
        {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final long sequence = Long.parseLong(exchange.getRequestHeaders().getFirst("X-Ring-Sequence"));
            event.set(new UnsafeBuffer(body), 0, body.length, System.nanoTime(), System.currentTimeMillis());
            egressLength = 0;
            tick.onEvent(event, sequence, true);
            final byte[] answer = new byte[egressLength];
            egress.getBytes(0, answer);
            exchange.sendResponseHeaders(200, 0 == answer.length ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(answer);
            }
        }

        private void collect(final DirectBuffer buffer, final int offset, final int length)
        {
            egress.putBytes(egressLength, buffer, offset, length);
            egressLength += length;
        }
    }
}
