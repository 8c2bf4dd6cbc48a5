package io.v100.shell.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.Role;

import javax.sql.DataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The credits ledger and pay-per-view purchases, over JDBC. Every method blocks on the database: call it from a
 * worker thread, never from a Vert.x event loop ({@link BillingRoutes} does so).
 * <p>
 * <b>Isolation.</b> Transactions run under READ COMMITTED. Every ledger write goes through the database function
 * {@code ledger_post} (migration V2), which locks the balance rows of all accounts involved with
 * {@code SELECT ... FOR UPDATE} in ascending account id order, checks that no account that may not go negative
 * would, and writes the postings and new balances under those locks. Writers of one wallet are therefore
 * serialized by its row lock, the fixed order rules out deadlocks between transfers, and a refused debit
 * (SQLSTATE V1001) changes nothing. Balance is enforced twice: {@code ledger_post} refuses legs that do not sum
 * to zero before writing anything (V1006), and a deferred constraint trigger on {@code postings} re-checks every
 * transaction's postings at commit, so a write that bypassed the function would still not commit unbalanced.
 * <p>
 * <b>Idempotency.</b> A mutating call first claims its {@code Idempotency-Key} by inserting a row keyed by
 * (tenant, subject, key) in the same database transaction as the work. A concurrent duplicate blocks on that
 * primary key until the first commits, then reads its stored answer; the work and the answer commit together, so
 * a key maps to at most one ledger transaction. Same key with another fingerprint (method, path, body) answers 422.
 * Answers of 5xx are not stored (the transaction rolls back), so the client may retry them.
 * <p>
 * The SQL is in the Flyway migrations; this class only calls the functions defined there.
 */
public final class BillingService
{
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSUFFICIENT = "V1001";
    private static final String NO_PRICE = "V1002";
    private static final String ALREADY_PURCHASED = "V1003";
    private static final String NO_PURCHASE = "V1004";
    private static final String ALREADY_REFUNDED = "V1005";
    private static final int MAX_AUDIT_ROWS = 500;

    private final DataSource dataSource;
    private final BillingContext context;

    /**
     * @param dataSource pooled, auto-commit off.
     * @param context    settings.
     */
    public BillingService(final DataSource dataSource, final BillingContext context)
    {
        this.dataSource = dataSource;
        this.context = context;
    }

    /**
     * A unit of work inside the idempotent transaction.
     */
    @FunctionalInterface
    interface Work
    {
        BillingAnswer run(Connection connection) throws SQLException;
    }

