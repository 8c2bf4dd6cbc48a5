package io.v100.perf.gateway;

import java.net.URI;
import java.util.Map;

/**
 * A server that is already running, such as a shell started with {@code scripts/v100 serve}: its URL and the
 * headers its middleware needs (a bearer token). Nothing to start or stop.
 */
public final class RunningTarget implements GatewayTarget
{
    private final Endpoint endpoint;

    /**
     * @param name    short name used in reports.
     * @param url     URL every request goes to.
     * @param headers request headers.
     */
    public RunningTarget(final String name, final URI url, final Map<String, String> headers)
    {
        this.endpoint = new Endpoint(name, url, headers);
    }

    @Override
    public Endpoint start()
    {
        return endpoint;
    }

    @Override
    public void close()
    {
    }
}
