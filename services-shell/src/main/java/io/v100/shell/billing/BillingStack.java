package io.v100.shell.billing;

import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import io.v100.shell.gateway.RouteExtension;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Billing as the shell runs it: the database (embedded or external, migrated), the service, the worker pool its
 * routes run JDBC on (one thread per pooled connection), the outbox relay on a thread of its own, and the
 * invoice scheduler (db-scheduler).
 */
public final class BillingStack implements AutoCloseable
{
    private final BillingContext context;
    private final BillingDatabase database;
    private final BillingService service;
    private final ExecutorService executor;
    private final EntitlementRelayAgent relay;
    private final AgentRunner relayRunner;
    private final InvoiceScheduler invoices;

    private BillingStack(
        final BillingContext context,
        final BillingDatabase database,
        final BillingService service,
        final ExecutorService executor,
        final EntitlementRelayAgent relay,
        final AgentRunner relayRunner,
        final InvoiceScheduler invoices)
    {
        this.invoices = invoices;
        this.context = context;
        this.database = database;
        this.service = service;
        this.executor = executor;
        this.relay = relay;
        this.relayRunner = relayRunner;
    }

    /**
     * @param context        settings.
     * @param clientContext  the core's channels and a running media driver, for the relay; null runs no relay.
     * @param credentials    the relay's principal (the {@code COMMERCE} role); ignored without a client context.
     * @return the running stack.
     * @throws IOException when the embedded server cannot start.
     */
    public static BillingStack start(
        final BillingContext context, final ClientContext clientContext, final ClientCredentials credentials)
        throws IOException
    {
        final BillingDatabase database = BillingDatabase.open(context);
        final BillingService service = new BillingService(database.dataSource(), context);
        final AtomicInteger threads = new AtomicInteger();
        final ExecutorService executor = Executors.newFixedThreadPool(context.poolSize(), task ->
        {
            final Thread thread = new Thread(task, "v100-billing-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EntitlementRelayAgent relay = null;
        AgentRunner runner = null;
        if (null != clientContext)
        {
            relay = new EntitlementRelayAgent(
                database.dataSource(), clientContext, credentials, context.relayHaltBeforeSend());
            runner = new AgentRunner(new SleepingMillisIdleStrategy(5), Throwable::printStackTrace, null, relay);
            AgentRunner.startOnThread(runner);
        }
        final InvoiceScheduler invoices = new InvoiceScheduler(database.dataSource(),
            "shell-" + ProcessHandle.current().pid(), Duration.ofSeconds(10), Clock.systemUTC()).start();
        return new BillingStack(context, database, service, executor, relay, runner, invoices);
    }

    /**
     * Queue every outbox row again, for a core that starts from an empty journal.
     *
     * @return rows queued.
     * @throws SQLException when the database fails.
     */
    public long redeliverAll() throws SQLException
    {
        try (Connection connection = database.dataSource().getConnection();
            PreparedStatement call = connection.prepareStatement("SELECT outbox_redeliver()"))
        {
            final long queued;
            try (ResultSet row = call.executeQuery())
            {
                row.next();
                queued = row.getLong(1);
            }
            connection.commit();
            return queued;
        }
    }

    /**
     * @return the routes to mount on the gateway: the ledger and purchases, then Stripe checkout and webhook.
     */
    public List<RouteExtension> routes()
    {
        final BillingRoutes billing = new BillingRoutes(service, executor);
        return List.of(billing, new StripeRoutes(context, service, billing));
    }

    public BillingService service()
    {
        return service;
    }

    public BillingDatabase database()
    {
        return database;
    }

    /**
     * @return the relay, or null when none runs.
     */
    public EntitlementRelayAgent relay()
    {
        return relay;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(invoices, relayRunner);
        executor.shutdown();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
