package io.v100.gateway;

import io.v100.core.SessionRole;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The principals the core accepts, their roles, and a salted hash of each one's secret: what the gateway checks a
 * {@code SessionConnectRequest} against, in the role of Aeron Cluster's {@code Authenticator}.
 * <p>
 * File format (UTF-8 text; lines starting with {@code #} and blank lines are ignored; one principal per line,
 * fields separated by spaces):
 * <pre>
 *   principal  roles                  scheme         iterations  salt (base64, 16 bytes)  hash (base64, 32 bytes)
 *   feed       MATCH_DATA|VIDEO|...   pbkdf2-sha256  1000        q3V0...                  Zk9x...
 * </pre>
 * {@code roles} is one or more of {@code MATCH_DATA VIDEO DETECTOR COMMERCE VIEWER_GATEWAY OPERATOR} joined with
 * {@code |}, or {@code ALL}. The hash is PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) with the secret's 64 lowercase hex
 * digits as the password and the salt and iteration count of its line. The file never holds a secret. Secrets are 256-bit random values (see
 * {@link #generate}), so it is their entropy, not the work factor, that resists guessing (NIST SP 800-63B §5.1.1.2
 * asks for stretching only for memorised secrets); the default of {@value #ITERATIONS_DEFAULT} iterations keeps a
 * check well under a millisecond, so a flood of session opens cannot stall the gateway poller for long.
 * <p>
 * Immutable once loaded; checks compare hashes in constant time ({@link MessageDigest#isEqual}).
 */
public final class CredentialStore
{
    /** The only hashing scheme. */
    public static final String SCHEME = "pbkdf2-sha256";

    /** Iterations written by {@link #generate}. */
    public static final int ITERATIONS_DEFAULT = 1000;

    /** Bytes of salt written by {@link #generate}. */
    public static final int SALT_LENGTH = 16;

    /** Bytes of a secret. */
    public static final int SECRET_LENGTH = 32;

    /** Bytes of a hash. */
    public static final int HASH_LENGTH = 32;

    /** What a failed check returns. */
    public static final int NOT_AUTHENTICATED = -1;

    private final Map<String, Entry> entries;

    /**
     * One line of the file.
     *
     * @param principal  who.
     * @param roles      roles mask, see {@link SessionRole}.
     * @param iterations PBKDF2 iterations.
     * @param salt       random salt.
     * @param hash       PBKDF2-HMAC-SHA256(secret, salt, iterations), 32 bytes.
     */
    public record Entry(String principal, int roles, int iterations, byte[] salt, byte[] hash)
    {
        /**
         * @return the line in the file format.
         */
        public String toLine()
        {
            final Base64.Encoder base64 = Base64.getEncoder();
            return principal + " " + SessionRole.format(roles) + " " + SCHEME + " " + iterations + " " +
                base64.encodeToString(salt) + " " + base64.encodeToString(hash);
        }
    }

    /**
     * @param entries by principal.
     */
    public CredentialStore(final List<Entry> entries)
    {
        final Map<String, Entry> byPrincipal = new LinkedHashMap<>();
        for (final Entry entry : entries)
        {
            if (null != byPrincipal.put(entry.principal(), entry))
            {
                throw new IllegalArgumentException("principal listed twice: " + entry.principal());
            }
        }
        this.entries = Collections.unmodifiableMap(byPrincipal);
    }

    /**
     * @param file in the format above.
     * @return the store.
     * @throws IOException              if it cannot be read.
     * @throws IllegalArgumentException naming the file and line of the first malformed line.
     */
    public static CredentialStore read(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            try
            {
                entries.add(parse(line));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + ex.getMessage(), ex);
            }
        }
        return new CredentialStore(entries);
    }

    private static Entry parse(final String line)
    {
        final String[] fields = line.split("\\s+");
        if (fields.length != 6)
        {
            throw new IllegalArgumentException("expected 6 fields: principal roles scheme iterations salt hash");
        }
        if (!SCHEME.equals(fields[2]))
        {
            throw new IllegalArgumentException("unknown scheme " + fields[2] + " (only " + SCHEME + ")");
        }
        final int iterations = Integer.parseInt(fields[3]);
        if (iterations < 1)
        {
            throw new IllegalArgumentException("iterations must be >= 1: " + iterations);
        }
        final Base64.Decoder base64 = Base64.getDecoder();
        final byte[] salt = base64.decode(fields[4]);
        final byte[] hash = base64.decode(fields[5]);
        if (hash.length != HASH_LENGTH || salt.length < 8)
        {
            throw new IllegalArgumentException("salt must be at least 8 bytes and the hash 32");
        }
        validatePrincipal(fields[0]);
        return new Entry(fields[0], SessionRole.parse(fields[1]), iterations, salt, hash);
    }

    /**
     * Check a secret. Allocates (PBKDF2 through the JCA): for session opens only, never the ring thread.
     *
     * @param principal as sent.
     * @param secret    as sent, {@link #SECRET_LENGTH} bytes.
     * @return the principal's roles mask, or {@link #NOT_AUTHENTICATED} for an unknown principal or a wrong secret.
     */
    public int authenticate(final String principal, final byte[] secret)
    {
        final Entry entry = entries.get(principal);
        if (null == entry)
        {
            return NOT_AUTHENTICATED;
        }
        return MessageDigest.isEqual(entry.hash(), hash(secret, entry.salt(), entry.iterations())) ?
            entry.roles() : NOT_AUTHENTICATED;
    }

    /**
     * @return the entries, by principal, in file order.
     */
    public Map<String, Entry> entries()
    {
        return entries;
    }

    /**
     * @param principal  who.
     * @param roles      roles mask.
     * @param secret     the secret, {@link #SECRET_LENGTH} bytes.
     * @param random     source of the salt.
     * @return an entry holding a fresh salt and the hash of the secret.
     */
    public static Entry entry(final String principal, final int roles, final byte[] secret, final SecureRandom random)
    {
        validatePrincipal(principal);
        final byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return new Entry(principal, roles, ITERATIONS_DEFAULT, salt, hash(secret, salt, ITERATIONS_DEFAULT));
    }

    /**
     * Write the store, readable by the owner only.
     *
     * @param file to create or replace.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        final StringBuilder text = new StringBuilder()
            .append("# v100 core credentials: principal roles scheme iterations salt-base64 hash-base64\n")
            .append("# roles: MATCH_DATA VIDEO DETECTOR COMMERCE VIEWER_GATEWAY OPERATOR joined with |, or ALL\n")
            .append("# hash: PBKDF2-HMAC-SHA256 (RFC 8018) of the secret's hex digits; no secret is stored here\n");
        for (final Entry entry : entries.values())
        {
            text.append(entry.toLine()).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try
        {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (final UnsupportedOperationException ex)
        {
            // Not a POSIX file system: the platform's default permissions apply.
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 of a binary secret. The JCA takes the password as chars, so the secret is given as its
     * 64 lowercase hex digits, the form the client's file holds it in.
     */
    static byte[] hash(final byte[] secret, final byte[] salt, final int iterations)
    {
        final char[] password = HexFormat.of().formatHex(secret).toCharArray();
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_LENGTH * 8);
        try
        {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", ex);
        }
        finally
        {
            spec.clearPassword();
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static void validatePrincipal(final String principal)
    {
        if (principal.isEmpty() || principal.length() > 32)
        {
            throw new IllegalArgumentException("a principal is 1..32 characters: " + principal);
        }
        for (int i = 0; i < principal.length(); i++)
        {
            final char c = principal.charAt(i);
            if (c <= ' ' || c > '~')
            {
                throw new IllegalArgumentException("a principal is printable ASCII without spaces: " + principal);
            }
        }
    }
}
