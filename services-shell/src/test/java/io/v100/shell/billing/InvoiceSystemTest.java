package io.v100.shell.billing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A month of usage gives the hand-worked invoice lines, and two schedulers on one database (what two shell
 * instances run) produce one invoice per tenant with one run.
 * <p>
 * Hand-worked, October 2026, plan pro per month: fee 4,900; 200,000 gateway calls and 5,000 licence grants
 * included. Usage: 1,450,000 gateway calls, 12,500 licence grants. Gateway overage 1,250,000: the first 1,000,000
 * at 50 per 1,000 = 50,000, the next 250,000 at 20 per 1,000 = 5,000. Licence overage 7,500 at 100 per 1,000 =
 * 750. Total 4,900 + 50,000 + 5,000 + 750 = 60,650 minor units. A tenant on the enterprise annual plan started in
 * March pays no fee in October, only its overage: 300,000 calls above 1,000,000 included, at 50 per 1,000 = 15,000.
 */
@Tag("slow")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class InvoiceSystemTest
{
    @TempDir
    static Path directory;

    private static BillingDatabase database;

    @BeforeAll
    static void start() throws Exception
    {
        database = BillingDatabase.open(new BillingContext().embeddedDirectory(directory.resolve("pg")).poolSize(4));
        execute(
            "INSERT INTO plans VALUES ('pro', 'month', 4900, 'USD'), ('enterprise', 'year', 990000, 'USD')",
            "INSERT INTO plan_allowances VALUES ('pro', 'month', 'gateway_calls', 200000), " +
                "('pro', 'month', 'licence_grants', 5000), ('enterprise', 'year', 'gateway_calls', 1000000)",
            "INSERT INTO rate_card_tiers VALUES ('gateway_calls', 'USD', 0, 1000000, 50), " +
                "('gateway_calls', 'USD', 1000000, NULL, 20), ('licence_grants', 'USD', 0, 10000, 100), " +
                "('licence_grants', 'USD', 10000, NULL, 80)",
            "INSERT INTO subscriptions VALUES ('acme', 'pro', 'month', '2026-01-01T00:00:00Z'), " +
                "('bigco', 'enterprise', 'year', '2026-03-15T00:00:00Z')",
            "INSERT INTO usage_records (tenant, meter, quantity, occurred_at) VALUES " +
                "('acme', 'gateway_calls', 1000000, '2026-10-03T10:00:00Z'), " +
                "('acme', 'gateway_calls', 450000, '2026-10-31T23:59:59Z'), " +
                "('acme', 'gateway_calls', 999999, '2026-11-01T00:00:00Z'), " +
                "('acme', 'licence_grants', 12500, '2026-10-20T00:00:00Z'), " +
                "('bigco', 'gateway_calls', 1300000, '2026-10-10T00:00:00Z')");
    }

    @AfterAll
    static void stop()
    {
        if (null != database)
        {
            database.close();
        }
    }

    @Test
    void shouldInvoiceTheMonthOnceAcrossTwoSchedulers() throws Exception
    {
        final YearMonth october = YearMonth.of(2026, 10);
        try (InvoiceScheduler a = new InvoiceScheduler(database.dataSource(), "shell-a", Duration.ofMillis(200),
                Clock.systemUTC());
            InvoiceScheduler b = new InvoiceScheduler(database.dataSource(), "shell-b", Duration.ofMillis(200),
                Clock.systemUTC()))
        {
            a.start();
            b.start();
            final boolean scheduledByA = a.requestRun(october);
            final boolean scheduledByB = b.requestRun(october);
            assertTrue(scheduledByA ^ scheduledByB, "the month's run is stored once");
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'invoice-run'") > 0)
            {
                assertTrue(System.nanoTime() < deadlineNs, "the invoice run did not finish");
                Thread.sleep(100);
            }
            assertEquals(1, a.runs() + b.runs(), "one run between the two schedulers");
            assertTrue(a.requestRun(october), "a later request for a finished month schedules again");
            while (count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'invoice-run'") > 0)
            {
                assertTrue(System.nanoTime() < deadlineNs, "the second run did not finish");
                Thread.sleep(100);
            }
        }
        assertEquals(2, count("SELECT count(*) FROM invoices"), "one invoice per tenant even after a second run");

        assertEquals(60_650, count("SELECT total_minor FROM invoices WHERE tenant = 'acme'"));
        assertEquals(List.of(
            "subscription pro per month|1|4900",
            "gateway_calls overage 0-1000000|1000000|50000",
            "gateway_calls overage 1000000-|250000|5000",
            "licence_grants overage 0-10000|7500|750"), lines("acme"));
        assertEquals(15_000, count("SELECT total_minor FROM invoices WHERE tenant = 'bigco'"));
        assertEquals(List.of("gateway_calls overage 0-1000000|300000|15000"), lines("bigco"));
    }

    private static List<String> lines(final String tenant) throws SQLException
    {
        final List<String> lines = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery("SELECT l.description, l.quantity, l.amount_minor " +
                "FROM invoice_lines l JOIN invoices i USING (invoice_id) WHERE i.tenant = '" + tenant +
                "' ORDER BY l.line_no"))
        {
            while (row.next())
            {
                lines.add(row.getString(1) + "|" + row.getLong(2) + "|" + row.getLong(3));
            }
            connection.rollback();
        }
        return lines;
    }

    private static long count(final String sql) throws SQLException
    {
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            final long value = row.getLong(1);
            connection.rollback();
            return value;
        }
    }

    private static void execute(final String... statements) throws SQLException
    {
        try (Connection connection = database.dataSource().getConnection();
            Statement statement = connection.createStatement())
        {
            for (final String sql : statements)
            {
                statement.execute(sql);
            }
            connection.commit();
        }
    }
}
