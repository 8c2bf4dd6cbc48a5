package io.v100.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputJournalTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryFrameInOrderWithItsRingSequence()
    {
        final JournalContext context = new JournalContext().directory(dir);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        final List<byte[]> written = new ArrayList<>();
        try (InputJournal journal = new InputJournal(context))
        {
            for (int i = 0; i < 100; i++)
            {
                final int length = 8 + (i % 50);
                final byte[] bytes = new byte[length];
                for (int b = 0; b < length; b++)
                {
                    bytes[b] = (byte)(i * 31 + b);
                }
                frame.putBytes(0, bytes);
                journal.append(1000 + i, 5_000L * i, frame, 0, length, length);
                written.add(bytes);
            }
            assertEquals(100, journal.appended());
        }

        final List<byte[]> read = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = new JournalReader(context, 64))
        {
            while (reader.read((index, ringSequence, receivedNs, f, frameLength) ->
            {
                final byte[] copy = new byte[f.capacity()];
                f.getBytes(0, copy);
                read.add(copy);
                sequences.add(ringSequence);
                assertEquals(frameLength, copy.length);
                assertEquals((ringSequence - 1000) * 5_000L, receivedNs);
            }))
            {
                assertTrue(read.size() <= 100);
            }
            assertEquals(0, reader.corruptEntries());
        }

        assertEquals(100, read.size());
        for (int i = 0; i < 100; i++)
        {
            assertArrayEquals(written.get(i), read.get(i), "entry " + i);
            assertEquals(1000L + i, sequences.get(i));
        }
    }

    @Test
    void shouldKeepTheReceivedLengthOfAnOversizeFrame()
    {
        final JournalContext context = new JournalContext().directory(dir);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);
        try (InputJournal journal = new InputJournal(context))
        {
            journal.append(7, 1, frame, 0, 5000, 16);
        }
        final int[] lengths = new int[2];
        try (JournalReader reader = new JournalReader(context, 64))
        {
            assertTrue(reader.read((index, ringSequence, receivedNs, f, frameLength) ->
            {
                lengths[0] = frameLength;
                lengths[1] = f.capacity();
            }));
        }
        assertEquals(5000, lengths[0]);
        assertEquals(16, lengths[1]);
    }

    @Test
    void shouldRejectAnUnknownRollCycleByName()
    {
        final JournalContext context = new JournalContext().directory(dir).rollCycle("EVERY_GOAL");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new InputJournal(context));
        assertTrue(ex.getMessage().contains("EVERY_GOAL"));
    }
}
