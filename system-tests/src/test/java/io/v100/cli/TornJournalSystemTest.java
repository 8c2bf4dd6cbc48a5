package io.v100.cli;

import io.v100.client.EgressTally;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.demo.DemoFeed;
import io.v100.feed.FeedContext;
import io.aeron.driver.MediaDriver;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.client.FeedRunner;
import io.v100.gateway.CoreNode;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.DatagramSocket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.v100.testing.JournalFiles.find;
import static io.v100.testing.JournalFiles.lastNonZero;
import static io.v100.testing.JournalFiles.newestCycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The input journal is damaged ON DISK while the core is down, and a real core restarts on it with a real client
 * streaming the shipped match over UDP: first the newest {@code .cq4} is cut 4 KB into its written data (a torn
 * tail, as a power cut leaves it), then one byte of a recent entry is flipped. Each time the core must log one
 * line naming the damage and cut the journal back to the last whole entry; the client must learn from the core's
 * Ack exactly which of its acknowledged inputs were lost, resend them, and finish with the uninterrupted run's
 * digest, with every input journaled exactly once and nothing looping.
 */
@Tag("slow")
@Timeout(600)
class TornJournalSystemTest
{
    /** The shipped match's egress digest, as the README gives it for {@code scripts/v100 demo}. */
    static final String SHIPPED_MATCH_DIGEST = "524f063dc31595d35189cdf69d702d53bbd9b0588aca4c703021f579caf98ba0";

    /** The client id the core assigns the feed's principal: the first principal to open a session gets 1. */
    private static final int CLIENT_ID = 1;
    private static final Pattern LOST = Pattern.compile(
        "the core lost acknowledged inputs of client " + CLIENT_ID + ": client sequences ([0-9,]+) to ([0-9,]+); resending");

    @TempDir
    Path dir;

    private CoreProcesses cores;

    @Test
    void shouldCutADamagedJournalBackReportTheLostInputsAndFinishAsIfUninterrupted() throws Exception
    {
        cores = new CoreProcesses(dir);
        System.setProperty("aeron.publication.connection.timeout", "1s");
        System.setProperty("aeron.image.liveness.timeout", "1s");
        final String ingress = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final String egress = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final Path data = dir.resolve("core");
        final Path journal = data.resolve("journal");

        final FeedContext feedContext = DemoFeed.context().clientId(CLIENT_ID);
        final MatchFeed feed = MatchFeed.open(ShippedMatch.FILE, feedContext, new PrintStream(OutputStream.nullOutputStream()));
        final EgressTally tally = new EgressTally();
        final OrderedEgress ordered = new OrderedEgress(tally, CLIENT_ID);
        final long total = feed.stream().totalFrames();
        final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
        final PrintStream progress = new PrintStream(new Tee(System.out, progressBytes), true, StandardCharsets.UTF_8);

        Process core = cores.start(data, ingress, egress);
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
            runner[0] = new FeedRunner(client, ordered, tally, progress, "torn-feed", 100_000,
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
            }, "torn-feeder");
            feeder.start();

            // Damage entries the client had been acknowledged for when the core died: 100 and 10 before the last
            // acknowledged one. The tail after them was journaled too, perhaps not yet acknowledged.
            core = restartWithDamage(core, runner[0], feeder, total * 3 / 10, data, ingress, egress, () ->
                cutIntoEntry(newestCycle(journal), ordered.ackedClientSequence() - 100));
            core = restartWithDamage(core, runner[0], feeder, total * 6 / 10, data, ingress, egress, () ->
                flipByteOfEntry(newestCycle(journal), ordered.ackedClientSequence() - 10));

