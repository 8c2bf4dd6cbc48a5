package io.v100.shell.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The development signing key: an RSA-2048 key pair that {@code serve} and {@code token} create on first use in
 * the data directory, so that tokens from {@code v100 token} verify against the JWKS that {@code v100 serve} loads.
 * <p>
 * Files, under {@code DIR/keys/}: {@code signing-key.jwk} (the private JWK, owner-readable only) and
 * {@code jwks.json} (the public JWK set, RFC 7517 section 5). A production deployment points the shell at its
 * identity provider's JWKS instead and never uses this class.
 */
public final class DevSigningKey
{
    /** Lifetime of a development token unless told otherwise. */
    public static final Duration TOKEN_TTL_DEFAULT = Duration.ofHours(12);

    private final RSAKey key;

    private DevSigningKey(final RSAKey key)
    {
        this.key = key;
    }

    /**
     * @param dataDirectory the shell's data directory.
     * @return where the public JWKS lives.
     */
    public static Path jwksFile(final Path dataDirectory)
    {
        return dataDirectory.resolve("keys").resolve("jwks.json");
    }

    /**
     * Load the key from the data directory, creating it (and the JWKS beside it) when absent.
     *
     * @param dataDirectory the shell's data directory.
     * @return the key.
     * @throws IOException when the files cannot be read or written, or hold no RSA private JWK.
     */
    public static DevSigningKey loadOrCreate(final Path dataDirectory) throws IOException
    {
        final Path keys = dataDirectory.resolve("keys");
        final Path privateFile = keys.resolve("signing-key.jwk");
        Files.createDirectories(keys);
        if (!Files.exists(privateFile))
        {
            final RSAKey generated;
            try
            {
                generated = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            }
            catch (final JOSEException ex)
            {
                throw new IOException("cannot generate an RSA key", ex);
            }
            final Path temp = Files.createTempFile(keys, "signing-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, generated.toJSONString(), StandardCharsets.UTF_8);
            try
            {
                // A concurrent first run (serve and token at once) keeps whichever key landed first.
                Files.move(temp, privateFile, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final FileAlreadyExistsException ex)
            {
                Files.deleteIfExists(temp);
            }
        }
        final RSAKey key;
        try
        {
            key = RSAKey.parse(Files.readString(privateFile, StandardCharsets.UTF_8));
        }
        catch (final ParseException ex)
        {
            throw new IOException("not an RSA JWK: " + privateFile, ex);
        }
        if (!key.isPrivate())
        {
            throw new IOException("no private key in " + privateFile);
        }
        final Path jwks = jwksFile(dataDirectory);
        final Path temp = Files.createTempFile(keys, "jwks", ".tmp");
        Files.writeString(temp, new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
        Files.move(temp, jwks, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new DevSigningKey(key);
    }

    /**
     * @return the key id ({@code kid}) tokens carry.
     */
    public String keyId()
    {
        return key.getKeyID();
    }

    /**
     * Sign a development token (RS256).
     *
     * @param issuer   {@code iss}.
     * @param audience {@code aud}.
     * @param tenant   the {@code tenant} claim.
     * @param tier     the {@code tier} claim.
     * @param role     the {@code role} claim.
     * @param subject  {@code sub}: the viewer's or user's id.
     * @param ttl      from now to {@code exp}.
     * @return the compact JWS.
     */
    public String issue(
        final String issuer,
        final String audience,
        final String tenant,
        final Tier tier,
        final Role role,
        final String subject,
        final Duration ttl)
    {
        final Instant now = Instant.now();
        final JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(subject)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .claim(JwtVerifier.TENANT_CLAIM, tenant)
            .claim(JwtVerifier.TIER_CLAIM, tier.claim())
            .claim(JwtVerifier.ROLE_CLAIM, role.claim())
            .build();
        final SignedJWT jwt = new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try
        {
            jwt.sign(new RSASSASigner(key));
        }
        catch (final JOSEException ex)
        {
            throw new IllegalStateException("RS256 signing failed", ex);
        }
        return jwt.serialize();
    }
}
