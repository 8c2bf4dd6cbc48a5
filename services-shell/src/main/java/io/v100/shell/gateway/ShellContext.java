package io.v100.shell.gateway;

import io.v100.shell.tls.PostQuantumTlsContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the services shell's gateway: where it listens, how it checks identity, its limits and its cache.
 * <p>
 * Each setting has a system property ({@code *_PROP_NAME}) and a default ({@code *_DEFAULT}); the setters win over
 * both. Durations are in milliseconds unless the name says otherwise, sizes in bytes.
 */
public final class ShellContext
{
    public static final String HOST_PROP_NAME = "v100.shell.host";
    public static final String HOST_DEFAULT = "127.0.0.1";

    /** 0 asks the operating system for a free port. */
    public static final String PORT_PROP_NAME = "v100.shell.port";
    public static final int PORT_DEFAULT = 8080;

    public static final String ISSUER_PROP_NAME = "v100.shell.jwt.issuer";
    public static final String ISSUER_DEFAULT = "v100-dev";

    public static final String AUDIENCE_PROP_NAME = "v100.shell.jwt.audience";
    public static final String AUDIENCE_DEFAULT = "v100-shell";

    /** Comma-separated JWS algorithms accepted; nothing else is, and {@code none} never is. */
    public static final String ALGORITHMS_PROP_NAME = "v100.shell.jwt.algorithms";
    public static final String ALGORITHMS_DEFAULT = "RS256,ES256";

    /** Longest bearer token accepted, in characters; longer ones are refused before any parsing. */
    public static final String MAX_TOKEN_LENGTH_PROP_NAME = "v100.shell.jwt.max.length";
    public static final int MAX_TOKEN_LENGTH_DEFAULT = 4096;

    /** Clock skew tolerated on {@code exp} and {@code nbf}, seconds. */
    public static final String CLOCK_SKEW_S_PROP_NAME = "v100.shell.jwt.clock.skew.s";
    public static final int CLOCK_SKEW_S_DEFAULT = 30;

    public static final String BODY_LIMIT_PROP_NAME = "v100.shell.body.limit";
    public static final long BODY_LIMIT_DEFAULT = 64 * 1024;

    /** Largest request line plus headers; Netty answers 431 above it. */
    public static final String MAX_HEADER_SIZE_PROP_NAME = "v100.shell.max.header.size";
    public static final int MAX_HEADER_SIZE_DEFAULT = 16 * 1024;

    /** Time a request may take end to end before it is answered 503. */
    public static final String REQUEST_TIMEOUT_MS_PROP_NAME = "v100.shell.request.timeout.ms";
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 5_000;

    /** A connection that sends and receives nothing for this long is closed: cuts off slow-header clients. */
    public static final String IDLE_TIMEOUT_S_PROP_NAME = "v100.shell.idle.timeout.s";
    public static final int IDLE_TIMEOUT_S_DEFAULT = 10;

    /** How long a status request waits for the core's answer before it counts as a failure. */
    public static final String CORE_TIMEOUT_MS_PROP_NAME = "v100.shell.core.timeout.ms";
    public static final long CORE_TIMEOUT_MS_DEFAULT = 1_000;

    /** How long the core breaker stays open before it lets a trial call through. */
    public static final String BREAKER_OPEN_MS_PROP_NAME = "v100.shell.breaker.open.ms";
    public static final long BREAKER_OPEN_MS_DEFAULT = 5_000;

    /** Comma-separated origins allowed by CORS; empty allows none. */
    public static final String CORS_ORIGINS_PROP_NAME = "v100.shell.cors.origins";
    public static final String CORS_ORIGINS_DEFAULT = "";

    /** Requests per second per tenant, by tier: free, pro, enterprise. */
    public static final String RATE_FREE_PROP_NAME = "v100.shell.rate.free";
    public static final long RATE_FREE_DEFAULT = 20;
    public static final String RATE_PRO_PROP_NAME = "v100.shell.rate.pro";
    public static final long RATE_PRO_DEFAULT = 1_000;
    public static final String RATE_ENTERPRISE_PROP_NAME = "v100.shell.rate.enterprise";
    public static final long RATE_ENTERPRISE_DEFAULT = 1_000_000;

    /** Entries of the in-process (L1) response cache. */
    public static final String L1_ENTRIES_PROP_NAME = "v100.shell.cache.l1.entries";
    public static final long L1_ENTRIES_DEFAULT = 10_000;

    /** Entries of the shared (L2) Chronicle Map response cache. */
    public static final String L2_ENTRIES_PROP_NAME = "v100.shell.cache.l2.entries";
    public static final long L2_ENTRIES_DEFAULT = 10_000;

