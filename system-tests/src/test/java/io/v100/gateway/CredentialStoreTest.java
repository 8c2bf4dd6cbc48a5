package io.v100.gateway;

import io.v100.client.ClientCredentials;
import io.v100.core.SessionRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialStoreTest
{
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void shouldStoreASaltedHashAndNeverTheSecret() throws IOException
    {
        final ClientCredentials feed = ClientCredentials.generate("feed", random);
        final ClientCredentials viewers = ClientCredentials.generate("viewers", random);
        final Path file = dir.resolve("core.credentials");
        new CredentialStore(List.of(
            CredentialStore.entry("feed", SessionRole.ALL, feed.secret(), random),
            CredentialStore.entry("viewers", SessionRole.VIEWER_GATEWAY.bit(), viewers.secret(), random)))
            .write(file);

        final String text = Files.readString(file, StandardCharsets.UTF_8);
        for (final ClientCredentials client : List.of(feed, viewers))
        {
            assertFalse(text.contains(HexFormat.of().formatHex(client.secret())), "no secret in hex");
            assertFalse(text.contains(Base64.getEncoder().encodeToString(client.secret())), "no secret in base64");
        }
        assertTrue(text.contains("feed MATCH_DATA|VIDEO|DETECTOR|COMMERCE|VIEWER_GATEWAY|OPERATOR pbkdf2-sha256 1000 "));
        assertTrue(text.contains("viewers VIEWER_GATEWAY pbkdf2-sha256 1000 "));

        final CredentialStore store = CredentialStore.read(file);
        final CredentialStore.Entry entry = store.entries().get("feed");
        assertEquals(CredentialStore.SALT_LENGTH, entry.salt().length);
        assertArrayEquals(CredentialStore.hash(feed.secret(), entry.salt(), entry.iterations()), entry.hash());
        assertFalse(java.util.Arrays.equals(entry.salt(), store.entries().get("viewers").salt()), "a salt each");

        assertEquals(SessionRole.ALL, store.authenticate("feed", feed.secret()));
        assertEquals(SessionRole.VIEWER_GATEWAY.bit(), store.authenticate("viewers", viewers.secret()));
        assertEquals(CredentialStore.NOT_AUTHENTICATED, store.authenticate("feed", viewers.secret()), "wrong secret");
        assertEquals(CredentialStore.NOT_AUTHENTICATED, store.authenticate("nobody", feed.secret()), "unknown");
    }

    @Test
    void shouldRoundTripTheClientFileAndHideTheSecretInToString() throws IOException
    {
        final ClientCredentials feed = ClientCredentials.generate("feed", random);
        final Path file = dir.resolve("feed.credentials");
        feed.write(file);
        final ClientCredentials read = ClientCredentials.read(file);
        assertEquals("feed", read.principal());
        assertArrayEquals(feed.secret(), read.secret());
        assertFalse(read.toString().contains(HexFormat.of().formatHex(feed.secret())));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(file)));
    }

    @Test
    void shouldNameTheLineOfAMalformedEntry() throws IOException
    {
        final Path file = dir.resolve("bad.credentials");
        Files.writeString(file, "# comment\nfeed ALL pbkdf2-sha256 1000 c2FsdHNhbHQ=\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CredentialStore.read(file));
        assertTrue(ex.getMessage().contains("line 2"), ex.getMessage());

        Files.writeString(file, "feed NO_SUCH_ROLE pbkdf2-sha256 1000 c2FsdHNhbHQ= " +
            Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThrows(IllegalArgumentException.class, () -> CredentialStore.read(file));
    }
}