    /**
     * An admin provisions credits: credits_issued → wallet.
     *
     * @param caller         an admin of the wallet's tenant.
     * @param walletId       the viewer's subject.
     * @param amountMinor    positive, at most the configured maximum, in minor units of the configured currency.
     * @param idempotencyKey the request's key.
     * @param fingerprint    hash of method, path and body.
     * @param requestId      the gateway's request id, recorded on the transaction.
     * @return 200 with the transaction id and the new balance, 403 for a non-admin, 400 for a bad amount.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer credit(
        final Principal caller,
        final String walletId,
        final long amountMinor,
        final String idempotencyKey,
        final String fingerprint,
        final String requestId) throws SQLException
    {
        if (Role.ADMIN != caller.role())
        {
            return error(403, "forbidden", "only an admin provisions credits");
        }
        if (!Principal.SUBJECT_PATTERN.matcher(walletId).matches())
        {
            return error(400, "invalid_wallet", "wallet id must match " + Principal.SUBJECT_PATTERN);
        }
        if (amountMinor < 1 || amountMinor > context.maxCreditMinor())
        {
            return error(400, "invalid_amount", "amountMinor must be 1 to " + context.maxCreditMinor());
        }
        return idempotent(caller, idempotencyKey, fingerprint, connection ->
        {
            try (PreparedStatement call = connection.prepareStatement("SELECT * FROM wallet_credit(?,?,?,?,?,?,?)"))
            {
                call.setString(1, caller.tenant());
                call.setString(2, walletId);
                call.setString(3, context.currency());
                call.setLong(4, amountMinor);
                call.setString(5, actor(caller));
                call.setString(6, requestId);
                call.setString(7, requestId);
                try (ResultSet row = call.executeQuery())
                {
                    row.next();
                    final ObjectNode body = JSON.createObjectNode();
                    body.put("walletId", walletId);
                    body.put("transactionId", row.getLong(1));
                    body.put("amountMinor", amountMinor);
                    body.put("currency", context.currency());
                    body.put("balanceMinor", row.getLong(2));
                    return new BillingAnswer(200, text(body), false);
                }
            }
        });
    }

    /**
     * A viewer buys an event at its configured price: wallet → revenue and partner payable, the purchase and its
     * outbox grant, in one transaction.
     *
     * @param caller         the viewer (its subject is the wallet).
     * @param eventId        the event.
     * @param idempotencyKey the request's key.
     * @param fingerprint    hash of method, path and body.
     * @param requestId      recorded on the transaction.
     * @return 201 with the purchase; 402 without enough credits; 404 when the event has no price; 409 when
     *         already bought.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer purchase(
        final Principal caller,
        final long eventId,
        final String idempotencyKey,
        final String fingerprint,
        final String requestId) throws SQLException
    {
        final long viewerId = ViewerIds.of(caller.tenant(), caller.subject());
        final long expiryNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) +
            TimeUnit.SECONDS.toNanos(context.entitlementTtlS());
        return idempotent(caller, idempotencyKey, fingerprint, connection ->
        {
            try (PreparedStatement call = connection.prepareStatement("SELECT * FROM purchase_event(?,?,?,?,?,?)"))
            {
                call.setString(1, caller.tenant());
                call.setString(2, caller.subject());
                call.setLong(3, viewerId);
                call.setLong(4, eventId);
                call.setLong(5, expiryNs);
                call.setString(6, requestId);
                try (ResultSet row = call.executeQuery())
                {
                    row.next();
                    final ObjectNode body = JSON.createObjectNode();
                    body.put("purchaseId", row.getLong(1));
                    body.put("transactionId", row.getLong(2));
                    body.put("eventId", eventId);
                    body.put("viewerId", viewerId);
                    body.put("priceMinor", row.getLong(3));
                    body.put("currency", row.getString(4));
                    body.put("partnerShareMinor", row.getLong(5));
                    body.put("balanceMinor", row.getLong(6));
                    body.put("entitlementExpiryNs", expiryNs);
                    body.put("status", "paid");
                    return new BillingAnswer(201, text(body), false);
                }
            }
        });
    }

    /**
     * An admin refunds a purchase: the purchase's postings negated in a new transaction, and a revoke in the
     * outbox.
     *
     * @param caller         an admin of the purchase's tenant.
     * @param purchaseId     the purchase.
     * @param idempotencyKey the request's key.
     * @param fingerprint    hash of method, path and body.
     * @param requestId      recorded on the transaction.
     * @return 200; 404 for no such purchase in the tenant; 409 when already refunded; 403 for a non-admin.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer refund(
        final Principal caller,
        final long purchaseId,
        final String idempotencyKey,
        final String fingerprint,
        final String requestId) throws SQLException
    {
        if (Role.ADMIN != caller.role())
        {
            return error(403, "forbidden", "only an admin refunds");
        }
        return idempotent(caller, idempotencyKey, fingerprint, connection ->
        {
            try (PreparedStatement call = connection.prepareStatement("SELECT * FROM refund_purchase(?,?,?,?)"))
            {
                call.setString(1, caller.tenant());
                call.setLong(2, purchaseId);
                call.setString(3, actor(caller));
                call.setString(4, requestId);
                try (ResultSet row = call.executeQuery())
                {
                    row.next();
                    final ObjectNode body = JSON.createObjectNode();
                    body.put("purchaseId", row.getLong(1));
                    body.put("refundTransactionId", row.getLong(2));
                    body.put("amountMinor", row.getLong(3));
                    body.put("currency", row.getString(4));
                    body.put("status", "refunded");
                    return new BillingAnswer(200, text(body), false);
                }
            }
        });
    }

    /**
     * Credit a wallet for a paid Stripe Checkout session, once per Stripe event id: Stripe clearing → wallet.
     *
     * @param stripeEventId the verified event's id ({@code evt_...}).
     * @param eventType     the event type.
     * @param tenant        from the session's metadata.
     * @param walletId      from the session's metadata.
     * @param currency      ISO 4217, upper case.
     * @param amountMinor   the session's amount_total, minor units.
     * @param requestId     recorded on the transaction.
     * @return 200 with the transaction id and {@code applied} false for an event id seen before.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer stripeCredit(
        final String stripeEventId,
        final String eventType,
        final String tenant,
        final String walletId,
        final String currency,
        final long amountMinor,
        final String requestId) throws SQLException
    {
        try (Connection connection = dataSource.getConnection();
            PreparedStatement call = connection.prepareStatement("SELECT * FROM stripe_credit(?,?,?,?,?,?,?)"))
        {
            call.setString(1, stripeEventId);
            call.setString(2, eventType);
            call.setString(3, tenant);
            call.setString(4, walletId);
            call.setString(5, currency);
            call.setLong(6, amountMinor);
            call.setString(7, requestId);
            try (ResultSet row = call.executeQuery())
            {
                row.next();
                final ObjectNode body = JSON.createObjectNode();
                body.put("received", true);
                body.put("stripeEventId", stripeEventId);
                body.put("transactionId", row.getLong(1));
                body.put("applied", row.getBoolean(2));
                connection.commit();
                return new BillingAnswer(200, text(body), false);
            }
            catch (final SQLException ex)
            {
                connection.rollback();
                throw ex;
            }
        }
    }

    /**
     * A purchase and whether the core has journaled its grant (and revoke).
     *
     * @param caller     the buyer (only its own purchases) or an admin of the tenant.
     * @param purchaseId the purchase.
     * @return 200; 404 when no such purchase is visible to the caller.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer purchaseStatus(final Principal caller, final long purchaseId) throws SQLException
    {
        try (Connection connection = dataSource.getConnection();
            PreparedStatement call = connection.prepareStatement("SELECT * FROM purchase_get(?,?)"))
        {
            call.setString(1, caller.tenant());
            call.setLong(2, purchaseId);
            try (ResultSet row = call.executeQuery())
            {
                if (!row.next() || (Role.ADMIN != caller.role() && !caller.subject().equals(row.getString(2))))
                {
                    connection.rollback();
                    return error(404, "not_found", "no such purchase: " + purchaseId);
                }
                final ObjectNode body = JSON.createObjectNode();
                body.put("purchaseId", row.getLong(1));
                body.put("walletId", row.getString(2));
                body.put("viewerId", row.getLong(3));
                body.put("eventId", row.getLong(4));
                body.put("priceMinor", row.getLong(5));
                body.put("currency", row.getString(6));
                body.put("status", row.getString(7));
                body.put("transactionId", row.getLong(8));
                final long refundTx = row.getLong(9);
                if (!row.wasNull())
                {
                    body.put("refundTransactionId", refundTx);
                }
                body.put("createdAt", row.getTimestamp(10).toInstant().toString());
                final ObjectNode entitlement = body.putObject("entitlement");
                final Timestamp granted = row.getTimestamp(11);
                final Timestamp revoked = row.getTimestamp(12);
                entitlement.put("grantJournaledByCore", null != granted);
                entitlement.put("grantJournaledAt", null == granted ? null : granted.toInstant().toString());
                if (null != revoked || "refunded".equals(row.getString(7)))
                {
                    entitlement.put("revokeJournaledByCore", null != revoked);
                }
                connection.rollback();
                return new BillingAnswer(200, text(body), false);
            }
        }
    }

    /**
     * An admin sets an event's price in the tenant.
     *
     * @param caller          an admin.
     * @param eventId         the event.
     * @param priceMinor      positive, minor units of {@code currency}.
     * @param currency        ISO 4217 code.
     * @param partner         who gets the share.
     * @param partnerShareBps the partner's share in basis points, 0 to 10,000.
     * @param idempotencyKey  the request's key.
     * @param fingerprint     hash of method, path and body.
     * @return 200 with the price, 400 for a bad value, 403 for a non-admin.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer setPrice(
        final Principal caller,
        final long eventId,
        final long priceMinor,
        final String currency,
        final String partner,
        final int partnerShareBps,
        final String idempotencyKey,
        final String fingerprint) throws SQLException
    {
        if (Role.ADMIN != caller.role())
        {
            return error(403, "forbidden", "only an admin sets prices");
        }
        if (priceMinor < 1 || partnerShareBps < 0 || partnerShareBps > 10_000 ||
            null == currency || !currency.matches("[A-Z]{3}") ||
            null == partner || !Principal.SUBJECT_PATTERN.matcher(partner).matches())
        {
            return error(400, "invalid_body",
                "priceMinor > 0, currency ISO 4217, partner id and partnerShareBps 0..10000 are required");
        }
        return idempotent(caller, idempotencyKey, fingerprint, connection ->
        {
            try (PreparedStatement call = connection.prepareStatement("SELECT event_price_set(?,?,?,?,?,?)"))
            {
                call.setString(1, caller.tenant());
                call.setLong(2, eventId);
                call.setLong(3, priceMinor);
                call.setString(4, currency);
                call.setString(5, partner);
                call.setInt(6, partnerShareBps);
                call.execute();
            }
            final ObjectNode body = JSON.createObjectNode();
            body.put("eventId", eventId);
            body.put("priceMinor", priceMinor);
            body.put("currency", currency);
            body.put("partner", partner);
            body.put("partnerShareBps", partnerShareBps);
            return new BillingAnswer(200, text(body), false);
        });
    }

    /**
     * @param caller   a viewer (only its own wallet) or an admin (any wallet of its tenant).
     * @param walletId the wallet's subject.
     * @return 200 with the balance per currency; 404 for another viewer's wallet or none in the tenant.
     * @throws SQLException when the database fails.
     */
    public BillingAnswer balance(final Principal caller, final String walletId) throws SQLException
    {
        if (Role.ADMIN != caller.role() && !caller.subject().equals(walletId))
        {
            return error(404, "not_found", "no such wallet: " + walletId);
        }
        try (Connection connection = dataSource.getConnection();
            PreparedStatement call = connection.prepareStatement("SELECT * FROM wallet_balance(?,?)"))
        {
            call.setString(1, caller.tenant());
            call.setString(2, walletId);
            final ArrayNode balances = JSON.createArrayNode();
            try (ResultSet row = call.executeQuery())
            {
                while (row.next())
                {
                    balances.addObject()
                        .put("accountId", row.getLong(1))
                        .put("currency", row.getString(2))
                        .put("balanceMinor", row.getLong(3));
                }
            }
            connection.rollback();
            if (balances.isEmpty())
            {
                return error(404, "not_found", "no such wallet: " + walletId);
            }
            final ObjectNode body = JSON.createObjectNode();
            body.put("walletId", walletId);
            body.set("balances", balances);
            return new BillingAnswer(200, text(body), false);
        }
    }

