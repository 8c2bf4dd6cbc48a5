package io.v100.shell.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.v100.cli.ServeStack;
import org.agrona.IoUtil;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One running core + shell + feed shared by the slow system tests of a test run (starting one takes seconds), on
 * a free port and in a temporary directory, closed when the run ends. Tests reach it only over real HTTP.
 */
public final class RunningShell implements ExtensionContext.Store.CloseableResource, AutoCloseable
{
    /** The shipped match, relative to the module directory Surefire runs in. */
    public static final Path MATCH = Path.of("..", "data", "statsbomb", "15986-events.json.gz");

    /** The shipped match's event id. */
    public static final long EVENT_ID = 15986;

    /** An origin the shared shell allows by CORS. */
    public static final String ALLOWED_ORIGIN = "https://app.example.com";

    /** Requests per second of the free tier on the shared shell, small so a test can exceed it. */
    public static final long FREE_RATE = 5;

    /** Body limit of the shared shell, bytes. */
    public static final long BODY_LIMIT = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final ServeStack stack;
    private final DevSigningKey key;
    private final ShellContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningShell(final Path directory, final ServeStack stack, final DevSigningKey key, final ShellContext context)
    {
        this.directory = directory;
        this.stack = stack;
        this.key = key;
        this.context = context;
    }

    /**
     * @param directory a fresh directory for the data.
     * @param context   the shell settings, without data directory and port.
     * @return a started stack.
     * @throws IOException when it cannot start.
     */
    public static RunningShell start(final Path directory, final ShellContext context) throws IOException
    {
        context.dataDirectory(directory).port(0);
        final ServeStack stack = ServeStack.start(new ServeStack.Options(
            context, MATCH, 200, null, null, new PrintStream(OutputStream.nullOutputStream())));
        return new RunningShell(directory, stack, DevSigningKey.loadOrCreate(directory), context);
    }

    /**
     * @return the settings the shared shell runs with.
     */
    public static ShellContext sharedContext()
    {
        return new ShellContext()
            .ratePerSecond(Tier.FREE, FREE_RATE)
            .bodyLimit(BODY_LIMIT)
            .idleTimeoutS(2)
            .corsOrigins(java.util.List.of(ALLOWED_ORIGIN));
    }

    public String baseUrl()
    {
        return stack.baseUrl();
    }

    public ServeStack stack()
    {
        return stack;
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * @return a valid token for a tenant.
     */
    public String token(final String tenant, final Tier tier, final Role role)
    {
        return key.issue(context.issuer(), context.audience(), tenant, tier, role, "user-1", Duration.ofMinutes(10));
    }

    public DevSigningKey signingKey()
    {
        return key;
    }

    public ShellContext context()
    {
        return context;
    }

    /**
     * @param path    from the base URL.
     * @param headers name, value, name, value...
     * @return the answer.
     */
    public HttpResponse<String> get(final String path, final String... headers)
    {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), headers);
    }

    public HttpResponse<String> send(final HttpRequest.Builder builder, final String... headers)
    {
        for (int i = 0; i < headers.length; i += 2)
        {
            builder.header(headers[i], headers[i + 1]);
        }
        try
        {
            return http.send(builder.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Send bytes over a raw socket and read until the server closes or goes quiet.
     *
     * @param request bytes to send.
     * @param quietMs how long a silence ends the read.
     * @return what came back, with {@code <CLOSED>} appended when the server closed the connection.
     */
    public String raw(final byte[] request, final int quietMs)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", stack.shell().port()), 5_000);
            socket.setSoTimeout(quietMs);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final byte[] chunk = new byte[8192];
            try
            {
                int read;
                while ((read = in.read(chunk)) >= 0)
                {
                    answer.write(chunk, 0, read);
                }
                answer.write("<CLOSED>".getBytes(StandardCharsets.US_ASCII));
            }
            catch (final SocketTimeoutException ex)
            {
                answer.write("<QUIET>".getBytes(StandardCharsets.US_ASCII));
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param body of an answer.
     * @return it parsed.
     */
    public static JsonNode json(final String body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Assert an answer is an error in the one JSON shape, with the headers every error carries.
     *
     * @return the error's code.
     */
    public static String assertJsonError(final HttpResponse<String> response, final int status)
    {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        final JsonNode error = json(response.body()).get("error");
        assertTrue(error.get("code").isTextual() && error.get("message").isTextual() &&
            error.get("requestId").isTextual(), response::body);
        return error.get("code").asText();
    }

    /**
     * Assert the shell still answers: health and a real event read with a valid token.
     */
    public void assertServing()
    {
        assertEquals(200, get("/health").statusCode());
        final HttpResponse<String> event = get("/v1/events/" + EVENT_ID,
            "Authorization", "Bearer " + token("serving-check", Tier.ENTERPRISE, Role.VIEWER));
        assertEquals(200, event.statusCode(), event::body);
        assertEquals(EVENT_ID, json(event.body()).get("eventId").asLong());
    }

    /**
     * Wait until the projection shows the match under way: markets priced.
     */
    public void awaitLiveEvent()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        final String token = token("live-check", Tier.ENTERPRISE, Role.VIEWER);
        while (System.nanoTime() < deadline)
        {
            final HttpResponse<String> event = get("/v1/events/" + EVENT_ID, "Authorization", "Bearer " + token);
            if (200 == event.statusCode() && json(event.body()).get("markets").size() > 0)
            {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("no priced markets on the event within 60 s");
    }

    public void close()
    {
        stack.close();
        IoUtil.delete(directory.toFile(), true);
    }

    static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives test methods the shared shell, started on first use and closed at the end of the run.
     */
    public static final class Shared implements ParameterResolver
    {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningShell.class);

        public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext extension)
        {
            return parameter.getParameter().getType() == RunningShell.class;
        }

        public Object resolveParameter(final ParameterContext parameter, final ExtensionContext extension)
        {
            return extension.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("shell", key ->
            {
                try
                {
                    final RunningShell shell = start(Files.createTempDirectory("v100-shell-test"), sharedContext());
                    shell.awaitLiveEvent();
                    return shell;
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }, RunningShell.class);
        }
    }
}
