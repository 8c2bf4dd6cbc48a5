package io.v100.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.demo.DemoFeed;
import io.v100.client.FeedRunner;
import io.v100.demo.RunSummary;
import io.v100.feed.FeedContext;
import io.aeron.driver.MediaDriver;
import io.v100.gateway.CoreNode;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core process is killed with SIGKILL at six points while a feeder streams the whole shipped match to it
 * over UDP, and restarted each time on the same data directory. The feeder carries on through every restart.
 * At the end its summary (score, goals, every count, the egress digest) must equal an uninterrupted run's, and
 * the journal must hold each of the feeder's inputs exactly once, in order.
 */
@Tag("slow")
@Timeout(600)
class CrashRecoverySystemTest
{
    private static final int KILLS = 6;

    @TempDir
    Path dir;

    private CoreProcesses cores;

    @Test
    void shouldLoseAndDuplicateNothingWhenTheCoreIsKilledSixTimes() throws Exception
    {
        cores = new CoreProcesses(dir);
        System.setProperty("aeron.publication.connection.timeout", "1s");
        System.setProperty("aeron.image.liveness.timeout", "1s");
        final String ingress = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final String egress = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final Path data = dir.resolve("core");

        final FeedContext feedContext = DemoFeed.context();
        final MatchFeed feed = MatchFeed.open(ShippedMatch.FILE, feedContext, new PrintStream(PrintStream.nullOutputStream()));
        final EgressTally tally = new EgressTally();
        final OrderedEgress ordered = new OrderedEgress(tally, 0);
        final long total = feed.stream().totalFrames();

        Process core = cores.start(data, ingress, egress);
        final List<Long> killedAt = new ArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final FeedRunner[] runner = new FeedRunner[1];
        try (MediaDriver clientDriver = CoreNode.launchEmbeddedDriver();
            V100Client client = V100Client.connect(
            new ClientContext()
                .aeronDirectoryName(clientDriver.aeronDirectoryName())
                .ingressChannel(ingress)
                .egressChannel(egress),
            ordered.liveHandler(),
            ordered.replayHandler()))
        {
            assertTrue(client.awaitConnected(60_000), "client connects to the first core");
            runner[0] = new FeedRunner(client, ordered, tally, System.out, "crash-feed", 100_000,
                ClientCredentials.read(CredentialFiles.feedFile(data)));
            final Thread feeder = new Thread(() ->
            {
                try
                {
                    runner[0].run(feed.stream(), feedContext.kickoffNs(), 1, 180_000);
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "crash-feeder");
            feeder.start();

            for (int kill = 1; kill <= KILLS; kill++)
            {
                final long threshold = total * kill / (KILLS + 1);
                while (runner[0].published() < threshold && feeder.isAlive())
                {
                    Thread.sleep(2);
                }
                killedAt.add(runner[0].published());
                core.destroyForcibly();
                assertTrue(core.waitFor(30, TimeUnit.SECONDS));
                assertEquals(128 + 9, core.exitValue(), "SIGKILL");
                core = cores.start(data, ingress, egress);
            }

            feeder.join(TimeUnit.MINUTES.toMillis(5));
            assertNull(failure.get(), () -> "feeder failed: " + failure.get() + "\n" + cores.logs());
        }
        finally
        {
            core.destroy();
            core.waitFor(30, TimeUnit.SECONDS);
        }

        assertEquals(KILLS, killedAt.size());
        assertTrue(killedAt.get(KILLS - 1) < total, "the last kill came before the feed ended: " + killedAt);
        assertTrue(runner[0].resent() > 0, "frames lost to dead cores were resent");
        assertTrue(ordered.replays() > 0, "missed egress was replayed");

        assertTrue(runner[0].sessionsOpened() > 1, "the session was opened again after a restart");
        final LongArrayList journaled = CoreProcesses.clientSequences(data.resolve("journal"), 1);
        assertEquals(runner[0].published(), journaled.size(), "every input journaled exactly once");
        for (int i = 0; i < journaled.size(); i++)
        {
            assertEquals(i + 1, journaled.getLong(i), "client sequence at ring sequence " + i);
        }

        final RunSummary crashed = RunSummary.of(feed.match().teamNames(), runner[0].published(), tally);
        final JsonNode actual = new ObjectMapper().readTree(crashed.toJson());
        final Path reference = dir.resolve("uninterrupted");
        assertEquals(0, V100Main.commandLine().execute(
            "demo", "--match", ShippedMatch.FILE.toString(), "--out", reference.toString(), "--rate", "0",
            "--warmup", "0", "--wait-strategy", "SLEEPING", "--affinity", "NONE"));
        final JsonNode expected = new ObjectMapper().readTree(reference.resolve("summary.json").toFile());
        for (final String key : List.of(
            "match.score", "match.goals", "match.redCards", "events.published", "events.journaled",
            "events.processed", "events.rejected", "wagering.suspensions", "wagering.betsAccepted",
            "wagering.betsRejected", "wagering.betsHeld", "director.cuts", "abr.segments", "abr.dateRanges",
            "deepfake.alertsRaised", "drm.keyRotations", "drm.licensesGranted", "drm.licensesDenied",
            "egress.messages", "egressDigest"))
        {
            assertEquals(expected.get(key), actual.get(key), key);
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
