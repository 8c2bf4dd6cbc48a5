package io.v100.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.client.EgressTally;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.core.RingEvent;
import io.v100.demo.DemoFeed;
import io.v100.client.FeedRunner;
import io.v100.demo.RunSummary;
import io.v100.feed.FeedContext;
import io.aeron.driver.MediaDriver;
import io.v100.gateway.CoreNode;
import io.v100.gateway.GatewayContext;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalReader;
import io.v100.sbe.SessionOpenedDecoder;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.nio.file.Files;
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

    private int coreStarts;

    @Test
    void shouldLoseAndDuplicateNothingWhenTheCoreIsKilledSixTimes() throws Exception
    {
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

        Process core = startCore(data, ingress, egress);
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
                core = startCore(data, ingress, egress);
            }

            feeder.join(TimeUnit.MINUTES.toMillis(5));
            assertNull(failure.get(), () -> "feeder failed: " + failure.get() + "\n" + logs());
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
        final LongArrayList journaled = clientSequences(data.resolve("journal"));
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

    private Process startCore(final Path data, final String ingress, final String egress) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of(
            "-Daeron.publication.connection.timeout=1s", "-Daeron.image.liveness.timeout=1s",
            "-Daeron.dir=" + dir.resolve("aeron-" + (coreStarts + 1)),
            "-cp", System.getProperty("java.class.path"), V100Main.class.getName(),
            "core", "--out", data.toString(), "--ingress-channel", ingress, "--egress-channel", egress,
            "--wait-strategy", "SLEEPING", "--affinity", "NONE", "--snapshot-interval", "50000"));
        final Path log = dir.resolve("core-" + (++coreStarts) + ".log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("[core] ready"))
        {
            assertTrue(process.isAlive(), () -> "core exited at start:\n" + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "core not ready in 60 s:\n" + read(log));
            Thread.sleep(20);
        }
        return process;
    }

    private static LongArrayList clientSequences(final Path journal)
    {
        final LongArrayList sequences = new LongArrayList();
        try (JournalReader reader = new JournalReader(new JournalContext().directory(journal), RingEvent.FRAME_CAPACITY))
        {
            while (reader.read((index, ringSequence, receivedNs, frame, frameLength) ->
            {
                assertEquals(sequences.size(), ringSequence, "ring sequences are contiguous");
                final int templateId = frame.getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN);
                if (templateId == SessionOpenedDecoder.TEMPLATE_ID)
                {
                    // session opens are journaled without taking a ring sequence: one per core start
                    return;
                }
                assertEquals(1, frame.getInt(8, java.nio.ByteOrder.LITTLE_ENDIAN), "the core-assigned client id");
                sequences.addLong(frame.getLong(12, java.nio.ByteOrder.LITTLE_ENDIAN));
            }))
            {
                Thread.onSpinWait();
            }
        }
        return sequences;
    }

    private String logs()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 1; i <= coreStarts; i++)
        {
            text.append("--- core-").append(i).append(".log\n").append(read(dir.resolve("core-" + i + ".log")));
        }
        return text.toString();
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
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