    /**
     * The audit log of the caller's tenant (admins only).
     *
     * @param caller    an admin.
     * @param accountId only transactions touching this account, or null.
     * @param type      credit, purchase, refund, stripe_payment, or null.
     * @param from      inclusive lower bound of the creation time, or null.
     * @param to        exclusive upper bound, or null.
     * @param limit     at most this many, newest first (capped at 500).
     * @return 200 with the transactions and their postings (before and after of each account).
     * @throws SQLException when the database fails.
     */
    public BillingAnswer transactions(
        final Principal caller,
        final Long accountId,
        final String type,
        final Instant from,
        final Instant to,
        final int limit) throws SQLException
    {
        if (Role.ADMIN != caller.role())
        {
            return error(403, "forbidden", "only an admin reads the ledger");
        }
        try (Connection connection = dataSource.getConnection();
            PreparedStatement call = connection.prepareStatement("SELECT * FROM ledger_audit(?,?,?,?,?,?)"))
        {
            call.setString(1, caller.tenant());
            if (null == accountId)
            {
                call.setNull(2, Types.BIGINT);
            }
            else
            {
                call.setLong(2, accountId);
            }
            call.setString(3, type);
            call.setTimestamp(4, null == from ? null : Timestamp.from(from));
            call.setTimestamp(5, null == to ? null : Timestamp.from(to));
            call.setInt(6, Math.max(1, Math.min(limit, MAX_AUDIT_ROWS)));
            final ArrayNode rows = JSON.createArrayNode();
            try (ResultSet row = call.executeQuery())
            {
                while (row.next())
                {
                    final ObjectNode tx = rows.addObject();
                    tx.put("transactionId", row.getLong(1));
                    tx.put("type", row.getString(2));
                    tx.putObject("cause").put("type", row.getString(3)).put("id", row.getString(4));
                    tx.put("actor", row.getString(5));
                    tx.put("requestId", row.getString(6));
                    tx.put("createdAt", row.getTimestamp(7).toInstant().toString());
                    try
                    {
                        tx.set("postings", JSON.readTree(row.getString(8)));
                    }
                    catch (final JsonProcessingException ex)
                    {
                        throw new SQLException("ledger_audit returned postings that are not JSON", ex);
                    }
                }
            }
            connection.rollback();
            final ObjectNode body = JSON.createObjectNode();
            body.set("transactions", rows);
            return new BillingAnswer(200, text(body), false);
        }
    }

