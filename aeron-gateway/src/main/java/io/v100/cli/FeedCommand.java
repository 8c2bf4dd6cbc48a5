package io.v100.cli;

import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.demo.FeedRunner;
import io.v100.demo.RunSummary;
import io.v100.feed.FeedContext;
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
        // A core started a moment ago may still be writing its data directory's credentials: wait as for the core.
        final long credentialsDeadline = System.nanoTime() + connectTimeoutS * 1_000_000_000L;
        while (!Files.isReadable(credentials) && System.nanoTime() < credentialsDeadline)
        {
            Thread.sleep(50);
        }
        if (!Files.isReadable(credentials))
        {
            System.err.printf("--credentials %s: no such readable file after %d s; start `scripts/v100 core` " +
                "first, which creates it in its data directory%n", credentials, connectTimeoutS);
            return 2;
        }
        final ClientCredentials feedCredentials = ClientCredentials.read(credentials);
        final FeedContext context = feedOptions.toContext();
        final MatchFeed feed = MatchFeed.open(feedOptions.matchFile(), context, console);
        final EgressTally tally = new EgressTally();
        final OrderedEgress ordered = new OrderedEgress(tally, 0);
        final FeedRunner runner;
        try (V100Client client = V100Client.connect(
            aeronOptions.toContext(), ordered.liveHandler(), ordered.replayHandler()))
        {
            if (!client.awaitConnected(connectTimeoutS * 1000L))
            {
                System.err.printf("no core answered on %s / %s within %d s; start one with `scripts/v100 core`%n",
                    aeronOptions.ingressChannel, aeronOptions.egressChannel, connectTimeoutS);
                return 1;
            }
            runner = new FeedRunner(client, ordered, tally, console, "feed", feedOptions.rate, feedCredentials);
            runner.run(feed.stream(), feed.context().kickoffNs(), 1, 60_000);
        }

        final RunSummary summary = RunSummary.of(feed.match().teamNames(), runner.published(), tally)
            .put("run.seconds", Math.round((System.nanoTime() - startNs) / 1e7) / 100.0)
            .put("run.transport", aeronOptions.ingressChannel + " -> core -> " + aeronOptions.egressChannel)
            .put("run.rate", feedOptions.rate);
        summary.write(out.resolve("summary.json"));
        console.println(summary.toJson());
        console.printf("wrote %s%n", out.resolve("summary.json"));
        return 0;
    }
}
