package io.v100.cli;

import io.aeron.driver.MediaDriver;
import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.client.FeedRunner;
import io.v100.demo.RunSummary;
import io.v100.feed.FeedContext;
import io.v100.gateway.CoreNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code v100 feed}: stream a match to a running core and summarise its answers.
 */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = {
        "Stream a match to a running `v100 core` and summarise its answers.",
        "Sends over Aeron (UDP on loopback by default), reads the egress, and writes DIR/summary.json (same",
        "keys as the demo's). Exits 1 if the core cannot be reached." })
public final class FeedCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "feed-out",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "20",
        description = "How long to wait for the core (default: ${DEFAULT-VALUE}).")
    int connectTimeoutS;

    @Option(names = "--credentials", paramLabel = "FILE", defaultValue = "core-out/credentials/feed.credentials",
        description = "This feed's principal and secret (`principal secret-hex`), as `v100 core` creates them in " +
            "its data directory on first run. The core assigns the client id from the principal " +
            "(default: ${DEFAULT-VALUE}).")
    Path credentials;

    @Mixin
    FeedOptions feedOptions;

    @Mixin
    AeronOptions aeronOptions;

    public Integer call() throws Exception
    {
        final PrintStream console = System.out;
        final long startNs = System.nanoTime();
        if (connectTimeoutS <= 0)
        {
            throw new UsageException("--connect-timeout " + connectTimeoutS + ": must be 1 or more seconds");
        }
        feedOptions.validate();
        aeronOptions.validate();
        OutputDirectory.requireWritable("--out", out);
        // A core started a moment ago may still be writing its data directory's credentials: wait as for the core.
        final long credentialsDeadline = System.nanoTime() + connectTimeoutS * 1_000_000_000L;
        while (!Files.isReadable(credentials) && System.nanoTime() < credentialsDeadline)
        {
            Thread.sleep(50);
        }
        if (!Files.isReadable(credentials))
        {
            throw new UsageException("--credentials " + credentials + ": no such readable file after " +
                connectTimeoutS + " s; start `scripts/v100 core` first, which creates it in its data directory");
        }
        final ClientCredentials feedCredentials = ClientCredentials.read(credentials);
        final FeedContext context = feedOptions.toContext();
        final MatchFeed feed = feedOptions.openMatch(context, console);
        final EgressTally tally = new EgressTally();
        final OrderedEgress ordered = new OrderedEgress(tally, 0);
        final FeedRunner runner;
        try (MediaDriver driver = null == aeronOptions.aeronDir ? CoreNode.launchEmbeddedDriver() : null;
            V100Client client = V100Client.connect(
                aeronOptions.toClientContext(null == driver ? null : driver.aeronDirectoryName()),
                ordered.liveHandler(),
                ordered.replayHandler()))
        {
            if (!client.awaitConnected(connectTimeoutS * 1000L))
            {
                throw new IllegalStateException(String.format(
                    "no core answered on %s / %s within %d s; start one with `scripts/v100 core`",
                    aeronOptions.ingressChannel, aeronOptions.egressChannel, connectTimeoutS));
            }
            runner = new FeedRunner(client, ordered, tally, console, "feed", feedOptions.rate, feedCredentials);
            runner.run(feed.stream(), feed.context().kickoffNs(), 1, 60_000);
        }

        final RunSummary summary = RunSummary.of(feed.match().teamNames(), runner.published(), tally)
            .put("run.seconds", Math.round((System.nanoTime() - startNs) / 1e7) / 100.0)
            .put("run.transport", aeronOptions.ingressChannel + " -> core -> " + aeronOptions.egressChannel)
            .put("run.rate", feedOptions.rate);
        Files.createDirectories(out);
        summary.write(out.resolve("summary.json"));
        console.println(summary.toJson());
        console.printf("wrote %s%n", out.resolve("summary.json"));
        return 0;
    }
}
