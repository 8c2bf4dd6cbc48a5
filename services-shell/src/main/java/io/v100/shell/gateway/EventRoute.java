package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/events/{eventId}}: teams, score, match clock, market states with current odds, program camera
 * and active deepfake alerts, from the projection of the core's egress, through the cache.
 */
public final class EventRoute implements Handler<RoutingContext>
{
    private final CoreDownstream core;
    private final ResponseCache cache;

    EventRoute(final CoreDownstream core, final ResponseCache cache)
    {
        this.core = core;
        this.cache = cache;
    }

    public void handle(final RoutingContext ctx)
    {
        final String raw = ctx.pathParam("eventId");
        final long eventId = parseId(raw);
        final long version = eventId < 0 ? -1 : core.version(eventId);
        if (version < 0)
        {
            throw new ApiException(404, "event_not_found", "no event " + raw);
        }
        core.ensureAvailable();
        final RequestScope scope = RequestScope.of(ctx);
        final long startNs = System.nanoTime();
        Responses.onContext(ctx, cache.get("event:" + eventId, version, () ->
        {
            final long downstreamStartNs = System.nanoTime();
            return core.event(eventId).thenCompose(view ->
            {
                scope.downstreamNs(System.nanoTime() - downstreamStartNs);
                return view.isPresent() ?
                    CompletableFuture.completedFuture(
                        ResponseCache.Entry.of(view.get().version(), Responses.toJson(view.get()))) :
                    CompletableFuture.failedFuture(new ApiException(404, "event_not_found", "no event " + raw));
            });
        }), lookup ->
        {
            scope.cache(System.nanoTime() - startNs, lookup.result());
            Responses.cached(ctx, lookup.entry());
        });
    }

    /**
     * @return the id, or -1 when the text is not a positive decimal number of at most 18 digits.
     */
    static long parseId(final String raw)
    {
        if (null == raw || raw.isEmpty() || raw.length() > 18)
        {
            return -1;
        }
        for (int i = 0; i < raw.length(); i++)
        {
            if (raw.charAt(i) < '0' || raw.charAt(i) > '9')
            {
                return -1;
            }
        }
        return Long.parseLong(raw);
    }
}