    /**
     * Run work once per idempotency key: claim the key, run the work under a savepoint, store the answer, commit.
     */
    BillingAnswer idempotent(
        final Principal caller, final String key, final String fingerprint, final Work work) throws SQLException
    {
        try (Connection connection = dataSource.getConnection())
        {
            try
            {
                try (CallableStatement claim = connection.prepareCall("SELECT * FROM idempotency_claim(?,?,?,?)"))
                {
                    claim.setString(1, caller.tenant());
                    claim.setString(2, caller.subject());
                    claim.setString(3, key);
                    claim.setString(4, fingerprint);
                    try (ResultSet row = claim.executeQuery())
                    {
                        row.next();
                        if (!row.getBoolean(1))
                        {
                            final String storedFingerprint = row.getString(2);
                            final int status = row.getInt(3);
                            final String body = row.getString(4);
                            connection.rollback();
                            if (!storedFingerprint.equals(fingerprint))
                            {
                                return error(422, "idempotency_key_reused",
                                    "this Idempotency-Key was used with another request");
                            }
                            return new BillingAnswer(status, body, true);
                        }
                    }
                }
                final Savepoint beforeWork = connection.setSavepoint();
                BillingAnswer answer;
                try
                {
                    answer = work.run(connection);
                }
                catch (final SQLException ex)
                {
                    answer = refusal(ex);
                    if (null == answer)
                    {
                        throw ex;
                    }
                    connection.rollback(beforeWork);
                }
                try (PreparedStatement store = connection.prepareStatement("SELECT idempotency_store(?,?,?,?,?)"))
                {
                    store.setString(1, caller.tenant());
                    store.setString(2, caller.subject());
                    store.setString(3, key);
                    store.setInt(4, answer.status());
                    store.setString(5, answer.body());
                    store.execute();
                }
                connection.commit();
                return answer;
            }
            catch (final SQLException | RuntimeException ex)
            {
                connection.rollback();
                throw ex;
            }
        }
    }

    private static BillingAnswer refusal(final SQLException ex)
    {
        final String state = ex.getSQLState();
        if (null == state)
        {
            return null;
        }
        return switch (state)
        {
            case INSUFFICIENT -> error(402, "insufficient_credits", "not enough credits in the wallet");
            case NO_PRICE -> error(404, "not_for_sale", "the event has no price in this tenant");
            case ALREADY_PURCHASED -> error(409, "already_purchased", "the event is already bought");
            case NO_PURCHASE -> error(404, "not_found", "no such purchase");
            case ALREADY_REFUNDED -> error(409, "already_refunded", "the purchase is already refunded");
            default -> null;
        };
    }

    private static String actor(final Principal caller)
    {
        return caller.method() + ":" + caller.subject();
    }

    static BillingAnswer error(final int status, final String code, final String message)
    {
        final ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new BillingAnswer(status, text(body), false);
    }

    static String text(final ObjectNode body)
    {
        try
        {
            return JSON.writeValueAsString(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("an ObjectNode always serializes", ex);
        }
    }
}