    private String host = System.getProperty(HOST_PROP_NAME, HOST_DEFAULT);
    private int port = Integer.getInteger(PORT_PROP_NAME, PORT_DEFAULT);
    private Path dataDirectory;
    private String jwks;
    private String issuer = System.getProperty(ISSUER_PROP_NAME, ISSUER_DEFAULT);
    private String audience = System.getProperty(AUDIENCE_PROP_NAME, AUDIENCE_DEFAULT);
    private List<String> algorithms = split(System.getProperty(ALGORITHMS_PROP_NAME, ALGORITHMS_DEFAULT));
    private int maxTokenLength = Integer.getInteger(MAX_TOKEN_LENGTH_PROP_NAME, MAX_TOKEN_LENGTH_DEFAULT);
    private int clockSkewS = Integer.getInteger(CLOCK_SKEW_S_PROP_NAME, CLOCK_SKEW_S_DEFAULT);
    private long bodyLimit = Long.getLong(BODY_LIMIT_PROP_NAME, BODY_LIMIT_DEFAULT);
    private int maxHeaderSize = Integer.getInteger(MAX_HEADER_SIZE_PROP_NAME, MAX_HEADER_SIZE_DEFAULT);
    private long requestTimeoutMs = Long.getLong(REQUEST_TIMEOUT_MS_PROP_NAME, REQUEST_TIMEOUT_MS_DEFAULT);
    private int idleTimeoutS = Integer.getInteger(IDLE_TIMEOUT_S_PROP_NAME, IDLE_TIMEOUT_S_DEFAULT);
    private long coreTimeoutMs = Long.getLong(CORE_TIMEOUT_MS_PROP_NAME, CORE_TIMEOUT_MS_DEFAULT);
    private long breakerOpenMs = Long.getLong(BREAKER_OPEN_MS_PROP_NAME, BREAKER_OPEN_MS_DEFAULT);
    private List<String> corsOrigins = split(System.getProperty(CORS_ORIGINS_PROP_NAME, CORS_ORIGINS_DEFAULT));
    private long rateFree = Long.getLong(RATE_FREE_PROP_NAME, RATE_FREE_DEFAULT);
    private long ratePro = Long.getLong(RATE_PRO_PROP_NAME, RATE_PRO_DEFAULT);
    private long rateEnterprise = Long.getLong(RATE_ENTERPRISE_PROP_NAME, RATE_ENTERPRISE_DEFAULT);
    private long l1Entries = Long.getLong(L1_ENTRIES_PROP_NAME, L1_ENTRIES_DEFAULT);
    private long l2Entries = Long.getLong(L2_ENTRIES_PROP_NAME, L2_ENTRIES_DEFAULT);
    private PostQuantumTlsContext tls;

    /**
     * Check the settings and fill in those derived from the data directory.
     *
     * @return this.
     * @throws IllegalStateException when a setting is missing or out of range.
     */
    public ShellContext conclude()
    {
        if (null == dataDirectory)
        {
            throw new IllegalStateException("dataDirectory is required");
        }
        if (null == jwks)
        {
            jwks = DevSigningKey.jwksFile(dataDirectory).toString();
        }
        if (algorithms.isEmpty() || algorithms.stream().anyMatch(a -> a.equalsIgnoreCase("none")))
        {
            throw new IllegalStateException("algorithms must name at least one JWS algorithm and never none");
        }
        require(port >= 0 && port <= 65_535, "port");
        require(maxTokenLength > 0, "maxTokenLength");
        require(bodyLimit > 0, "bodyLimit");
        require(requestTimeoutMs > 0, "requestTimeoutMs");
        require(idleTimeoutS > 0, "idleTimeoutS");
        require(coreTimeoutMs > 0 && coreTimeoutMs < requestTimeoutMs, "coreTimeoutMs (below requestTimeoutMs)");
        require(breakerOpenMs > 0, "breakerOpenMs");
        require(rateFree > 0 && ratePro > 0 && rateEnterprise > 0, "rates");
        return this;
    }

    public String host()
    {
        return host;
    }

    /**
     * @param tls HTTPS settings (post-quantum hybrid key exchange first, see {@link PostQuantumTlsContext}); null
     *            serves plain HTTP.
     * @return this.
     */
    public ShellContext tls(final PostQuantumTlsContext tls)
    {
        this.tls = tls;
        return this;
    }

    /**
     * @return the HTTPS settings, null for plain HTTP.
     */
    public PostQuantumTlsContext tls()
    {
        return tls;
    }

    /**
     * @param host address to bind, e.g. {@code 127.0.0.1}.
     * @return this.
     */
    public ShellContext host(final String host)
    {
        this.host = host;
        return this;
    }

    public int port()
    {
        return port;
    }

