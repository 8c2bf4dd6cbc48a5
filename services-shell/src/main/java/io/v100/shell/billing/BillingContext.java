package io.v100.shell.billing;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Settings of the billing service. Each has a system property ({@code *_PROP_NAME}) and a default
 * ({@code *_DEFAULT}); the setters win over both.
 */
public final class BillingContext
{
    /** JDBC URL of an external PostgreSQL; unset starts an embedded server in the data directory. */
    public static final String DB_URL_PROP_NAME = "v100.billing.db.url";

    /** User for the external server (the embedded one uses {@value #EMBEDDED_USER}). */
    public static final String DB_USER_PROP_NAME = "v100.billing.db.user";

    /** Password for the external server; read from the environment variable {@value #DB_PASSWORD_ENV} too. */
    public static final String DB_PASSWORD_PROP_NAME = "v100.billing.db.password";

    /** Environment variable holding the external server's password (kept out of command lines). */
    public static final String DB_PASSWORD_ENV = "V100_DB_PASSWORD";

    /** JDBC connections in the pool, which is also the number of billing worker threads. */
    public static final String POOL_SIZE_PROP_NAME = "v100.billing.pool.size";
    public static final int POOL_SIZE_DEFAULT = 8;

    /** ISO 4217 code of the credits that admins provision. */
    public static final String CURRENCY_PROP_NAME = "v100.billing.currency";
    public static final String CURRENCY_DEFAULT = "USD";

    /** How long a purchased entitlement lasts, in seconds after the purchase. */
    public static final String ENTITLEMENT_TTL_S_PROP_NAME = "v100.billing.entitlement.ttl.s";
    public static final long ENTITLEMENT_TTL_S_DEFAULT = 7L * 24 * 3600;

    /** Largest single credit an admin may provision, in minor units. */
    public static final String MAX_CREDIT_MINOR_PROP_NAME = "v100.billing.max.credit.minor";
    public static final long MAX_CREDIT_MINOR_DEFAULT = 100_000_000L;

    /**
     * Test-only: when true the outbox relay halts the JVM ({@code Runtime.halt}) after reading a row and before
     * sending it, which is what a {@code kill -9} at that moment looks like.
     */
    public static final String RELAY_HALT_BEFORE_SEND_PROP_NAME = "v100.billing.relay.halt.before.send";

    /** Environment variable with the Stripe secret API key; without it checkout answers 503. */
    public static final String STRIPE_API_KEY_ENV = "STRIPE_API_KEY";

    /** Environment variable with the webhook endpoint's signing secret ({@code whsec_...}). */
    public static final String STRIPE_WEBHOOK_SECRET_ENV = "STRIPE_WEBHOOK_SECRET";

    /** Largest age of a webhook signature's timestamp, in seconds (Stripe's default tolerance is 300). */
    public static final String STRIPE_TOLERANCE_S_PROP_NAME = "v100.billing.stripe.tolerance.s";
    public static final long STRIPE_TOLERANCE_S_DEFAULT = 300;

    /** User and database of the embedded server. */
    public static final String EMBEDDED_USER = "postgres";

    private static final Pattern CURRENCY_PATTERN = Pattern.compile("[A-Z]{3}");

    private String dbUrl = System.getProperty(DB_URL_PROP_NAME);
    private String dbUser = System.getProperty(DB_USER_PROP_NAME, EMBEDDED_USER);
    private String dbPassword = System.getProperty(DB_PASSWORD_PROP_NAME, System.getenv(DB_PASSWORD_ENV));
    private int poolSize = Integer.getInteger(POOL_SIZE_PROP_NAME, POOL_SIZE_DEFAULT);
    private String currency = System.getProperty(CURRENCY_PROP_NAME, CURRENCY_DEFAULT);
    private long entitlementTtlS = Long.getLong(ENTITLEMENT_TTL_S_PROP_NAME, ENTITLEMENT_TTL_S_DEFAULT);
    private long maxCreditMinor = Long.getLong(MAX_CREDIT_MINOR_PROP_NAME, MAX_CREDIT_MINOR_DEFAULT);
    private boolean relayHaltBeforeSend = Boolean.getBoolean(RELAY_HALT_BEFORE_SEND_PROP_NAME);
    private Path embeddedDirectory;
    private String stripeApiKey = System.getenv(STRIPE_API_KEY_ENV);
    private String stripeWebhookSecret = System.getenv(STRIPE_WEBHOOK_SECRET_ENV);
    private long stripeToleranceS = Long.getLong(STRIPE_TOLERANCE_S_PROP_NAME, STRIPE_TOLERANCE_S_DEFAULT);

