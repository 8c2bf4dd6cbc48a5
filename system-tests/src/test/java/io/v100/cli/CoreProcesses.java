package io.v100.cli;

import io.v100.core.RingEvent;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalReader;
import io.v100.sbe.SessionOpenedDecoder;
import org.agrona.collections.LongArrayList;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/v100 core} started as a process of its own for the tests that kill it (crash recovery, torn
 * journal), each start logging to {@code DIR/core-N.log} with an Aeron directory of its own, and the reading of
 * what its input journal holds.
 */
final class CoreProcesses
{
    private final Path dir;
    private int starts;

    /**
     * @param dir the test's directory, for logs and Aeron directories.
     */
    CoreProcesses(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * Start a core over UDP and wait until it says it is ready.
     *
     * @param data    its data directory.
     * @param ingress its ingress channel.
     * @param egress  its egress channel.
     * @return the running process.
     * @throws Exception if it cannot start, exits, or is not ready within 60 s.
     */
    Process start(final Path data, final String ingress, final String egress) throws Exception
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
            "-Daeron.dir=" + dir.resolve("aeron-" + (starts + 1)),
            "-cp", System.getProperty("java.class.path"), V100Main.class.getName(),
            "core", "--out", data.toString(), "--ingress-channel", ingress, "--egress-channel", egress,
            "--wait-strategy", "SLEEPING", "--affinity", "NONE", "--snapshot-interval", "50000"));
        final Path log = dir.resolve("core-" + (++starts) + ".log");
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

    /**
     * @param start 1 for the first start.
     * @return that start's log.
     */
    Path log(final int start)
    {
        return dir.resolve("core-" + start + ".log");
    }

    /**
     * @return every start's log, one after the other.
     */
    String logs()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 1; i <= starts; i++)
        {
            text.append("--- core-").append(i).append(".log\n").append(read(log(i)));
        }
        return text.toString();
    }

    /**
     * @param file to read.
     * @return its text, or a note that it could not be read.
     */
    static String read(final Path file)
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

    /**
     * Every input of the journal, in order: ring sequences contiguous, each from {@code clientId}, the journal whole.
     * Session opens are skipped: they are journaled without taking a ring sequence, one per core start.
     *
     * @param journal  the input journal directory.
     * @param clientId the one client every input must come from.
     * @return the client sequences, in ring order.
     */
    static LongArrayList clientSequences(final Path journal, final int clientId)
    {
        final LongArrayList sequences = new LongArrayList();
        try (JournalReader reader = new JournalReader(new JournalContext().directory(journal), RingEvent.FRAME_CAPACITY))
        {
            while (reader.read((index, ringSequence, receivedNs, frame, frameLength) ->
            {
                assertEquals(sequences.size(), ringSequence, "ring sequences are contiguous");
                if (frame.getShort(2, ByteOrder.LITTLE_ENDIAN) == SessionOpenedDecoder.TEMPLATE_ID)
                {
                    return;
                }
                assertEquals(clientId, frame.getInt(8, ByteOrder.LITTLE_ENDIAN), "the core-assigned client id");
                sequences.addLong(frame.getLong(12, ByteOrder.LITTLE_ENDIAN));
            }))
            {
                Thread.onSpinWait();
            }
            assertNull(reader.damage(), "the journal is whole at the end");
        }
        return sequences;
    }
}
