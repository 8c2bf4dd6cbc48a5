package io.v100.shell.gateway;

import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway learns about one request as it passes through the middleware: its id, its caller, and the
 * durations that go into {@code Server-Timing} (W3C Server Timing). Used on the request's event loop only.
 */
public final class RequestScope
{
    private static final String KEY = "v100.scope";

    private final String requestId;
    private final long startNs;
    private Principal principal;
    private long authNs = -1;
    private long limitNs = -1;
    private long cacheNs = -1;
    private String cacheResult;
    private long downstreamNs = -1;

    RequestScope(final String requestId, final long startNs)
    {
        this.requestId = requestId;
        this.startNs = startNs;
    }

    static RequestScope attach(final RoutingContext ctx, final String requestId)
    {
        final RequestScope scope = new RequestScope(requestId, System.nanoTime());
        ctx.put(KEY, scope);
        return scope;
    }

    /**
     * @param ctx of the request.
     * @return its scope; every request has one from the first handler on.
     */
    public static RequestScope of(final RoutingContext ctx)
    {
        return ctx.get(KEY);
    }

    public String requestId()
    {
        return requestId;
    }

    long startNs()
    {
        return startNs;
    }

    /**
     * @return the caller; null before authentication and on routes that need none.
     */
    public Principal principal()
    {
        return principal;
    }

    void principal(final Principal principal)
    {
        this.principal = principal;
    }

    void authNs(final long ns)
    {
        authNs = ns;
    }

    void limitNs(final long ns)
    {
        limitNs = ns;
    }

    /**
     * @param ns     spent in the cache, load included.
     * @param result {@code hit-l1}, {@code hit-l2} or {@code miss}.
     */
    void cache(final long ns, final String result)
    {
        cacheNs = ns;
        cacheResult = result;
    }

    /**
     * @param ns spent waiting for the core.
     */
    public void downstreamNs(final long ns)
    {
        downstreamNs = ns;
    }

    String cacheResult()
    {
        return cacheResult;
    }

    /**
     * @return the {@code Server-Timing} value: one metric per stage that ran, durations in ms.
     */
    String serverTiming()
    {
        final StringBuilder out = new StringBuilder(96);
        metric(out, "auth", authNs, null);
        metric(out, "limit", limitNs, null);
        metric(out, "cache", cacheNs, cacheResult);
        metric(out, "downstream", downstreamNs, null);
        metric(out, "total", System.nanoTime() - startNs, null);
        return out.toString();
    }

    private static void metric(final StringBuilder out, final String name, final long ns, final String description)
    {
        if (ns < 0)
        {
            return;
        }
        if (out.length() > 0)
        {
            out.append(", ");
        }
        // Milliseconds with three decimals, as Server-Timing's dur is in ms.
        final long micros = (ns / 1_000) % 1_000;
        out.append(name).append(";dur=").append(ns / 1_000_000).append('.');
        if (micros < 100)
        {
            out.append('0');
        }
        if (micros < 10)
        {
            out.append('0');
        }
        out.append(micros);
        if (null != description)
        {
            out.append(";desc=\"").append(description).append('"');
        }
    }
}
