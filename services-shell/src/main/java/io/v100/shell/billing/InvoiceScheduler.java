package io.v100.shell.billing;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Invoices on a schedule with db-scheduler over the billing database, so that any number of shell instances on
 * one database run each invoice run once: the one-time task {@value #INVOICE_RUN_TASK} has one instance per
 * calendar month (id {@code YYYY-MM}), stored once in {@code scheduled_tasks} and picked by exactly one scheduler;
 * the recurring task {@value #DAILY_TASK} (daily at 00:10 UTC) schedules the previous month's instance if it does
 * not exist yet. The run itself is the database function {@code invoice_run}, which also skips a tenant and month
 * already invoiced (unique key), so even a run forced twice writes one invoice.
 */
public final class InvoiceScheduler implements AutoCloseable
{
    /** The one-time task that invoices one calendar month; instance id {@code YYYY-MM}. */
    public static final String INVOICE_RUN_TASK = "invoice-run";

    /** The recurring task that schedules the previous month's run. */
    public static final String DAILY_TASK = "invoice-daily";

    private final DataSource dataSource;
    private final OneTimeTask<Void> invoiceRun;
    private final Scheduler scheduler;
    private final AtomicLong runs = new AtomicLong();

    /**
     * @param dataSource the billing database (auto-commit off).
     * @param name       this scheduler's name in {@code picked_by}, e.g. the host and port.
     * @param polling    how often to look for due executions.
     * @param clock      wall clock for the previous-month computation.
     */
    public InvoiceScheduler(final DataSource dataSource, final String name, final Duration polling, final Clock clock)
    {
        this.dataSource = dataSource;
        this.invoiceRun = Tasks.oneTime(INVOICE_RUN_TASK).execute((instance, context) ->
        {
            runs.incrementAndGet();
            runMonth(YearMonth.parse(instance.getId()));
        });
        final RecurringTask<Void> daily = Tasks.recurring(DAILY_TASK, Schedules.daily(ZoneOffset.UTC, LocalTime.of(0, 10)))
            .execute((instance, context) -> context.getSchedulerClient().scheduleIfNotExists(
                invoiceRun.instance(YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(1).toString()),
                Instant.now(clock)));
        this.scheduler = Scheduler.create(dataSource, invoiceRun)
            .startTasks(daily)
            .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(name))
            .pollingInterval(polling)
            .commitWhenAutocommitDisabled(true)
            .threads(1)
            .build();
    }

    /**
     * Start polling.
     *
     * @return this.
     */
    public InvoiceScheduler start()
    {
        scheduler.start();
        return this;
    }

    /**
     * Ask for a month's invoice run now, unless one is already scheduled or done.
     *
     * @param month the calendar month (UTC).
     * @return true when this call scheduled it.
     */
    public boolean requestRun(final YearMonth month)
    {
        return scheduler.scheduleIfNotExists(invoiceRun.instance(month.toString()), Instant.now());
    }

    /**
     * @return invoice runs this scheduler executed.
     */
    public long runs()
    {
        return runs.get();
    }

    private void runMonth(final YearMonth month)
    {
        try (Connection connection = dataSource.getConnection();
            PreparedStatement call = connection.prepareStatement("SELECT invoice_run(?)"))
        {
            call.setTimestamp(1, Timestamp.from(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
            try (ResultSet row = call.executeQuery())
            {
                row.next();
            }
            connection.commit();
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("invoice run for " + month + " failed", ex);
        }
    }

    public void close()
    {
        scheduler.stop();
    }
}
