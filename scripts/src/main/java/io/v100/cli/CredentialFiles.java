package io.v100.cli;

import io.v100.client.ClientCredentials;
import io.v100.core.SessionRole;
import io.v100.gateway.CredentialStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The credential files of a data directory, created with fresh random secrets on first use so {@code demo} and
 * {@code core} need no set-up.
 * <pre>
 *   DIR/credentials/core.credentials   read by the core: principal, roles, PBKDF2 hash and salt (no secret)
 *   DIR/credentials/feed.credentials   read by the feed: principal and secret (owner-only permissions)
 *   DIR/credentials/shell.credentials  read by the services shell: principal and secret (owner-only permissions)
 *   DIR/credentials/commerce.credentials read by the shell's entitlement relay (owner-only permissions)
 * </pre>
 * The formats are those of {@link CredentialStore} and {@link ClientCredentials}. The one principal created,
 * {@value #FEED_PRINCIPAL}, holds every role, since the shipped feed plays every source of a match: match data,
 * video, detectors, commerce, the viewer gateway, and the operator's status and replay requests. The shell's
 * principal, {@value #SHELL_PRINCIPAL}, holds {@code VIEWER_GATEWAY} (bets and licence requests for viewers) and
 * {@code OPERATOR} (the status requests behind {@code GET /v1/status}, and replay requests). The entitlement relay
 * of the shell's billing, {@value #COMMERCE_PRINCIPAL}, holds {@code COMMERCE} (entitlement grants) alone. A
 * deployment
 * writes its own {@code core.credentials} with one principal per source and only the roles each needs.
 */
public final class CredentialFiles
{
    /** The principal the demo feed uses. */
    public static final String FEED_PRINCIPAL = "feed";

    /** The principal the services shell uses. */
    public static final String SHELL_PRINCIPAL = "shell";

    /** The principal the shell's entitlement relay uses. */
    public static final String COMMERCE_PRINCIPAL = "commerce";

    /** File name of the relay's credentials, beside the shell's. */
    public static final String COMMERCE_FILE_NAME = "commerce.credentials";

    /** The shell's roles. */
    public static final int SHELL_ROLES = SessionRole.VIEWER_GATEWAY.bit() | SessionRole.OPERATOR.bit();

    private CredentialFiles()
    {
    }

    /**
     * @param dataDirectory a core's data directory.
     * @return the core's credential file in it.
     */
    public static Path coreFile(final Path dataDirectory)
    {
        return dataDirectory.resolve("credentials").resolve("core.credentials");
    }

    /**
     * @param dataDirectory a core's data directory.
     * @return the feed's credential file in it.
     */
    public static Path feedFile(final Path dataDirectory)
    {
        return dataDirectory.resolve("credentials").resolve("feed.credentials");
    }

    /**
     * @param dataDirectory a core's data directory.
     * @return the services shell's credential file in it.
     */
    public static Path shellFile(final Path dataDirectory)
    {
        return dataDirectory.resolve("credentials").resolve("shell.credentials");
    }

    /**
     * @param dataDirectory a core's data directory.
     * @return the entitlement relay's credential file in it.
     */
    public static Path commerceFile(final Path dataDirectory)
    {
        return dataDirectory.resolve("credentials").resolve(COMMERCE_FILE_NAME);
    }

    /**
     * Create the four files with fresh secrets unless the core's file exists already.
     *
     * @param dataDirectory a core's data directory.
     * @param out           where to say that they were created.
     * @return the core's credentials.
     * @throws IOException if the files cannot be read or written.
     */
    public static CredentialStore ensure(final Path dataDirectory, final PrintStream out) throws IOException
    {
        final Path coreFile = coreFile(dataDirectory);
        if (!Files.exists(coreFile))
        {
            Files.createDirectories(coreFile.getParent());
            final SecureRandom random = new SecureRandom();
            final ClientCredentials feed = ClientCredentials.generate(FEED_PRINCIPAL, random);
            final ClientCredentials shell = ClientCredentials.generate(SHELL_PRINCIPAL, random);
            final ClientCredentials commerce = ClientCredentials.generate(COMMERCE_PRINCIPAL, random);
            feed.write(feedFile(dataDirectory));
            shell.write(shellFile(dataDirectory));
            commerce.write(commerceFile(dataDirectory));
            new CredentialStore(List.of(
                CredentialStore.entry(FEED_PRINCIPAL, SessionRole.ALL, feed.secret(), random),
                CredentialStore.entry(SHELL_PRINCIPAL, SHELL_ROLES, shell.secret(), random),
                CredentialStore.entry(COMMERCE_PRINCIPAL, SessionRole.COMMERCE.bit(), commerce.secret(), random)))
                .write(coreFile);
            out.printf("created credentials: %s (hashes, for the core), and the secrets of the feed, the shell and " +
                "its entitlement relay in %s%n", coreFile, coreFile.getParent());
        }
        return CredentialStore.read(coreFile);
    }
}
