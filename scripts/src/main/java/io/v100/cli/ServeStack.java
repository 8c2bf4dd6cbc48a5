package io.v100.cli;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.FeedRunner;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.demo.DemoFeed;
import io.v100.feed.FeedContext;
import io.v100.feed.IngressStream;
import io.v100.feed.StatsBombMatch;
import io.v100.gateway.CoreNode;
import io.v100.gateway.CredentialStore;
import io.v100.gateway.GatewayContext;
import io.v100.shell.billing.BillingContext;
import io.v100.shell.billing.BillingStack;
import io.v100.shell.gateway.CoreConnection;
import io.v100.shell.gateway.DevSigningKey;
import io.v100.shell.gateway.EventInfo;
import io.v100.shell.gateway.EventProjection;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.gateway.ShellServer;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What {@code v100 serve} runs, startable from code (tests, the gateway benchmark): the core with an embedded media
 * driver and its journal, the shell in front of it, and a feed streaming the match paced by its own event times.
 * With a core channel it runs only the shell, connected to a core that runs elsewhere.
 * <p>
 * Data directory layout: {@code core/} (the core's journal, egress journal and snapshots; replaced on each start,
 * since the feed starts the match again from its first frame), {@code keys/} (the development signing key and
 * JWKS), {@code api-keys.json}, {@code shell-cache.dat} and {@code postgres/} (the embedded billing database,
 * used when no database URL is set) (kept across starts).
 */