    /**
     * Check the settings.
     *
     * @return this.
     * @throws IllegalStateException when a setting is out of range or neither a URL nor a directory is set.
     */
    public BillingContext conclude()
    {
        if (null == dbUrl && null == embeddedDirectory)
        {
            throw new IllegalStateException("a database URL or a directory for the embedded server is required");
        }
        if (poolSize < 1)
        {
            throw new IllegalStateException("pool size must be at least 1: " + poolSize);
        }
        if (!CURRENCY_PATTERN.matcher(currency).matches())
        {
            throw new IllegalStateException("currency must be an ISO 4217 code: " + currency);
        }
        if (entitlementTtlS < 1 || maxCreditMinor < 1)
        {
            throw new IllegalStateException("entitlement TTL and max credit must be positive");
        }
        return this;
    }

    public String dbUrl()
    {
        return dbUrl;
    }

    /**
     * @param dbUrl JDBC URL of an external server, or null for the embedded one.
     * @return this.
     */
    public BillingContext dbUrl(final String dbUrl)
    {
        this.dbUrl = dbUrl;
        return this;
    }

    public String dbUser()
    {
        return dbUser;
    }

    public BillingContext dbUser(final String dbUser)
    {
        this.dbUser = dbUser;
        return this;
    }

    public String dbPassword()
    {
        return dbPassword;
    }

    public BillingContext dbPassword(final String dbPassword)
    {
        this.dbPassword = dbPassword;
        return this;
    }

    public int poolSize()
    {
        return poolSize;
    }

    public BillingContext poolSize(final int poolSize)
    {
        this.poolSize = poolSize;
        return this;
    }

    public String currency()
    {
        return currency;
    }

    public BillingContext currency(final String currency)
    {
        this.currency = currency.toUpperCase(Locale.ROOT);
        return this;
    }

    public long entitlementTtlS()
    {
        return entitlementTtlS;
    }

    public BillingContext entitlementTtlS(final long entitlementTtlS)
    {
        this.entitlementTtlS = entitlementTtlS;
        return this;
    }

    public long maxCreditMinor()
    {
        return maxCreditMinor;
    }

    public BillingContext maxCreditMinor(final long maxCreditMinor)
    {
        this.maxCreditMinor = maxCreditMinor;
        return this;
    }

    public boolean relayHaltBeforeSend()
    {
        return relayHaltBeforeSend;
    }

    public BillingContext relayHaltBeforeSend(final boolean relayHaltBeforeSend)
    {
        this.relayHaltBeforeSend = relayHaltBeforeSend;
        return this;
    }

    public Path embeddedDirectory()
    {
        return embeddedDirectory;
    }

    /**
     * @param embeddedDirectory data directory of the embedded server, used when no URL is set.
     * @return this.
     */
    public BillingContext embeddedDirectory(final Path embeddedDirectory)
    {
        this.embeddedDirectory = embeddedDirectory;
        return this;
    }

    /**
     * @return the Stripe secret API key, or null when payments are not configured. Never logged.
     */
    public String stripeApiKey()
    {
        return stripeApiKey;
    }

    public BillingContext stripeApiKey(final String stripeApiKey)
    {
        this.stripeApiKey = stripeApiKey;
        return this;
    }

    /**
     * @return the webhook signing secret, or null when webhooks are not configured. Never logged.
     */
    public String stripeWebhookSecret()
    {
        return stripeWebhookSecret;
    }

    public BillingContext stripeWebhookSecret(final String stripeWebhookSecret)
    {
        this.stripeWebhookSecret = stripeWebhookSecret;
        return this;
    }

    public long stripeToleranceS()
    {
        return stripeToleranceS;
    }

    public BillingContext stripeToleranceS(final long stripeToleranceS)
    {
        this.stripeToleranceS = stripeToleranceS;
        return this;
    }
}
