package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/events}: every event the core carries, each with its teams, score and match clock, through the
 * cache.
 */
public final class EventListRoute implements Handler<RoutingContext>
{
    private static final String KEY = "events";

    private final CoreDownstream core;
    private final ResponseCache cache;

    EventListRoute(final CoreDownstream core, final ResponseCache cache)
    {
        this.core = core;
        this.cache = cache;
    }

    /**
     * @return the cache key of the list, dropped whenever any event changes.
     */
    static String cacheKey()
    {
        return KEY;
    }

    public void handle(final RoutingContext ctx)
    {
        core.ensureAvailable();
        final RequestScope scope = RequestScope.of(ctx);
        final long startNs = System.nanoTime();
        final long version = core.listVersion();
        Responses.onContext(ctx, cache.get(KEY, version, () ->
        {
            final long downstreamStartNs = System.nanoTime();
            return core.events().thenApply(views ->
            {
                scope.downstreamNs(System.nanoTime() - downstreamStartNs);
                final List<Summary> summaries = views.stream()
                    .map(view -> new Summary(view.eventId(), view.version(), view.home(), view.away(), view.period(),
                        view.matchClockMs(), "/v1/events/" + view.eventId()))
                    .toList();
                return ResponseCache.Entry.of(version, Responses.toJson(Map.of("events", summaries)));
            });
        }), lookup ->
        {
            scope.cache(System.nanoTime() - startNs, lookup.result());
            Responses.cached(ctx, lookup.entry());
        });
    }

    /**
     * One event in the list.
     *
     * @param eventId      the event's id.
     * @param version      projection version.
     * @param home         home team and score.
     * @param away         away team and score.
     * @param period       current period.
     * @param matchClockMs match clock, ms.
     * @param href         the event's own route.
     */
    record Summary(
        long eventId, long version, EventView.Team home, EventView.Team away, int period, long matchClockMs,
        String href)
    {
    }
}
