package io.v100.shell.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;
import io.v100.shell.gateway.ApiException;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.RequestScope;
import io.v100.shell.gateway.RouteExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Card payments through Stripe:
 * <pre>
 *   POST /v1/checkout          viewer   {"amountMinor", "successUrl", "cancelUrl"}: a Checkout session for credits
 *                                       to the caller's wallet; 503 "payments not configured" without STRIPE_API_KEY
 *   POST /v1/webhooks/stripe   public   Stripe-Signature verified with stripe-java's Webhook.constructEvent
 * </pre>
 * The webhook accepts only events signed with {@code STRIPE_WEBHOOK_SECRET} by Stripe's scheme
 * ({@code t=TIMESTAMP,v1=HMAC-SHA256(secret, TIMESTAMP + "." + payload)}) within the tolerance (300 s); anything
 * else answers 400 {@code invalid_signature} and is counted. A {@code checkout.session.completed} event with
 * {@code payment_status} paid credits the wallet named in the session's metadata, once per Stripe event id; a
 * replayed or redelivered event answers 200 with {@code applied: false}. Other event types are acknowledged and
 * ignored.
 */
public final class StripeRoutes implements RouteExtension
{
    /** Stripe's signature header. */
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final BillingContext context;
    private final BillingService service;
    private final BillingRoutes billing;
    private final AtomicLong rejectedSignatures = new AtomicLong();

    /**
     * @param context settings: the API key, the webhook secret and the tolerance.
     * @param service the ledger.
     * @param billing for its worker pool and request helpers.
     */
    public StripeRoutes(final BillingContext context, final BillingService service, final BillingRoutes billing)
    {
        this.context = context;
        this.service = service;
        this.billing = billing;
    }

    public void register(final ProtectedRoutes routes)
    {
        routes.add(HttpMethod.POST, "/v1/checkout", this::checkout);
    }

    public void registerPublic(final ProtectedRoutes routes)
    {
        routes.add(HttpMethod.POST, "/v1/webhooks/stripe", this::webhook);
    }

    /**
     * @return webhook requests refused for a missing, bad or stale signature.
     */
    public long rejectedSignatures()
    {
        return rejectedSignatures.get();
    }

    private void checkout(final RoutingContext ctx)
    {
        final Principal caller = RequestScope.of(ctx).principal();
        final String key = BillingRoutes.idempotencyKey(ctx);
        if (null == context.stripeApiKey())
        {
            throw new ApiException(503, "payments_not_configured",
                "payments not configured: set " + BillingContext.STRIPE_API_KEY_ENV + " to enable Stripe Checkout");
        }
        final JsonNode body = BillingRoutes.jsonBody(ctx);
        final JsonNode amount = body.path("amountMinor");
        final String successUrl = body.path("successUrl").asText(null);
        final String cancelUrl = body.path("cancelUrl").asText(null);
        if (!amount.canConvertToLong() || !amount.isIntegralNumber() || amount.asLong() < 1 ||
            amount.asLong() > context.maxCreditMinor() || null == successUrl || null == cancelUrl)
        {
            throw new ApiException(400, "invalid_body", "amountMinor (1 to " + context.maxCreditMinor() +
                "), successUrl and cancelUrl are required");
        }
        final SessionCreateParams params = SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setSuccessUrl(successUrl)
            .setCancelUrl(cancelUrl)
            .putMetadata("tenant", caller.tenant())
            .putMetadata("wallet", caller.subject())
            .addLineItem(SessionCreateParams.LineItem.builder()
                .setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                    .setCurrency(context.currency().toLowerCase(Locale.ROOT))
                    .setUnitAmount(amount.asLong())
                    .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                        .setName("V100 credits").build())
                    .build())
                .build())
            .build();
        final RequestOptions options = RequestOptions.builder()
            .setApiKey(context.stripeApiKey())
            .setIdempotencyKey(caller.tenant() + ":" + caller.subject() + ":" + key)
            .build();
        billing.run(ctx, () ->
        {
            try
            {
                final Session session = Session.create(params, options);
                return new BillingAnswer(201, BillingService.text(BillingService.JSON.createObjectNode()
                    .put("checkoutSessionId", session.getId())
                    .put("url", session.getUrl())), false);
            }
            catch (final StripeException ex)
            {
                return BillingService.error(502, "payment_provider_error", "Stripe refused or was unreachable");
            }
        });
    }

    private void webhook(final RoutingContext ctx)
    {
        if (null == context.stripeWebhookSecret())
        {
            throw new ApiException(503, "webhooks_not_configured",
                "webhooks not configured: set " + BillingContext.STRIPE_WEBHOOK_SECRET_ENV);
        }
        final String signature = ctx.request().getHeader(SIGNATURE_HEADER);
        final Buffer raw = ctx.body().buffer();
        if (null == signature || null == raw)
        {
            rejectedSignatures.incrementAndGet();
            throw new ApiException(400, "invalid_signature", "a signed body and the Stripe-Signature header are required");
        }
        final String payload = raw.toString(StandardCharsets.UTF_8);
        final Event event;
        try
        {
            event = Webhook.constructEvent(payload, signature, context.stripeWebhookSecret(), context.stripeToleranceS());
        }
        catch (final SignatureVerificationException | RuntimeException ex)
        {
            rejectedSignatures.incrementAndGet();
            throw new ApiException(400, "invalid_signature", "the Stripe signature is invalid or too old");
        }
        final JsonNode tree;
        try
        {
            tree = BillingService.JSON.readTree(payload);
        }
        catch (final IOException ex)
        {
            throw new ApiException(400, "invalid_body", "the event is not JSON");
        }
        final String type = event.getType();
        final JsonNode session = tree.path("data").path("object");
        if (!"checkout.session.completed".equals(type) || !"paid".equals(session.path("payment_status").asText()))
        {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(BillingService.text(BillingService.JSON.createObjectNode()
                    .put("received", true).put("ignored", String.valueOf(type))));
            return;
        }
        final String tenant = session.path("metadata").path("tenant").asText("");
        final String wallet = session.path("metadata").path("wallet").asText("");
        final long amount = session.path("amount_total").asLong(0);
        final String currency = session.path("currency").asText("").toUpperCase(Locale.ROOT);
        if (!Principal.TENANT_PATTERN.matcher(tenant).matches() || !Principal.SUBJECT_PATTERN.matcher(wallet).matches() ||
            amount < 1 || !currency.matches("[A-Z]{3}"))
        {
            throw new ApiException(400, "invalid_event",
                "checkout session without a valid tenant, wallet, amount_total or currency");
        }
        final String eventId = event.getId();
        final String requestId = RequestScope.of(ctx).requestId();
        billing.run(ctx, () -> service.stripeCredit(eventId, type, tenant, wallet, currency, amount, requestId));
    }
}
