package io.v100.shell.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys per tenant: created once, shown once, stored only as a SHA-256 hash, and revocable.
 * <p>
 * A key is {@value #PREFIX} followed by 256 random bits in base64url; with that much entropy an unsalted SHA-256
 * is a sufficient store (a guessed key is as unlikely as a guessed hash preimage), and the lookup is by hash, so
 * the secret is never compared character by character. Keys live in a JSON file in the data directory;
 * {@link #persist()} rewrites it atomically and is called off the event loop.
 */
public final class ApiKeyStore
{
    /** Every key starts with this, so leaked keys are easy to find with secret scanners. */
    public static final String PREFIX = "v100_";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();

    /**
     * One key as stored: never the secret.
     *
     * @param id          public id, {@code ak_} and 12 base64url characters.
     * @param tenant      owning tenant.
     * @param tier        the tenant's tier, which the key's requests are limited by.
     * @param role        what the key may do.
     * @param name        a label chosen at creation.
     * @param hash        SHA-256 of the key, hex.
     * @param createdAtMs ms since the Unix epoch.
     * @param revokedAtMs ms since the Unix epoch; 0 while valid.
     */
    public record ApiKey(
        String id, String tenant, Tier tier, Role role, String name, String hash, long createdAtMs, long revokedAtMs)
    {
        boolean revoked()
        {
            return 0 != revokedAtMs;
        }
    }

    /**
     * @param key    as stored.
     * @param secret the key itself, shown to the creator once and kept nowhere.
     */
    public record Created(ApiKey key, String secret)
    {
    }

    /**
     * @param file holding the keys; read now if it exists.
     * @throws IOException when it exists but cannot be read.
     */
    public ApiKeyStore(final Path file) throws IOException
    {
        this.file = file;
        if (Files.exists(file))
        {
            final List<ApiKey> keys = JSON.readValue(file.toFile(), new TypeReference<List<ApiKey>>()
            {
            });
            for (final ApiKey key : keys)
            {
                byId.put(key.id(), key);
                byHash.put(key.hash(), key);
            }
        }
    }

    /**
     * Create a key; call {@link #persist()} before showing it.
     *
     * @param tenant owning tenant.
     * @param tier   the tenant's tier.
     * @param role   what the key may do.
     * @param name   a label.
     * @return the stored key and, once, its secret.
     */
    public Created create(final String tenant, final Tier tier, final Role role, final String name)
    {
        final byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        final byte[] idBytes = new byte[9];
        RANDOM.nextBytes(idBytes);
        final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        final String secret = PREFIX + base64.encodeToString(secretBytes);
        final ApiKey key = new ApiKey(
            "ak_" + base64.encodeToString(idBytes), tenant, tier, role, name, hash(secret), System.currentTimeMillis(), 0);
        byId.put(key.id(), key);
        byHash.put(key.hash(), key);
        return new Created(key, secret);
    }

    /**
     * @param secret as presented in {@code X-API-Key}.
     * @return the caller, or null when the key is unknown or revoked.
     */
    public Principal authenticate(final String secret)
    {
        if (!secret.startsWith(PREFIX) || secret.length() > 128)
        {
            return null;
        }
        final ApiKey key = byHash.get(hash(secret));
        if (null == key || key.revoked())
        {
            return null;
        }
        return new Principal(key.tenant(), key.tier(), key.role(), key.id(), "api-key");
    }

    /**
     * @param tenant whose keys to list.
     * @return that tenant's keys only, oldest first.
     */
    public List<ApiKey> list(final String tenant)
    {
        final List<ApiKey> keys = new ArrayList<>();
        for (final ApiKey key : byId.values())
        {
            if (key.tenant().equals(tenant))
            {
                keys.add(key);
            }
        }
        keys.sort(Comparator.comparingLong(ApiKey::createdAtMs).thenComparing(ApiKey::id));
        return keys;
    }

    /**
     * @param tenant the caller's tenant.
     * @param id     key id.
     * @return the key when it exists and belongs to {@code tenant}; another tenant's key is as absent as a
     * missing one, so its existence does not leak.
     */
    public Optional<ApiKey> find(final String tenant, final String id)
    {
        final ApiKey key = byId.get(id);
        return null != key && key.tenant().equals(tenant) ? Optional.of(key) : Optional.empty();
    }

    /**
     * @param tenant the caller's tenant.
     * @param id     key id.
     * @return the revoked key, or empty when the tenant has no such key; call {@link #persist()} after.
     */
    public Optional<ApiKey> revoke(final String tenant, final String id)
    {
        final Optional<ApiKey> found = find(tenant, id);
        if (found.isEmpty())
        {
            return found;
        }
        final ApiKey key = found.get();
        if (key.revoked())
        {
            return found;
        }
        final ApiKey revoked = new ApiKey(key.id(), key.tenant(), key.tier(), key.role(), key.name(), key.hash(),
            key.createdAtMs(), System.currentTimeMillis());
        byId.put(revoked.id(), revoked);
        byHash.put(revoked.hash(), revoked);
        return Optional.of(revoked);
    }

    /**
     * Write every key to the file, atomically. Blocking: call it from a worker thread.
     *
     * @throws IOException when the file cannot be written.
     */
    public synchronized void persist() throws IOException
    {
        final List<ApiKey> keys = new ArrayList<>(byId.values());
        keys.sort(Comparator.comparingLong(ApiKey::createdAtMs).thenComparing(ApiKey::id));
        Files.createDirectories(file.toAbsolutePath().getParent());
        final Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "api-keys", ".tmp");
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(keys));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(final String secret)
    {
        try
        {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }
}
