package io.v100.shell.billing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The billing database: an external PostgreSQL named by URL, or an embedded one (zonky, PostgreSQL 18) started
 * in its own data directory and kept there across restarts; migrated with Flyway from
 * {@code classpath:db/migration}; used through a HikariCP pool.
 */
public final class BillingDatabase implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BillingDatabase.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String jdbcUrl;

    private BillingDatabase(final EmbeddedPostgres embedded, final HikariDataSource pool, final String jdbcUrl)
    {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Start (embedded) or reach (external) the server, migrate it and open the pool.
     *
     * @param context settings; concluded here.
     * @return the open database.
     * @throws IOException when the embedded server cannot start.
     */
    public static BillingDatabase open(final BillingContext context) throws IOException
    {
        context.conclude();
        EmbeddedPostgres embedded = null;
        final String url;
        final String user;
        final String password;
        if (null == context.dbUrl())
        {
            Files.createDirectories(context.embeddedDirectory());
            embedded = EmbeddedPostgres.builder()
                .setDataDirectory(context.embeddedDirectory())
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                .start();
            url = embedded.getJdbcUrl(BillingContext.EMBEDDED_USER, BillingContext.EMBEDDED_USER);
            user = BillingContext.EMBEDDED_USER;
            password = null;
            LOG.info("embedded PostgreSQL on port {} in {}", embedded.getPort(), context.embeddedDirectory());
        }
        else
        {
            url = context.dbUrl();
            user = context.dbUser();
            password = context.dbPassword();
        }
        try
        {
            final HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(context.poolSize());
            config.setPoolName("v100-billing");
            config.setAutoCommit(false);
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            final HikariDataSource pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new BillingDatabase(embedded, pool, url);
        }
        catch (final RuntimeException ex)
        {
            if (null != embedded)
            {
                embedded.close();
            }
            throw ex;
        }
    }

    /**
     * @return the pooled data source; connections come with auto-commit off.
     */
    public DataSource dataSource()
    {
        return pool;
    }

    /**
     * @return the JDBC URL in use (no credentials in it).
     */
    public String jdbcUrl()
    {
        return jdbcUrl;
    }

    public void close()
    {
        pool.close();
        if (null != embedded)
        {
            try
            {
                embedded.close();
            }
            catch (final IOException ex)
            {
                LOG.warn("embedded PostgreSQL did not stop cleanly: {}", ex.toString());
            }
        }
    }
}
