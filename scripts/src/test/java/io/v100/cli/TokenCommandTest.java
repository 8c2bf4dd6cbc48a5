package io.v100.cli;


import io.v100.shell.gateway.JwtVerifier;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.gateway.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenCommandTest
{
    @TempDir
    Path directory;

    @Test
    void shouldPrintATokenThatTheShellAcceptsOnItsLastLine() throws Exception
    {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            exit = V100Main.commandLine().execute("token", "--tenant", "acme", "--tier", "pro", "--role", "admin",
                "--subject", "user-42", "--out", directory.toString());
        }
        finally
        {
            System.setOut(stdout);
        }
        assertEquals(0, exit);
        final String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        final String token = lines[lines.length - 1];

        final Principal principal = new JwtVerifier(new ShellContext().dataDirectory(directory).conclude()).verify(token);
        assertEquals(new Principal("acme", Tier.PRO, Role.ADMIN, "user-42", "jwt"), principal);
    }

    @Test
    void shouldRefuseAnUnknownTier()
    {
        assertEquals(2, V100Main.commandLine().execute("token", "--tenant", "acme", "--tier", "gold",
            "--out", directory.toString()));
    }
}
