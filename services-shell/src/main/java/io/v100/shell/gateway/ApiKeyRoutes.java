package io.v100.shell.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant's API keys: {@code POST /v1/api-keys} (admin; the answer shows the key once),
 * {@code GET /v1/api-keys}, {@code GET /v1/api-keys/{keyId}} and {@code DELETE /v1/api-keys/{keyId}} (admin;
 * revokes). Every lookup is within the caller's tenant: another tenant's key answers 404 exactly as a missing one.
 * Writes go to disk on a worker thread before the answer.
 */
final class ApiKeyRoutes
{
    private static final int MAX_NAME_LENGTH = 64;

    private ApiKeyRoutes()
    {
    }

    static Handler<RoutingContext> create(final ApiKeyStore store)
    {
        return ctx ->
        {
            final Principal caller = admin(ctx);
            final JsonNode body = body(ctx);
            final String name = text(body, "name", "");
            if (name.length() > MAX_NAME_LENGTH)
            {
                throw new ApiException(400, "invalid_body", "name longer than " + MAX_NAME_LENGTH);
            }
            final String roleText = text(body, "role", "viewer");
            final Role role = Role.parse(roleText);
            if (null == role)
            {
                throw new ApiException(400, "invalid_body", "role must be viewer or admin, not " + roleText);
            }
            final ApiKeyStore.Created created = store.create(caller.tenant(), caller.tier(), role, name);
            persistThen(ctx, store, () ->
            {
                final Map<String, Object> answer = describe(created.key());
                answer.put("key", created.secret());
                return answer;
            }, 201);
        };
    }

    static Handler<RoutingContext> list(final ApiKeyStore store)
    {
        return ctx ->
        {
            final Principal caller = RequestScope.of(ctx).principal();
            final List<Map<String, Object>> keys = store.list(caller.tenant()).stream().map(ApiKeyRoutes::describe).toList();
            Responses.json(ctx, 200, Map.of("apiKeys", keys));
        };
    }

    static Handler<RoutingContext> get(final ApiKeyStore store)
    {
        return ctx ->
        {
            final Principal caller = RequestScope.of(ctx).principal();
            final String keyId = ctx.pathParam("keyId");
            final ApiKeyStore.ApiKey key = store.find(caller.tenant(), keyId).orElseThrow(() -> notFound(keyId));
            Responses.json(ctx, 200, describe(key));
        };
    }

    static Handler<RoutingContext> revoke(final ApiKeyStore store)
    {
        return ctx ->
        {
            final Principal caller = admin(ctx);
            final String keyId = ctx.pathParam("keyId");
            final Optional<ApiKeyStore.ApiKey> revoked = store.revoke(caller.tenant(), keyId);
            final ApiKeyStore.ApiKey key = revoked.orElseThrow(() -> notFound(keyId));
            persistThen(ctx, store, () -> describe(key), 200);
        };
    }

    private static void persistThen(
        final RoutingContext ctx, final ApiKeyStore store, final Supplier<Object> answer, final int status)
    {
        final Vertx vertx = ctx.vertx();
        vertx.<Void>executeBlocking(() ->
        {
            store.persist();
            return null;
        }, false).onComplete(result ->
        {
            if (result.succeeded())
            {
                Responses.json(ctx, status, answer.get());
            }
            else
            {
                ctx.fail(new ApiException(500, "storage_failed", "could not store the API keys"));
            }
        });
    }

    private static Principal admin(final RoutingContext ctx)
    {
        final Principal caller = RequestScope.of(ctx).principal();
        if (caller.role() != Role.ADMIN)
        {
            throw new ApiException(403, "forbidden", "managing API keys needs the admin role");
        }
        return caller;
    }

    private static JsonNode body(final RoutingContext ctx)
    {
        final Buffer buffer = ctx.body().buffer();
        if (null == buffer || 0 == buffer.length())
        {
            return ErrorResponder.JSON.createObjectNode();
        }
        final String contentType = ctx.request().getHeader("Content-Type");
        if (null == contentType || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
        {
            throw new ApiException(415, "unsupported_media_type", "the body must be application/json");
        }
        try
        {
            final JsonNode node = ErrorResponder.JSON.readTree(buffer.getBytes());
            if (null == node || !node.isObject())
            {
                throw new ApiException(400, "invalid_body", "the body must be a JSON object");
            }
            return node;
        }
        catch (final IOException ex)
        {
            throw new ApiException(400, "invalid_body", "the body is not valid JSON");
        }
    }

    private static String text(final JsonNode body, final String field, final String defaultValue)
    {
        final JsonNode value = body.get(field);
        if (null == value || value.isNull())
        {
            return defaultValue;
        }
        if (!value.isTextual())
        {
            throw new ApiException(400, "invalid_body", field + " must be a string");
        }
        return value.asText();
    }

    private static ApiException notFound(final String keyId)
    {
        return new ApiException(404, "api_key_not_found", "no API key " + keyId);
    }

    private static Map<String, Object> describe(final ApiKeyStore.ApiKey key)
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("tenant", key.tenant());
        out.put("tier", key.tier().claim());
        out.put("role", key.role().claim());
        out.put("name", key.name());
        out.put("createdAtMs", key.createdAtMs());
        out.put("revoked", 0 != key.revokedAtMs());
        if (0 != key.revokedAtMs())
        {
            out.put("revokedAtMs", key.revokedAtMs());
        }
        return out;
    }
}
