package io.v100.perf.gateway;

import io.v100.cli.ServeStack;
import io.v100.shell.gateway.DevSigningKey;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.gateway.Tier;
import org.agrona.IoUtil;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The full-middleware target started in this process, as {@code scripts/v100 serve} starts it: the core, the feed
 * (the shipped match at a stated speed) and the shell on a free port, in a temporary directory. The endpoint is
 * {@code GET /v1/events/{eventId}} with an enterprise-tier development token, so every request goes through
 * authentication (RS256 JWT verification), the per-tenant rate limit, metrics, the breaker check and the response
 * cache. The enterprise tier's default limit (1,000,000 requests/s) is above what wrk reaches on loopback, so the
 * limiter is consulted on every request without refusing any.
 */
public final class InProcessShellTarget implements GatewayTarget
{
    private final Path match;
    private final long eventId;
    private final double speed;
    private Path directory;
    private ServeStack stack;

    /**
     * @param match   StatsBomb events file the feed streams.
     * @param eventId the match's event id, as served under {@code /v1/events/{eventId}}.
     * @param speed   match time per wall-clock time of the feed.
     */
    public InProcessShellTarget(final Path match, final long eventId, final double speed)
    {
        this.match = match;
        this.eventId = eventId;
        this.speed = speed;
    }

    @Override
    public Endpoint start() throws Exception
    {
        directory = Files.createTempDirectory("v100-perf-gateway");
        final ShellContext context = new ShellContext().dataDirectory(directory).port(0);
        stack = ServeStack.start(new ServeStack.Options(
            context, match, speed, null, null, new PrintStream(OutputStream.nullOutputStream())));
        final String token = DevSigningKey.loadOrCreate(directory).issue(
            context.issuer(), context.audience(), "perf", Tier.ENTERPRISE, Role.VIEWER, "perf-viewer",
            Duration.ofHours(1));
        return new Endpoint("full", URI.create(stack.baseUrl() + "/v1/events/" + eventId),
            Map.of("Authorization", "Bearer " + token));
    }

    @Override
    public void close()
    {
        if (null != stack)
        {
            stack.close();
            stack = null;
        }
        if (null != directory)
        {
            IoUtil.delete(directory.toFile(), true);
            directory = null;
        }
    }
}
