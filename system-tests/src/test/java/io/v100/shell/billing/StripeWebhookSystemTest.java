package io.v100.shell.billing;

import com.stripe.net.Webhook;
import io.v100.cli.ServeStack;
import io.v100.shell.gateway.DevSigningKey;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.gateway.Tier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stripe over HTTP against a running shell: webhook events signed by Stripe's documented scheme with a test
 * secret ({@code t=TIMESTAMP,v1=HMAC-SHA256(secret, TIMESTAMP + "." + payload)} in hex, computed here with
 * the JDK's HMAC for the first event and with stripe-java's {@code Webhook.Signature.generateSignatureHeader} for
 * the others), then tampered, stale, wrongly signed, unsigned and replayed ones; checkout without an API key.
 */
@Tag("slow")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class StripeWebhookSystemTest
{
    private static final String SECRET = "whsec_test_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path directory;

    private static ServeStack stack;
    private static String viewerToken;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception
    {
        final ShellContext context = new ShellContext().dataDirectory(directory).port(0);
        stack = ServeStack.start(new ServeStack.Options(context, matchFile(), 200, null, null, null,
            new PrintStream(OutputStream.nullOutputStream()),
            new BillingContext().stripeWebhookSecret(SECRET).stripeApiKey(null)));
        viewerToken = DevSigningKey.loadOrCreate(directory).issue(context.issuer(), context.audience(), "shop",
            Tier.PRO, Role.VIEWER, "payer", Duration.ofHours(1));
    }

    @AfterAll
    static void stop()
    {
        if (null != stack)
        {
            stack.close();
        }
    }

    @Test
    void shouldCreditOncePerStripeEventAndRefuseBadSignatures() throws Exception
    {
        final String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        final String payload = checkoutCompleted(eventId, 2_500);
        final long now = System.currentTimeMillis() / 1000;

        final HttpResponse<String> valid = webhook(payload, "t=" + now + ",v1=" + hmacSha256Hex(now + "." + payload));
        assertEquals(200, valid.statusCode(), valid.body());
        assertTrue(valid.body().contains("\"applied\":true"), valid.body());
        assertEquals(2_500, walletBalance());

        final HttpResponse<String> replayed = webhook(payload, Webhook.Signature.generateSignatureHeader(payload, SECRET, now));
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertTrue(replayed.body().contains("\"applied\":false"), replayed.body());

        final String tampered = payload.replace("2500", "250000");
        final HttpResponse<String> tamperedAnswer =
            webhook(tampered, Webhook.Signature.generateSignatureHeader(payload, SECRET, now));
        assertEquals(400, tamperedAnswer.statusCode(), tamperedAnswer.body());
        assertTrue(tamperedAnswer.body().contains("invalid_signature"), tamperedAnswer.body());

        final String other = checkoutCompleted("evt_stale_" + UUID.randomUUID(), 100);
        final HttpResponse<String> stale =
            webhook(other, Webhook.Signature.generateSignatureHeader(other, SECRET, now - 3_600));
        assertEquals(400, stale.statusCode(), stale.body());

        final HttpResponse<String> wrongSecret =
            webhook(other, Webhook.Signature.generateSignatureHeader(other, "whsec_someone_else", now));
        assertEquals(400, wrongSecret.statusCode(), wrongSecret.body());

        final HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() +
                "/v1/webhooks/stripe")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(other)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unsigned.statusCode(), unsigned.body());

        assertEquals(2_500, walletBalance(), "only the one valid event credited");
        assertEquals(1, count("SELECT count(*) FROM stripe_events"));
        assertEquals(0, count("SELECT postings_sum FROM ledger_invariant()"));
        assertEquals(0, count("SELECT mismatched_accounts FROM ledger_invariant()"));
    }

    @Test
    void shouldAnswer503WithoutAnApiKey() throws Exception
    {
        final HttpResponse<String> checkout = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() +
                "/v1/checkout"))
            .header("Authorization", "Bearer " + viewerToken)
            .header("Idempotency-Key", "checkout-1")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"amountMinor\": 1000, \"successUrl\": \"https://example.com/ok\", \"cancelUrl\": \"https://example.com/no\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, checkout.statusCode(), checkout.body());
        assertTrue(checkout.body().contains("payments not configured"), checkout.body());
    }

    private static String hmacSha256Hex(final String signedPayload) throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> webhook(final String payload, final String signature) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/webhooks/stripe"))
            .header("Content-Type", "application/json")
            .header("Stripe-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String checkoutCompleted(final String eventId, final long amount)
    {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-09-30.clover\"," +
            "\"created\":" + System.currentTimeMillis() / 1000 + ",\"type\":\"checkout.session.completed\"," +
            "\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null}," +
            "\"data\":{\"object\":{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"amount_total\":" + amount +
            ",\"currency\":\"usd\",\"payment_status\":\"paid\",\"status\":\"complete\"," +
            "\"metadata\":{\"tenant\":\"shop\",\"wallet\":\"payer\"}}}}";
    }

    private static long walletBalance()
    {
        return count("SELECT coalesce(sum(b.balance_minor), 0) FROM accounts a JOIN account_balances b " +
            "USING (account_id) WHERE a.tenant = 'shop' AND a.kind = 'wallet' AND a.owner = 'payer'");
    }

    private static long count(final String sql)
    {
        try (Connection connection = stack.billing().database().dataSource().getConnection();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            final long value = row.getLong(1);
            connection.rollback();
            return value;
        }
        catch (final java.sql.SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Path matchFile()
    {
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("data/statsbomb/15986-events.json.gz");
            if (Files.isReadable(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("shipped match not found");
    }
}
