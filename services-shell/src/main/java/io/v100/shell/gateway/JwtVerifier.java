package io.v100.shell.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies JWT bearer tokens (RFC 7519) and turns them into a {@link Principal}.
 * <p>
 * A token is accepted only when: it is at most {@link ShellContext#maxTokenLength()} characters; it is a JWS
 * (never an unsecured {@code alg: none} JWT, RFC 7519 section 6) signed with one of the configured algorithms by
 * a key of the JWKS whose {@code kid} matches; {@code iss} and {@code aud} equal the configured values;
 * {@code exp} is in the future and {@code nbf} in the past (within the clock skew); and it carries {@code sub},
 * {@code tenant}, {@code tier} and {@code role} with valid values. The algorithm is taken from the configuration,
 * never from the token, so an HS256 token "signed" with the RSA public key finds no key (RFC 8725 section 2.1).
 * <p>
 * Verified tokens are remembered until they expire (at most a minute), so repeat requests skip the signature check.
 */
public final class JwtVerifier
{
    public static final String TENANT_CLAIM = "tenant";
    public static final String TIER_CLAIM = "tier";
    public static final String ROLE_CLAIM = "role";

    /** Longest a verified token is remembered, ns. */
    private static final long REMEMBER_NS = TimeUnit.MINUTES.toNanos(1);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final int maxTokenLength;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfter(Expiry.<String, Verified>creating((token, entry) ->
            Duration.ofNanos(Math.max(0, Math.min(
                REMEMBER_NS, TimeUnit.MILLISECONDS.toNanos(entry.expiresAtMs - System.currentTimeMillis()))))))
        .build();

    private record Verified(Principal principal, long expiresAtMs)
    {
    }

    /**
     * @param context the issuer, audience, algorithms, JWKS and limits.
     * @throws IOException when the JWKS file cannot be read or parsed.
     */
    public JwtVerifier(final ShellContext context) throws IOException
    {
        this.maxTokenLength = context.maxTokenLength();
        final Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (final String name : context.algorithms())
        {
            algorithms.add(JWSAlgorithm.parse(name));
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source(context.jwks())));
        final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
            Set.of(context.audience()),
            new JWTClaimsSet.Builder().issuer(context.issuer()).build(),
            Set.of("sub", "exp", TENANT_CLAIM, TIER_CLAIM, ROLE_CLAIM),
            null);
        claimsVerifier.setMaxClockSkew(context.clockSkewS());
        processor.setJWTClaimsSetVerifier(claimsVerifier);
    }

    /**
     * @param token the compact serialization from the {@code Authorization: Bearer} header.
     * @return the caller.
     * @throws AuthenticationException with a stable reason when the token is refused; the message never contains
     *                                 the token.
     */
    public Principal verify(final String token)
    {
        if (token.length() > maxTokenLength)
        {
            throw new AuthenticationException("token_too_large", "bearer token longer than " + maxTokenLength);
        }
        final Verified known = verified.getIfPresent(token);
        if (null != known && known.expiresAtMs > System.currentTimeMillis())
        {
            return known.principal;
        }
        final JWTClaimsSet claims;
        try
        {
            claims = processor.process(token, null);
        }
        catch (final ParseException ex)
        {
            throw new AuthenticationException("invalid_token", "bearer token is not a JWT");
        }
        catch (final BadJOSEException | JOSEException ex)
        {
            throw new AuthenticationException("invalid_token", "bearer token refused: " + reason(ex));
        }
        final Principal principal = principal(claims);
        verified.put(token, new Verified(principal, claims.getExpirationTime().getTime()));
        return principal;
    }

    private static Principal principal(final JWTClaimsSet claims)
    {
        final Object tenant = claims.getClaim(TENANT_CLAIM);
        final Tier tier = claims.getClaim(TIER_CLAIM) instanceof String t ? Tier.parse(t) : null;
        final Role role = claims.getClaim(ROLE_CLAIM) instanceof String r ? Role.parse(r) : null;
        final String subject = claims.getSubject();
        if (!(tenant instanceof String tenantId) || !Principal.TENANT_PATTERN.matcher(tenantId).matches() ||
            null == tier || null == role || null == subject || !Principal.SUBJECT_PATTERN.matcher(subject).matches())
        {
            throw new AuthenticationException("invalid_token", "bearer token has invalid tenant, tier, role or sub");
        }
        return new Principal(tenantId, tier, role, subject, "jwt");
    }

    /**
     * Nimbus messages name the failed check (expired, audience, issuer, no matching key) and never echo the token.
     */
    private static String reason(final Exception ex)
    {
        final String message = ex.getMessage();
        return null == message ? ex.getClass().getSimpleName() : message;
    }

    private static JWKSource<SecurityContext> source(final String jwks) throws IOException
    {
        if (jwks.startsWith("https://") || jwks.startsWith("http://"))
        {
            // Fetched once here, off the event loop, then refreshed by nimbus's own scheduler before the cached
            // set expires, so verification reads the cache. A token with an unknown kid can still make nimbus
            // fetch again on the caller's thread, at most once per rate-limit interval (30 s by default).
            final JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(URI.create(jwks).toURL())
                .refreshAheadCache(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, true)
                .build();
            try
            {
                source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            }
            catch (final KeySourceException ex)
            {
                throw new IOException("cannot fetch the JWKS from " + jwks, ex);
            }
            return source;
        }
        try
        {
            return new ImmutableJWKSet<>(JWKSet.load(Path.of(jwks).toFile()));
        }
        catch (final ParseException ex)
        {
            throw new IOException("not a JWK set: " + jwks, ex);
        }
    }
}
