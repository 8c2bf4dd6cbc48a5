package io.v100.shell.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.Tier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger on the embedded PostgreSQL (one server for the class): concurrent deductions, concurrent duplicates
 * of one idempotency key, append-only and balanced-at-commit enforcement, refunds; the ledger invariant is
 * checked after every test.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
final class LedgerSystemTest
{
    @TempDir
    static Path dataDirectory;

    private static BillingDatabase database;
    private static BillingService service;

    @BeforeAll
    static void startDatabase() throws Exception
    {
        final BillingContext context = new BillingContext()
            .embeddedDirectory(dataDirectory.resolve("postgres"))
            .poolSize(16)
            .currency("USD");
        database = BillingDatabase.open(context);
        service = new BillingService(database.dataSource(), context);
    }

    @AfterAll
    static void stopDatabase()
    {
        if (null != database)
        {
            database.close();
        }
    }

    @AfterEach
    void ledgerInvariantHolds() throws SQLException
    {
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery("SELECT * FROM ledger_invariant()"))
        {
            row.next();
            assertEquals(0, row.getLong(1), "sum of all postings");
            assertEquals(0, row.getLong(2), "accounts whose balance differs from the sum of their postings");
            connection.rollback();
        }
    }

    @Test
    void shouldEndThousandConcurrentDeductionsWithTheExactBalance() throws Exception
    {
        final String tenant = "conc-" + shortId();
        final Principal admin = new Principal(tenant, Tier.PRO, Role.ADMIN, "admin-1", "jwt");
        final Principal viewer = new Principal(tenant, Tier.PRO, Role.VIEWER, "viewer-1", "jwt");
        final int purchases = 1_000;
        final long price = 7;
        final long credit = 5_000;
        for (int event = 1; event <= purchases; event++)
        {
            assertEquals(200, service.setPrice(admin, event, price, "USD", "partner-a", 2_500, key(), "fp").status());
        }
        assertEquals(200, service.credit(admin, viewer.subject(), credit, key(), "fp", "req-credit").status());

        final ExecutorService pool = Executors.newFixedThreadPool(32);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Future<BillingAnswer>> answers = new ArrayList<>();
        for (int event = 1; event <= purchases; event++)
        {
            final long eventId = event;
            answers.add(pool.submit(() ->
            {
                start.await();
                return service.purchase(viewer, eventId, key(), "fp-" + eventId, "req-" + eventId);
            }));
        }
        start.countDown();
        int paid = 0;
        int refused = 0;
        for (final Future<BillingAnswer> answer : answers)
        {
            final BillingAnswer result = answer.get(2, TimeUnit.MINUTES);
            if (201 == result.status())
            {
                paid++;
            }
            else
            {
                assertEquals(402, result.status(), result.body());
                assertTrue(result.body().contains("insufficient_credits"), result.body());
                refused++;
            }
        }
        pool.shutdown();

        assertEquals(credit / price, paid, "purchases that fit the credits");
        assertEquals(purchases - credit / price, refused);
        assertTrue(refused >= 1);
        assertEquals(credit - paid * price, walletBalance(viewer), "exact balance left");
        assertEquals(0, negativeBalances(), "no account that may not go negative is below zero");
        assertEquals(paid, countRows("SELECT count(*) FROM purchases WHERE tenant = '" + tenant + "'"));
        assertEquals(paid, countRows("SELECT count(*) FROM outbox o JOIN purchases p USING (purchase_id) " +
            "WHERE p.tenant = '" + tenant + "' AND o.kind = 'grant'"));
        // The partner gets 25 % of 7 rounded down (1 minor unit), revenue the other 6.
        assertEquals(paid, balanceOf(tenant, "partner_payable", "partner-a"));
        assertEquals(paid * 6L, balanceOf(tenant, "revenue", "platform"));
    }

    @Test
    void shouldMakeOneTransactionForFiftyParallelRequestsWithOneKey() throws Exception
    {
        final String tenant = "idem-" + shortId();
        final Principal admin = new Principal(tenant, Tier.PRO, Role.ADMIN, "admin-1", "jwt");
        final String key = key();
        final ExecutorService pool = Executors.newFixedThreadPool(50);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Future<BillingAnswer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            final String requestId = "req-" + i;
            final Callable<BillingAnswer> call = () ->
            {
                start.await();
                return service.credit(admin, "viewer-9", 1_234, key, "same-body", requestId);
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        final Set<String> bodies = new HashSet<>();
        int replayed = 0;
        for (final Future<BillingAnswer> answer : answers)
        {
            final BillingAnswer result = answer.get(1, TimeUnit.MINUTES);
            assertEquals(200, result.status(), result.body());
            bodies.add(result.body());
            replayed += result.replayed() ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, bodies.size(), "every duplicate gets the stored answer");
        assertEquals(49, replayed);
        assertEquals(1, countRows("SELECT count(*) FROM ledger_transactions WHERE tenant = '" + tenant + "'"));
        assertEquals(1_234, balanceOf(tenant, "wallet", "viewer-9"));

        final BillingAnswer otherBody = service.credit(admin, "viewer-9", 99, key, "another-body", "req-x");
        assertEquals(422, otherBody.status(), otherBody.body());
        assertEquals(1, countRows("SELECT count(*) FROM ledger_transactions WHERE tenant = '" + tenant + "'"));
    }

    @Test
    void shouldReverseTheLedgerAndQueueARevokeOnRefund() throws Exception
    {
        final String tenant = "refund-" + shortId();
        final Principal admin = new Principal(tenant, Tier.PRO, Role.ADMIN, "admin-1", "jwt");
        final Principal viewer = new Principal(tenant, Tier.PRO, Role.VIEWER, "viewer-2", "jwt");
        service.setPrice(admin, 42, 1_000, "USD", "club", 3_000, key(), "fp");
        service.credit(admin, viewer.subject(), 1_500, key(), "fp", "req-1");

        final BillingAnswer bought = service.purchase(viewer, 42, key(), "fp", "req-2");
        assertEquals(201, bought.status(), bought.body());
        final JsonNode purchase = BillingService.JSON.readTree(bought.body());
        assertEquals(500, purchase.get("balanceMinor").asLong());
        assertEquals(300, balanceOf(tenant, "partner_payable", "club"));
        assertEquals(409, service.purchase(viewer, 42, key(), "fp", "req-3").status(), "bought once only");
        assertEquals(403, service.refund(viewer, purchase.get("purchaseId").asLong(), key(), "fp", "r").status());

        final BillingAnswer refunded = service.refund(admin, purchase.get("purchaseId").asLong(), key(), "fp", "r4");
        assertEquals(200, refunded.status(), refunded.body());
        assertEquals(1_500, walletBalance(viewer));
        assertEquals(0, balanceOf(tenant, "partner_payable", "club"));
        assertEquals(0, balanceOf(tenant, "revenue", "platform"));
        assertEquals(409, service.refund(admin, purchase.get("purchaseId").asLong(), key(), "fp", "r5").status());
        assertEquals(2, countRows("SELECT count(*) FROM outbox WHERE purchase_id = " +
            purchase.get("purchaseId").asLong()));
        assertEquals(1, countRows("SELECT count(*) FROM outbox WHERE kind = 'revoke' AND expiry_ns = 1 AND " +
            "purchase_id = " + purchase.get("purchaseId").asLong()));

        final BillingAnswer audit = service.transactions(admin, null, "refund", null, null, 10);
        final JsonNode rows = BillingService.JSON.readTree(audit.body()).get("transactions");
        assertEquals(1, rows.size());
        assertEquals(purchase.get("purchaseId").asText(), rows.get(0).get("cause").get("id").asText());
        assertEquals("r4", rows.get(0).get("requestId").asText());
        assertEquals(3, rows.get(0).get("postings").size());
    }

    @Test
    void shouldRefuseChangesToPostingsAndUnbalancedTransactions() throws Exception
    {
        final String tenant = "guard-" + shortId();
        final Principal admin = new Principal(tenant, Tier.PRO, Role.ADMIN, "admin-1", "jwt");
        service.credit(admin, "viewer-3", 100, key(), "fp", "req-1");
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement())
        {
            final SQLException update = assertThrows(SQLException.class,
                () -> statement.executeUpdate("UPDATE postings SET amount_minor = amount_minor + 1"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            connection.rollback();
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM ledger_transactions"));
            connection.rollback();

            final long wallet;
            try (ResultSet row = statement.executeQuery(
                "SELECT billing_account('" + tenant + "', 'wallet', 'viewer-3', 'USD')"))
            {
                row.next();
                wallet = row.getLong(1);
            }
            statement.executeUpdate("INSERT INTO ledger_transactions (tenant, type, cause_type, cause_id, actor, " +
                "request_id) VALUES ('" + tenant + "', 'credit', 'test', 'x', 'test', 'x')");
            statement.executeUpdate("INSERT INTO postings (transaction_id, account_id, amount_minor, currency, " +
                "balance_before, balance_after) VALUES (currval('ledger_transactions_transaction_id_seq'), " +
                wallet + ", 5, 'USD', 100, 105)");
            final SQLException commit = assertThrows(SQLException.class, connection::commit);
            assertTrue(commit.getMessage().contains("not balanced"), commit.getMessage());
            connection.rollback();

            try (PreparedStatement call = connection.prepareStatement(
                "SELECT ledger_post(?, 'credit', 'test', 'y', 'test', 'y', ARRAY[?]::bigint[], ARRAY[5]::bigint[])"))
            {
                call.setString(1, tenant);
                call.setLong(2, wallet);
                final SQLException oneLeg = assertThrows(SQLException.class, call::execute);
                assertEquals("V1006", oneLeg.getSQLState());
            }
            connection.rollback();
        }
        assertEquals(100, balanceOf(tenant, "wallet", "viewer-3"));
    }

    @Test
    void shouldShowAViewerOnlyItsOwnWallet() throws Exception
    {
        final String tenant = "own-" + shortId();
        final Principal admin = new Principal(tenant, Tier.PRO, Role.ADMIN, "admin-1", "jwt");
        service.credit(admin, "alice", 10, key(), "fp", "req-1");
        service.credit(admin, "bob", 20, key(), "fp", "req-2");
        final Principal alice = new Principal(tenant, Tier.PRO, Role.VIEWER, "alice", "jwt");
        assertEquals(200, service.balance(alice, "alice").status());
        assertEquals(404, service.balance(alice, "bob").status());
        final Principal otherTenantAdmin = new Principal("other-" + shortId(), Tier.PRO, Role.ADMIN, "a", "jwt");
        assertEquals(404, service.balance(otherTenantAdmin, "alice").status());
        assertEquals(403, service.credit(alice, "alice", 10, key(), "fp", "req-3").status());
    }

    private static long walletBalance(final Principal viewer) throws SQLException
    {
        return balanceOf(viewer.tenant(), "wallet", viewer.subject());
    }

    private static long balanceOf(final String tenant, final String kind, final String owner) throws SQLException
    {
        try (Connection connection = database.dataSource().getConnection();
            PreparedStatement query = connection.prepareStatement(
                "SELECT b.balance_minor FROM accounts a JOIN account_balances b USING (account_id) " +
                    "WHERE a.tenant = ? AND a.kind = ? AND a.owner = ?"))
        {
            query.setString(1, tenant);
            query.setString(2, kind);
            query.setString(3, owner);
            try (ResultSet row = query.executeQuery())
            {
                final long balance = row.next() ? row.getLong(1) : 0;
                connection.rollback();
                return balance;
            }
        }
    }

    private static long negativeBalances() throws SQLException
    {
        return countRows("SELECT count(*) FROM account_balances WHERE NOT may_go_negative AND balance_minor < 0");
    }

    private static long countRows(final String sql) throws SQLException
    {
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            final long count = row.getLong(1);
            connection.rollback();
            return count;
        }
    }

    private static String key()
    {
        return UUID.randomUUID().toString();
    }

    private static String shortId()
    {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
