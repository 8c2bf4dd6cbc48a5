package io.v100.cli;

import io.aeron.CommonContext;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CpuBinding;
import io.v100.demo.CoreWarmup;
import io.v100.client.FeedRunner;
import io.v100.demo.RunSummary;
import io.v100.gateway.CoreNode;
import io.v100.gateway.CredentialStore;
import io.v100.gateway.GatewayContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code v100 demo}: the core and the feeder in one process, through Aeron IPC, on a real match.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Run the core and the feeder in one process over Aeron IPC on a real match.",
        "Writes:",
        "  DIR/summary.json   score, goals, counts per handler, latency, egress digest",
        "  DIR/journal/       the input journal (Chronicle Queue); replaced on each run",
        "  DIR/egress/        the egress journal, one document per tick",
        "  DIR/snapshots/     snapshots of every handler, every --snapshot-interval inputs",
        "  DIR/credentials/   created on first run: the core's hashed credentials and the feed's secret",
        "  DIR/latency.hgrm   receipt-to-end-of-tick latency percentiles (HdrHistogram, microseconds)",
        "Progress is printed every tenth of the stream; the summary is printed at the end." })
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-out",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--warmup", paramLabel = "FRAMES", defaultValue = "200000",
        description = "Frames run through a throwaway core before the measured run (which then starts with a " +
            "GC), so the JIT has compiled " +
            "the whole path; it is then discarded, so the run's state and digest are unaffected. 0 skips it " +
            "(default: ${DEFAULT-VALUE}).")
    long warmupFrames;

    @Mixin
    FeedOptions feedOptions;

    @Mixin
    CoreOptions coreOptions;

    public Integer call() throws Exception
    {
        final PrintStream console = System.out;
        final long startNs = System.nanoTime();
        // Everything a user can get wrong is checked here, before the warm-up and before anything is written.
        if (warmupFrames < 0)
        {
            throw new UsageException("--warmup " + warmupFrames + ": must be 0 (no warm-up) or more frames");
        }
        feedOptions.validate();
        coreOptions.validate();
        OutputDirectory.requireWritable("--out", out);
        final MatchFeed feed = feedOptions.openMatch(feedOptions.toContext(), console);
        final long warmedUp = CoreWarmup.run(feed.newStream(), warmupFrames, coreOptions.toContext(null));
        console.printf("warm-up: %,d frames through a throwaway core (discarded)%n", warmedUp);
        final Path journal = out.resolve("journal");
        Files.createDirectories(out);
        Journals.deleteData(out, console);

        final GatewayContext ipc = new GatewayContext()
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL);
        final EgressTally tally = new EgressTally();
        final OrderedEgress ordered = new OrderedEgress(tally, 0);
        final FeedRunner runner;
        final CredentialStore credentials = CredentialFiles.ensure(out, console);
        final ClientCredentials feedCredentials = ClientCredentials.read(CredentialFiles.feedFile(out));
        final CoreNode node = CoreNode.launch(
            ipc.credentials(credentials), coreOptions.toContext(out),
            egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        try
        {
            try (V100Client client = V100Client.connect(
                new ClientContext()
                    .aeronDirectoryName(node.aeronDirectoryName())
                    .ingressChannel(CommonContext.IPC_CHANNEL)
                    .egressChannel(CommonContext.IPC_CHANNEL),
                ordered.liveHandler(),
                ordered.replayHandler()))
            {
                if (!client.awaitConnected(10_000))
                {
                    throw new IllegalStateException("client could not connect to the core over IPC within 10 s");
                }
                if (node.ring().plan().bindOthersAway())
                {
                    CpuBinding.bindToUnreservedCpus();
                }
                runner = new FeedRunner(client, ordered, tally, console, "demo", feedOptions.rate, feedCredentials);
                // Collect the set-up's garbage now, so no pause lands in the measured stream.
                System.gc();
                runner.run(feed.stream(), feed.context().kickoffNs(), 1, 60_000);
            }
        }
        finally
        {
            node.close();
        }

        LatencyFiles.writeHgrm(node.tick().latency(), out.resolve("latency.hgrm"));
        final RunSummary summary = RunSummary.of(feed.match().teamNames(), runner.published(), tally)
            .put("run.seconds", Math.round((System.nanoTime() - startNs) / 1e7) / 100.0)
            .put("run.transport", "aeron:ipc, embedded media driver")
            .put("run.rate", feedOptions.rate)
            .put("run.warmupFrames", warmedUp)
            .put("run.threading", node.ring().threading())
            .put("run.journal", journal.toString())
            .put("run.handlerErrors", node.ring().handlerErrors());
        summary.write(out.resolve("summary.json"));
        console.println(summary.toJson());
        console.printf("wrote %s, %s, %s%n", out.resolve("summary.json"), journal, out.resolve("latency.hgrm"));
        return 0;
    }
}
