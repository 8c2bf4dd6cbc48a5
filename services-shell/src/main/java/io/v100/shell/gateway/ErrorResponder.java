package io.v100.shell.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.concurrent.CompletionException;

/**
 * Writes every error in one shape, as Stripe's API does: {@code {"error": {"code", "message", "requestId"}}},
 * with {@code Content-Type: application/json}, {@code X-Content-Type-Options: nosniff} and the right status.
 * Anything reflected from the request goes through Jackson, so it stays JSON-escaped.
 */
public final class ErrorResponder implements Handler<RoutingContext>
{
    static final ObjectMapper JSON = new ObjectMapper();

    public void handle(final RoutingContext ctx)
    {
        final Throwable failure = unwrap(ctx.failure());
        final int status = ctx.statusCode();
        if (failure instanceof ApiException api)
        {
            send(ctx, api.status(), api.code(), api.getMessage(), api.retryAfterS());
        }
        else if (failure instanceof AuthenticationException auth)
        {
            send(ctx, 401, auth.code(), auth.getMessage(), 0);
        }
        else if (failure instanceof HttpException http)
        {
            sendStatus(ctx, http.getStatusCode());
        }
        else if (status > 0 && status != 500)
        {
            sendStatus(ctx, status);
        }
        else
        {
            send(ctx, 500, "internal_error", "internal error", 0);
        }
    }

    private static void sendStatus(final RoutingContext ctx, final int status)
    {
        switch (status)
        {
            case 400 -> send(ctx, 400, "bad_request", "malformed request", 0);
            case 401 -> send(ctx, 401, "unauthenticated", "a bearer token or API key is required", 0);
            case 403 -> send(ctx, 403, "forbidden", "not allowed", 0);
            case 404 -> send(ctx, 404, "not_found", "no such resource: " + ctx.request().path(), 0);
            case 405 -> send(ctx, 405, "method_not_allowed", "method not allowed: " + ctx.request().method(), 0);
            case 413 -> send(ctx, 413, "payload_too_large", "request body over the limit", 0);
            case 415 -> send(ctx, 415, "unsupported_media_type", "expected application/json", 0);
            case 503 -> send(ctx, 503, "request_timeout", "the request took too long", 1);
            default -> send(ctx, status, "error", "request failed", 0);
        }
    }

    /**
     * Answer an error now.
     *
     * @param ctx         of the request.
     * @param status      HTTP status.
     * @param code        stable machine code.
     * @param message     for the caller; may contain reflected input, which is escaped.
     * @param retryAfterS seconds for {@code Retry-After}; 0 for none.
     */
    public static void send(
        final RoutingContext ctx, final int status, final String code, final String message, final long retryAfterS)
    {
        final HttpServerResponse response = ctx.response();
        if (response.headWritten())
        {
            response.reset();
            return;
        }
        final RequestScope scope = RequestScope.of(ctx);
        final ObjectNode body = JSON.createObjectNode();
        final ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("requestId", null == scope ? null : scope.requestId());
        final byte[] bytes;
        try
        {
            bytes = JSON.writeValueAsBytes(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("an ObjectNode always serializes", ex);
        }
        response.setStatusCode(status);
        response.putHeader("Content-Type", "application/json");
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Cache-Control", "no-store");
        if (retryAfterS > 0)
        {
            response.putHeader("Retry-After", Long.toString(retryAfterS));
        }
        if (401 == status)
        {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"v100\"");
        }
        response.end(Buffer.buffer(bytes));
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause instanceof CompletionException && null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause;
    }
}