            feeder.join(TimeUnit.MINUTES.toMillis(5));
            assertNull(failure.get(), () -> "feeder failed: " + failure.get() + "\n" + cores.logs());
        }
        finally
        {
            core.destroy();
            core.waitFor(30, TimeUnit.SECONDS);
        }

        System.out.println(cores.logs());
        final String cut = CoreProcesses.read(cores.log(2));
        final String flipped = CoreProcesses.read(cores.log(3));
        assertEquals(1, count(cut, "input journal damaged at index"), cut);
        assertEquals(1, count(flipped, "input journal damaged at index"), flipped);
        assertTrue(flipped.contains("(CRC-32C mismatch)"), flipped);
        assertTrue(cut.contains("client " + CLIENT_ID + " at client sequence"), cut);

        final Matcher lost = LOST.matcher(progressBytes.toString(StandardCharsets.UTF_8));
        int reports = 0;
        long lostInputs = 0;
        while (lost.find())
        {
            reports++;
            lostInputs += Long.parseLong(lost.group(2).replace(",", "")) -
                Long.parseLong(lost.group(1).replace(",", "")) + 1;
        }
        assertEquals(2, reports, "one report of lost acknowledged inputs per damaged journal");
        assertEquals(lostInputs, runner[0].lostAcknowledged());
        assertTrue(lostInputs > 0);

        final LongArrayList journaled = CoreProcesses.clientSequences(journal, CLIENT_ID);
        assertEquals(runner[0].published(), journaled.size(), "every input journaled exactly once");
        for (int i = 0; i < journaled.size(); i++)
        {
            assertEquals(i + 1, journaled.getLong(i), "client sequence at ring sequence " + i);
        }
        assertEquals(SHIPPED_MATCH_DIGEST, tally.digestHex(), "egress digest of the uninterrupted shipped match");
    }

    @FunctionalInterface
    interface Damage
    {
        void apply() throws IOException;
    }

    private Process restartWithDamage(
        final Process core,
        final FeedRunner runner,
        final Thread feeder,
        final long threshold,
        final Path data,
        final String ingress,
        final String egress,
        final Damage damage) throws Exception
    {
        while (runner.published() < threshold && feeder.isAlive())
        {
            Thread.sleep(2);
        }
        core.destroyForcibly();
        assertTrue(core.waitFor(30, TimeUnit.SECONDS));
        assertEquals(128 + 9, core.exitValue(), "SIGKILL");
        damage.apply();
        return cores.start(data, ingress, egress);
    }

    /**
     * Cut the file in the middle of the frame of one entry, as a power cut that lost the last pages does: the
     * entry is torn and everything after it is gone.
     */
    private static void cutIntoEntry(final Path cycle, final long clientSequence) throws IOException
    {
        final long at = findEntry(cycle, clientSequence);
        assertTrue(lastNonZero(cycle) > at + 4096, "the cut goes at least 4 KB into written data");
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.setLength(at + 6);
        }
    }

    /**
     * Flip one bit of the client sequence inside the frame of one entry.
     */
    private static void flipByteOfEntry(final Path cycle, final long clientSequence) throws IOException
    {
        final long at = findEntry(cycle, clientSequence);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.seek(at + 4);
            final int b = file.read();
            file.seek(at + 4);
            file.write(b ^ 0x40);
        }
    }

    /**
     * @return file position of the client id and client sequence inside the frame of the entry with that client
     * sequence.
     */
    private static long findEntry(final Path cycle, final long clientSequence) throws IOException
    {
        final byte[] pattern = new byte[12];
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(pattern);
        buffer.putInt(0, CLIENT_ID, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(4, clientSequence, ByteOrder.LITTLE_ENDIAN);
        final long at = find(cycle, pattern, true);
        assertTrue(at > 0, "entry with client sequence " + clientSequence + " found");
        return at;
    }

    private static int count(final String text, final String needle)
    {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1))
        {
            count++;
        }
        return count;
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /** Writes to two streams. */
    static final class Tee extends OutputStream
    {
        private final OutputStream first;
        private final OutputStream second;

        Tee(final OutputStream first, final OutputStream second)
        {
            this.first = first;
            this.second = second;
        }

        public synchronized void write(final int b) throws IOException
        {
            first.write(b);
            second.write(b);
        }

        public synchronized void write(final byte[] b, final int off, final int len) throws IOException
        {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
