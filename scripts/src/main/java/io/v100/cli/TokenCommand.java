package io.v100.cli;

import io.v100.shell.gateway.DevSigningKey;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.gateway.Tier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code v100 token}: a development JWT for {@code v100 serve}, signed with the key in the same data directory.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
        "Print a development JWT (RS256) for the shell, and nothing else, on the last line.",
        "It is signed with DIR/keys/signing-key.jwk, which `v100 serve --out DIR` verifies against (either command " +
            "creates the key on first use)." })
public final class TokenCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "T", required = true,
        description = "Tenant id: lower-case letters, digits and dashes.")
    String tenant;

    @Option(names = "--tier", paramLabel = "TIER", required = true, description = "free, pro or enterprise.")
    String tier;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "viewer",
        description = "viewer or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--subject", paramLabel = "ID",
        description = "The viewer's or user's id, the token's sub (default: a random id).")
    String subject;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "serve-out",
        description = "The data directory `serve` uses (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "PT12H",
        description = "Lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    public Integer call() throws Exception
    {
        final Tier parsedTier = Tier.parse(tier);
        final Role parsedRole = Role.parse(role);
        final String sub = null == subject ? "user-" + UUID.randomUUID() : subject;
        if (!Principal.TENANT_PATTERN.matcher(tenant).matches())
        {
            throw new ParameterException(spec.commandLine(), "--tenant must match " + Principal.TENANT_PATTERN);
        }
        if (null == parsedTier)
        {
            throw new ParameterException(spec.commandLine(), "--tier must be free, pro or enterprise");
        }
        if (null == parsedRole)
        {
            throw new ParameterException(spec.commandLine(), "--role must be viewer or admin");
        }
        if (!Principal.SUBJECT_PATTERN.matcher(sub).matches())
        {
            throw new ParameterException(spec.commandLine(), "--subject must match " + Principal.SUBJECT_PATTERN);
        }
        final ShellContext context = new ShellContext();
        final DevSigningKey key = DevSigningKey.loadOrCreate(out);
        System.out.println(key.issue(
            context.issuer(), context.audience(), tenant, parsedTier, parsedRole, sub, ttl));
        return 0;
    }
}
