package io.v100.cli;

import io.v100.gateway.GatewayContext;
import io.v100.shell.billing.BillingContext;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.tls.PostQuantumTlsContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code v100 serve}: the core, the shell and a feed of the shipped match in one process, with no set-up.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Start the core (embedded media driver, journal), the services shell and a feed that streams the match, " +
            "and keep serving after the match ends. Prints the base URL on a line of its own.",
        "Call it with a token from `v100 token --out DIR` (same DIR):",
        "  curl -H \"Authorization: Bearer $(scripts/v100 token --tenant demo --tier pro)\" URL/v1/events/15986",
        "Writes under DIR: core/ (journals, snapshots; replaced on each start), keys/ (development signing key " +
            "and JWKS), api-keys.json, shell-cache.dat, postgres/ (the embedded billing database, kept)." })
public final class ServeCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "serve-out",
        description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
        description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ShellContext.HOST_DEFAULT,
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
        description = "Match time per wall-clock time: 1 plays the match in real time, 60 a minute per second " +
            "(default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--match", paramLabel = "FILE",
        description = "StatsBomb events file (default: the shipped match, " + FeedOptions.SHIPPED_MATCH + ").")
    Path match;

    @Option(names = "--core-channel", paramLabel = "URI",
        description = "Run only the shell, connected to a core started elsewhere (`v100 core`) that listens on " +
            "this ingress channel, e.g. " + GatewayContext.UDP_INGRESS_CHANNEL_DEFAULT + ".")
    String coreChannel;

    @Option(names = "--egress-channel", paramLabel = "URI", defaultValue = GatewayContext.UDP_EGRESS_CHANNEL_DEFAULT,
        description = "With --core-channel: the channel that core publishes its egress on (default: ${DEFAULT-VALUE}).")
    String egressChannel;

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = "core-out/credentials/shell.credentials",
        description = "With --core-channel: the shell's principal and secret, as the core's data directory holds " +
            "them (default: ${DEFAULT-VALUE}, written by `scripts/v100 core` on first run).")
    Path credentials;

    @Option(names = "--tls",
        description = "Serve HTTPS (TLS 1.3 on Bouncy Castle's JSSE, hybrid X25519MLKEM768 key exchange first; " +
            "classical clients still connect). The certificate is generated in DIR/tls/ on first run unless " +
            "--tls-cert and --tls-key give one.")
    boolean tls;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate (chain) for --tls.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--jwks", paramLabel = "FILE|URL",
        description = "JWKS to verify tokens against (default: DIR/keys/jwks.json, the development key).")
    String jwks;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
        description = "External PostgreSQL for billing, e.g. jdbc:postgresql://db:5432/v100 (user from " +
            "-D" + BillingContext.DB_USER_PROP_NAME + ", password from $" + BillingContext.DB_PASSWORD_ENV + "); " +
            "default: an embedded server in DIR/postgres.")
    String dbUrl;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
        description = "Origin allowed by CORS, e.g. https://app.example.com; repeatable (default: none).")
    List<String> corsOrigins;

    public Integer call() throws Exception
    {
        final PrintStream console = System.out;
        final ShellContext context = new ShellContext()
            .dataDirectory(out)
            .host(host)
            .port(port)
            .jwks(jwks);
        if (null != corsOrigins)
        {
            context.corsOrigins(corsOrigins);
        }
        if ((null != tlsCertificate || null != tlsKey) && !tls)
        {
            throw new UsageException("--tls-cert and --tls-key need --tls");
        }
        if (tls)
        {
            context.tls(new PostQuantumTlsContext().certificateFile(tlsCertificate).privateKeyFile(tlsKey));
        }
        final ServeStack stack = ServeStack.start(new ServeStack.Options(
            context, matchFile(), speed, coreChannel, egressChannel, credentials, System.err,
            new BillingContext().dbUrl(dbUrl)));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stack.close();
            stopped.countDown();
        }, "v100-serve-shutdown"));
        console.println(stack.baseUrl());
        console.flush();
        stopped.await();
        return 0;
    }

    private Path matchFile()
    {
        if (null != match)
        {
            if (!Files.isReadable(match))
            {
                throw new IllegalArgumentException("match file not readable: " + match);
            }
            return match;
        }
        final Path shipped = Path.of(System.getProperty(FeedOptions.HOME_PROP_NAME, "."))
            .resolve(FeedOptions.SHIPPED_MATCH);
        if (!Files.isReadable(shipped))
        {
            throw new IllegalArgumentException(
                "shipped match not found at " + shipped.toAbsolutePath() + "; run from the project root or pass --match");
        }
        return shipped;
    }
}
