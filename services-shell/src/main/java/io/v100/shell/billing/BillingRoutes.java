package io.v100.shell.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.v100.shell.gateway.ApiException;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.RequestScope;
import io.v100.shell.gateway.RouteExtension;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * The billing routes, mounted behind the gateway's authentication and rate limits:
 * <pre>
 *   POST /v1/wallets/{walletId}/credits      admin     {"amountMinor": N}; credits the wallet
 *   GET  /v1/wallets/{walletId}              viewer: own wallet only (another's answers 404); admin: any in tenant
 *   GET  /v1/ledger/transactions             admin     ?accountId=&amp;type=&amp;from=&amp;to=&amp;limit= (ISO-8601 instants)
 *   PUT  /v1/events/{eventId}/price          admin     {"priceMinor", "currency", "partner", "partnerShareBps"}
 *   POST /v1/events/{eventId}/purchases      viewer    no body; buys the event at its price
 *   GET  /v1/purchases/{purchaseId}          buyer or admin; shows whether the core journaled the grant
 *   POST /v1/purchases/{purchaseId}/refund   admin     no body
 * </pre>
 * Every mutating route requires an {@code Idempotency-Key} header (IETF httpapi draft
 * "The Idempotency-Key HTTP Header Field": 400 when missing; the stored answer for a repeat; 422 when the key was
 * used with another request). The request fingerprint is SHA-256 over method, path and body. Database work runs
 * on the billing executor, never on the event loop; a repeat answer carries {@code Idempotent-Replayed: true}.
 */
public final class BillingRoutes implements RouteExtension
{
    /** The request header (IETF httpapi draft). */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final Pattern KEY_PATTERN = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final BillingService service;
    private final ExecutorService executor;

    /**
     * @param service  the ledger.
     * @param executor worker threads for JDBC, one per pooled connection.
     */
    public BillingRoutes(final BillingService service, final ExecutorService executor)
    {
        this.service = service;
        this.executor = executor;
    }

    public void register(final ProtectedRoutes routes)
    {
        routes.add(HttpMethod.POST, "/v1/wallets/:walletId/credits", this::credit);
        routes.add(HttpMethod.GET, "/v1/wallets/:walletId", this::balance);
        routes.add(HttpMethod.GET, "/v1/ledger/transactions", this::transactions);
        routes.add(HttpMethod.PUT, "/v1/events/:eventId/price", this::setPrice);
        routes.add(HttpMethod.POST, "/v1/events/:eventId/purchases", this::purchase);
        routes.add(HttpMethod.GET, "/v1/purchases/:purchaseId", this::purchaseStatus);
        routes.add(HttpMethod.POST, "/v1/purchases/:purchaseId/refund", this::refund);
    }

    private void credit(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final String key = idempotencyKey(ctx);
        final JsonNode body = jsonBody(ctx);
        final JsonNode amount = body.get("amountMinor");
        if (null == amount || !amount.isIntegralNumber() || !amount.canConvertToLong())
        {
            throw new ApiException(400, "invalid_body", "amountMinor must be an integer number of minor units");
        }
        final String walletId = ctx.pathParam("walletId");
        final String fingerprint = fingerprint(ctx);
        final String requestId = RequestScope.of(ctx).requestId();
        run(ctx, () -> service.credit(caller, walletId, amount.asLong(), key, fingerprint, requestId));
    }

    private void balance(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final String walletId = ctx.pathParam("walletId");
        run(ctx, () -> service.balance(caller, walletId));
    }

    private void transactions(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final String accountText = ctx.queryParams().get("accountId");
        final String type = ctx.queryParams().get("type");
        final Instant from = instant(ctx.queryParams().get("from"), "from");
        final Instant to = instant(ctx.queryParams().get("to"), "to");
        final String limitText = ctx.queryParams().get("limit");
        final Long accountId = null == accountText ? null : number(accountText, "accountId");
        final int limit = null == limitText ? 100 : (int)Math.min(Integer.MAX_VALUE, number(limitText, "limit"));
        run(ctx, () -> service.transactions(caller, accountId, type, from, to, limit));
    }

    private void setPrice(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final String key = idempotencyKey(ctx);
        final long eventId = number(ctx.pathParam("eventId"), "eventId");
        final JsonNode body = jsonBody(ctx);
        final JsonNode price = body.path("priceMinor");
        final JsonNode share = body.path("partnerShareBps");
        if (!price.isIntegralNumber() || !share.isInt())
        {
            throw new ApiException(400, "invalid_body", "priceMinor and partnerShareBps must be integers");
        }
        final String currency = body.path("currency").asText(null);
        final String partner = body.path("partner").asText(null);
        final String fingerprint = fingerprint(ctx);
        run(ctx, () -> service.setPrice(
            caller, eventId, price.asLong(), currency, partner, share.asInt(), key, fingerprint));
    }

    private void purchase(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final String key = idempotencyKey(ctx);
        final long eventId = number(ctx.pathParam("eventId"), "eventId");
        final String fingerprint = fingerprint(ctx);
        final String requestId = RequestScope.of(ctx).requestId();
        run(ctx, () -> service.purchase(caller, eventId, key, fingerprint, requestId));
    }

    private void purchaseStatus(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final long purchaseId = number(ctx.pathParam("purchaseId"), "purchaseId");
        run(ctx, () -> service.purchaseStatus(caller, purchaseId));
    }

    private void refund(final RoutingContext ctx)
    {
        final Principal caller = caller(ctx);
        final String key = idempotencyKey(ctx);
        final long purchaseId = number(ctx.pathParam("purchaseId"), "purchaseId");
        final String fingerprint = fingerprint(ctx);
        final String requestId = RequestScope.of(ctx).requestId();
        run(ctx, () -> service.refund(caller, purchaseId, key, fingerprint, requestId));
    }

    /**
     * A billing call that blocks on JDBC.
     */
    @FunctionalInterface
    interface Call
    {
        BillingAnswer run() throws SQLException;
    }

    void run(final RoutingContext ctx, final Call call)
    {
        final CompletableFuture<BillingAnswer> answer = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return call.run();
            }
            catch (final SQLException ex)
            {
                throw new ApiException(503, "database_unavailable", "the billing database failed", 1);
            }
        }, executor);
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext()).onComplete(result ->
        {
            if (ctx.response().ended())
            {
                return;
            }
            if (result.failed())
            {
                ctx.fail(result.cause());
                return;
            }
            write(ctx, result.result());
        });
    }

    private static void write(final RoutingContext ctx, final BillingAnswer answer)
    {
        String body = answer.body();
        if (answer.status() >= 400)
        {
            try
            {
                final ObjectNode tree = (ObjectNode)BillingService.JSON.readTree(body);
                ((ObjectNode)tree.path("error")).put("requestId", RequestScope.of(ctx).requestId());
                body = BillingService.JSON.writeValueAsString(tree);
            }
            catch (final IOException | ClassCastException ex)
            {
                throw new IllegalStateException("a billing error body is always an error object", ex);
            }
        }
        ctx.response()
            .setStatusCode(answer.status())
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .putHeader("X-Content-Type-Options", "nosniff");
        if (answer.replayed())
        {
            ctx.response().putHeader("Idempotent-Replayed", "true");
        }
        ctx.response().end(Buffer.buffer(body));
    }

    private static Principal caller(final RoutingContext ctx)
    {
        return RequestScope.of(ctx).principal();
    }

    /**
     * The key as an sf-string ({@code "..."}, RFC 8941) or bare token; printable ASCII, 1 to 255 characters.
     */
    static String idempotencyKey(final RoutingContext ctx)
    {
        String key = ctx.request().getHeader(IDEMPOTENCY_KEY_HEADER);
        if (null == key)
        {
            throw new ApiException(400, "idempotency_key_required", "the Idempotency-Key header is required");
        }
        key = key.trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\""))
        {
            key = key.substring(1, key.length() - 1);
        }
        if (!KEY_PATTERN.matcher(key).matches())
        {
            throw new ApiException(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable characters");
        }
        return key;
    }

    static JsonNode jsonBody(final RoutingContext ctx)
    {
        final Buffer body = ctx.body().buffer();
        if (null == body || 0 == body.length())
        {
            throw new ApiException(400, "invalid_body", "a JSON body is required");
        }
        try
        {
            final JsonNode tree = BillingService.JSON.readTree(body.getBytes());
            if (null == tree || !tree.isObject())
            {
                throw new ApiException(400, "invalid_body", "the body must be a JSON object");
            }
            return tree;
        }
        catch (final IOException ex)
        {
            throw new ApiException(400, "invalid_body", "the body is not JSON");
        }
    }

    private static String fingerprint(final RoutingContext ctx)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((ctx.request().method().name() + " " + ctx.request().path() + "\n")
                .getBytes(StandardCharsets.UTF_8));
            final Buffer body = ctx.body().buffer();
            if (null != body)
            {
                digest.update(body.getBytes());
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    static long number(final String text, final String name)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value < 0)
            {
                throw new ApiException(400, "invalid_parameter", name + " must not be negative");
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new ApiException(400, "invalid_parameter", name + " must be a whole number");
        }
    }

    private static Instant instant(final String text, final String name)
    {
        if (null == text)
        {
            return null;
        }
        try
        {
            return Instant.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            throw new ApiException(400, "invalid_parameter", name + " must be an ISO-8601 instant");
        }
    }
}
