package io.v100.shell.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Writing answers: JSON bodies, cached bodies with their entity tag, and continuing on the request's event loop
 * after an asynchronous call.
 */
final class Responses
{
    private Responses()
    {
    }

    /**
     * @param value any Jackson-serializable value.
     * @return its JSON bytes.
     */
    static byte[] toJson(final Object value)
    {
        try
        {
            return ErrorResponder.JSON.writeValueAsBytes(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), ex);
        }
    }

    /**
     * @param ctx    of the request.
     * @param status HTTP status.
     * @param value  rendered as JSON.
     */
    static void json(final RoutingContext ctx, final int status, final Object value)
    {
        if (ctx.response().ended())
        {
            return;
        }
        ctx.response()
            .setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(Buffer.buffer(toJson(value)));
    }

    /**
     * Answer with a cached body, or 304 when the caller's {@code If-None-Match} names its entity tag
     * (RFC 9110 section 13.1.2).
     *
     * @param ctx   of the request.
     * @param entry the cached response.
     */
    static void cached(final RoutingContext ctx, final ResponseCache.Entry entry)
    {
        final HttpServerResponse response = ctx.response();
        if (response.ended())
        {
            return;
        }
        response.putHeader("ETag", entry.etag());
        response.putHeader("Cache-Control", "private, no-cache");
        final String ifNoneMatch = ctx.request().getHeader("If-None-Match");
        if (null != ifNoneMatch && matches(ifNoneMatch, entry.etag()))
        {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(entry.body()));
    }

    /**
     * Continue on the request's event loop once a stage completes; a failure goes to the failure handler.
     *
     * @param ctx       of the request.
     * @param stage     of the asynchronous call.
     * @param onSuccess run on the event loop with the result.
     * @param <T>       result type.
     */
    static <T> void onContext(final RoutingContext ctx, final CompletionStage<T> stage, final Consumer<T> onSuccess)
    {
        final Context context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(stage, context).onComplete(result ->
        {
            if (ctx.response().ended())
            {
                return;
            }
            if (result.succeeded())
            {
                onSuccess.accept(result.result());
            }
            else
            {
                ctx.fail(result.cause());
            }
        });
    }

    private static boolean matches(final String ifNoneMatch, final String etag)
    {
        for (final String candidate : ifNoneMatch.split(","))
        {
            final String tag = candidate.trim();
            if ("*".equals(tag) || etag.equals(tag) || ("W/" + etag).equals(tag))
            {
                return true;
            }
        }
        return false;
    }
}
