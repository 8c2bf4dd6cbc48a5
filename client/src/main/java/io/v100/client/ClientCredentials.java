package io.v100.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A client's own credentials: its principal and its 32-byte secret.
 * <p>
 * File format (UTF-8 text, one line that matters; lines starting with {@code #} and blank lines are ignored):
 * <pre>
 *   principal secret-hex
 *   feed 6f1c...e2   (64 lowercase hex digits: the 32 secret bytes)
 * </pre>
 * The file holds the secret in the clear, so it is written readable by its owner only ({@code rw-------} where
 * the file system has POSIX permissions). The core never sees this file: its own credential file holds only a
 * salted hash of each secret. {@link #toString()} never prints the secret.
 */
public final class ClientCredentials
{
    /** Bytes of a secret. */
    public static final int SECRET_LENGTH = 32;

    /** Longest principal, ASCII characters. */
    public static final int MAX_PRINCIPAL_LENGTH = 32;

    private final String principal;
    private final byte[] secret;

    /**
     * @param principal printable ASCII without spaces, 1..32 characters.
     * @param secret    {@link #SECRET_LENGTH} bytes; copied.
     * @throws IllegalArgumentException if either is malformed.
     */
    public ClientCredentials(final String principal, final byte[] secret)
    {
        requireValidPrincipal(principal);
        if (secret.length != SECRET_LENGTH)
        {
            throw new IllegalArgumentException("a secret is " + SECRET_LENGTH + " bytes, got " + secret.length);
        }
        this.principal = principal;
        this.secret = secret.clone();
    }

    /**
     * @param principal printable ASCII without spaces, 1..32 characters.
     * @param random    source of the secret.
     * @return credentials with a fresh random secret.
     */
    public static ClientCredentials generate(final String principal, final SecureRandom random)
    {
        final byte[] secret = new byte[SECRET_LENGTH];
        random.nextBytes(secret);
        return new ClientCredentials(principal, secret);
    }

    /**
     * @param file in the format above.
     * @return the credentials it holds.
     * @throws IOException              if it cannot be read.
     * @throws IllegalArgumentException naming the file, if it holds no well-formed line.
     */
    public static ClientCredentials read(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (final String line : lines)
        {
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final String[] fields = trimmed.split("\\s+");
            if (fields.length != 2 || fields[1].length() != SECRET_LENGTH * 2)
            {
                throw new IllegalArgumentException(file + ": expected `principal secret-hex` (64 hex digits)");
            }
            try
            {
                return new ClientCredentials(fields[0], HexFormat.of().parseHex(fields[1]));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
            }
        }
        throw new IllegalArgumentException(file + ": no credentials in it");
    }

    /**
     * Write these credentials, readable by the owner only.
     *
     * @param file to create or replace.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        final String text = "# v100 client credentials: principal secret-hex. Keep private.\n" +
            principal + " " + HexFormat.of().formatHex(secret) + "\n";
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

    public String principal()
    {
        return principal;
    }

    /**
     * @return a copy of the secret.
     */
    public byte[] secret()
    {
        return secret.clone();
    }

    /**
     * @param principal to check.
     * @throws IllegalArgumentException if it is empty, longer than 32, or not printable ASCII without spaces.
     */
    public static void requireValidPrincipal(final String principal)
    {
        if (null == principal || principal.isEmpty() || principal.length() > MAX_PRINCIPAL_LENGTH)
        {
            throw new IllegalArgumentException("a principal is 1.." + MAX_PRINCIPAL_LENGTH + " characters: " +
                principal);
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

    public String toString()
    {
        return "ClientCredentials{principal=" + principal + ", secret=(hidden)}";
    }
}
