package io.v100.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the input journal in order, from the start or from an index.
 * <p>
 * Each entry's frame is copied into one reused buffer, so reading allocates nothing per entry. Entries that are
 * shorter than {@link JournalRecord#HEADER_LENGTH} or whose stored length exceeds the document are reported as
 * corrupt through {@link #corruptEntries()} and skipped.
 */
public final class JournalReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final byte[] frameBytes;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private long corruptEntries;

    /**
     * @param context           naming the journal directory.
     * @param maxFrameLength    largest frame to expect; longer stored frames count as corrupt.
     */
    public JournalReader(final JournalContext context, final int maxFrameLength)
    {
        queue = InputJournal.open(context);
        tailer = queue.createTailer();
        frameBytes = new byte[maxFrameLength];
    }

    /**
     * @param index to read next; the journal's first index when not present.
     * @return true if the tailer now points at that index.
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Read at most one entry.
     *
     * @param handler receiving it.
     * @return true if an entry was read (or skipped as corrupt); false at the end of the journal.
     */
    public boolean read(final JournalEntryHandler handler)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }

            final Bytes<?> bytes = dc.wire().bytes();
            if (bytes.readRemaining() < JournalRecord.HEADER_LENGTH)
            {
                corruptEntries++;
                return true;
            }

            final long ringSequence = bytes.readLong();
            final long receivedNs = bytes.readLong();
            final int frameLength = bytes.readInt();
            final int storedLength = bytes.readInt();
            if (storedLength < 0 || storedLength > frameBytes.length || storedLength > bytes.readRemaining())
            {
                corruptEntries++;
                return true;
            }

            bytes.read(frameBytes, 0, storedLength);
            frame.wrap(frameBytes, 0, storedLength);
            handler.onEntry(dc.index(), ringSequence, receivedNs, frame, frameLength);
            return true;
        }
    }

    /**
     * Read the last entry of the journal without moving this reader.
     *
     * @param handler receiving it.
     * @return true if the journal had an entry.
     */
    public boolean readLast(final JournalEntryHandler handler)
    {
        final ExcerptTailer backwards = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        try (DocumentContext dc = backwards.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            if (bytes.readRemaining() < JournalRecord.HEADER_LENGTH)
            {
                return false;
            }
            final long ringSequence = bytes.readLong();
            final long receivedNs = bytes.readLong();
            final int frameLength = bytes.readInt();
            final int storedLength = Math.min(bytes.readInt(), (int)Math.min(bytes.readRemaining(), frameBytes.length));
            bytes.read(frameBytes, 0, storedLength);
            frame.wrap(frameBytes, 0, storedLength);
            handler.onEntry(dc.index(), ringSequence, receivedNs, frame, frameLength);
            return true;
        }
    }

    /**
     * @return entries skipped because their layout was broken.
     */
    public long corruptEntries()
    {
        return corruptEntries;
    }

    public void close()
    {
        queue.close();
    }
}
