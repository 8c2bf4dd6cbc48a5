package io.v100.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.v100.testing.JournalFiles.find;
import static io.v100.testing.JournalFiles.lastNonZero;
import static io.v100.testing.JournalFiles.newestCycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage written ON DISK to a closed journal (a cut into written data, a flipped byte), then check that reading
 * stops at the first damaged entry, that the repair keeps exactly the whole entries before it, and that new
 * appends follow the last whole entry rather than the garbage.
 */
class JournalRepairTest
{
    private static final int ENTRIES = 2_000;
    private static final int FRAME = 64;

    @TempDir
    Path dir;

    @Test
    void shouldCutATornTailBackToTheLastWholeEntryAndAppendAfterIt() throws IOException
    {
        final JournalContext input = new JournalContext().directory(dir.resolve("journal"));
        final JournalContext egress = new JournalContext().directory(dir.resolve("egress"));
        write(input, egress, ENTRIES);

        final long end = lastNonZero(newestCycle(input.directory()));
        try (RandomAccessFile file = new RandomAccessFile(newestCycle(input.directory()).toFile(), "rw"))
        {
            file.setLength(end + 1 - 4096);
        }

        final List<Long> beforeRepair = ringSequences(input);
        final long whole = beforeRepair.size();
        assertTrue(whole < ENTRIES && whole > ENTRIES / 2, "entries readable after a 4 KB cut: " + whole);
        final JournalReader.Damage damage;
        try (JournalReader reader = new JournalReader(input, FRAME))
        {
            while (reader.read((index, ringSequence, receivedNs, frame, frameLength) -> { }))
            {
                Thread.onSpinWait();
            }
            damage = reader.damage();
        }
        assertNotNull(damage, "the entry the cut runs through is found");
        assertEquals("CRC-32C mismatch", damage.reason());

        final JournalRepair.Result result = JournalRepair.repair(input, egress, FRAME);
        assertNotNull(result);
        assertEquals(whole, result.keptEntries());
        assertEquals(whole, result.nextRingSequence());
        assertEquals(ENTRIES - whole, result.egressTicksDropped(), "egress ticks answering the lost inputs");
        assertEquals(ENTRIES - 1, result.lastDroppedEgress());
        assertTrue(Files.isDirectory(result.damagedInput()), "damaged journal kept: " + result.damagedInput());
        assertNull(JournalRepair.repair(input, egress, FRAME), "a repaired journal is whole");

        appendFrom(input, whole, 10);
        final List<Long> after = ringSequences(input);
        assertEquals(whole + 10, after.size());
        for (int i = 0; i < after.size(); i++)
        {
            assertEquals(i, after.get(i), "ring sequences run on without a hole");
        }
        try (EgressJournalReader reader = new EgressJournalReader(egress, FRAME))
        {
            assertEquals(whole - 1, reader.lastRingSequence());
        }
    }

    @Test
    void shouldStopAtAFlippedByteAndDropEverythingAfterIt() throws IOException
    {
        final JournalContext input = new JournalContext().directory(dir.resolve("journal"));
        write(input, null, ENTRIES);

        final Path cycle = newestCycle(input.directory());
        final long at = find(cycle, marker(1234), false);
        assertTrue(at > 0, "entry 1234's frame found in the file");
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.seek(at + 3);
            final int b = file.read();
            file.seek(at + 3);
            file.write(b ^ 0x01);
        }

        final JournalReader.Damage[] damage = new JournalReader.Damage[1];
        final List<Long> read = new ArrayList<>();
        try (JournalReader reader = new JournalReader(input, FRAME))
        {
            while (reader.read((index, ringSequence, receivedNs, frame, frameLength) -> read.add(ringSequence)))
            {
                assertTrue(read.size() <= ENTRIES);
            }
            damage[0] = reader.damage();
            assertEquals(ENTRIES - 1234 - 1, reader.countRemaining(), "whole entries hidden behind the damage");
        }
        assertEquals(1234, read.size());
        assertNotNull(damage[0]);
        assertEquals("CRC-32C mismatch", damage[0].reason());

        final JournalRepair.Result result = JournalRepair.repair(input, null, FRAME);
        assertEquals(1234, result.keptEntries());
        assertEquals(ENTRIES - 1234, result.droppedDocuments());
        appendFrom(input, 1234, 1);
        assertEquals(1235, ringSequences(input).size());
    }

    private static void write(final JournalContext input, final JournalContext egress, final int entries)
    {
        appendFrom(input, 0, entries);
        if (null != egress)
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
            try (EgressJournal journal = new EgressJournal(egress))
            {
                for (int i = 0; i < entries; i++)
                {
                    message.putLong(8, i);
                    journal.appendTick(i, message, new int[] { 0 }, new int[] { 16 }, 1);
                }
            }
        }
    }

    private static void appendFrom(final JournalContext input, final long first, final int count)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME]);
        try (InputJournal journal = new InputJournal(input))
        {
            for (long i = first; i < first + count; i++)
            {
                frame.setMemory(0, FRAME, (byte)0xA5);
                frame.putBytes(0, marker(i));
                journal.append(i, 1_000L * i, frame, 0, FRAME, FRAME);
            }
        }
    }

    /**
     * @return 16 bytes that appear once in the journal: a tag and the entry's number.
     */
    private static byte[] marker(final long i)
    {
        final byte[] bytes = new byte[16];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putLong(0, 0x5EED_F00D_CAFE_BABEL);
        buffer.putLong(8, i);
        return bytes;
    }

    private static List<Long> ringSequences(final JournalContext input)
    {
        final List<Long> read = new ArrayList<>();
        try (JournalReader reader = new JournalReader(input, FRAME))
        {
            while (reader.read((index, ringSequence, receivedNs, frame, frameLength) -> read.add(ringSequence)))
            {
                assertTrue(read.size() <= ENTRIES * 2);
            }
        }
        return read;
    }
}
