package io.v100.shell.billing;

import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.Tier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Purchases per second against the embedded PostgreSQL, with the latency of each purchase (debit, revenue and
 * partner postings, purchase row, outbox row, idempotency key, one commit) in an HdrHistogram. Prints the
 * figures; asserts only that every purchase was paid once and that the ledger invariant holds.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
final class PurchaseThroughputSystemTest
{
    private static final int VIEWERS = 200;
    private static final int EVENTS = 10;
    private static final int THREADS = 8;

    @TempDir
    Path dataDirectory;

    @Test
    void shouldMeasurePurchasesPerSecond() throws Exception
    {
        final BillingContext context = new BillingContext()
            .embeddedDirectory(dataDirectory.resolve("postgres")).poolSize(THREADS);
        try (BillingDatabase database = BillingDatabase.open(context))
        {
            final BillingService service = new BillingService(database.dataSource(), context);
            final Principal admin = new Principal("perf", Tier.PRO, Role.ADMIN, "admin", "jwt");
            for (int event = 1; event <= EVENTS; event++)
            {
                service.setPrice(admin, event, 100, "USD", "club", 2_000, key(), "fp");
            }
            for (int viewer = 0; viewer < VIEWERS; viewer++)
            {
                service.credit(admin, "viewer-" + viewer, 100L * EVENTS, key(), "fp", "r");
            }
            final Histogram latencyUs = new Histogram(10_000_000, 3);
            final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            final List<Future<Integer>> done = new ArrayList<>();
            final long startNs = System.nanoTime();
            for (int t = 0; t < THREADS; t++)
            {
                final int thread = t;
                done.add(pool.submit(() ->
                {
                    int paid = 0;
                    for (int viewer = thread; viewer < VIEWERS; viewer += THREADS)
                    {
                        final Principal buyer = new Principal("perf", Tier.PRO, Role.VIEWER, "viewer-" + viewer, "jwt");
                        for (int event = 1; event <= EVENTS; event++)
                        {
                            final long t0 = System.nanoTime();
                            final BillingAnswer answer = service.purchase(buyer, event, key(), "fp", "r");
                            final long us = (System.nanoTime() - t0) / 1_000;
                            synchronized (latencyUs)
                            {
                                latencyUs.recordValue(Math.min(us, latencyUs.getHighestTrackableValue()));
                            }
                            paid += 201 == answer.status() ? 1 : 0;
                        }
                    }
                    return paid;
                }));
            }
            int paid = 0;
            for (final Future<Integer> count : done)
            {
                paid += count.get();
            }
            final long elapsedNs = System.nanoTime() - startNs;
            pool.shutdown();

            System.out.printf("purchases: %d on %d threads in %.2f s = %.0f/s; latency us p50 %d p99 %d max %d " +
                    "(%d cores)%n",
                paid, THREADS, elapsedNs / 1e9, paid / (elapsedNs / 1e9),
                latencyUs.getValueAtPercentile(50), latencyUs.getValueAtPercentile(99), latencyUs.getMaxValue(),
                Runtime.getRuntime().availableProcessors());
            assertEquals(VIEWERS * EVENTS, paid);
            try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM ledger_invariant()"))
            {
                row.next();
                assertEquals(0, row.getLong(1));
                assertEquals(0, row.getLong(2));
                connection.rollback();
            }
        }
    }

    private static String key()
    {
        return UUID.randomUUID().toString();
    }
}
