package io.v100.shell.gateway;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The core as the routes see it: every call goes through a circuit breaker (resilience4j) and is bounded in time,
 * so a dead core is answered 503 with {@code Retry-After} at once once the breaker opens, and within
 * {@link ShellContext#coreTimeoutMs()} before it does; never a hang.
 * <p>
 * Calls that reach the core: reading an event's projection (which fails while the connection is down) and the
 * status request. Concurrent status requests share one request to the core (coalescing). Every stage returned
 * fails only with an {@link ApiException}.
 */
public final class CoreDownstream
{
    /** The breaker's name, in metrics and {@code /health}. */
    public static final String NAME = "core";

    private final CoreConnection connection;
    private final EventProjection projection;
    private final CircuitBreaker breaker;
    private final long timeoutMs;
    private final long openS;
    private final AtomicReference<CompletableFuture<CoreCounters>> statusInFlight = new AtomicReference<>();
    private final AtomicLong statusRequests = new AtomicLong();
    private final AtomicLong statusCoalesced = new AtomicLong();

    /**
     * @param connection to the core.
     * @param context    the timeout and breaker settings.
     */
    public CoreDownstream(final CoreConnection connection, final ShellContext context)
    {
        this.connection = connection;
        this.projection = connection.projection();
        this.timeoutMs = context.coreTimeoutMs();
        this.openS = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(context.breakerOpenMs() + 999));
        this.breaker = CircuitBreaker.of(NAME, CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(10)
            .minimumNumberOfCalls(3)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMillis(context.breakerOpenMs()))
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordExceptions(CoreUnavailableException.class, TimeoutException.class)
            .build());
    }

    /**
     * @return the breaker, for metrics and health.
     */
    public CircuitBreaker breaker()
    {
        return breaker;
    }

    /**
     * @return true while connected to the core.
     */
    public boolean connected()
    {
        return connection.connected();
    }

    /**
     * @return ms since the core last sent anything.
     */
    public long lastMessageAgeMs()
    {
        return connection.lastMessageAgeMs();
    }

    /**
     * Refuse at once, without touching the cache, when the core cannot be reached: the breaker is open, or the
     * connection is down. Cached answers are not served then, so a dead core never looks alive.
     *
     * @throws ApiException 503 with the seconds to wait.
     */
    public void ensureAvailable()
    {
        final CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN)
        {
            throw new ApiException(503, "downstream_unavailable", "the core is unavailable (circuit open)", openS);
        }
        if (!connected())
        {
            throw new ApiException(503, "downstream_unavailable", "not connected to the core", 1);
        }
    }

    /**
     * @param eventId of the event.
     * @return its projection version, or -1 when the core carries no such event.
     */
    public long version(final long eventId)
    {
        final EventView view = projection.view(eventId);
        return null == view ? -1 : view.version();
    }

    /**
     * @return the highest version of any event, which versions the list of events.
     */
    public long listVersion()
    {
        long version = 0;
        for (final EventView view : projection.views())
        {
            version = Math.max(version, view.version());
        }
        return version;
    }

    /**
     * @param eventId of the event.
     * @return its current view, or empty when the core carries no such event.
     */
    public CompletionStage<Optional<EventView>> event(final long eventId)
    {
        return call(() -> connected() ?
            CompletableFuture.completedFuture(Optional.ofNullable(projection.view(eventId))) :
            CompletableFuture.failedFuture(new CoreUnavailableException("not connected to the core")));
    }

    /**
     * @return every event, by id.
     */
    public CompletionStage<List<EventView>> events()
    {
        return call(() ->
        {
            if (!connected())
            {
                return CompletableFuture.failedFuture(new CoreUnavailableException("not connected to the core"));
            }
            final List<EventView> views = new ArrayList<>(projection.views());
            views.sort(Comparator.comparingLong(EventView::eventId));
            return CompletableFuture.completedFuture(views);
        });
    }

    /**
     * The core's counters. While one request is in flight, callers share its answer instead of sending more.
     *
     * @return the answer.
     */
    public CompletionStage<CoreCounters> status()
    {
        while (true)
        {
            final CompletableFuture<CoreCounters> inFlight = statusInFlight.get();
            if (null != inFlight && !inFlight.isDone())
            {
                statusCoalesced.incrementAndGet();
                return inFlight;
            }
            final CompletableFuture<CoreCounters> next = new CompletableFuture<>();
            if (statusInFlight.compareAndSet(inFlight, next))
            {
                statusRequests.incrementAndGet();
                call(() -> connection.requestStatus().orTimeout(timeoutMs, TimeUnit.MILLISECONDS))
                    .whenComplete((counters, failure) ->
                    {
                        if (null == failure)
                        {
                            next.complete(counters);
                        }
                        else
                        {
                            next.completeExceptionally(failure);
                        }
                    });
                return next;
            }
        }
    }

    /**
     * @return status requests sent to the core.
     */
    public long statusRequests()
    {
        return statusRequests.get();
    }

    /**
     * @return status requests answered by sharing one already in flight.
     */
    public long statusCoalesced()
    {
        return statusCoalesced.get();
    }

    private <T> CompletionStage<T> call(final java.util.function.Supplier<CompletionStage<T>> supplier)
    {
        return breaker.decorateCompletionStage(supplier).get()
            .exceptionallyCompose(failure -> CompletableFuture.failedFuture(toApi(failure)));
    }

    private ApiException toApi(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause instanceof CompletionException && null != cause.getCause())
        {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api)
        {
            return api;
        }
        if (cause instanceof CallNotPermittedException)
        {
            return new ApiException(503, "downstream_unavailable", "the core is unavailable (circuit open)", openS);
        }
        if (cause instanceof TimeoutException)
        {
            return new ApiException(503, "downstream_timeout", "the core did not answer within " + timeoutMs + " ms", 1);
        }
        if (cause instanceof CoreUnavailableException)
        {
            return new ApiException(503, "downstream_unavailable", cause.getMessage(), 1);
        }
        return new ApiException(500, "internal_error", "internal error");
    }
}