    /**
     * @param port to listen on; 0 for a free one.
     * @return this.
     */
    public ShellContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return directory holding the signing key, the JWKS, the API keys and the shared cache file.
     */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    public ShellContext dataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    /**
     * @return the JWKS to verify tokens against: a file path or an {@code http(s)://} URL; by default the
     * development JWKS in the data directory.
     */
    public String jwks()
    {
        return jwks;
    }

    public ShellContext jwks(final String jwks)
    {
        this.jwks = jwks;
        return this;
    }

    public String issuer()
    {
        return issuer;
    }

    public ShellContext issuer(final String issuer)
    {
        this.issuer = Objects.requireNonNull(issuer);
        return this;
    }

    public String audience()
    {
        return audience;
    }

    public ShellContext audience(final String audience)
    {
        this.audience = Objects.requireNonNull(audience);
        return this;
    }

    public List<String> algorithms()
    {
        return algorithms;
    }

    public ShellContext algorithms(final List<String> algorithms)
    {
        this.algorithms = List.copyOf(algorithms);
        return this;
    }

    public int maxTokenLength()
    {
        return maxTokenLength;
    }

    public ShellContext maxTokenLength(final int maxTokenLength)
    {
        this.maxTokenLength = maxTokenLength;
        return this;
    }

    public int clockSkewS()
    {
        return clockSkewS;
    }

    public ShellContext clockSkewS(final int clockSkewS)
    {
        this.clockSkewS = clockSkewS;
        return this;
    }

    public long bodyLimit()
    {
        return bodyLimit;
    }

    public ShellContext bodyLimit(final long bodyLimit)
    {
        this.bodyLimit = bodyLimit;
        return this;
    }

    public int maxHeaderSize()
    {
        return maxHeaderSize;
    }

    public ShellContext maxHeaderSize(final int maxHeaderSize)
    {
        this.maxHeaderSize = maxHeaderSize;
        return this;
    }

    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    public ShellContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    public int idleTimeoutS()
    {
        return idleTimeoutS;
    }

    public ShellContext idleTimeoutS(final int idleTimeoutS)
    {
        this.idleTimeoutS = idleTimeoutS;
        return this;
    }

    public long coreTimeoutMs()
    {
        return coreTimeoutMs;
    }

    public ShellContext coreTimeoutMs(final long coreTimeoutMs)
    {
        this.coreTimeoutMs = coreTimeoutMs;
        return this;
    }

    public long breakerOpenMs()
    {
        return breakerOpenMs;
    }

    public ShellContext breakerOpenMs(final long breakerOpenMs)
    {
        this.breakerOpenMs = breakerOpenMs;
        return this;
    }

    public List<String> corsOrigins()
    {
        return corsOrigins;
    }

    public ShellContext corsOrigins(final List<String> corsOrigins)
    {
        this.corsOrigins = List.copyOf(corsOrigins);
        return this;
    }

    /**
     * @param tier billing tier.
     * @return requests per second a tenant of that tier may make (also the burst size).
     */
    public long ratePerSecond(final Tier tier)
    {
        return switch (tier)
        {
            case FREE -> rateFree;
            case PRO -> ratePro;
            case ENTERPRISE -> rateEnterprise;
        };
    }

    public ShellContext ratePerSecond(final Tier tier, final long requestsPerSecond)
    {
        switch (tier)
        {
            case FREE -> rateFree = requestsPerSecond;
            case PRO -> ratePro = requestsPerSecond;
            case ENTERPRISE -> rateEnterprise = requestsPerSecond;
        }
        return this;
    }

    public long l1Entries()
    {
        return l1Entries;
    }

    public ShellContext l1Entries(final long l1Entries)
    {
        this.l1Entries = l1Entries;
        return this;
    }

    public long l2Entries()
    {
        return l2Entries;
    }

    public ShellContext l2Entries(final long l2Entries)
    {
        this.l2Entries = l2Entries;
        return this;
    }

    /**
     * @return the shared L2 cache file in the data directory: every shell process given the same directory
     * shares it.
     */
    public Path l2CacheFile()
    {
        return dataDirectory.resolve("shell-cache.dat");
    }

    /**
     * @return the file API keys are stored in (hashes only).
     */
    public Path apiKeyFile()
    {
        return dataDirectory.resolve("api-keys.json");
    }

    private static List<String> split(final String value)
    {
        final List<String> parts = new ArrayList<>();
        for (final String part : value.split(","))
        {
            if (!part.isBlank())
            {
                parts.add(part.trim());
            }
        }
        return List.copyOf(parts);
    }

    private static void require(final boolean condition, final String name)
    {
        if (!condition)
        {
            throw new IllegalStateException("invalid " + name);
        }
    }
}