public final class ServeStack implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ServeStack.class);

    private final CoreNode core;
    private final MediaDriver shellDriver;
    private final CoreConnection connection;
    private final ShellServer shell;
    private final BillingStack billing;
    private final Thread feedThread;
    private final CountDownLatch feedDone = new CountDownLatch(1);
    private volatile Throwable feedFailure;

    /**
     * What to start.
     *
     * @param shellContext  the shell's settings; its data directory and port are used as given.
     * @param matchFile     StatsBomb events file the feed streams.
     * @param speed         match time per wall-clock time: 1 plays the match in real time.
     * @param coreChannel   null to start a core here; else the ingress channel of a core running elsewhere.
     * @param egressChannel the egress channel of that core (used with a core channel only).
     * @param credentials   the shell's credentials file for that core (used with a core channel only).
     * @param progress       where the feed's progress lines go.
     * @param billingContext the billing database and its settings.
     */
    public record Options(
        ShellContext shellContext,
        Path matchFile,
        double speed,
        String coreChannel,
        String egressChannel,
        Path credentials,
        PrintStream progress,
        BillingContext billingContext)
    {
        /**
         * Options with the billing settings from system properties and an embedded database in the data
         * directory's {@code postgres/}.
         */
        public Options(
            final ShellContext shellContext,
            final Path matchFile,
            final double speed,
            final String coreChannel,
            final String egressChannel,
            final PrintStream progress)
        {
            this(shellContext, matchFile, speed, coreChannel, egressChannel, null, progress, new BillingContext());
        }
    }

    private ServeStack(
        final CoreNode core,
        final MediaDriver shellDriver,
        final CoreConnection connection,
        final ShellServer shell,
        final BillingStack billing,
        final Thread feedThread)
    {
        this.core = core;
        this.shellDriver = shellDriver;
        this.billing = billing;
        this.connection = connection;
        this.shell = shell;
        this.feedThread = feedThread;
    }

    /**
     * Start everything and return once the shell listens.
     *
     * @param options what to start.
     * @return the running stack.
     * @throws IOException when a file cannot be read or created, or the shell cannot listen.
     */
    public static ServeStack start(final Options options) throws IOException
    {
        final Path out = options.shellContext().dataDirectory();
        Files.createDirectories(out);
        DevSigningKey.loadOrCreate(out);
        final StatsBombMatch match = StatsBombMatch.read(options.matchFile());
        final FeedContext feedContext = DemoFeed.context();
        final EventInfo event = new EventInfo(
            match.matchId(),
            match.homeTeamId(),
            match.teamName(match.homeTeamId()),
            match.awayTeamId(),
            match.teamName(match.awayTeamId()),
            feedContext.kickoffNs());
        final EventProjection projection = new EventProjection(List.of(event));

        CoreNode core = null;
        MediaDriver shellDriver = null;
        CoreConnection connection = null;
        ShellServer shell = null;
        BillingStack billing = null;
        try
        {
            final ClientContext shellToCore;
            final ClientCredentials shellCredentials;
            final ClientCredentials commerceCredentials;
            ClientCredentials feedCredentials = null;
            if (null == options.coreChannel())
            {
                final Path coreData = out.resolve("core");
                if (Files.exists(coreData))
                {
                    IoUtil.delete(coreData.toFile(), false);
                }
                final CredentialStore credentials = CredentialFiles.ensure(coreData, options.progress());
                shellCredentials = ClientCredentials.read(CredentialFiles.shellFile(coreData));
                commerceCredentials = ClientCredentials.read(CredentialFiles.commerceFile(coreData));
                feedCredentials = ClientCredentials.read(CredentialFiles.feedFile(coreData));
                core = CoreNode.launch(new GatewayContext()
                        .ingressChannel(CommonContext.IPC_CHANNEL)
                        .egressChannel(CommonContext.IPC_CHANNEL)
                        .credentials(credentials),
                    coreContext(coreData),
                    egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
                shellToCore = ipc(core.aeronDirectoryName());
            }
            else
            {
                // One media driver for the shell's two clients (the gateway's connection and the outbox relay):
                // a UDP unicast egress endpoint can be bound by one driver only. The client library never starts
                // one itself.
                shellCredentials = ClientCredentials.read(options.credentials());
                commerceCredentials = ClientCredentials.read(
                    options.credentials().resolveSibling(CredentialFiles.COMMERCE_FILE_NAME));
                shellDriver = CoreNode.launchEmbeddedDriver();
                shellToCore = new ClientContext()
                    .aeronDirectoryName(shellDriver.aeronDirectoryName())
                    .ingressChannel(options.coreChannel())
                    .egressChannel(options.egressChannel());
            }
            connection = new CoreConnection(shellToCore, shellCredentials, projection).start();
            if (null != core && !connection.awaitConnected(10_000))
            {
                throw new IOException("the shell could not connect to the core over IPC within 10 s");
            }
            final BillingContext billingContext = options.billingContext();
            if (null == billingContext.dbUrl() && null == billingContext.embeddedDirectory())
            {
                billingContext.embeddedDirectory(out.resolve("postgres"));
            }
            billing = BillingStack.start(billingContext, shellToCore, commerceCredentials);
            if (null != core)
            {
                // This core starts from an empty journal: every grant (and revoke) is sent to it again.
                redeliver(billing);
            }
            shell = ShellServer.start(
                options.shellContext(), connection, UnaryOperator.identity(), billing.routes());
            Thread feedThread = null;
            final ServeStack stack;
            if (null != core)
            {
                final CoreNode feedCore = core;
                final ClientCredentials feedSession = feedCredentials;
                final ServeStack[] self = new ServeStack[1];
                feedThread = new Thread(() -> self[0].runFeed(feedCore, feedSession, match, feedContext, options), "v100-serve-feed");
                feedThread.setDaemon(true);
                stack = new ServeStack(core, null, connection, shell, billing, feedThread);
                self[0] = stack;
                feedThread.start();
            }
            else
            {
                stack = new ServeStack(null, shellDriver, connection, shell, billing, null);
                stack.feedDone.countDown();
            }
            return stack;
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(shell, billing, connection, shellDriver, core);
            throw ex;
        }
    }

    /**
     * @return the shell's base URL, e.g. {@code http://127.0.0.1:8080}.
     */
    public String baseUrl()
    {
        return shell.baseUrl();
    }

    /**
     * @return the running shell.
     */
    public ShellServer shell()
    {
        return shell;
    }

    /**
     * @return the connection from the shell to the core.
     */
    public CoreConnection connection()
    {
        return connection;
    }

    /**
     * Stop the core (and with it the feed) while the shell keeps running: what a crashed core looks like from the
     * shell.
     */
    public void closeCore()
    {
        CloseHelper.quietClose(core);
    }

    /**
     * @param timeoutMs to wait.
     * @return true once the feed sent the whole match and the core acknowledged it.
     */
    public boolean awaitFeed(final long timeoutMs)
    {
        try
        {
            return feedDone.await(timeoutMs, TimeUnit.MILLISECONDS) && null == feedFailure;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return billing: the database, the service and the outbox relay.
     */
    public BillingStack billing()
    {
        return billing;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(shell, billing, connection, shellDriver, core);
        if (null != feedThread)
        {
            try
            {
                feedThread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runFeed(
        final CoreNode node,
        final ClientCredentials credentials,
        final StatsBombMatch match,
        final FeedContext feedContext,
        final Options options)
    {
        try
        {
            final IngressStream stream = DemoFeed.stream(match, feedContext);
            final EgressTally tally = new EgressTally();
            final OrderedEgress ordered = new OrderedEgress(tally, 0);
            try (V100Client client = V100Client.connect(
                ipc(node.aeronDirectoryName()), ordered.liveHandler(), ordered.replayHandler(),
                error -> LOG.warn("feed Aeron client: {}", error.toString())))
            {
                if (!client.awaitConnected(10_000))
                {
                    throw new IllegalStateException("the feed could not connect to the core within 10 s");
                }
                new FeedRunner(client, ordered, tally, options.progress(), "feed", 0, credentials)
                    .pacedByEventTime(options.speed())
                    .run(stream, feedContext.kickoffNs(), 1, 60_000);
            }
            final EgressTally.Score score = tally.score();
            options.progress().printf("[feed] match over: %s %s %s; the shell keeps serving%n",
                match.teamName(match.homeTeamId()),
                null == score ? "(no score)" : score.homeGoals() + "-" + score.awayGoals(),
                match.teamName(match.awayTeamId()));
        }
        catch (final RuntimeException ex)
        {
            feedFailure = ex;
            LOG.warn("feed stopped: {}", ex.toString());
        }
        finally
        {
            feedDone.countDown();
        }
    }

    private static void redeliver(final BillingStack billing) throws IOException
    {
        try
        {
            final long queued = billing.redeliverAll();
            if (queued > 0)
            {
                LOG.info("{} entitlement grants queued again for the new core", queued);
            }
        }
        catch (final java.sql.SQLException ex)
        {
            throw new IOException("cannot queue the entitlement grants for the new core", ex);
        }
    }

    private static ClientContext ipc(final String aeronDirectoryName)
    {
        return new ClientContext()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL);
    }

    /**
     * A core that waits instead of spinning: served at match speed it is idle most of the time, and it shares the
     * machine with the shell's event loops.
     */
    private static CoreContext coreContext(final Path dataDirectory)
    {
        return new CoreContext()
            .waitStrategy(WaitStrategyKind.BLOCKING)
            .pollerIdle(ThreadingPlan.PollerIdle.BACKOFF)
            .affinity(ThreadingPlan.Affinity.NONE)
            .dataDirectory(dataDirectory);
    }
}
