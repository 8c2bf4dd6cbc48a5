package io.v100.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Reads the input journal in order, from the start or from an index.
 * <p>
 * Each entry's frame is copied into one reused buffer, so reading allocates nothing per entry. Every entry is
 * checked before it is delivered: its document must hold exactly {@link JournalRecord#HEADER_LENGTH} plus its
 * stored length bytes and its CRC-32C must match. The first entry that fails (a torn tail, bytes changed on disk)
 * ends the journal for this reader: {@link #read} returns false there and {@link #damage()} says where and why.
 * Nothing after a damaged entry is delivered, since inputs are only meaningful in order.
 */
public final class JournalReader implements AutoCloseable
{
    /**
     * The first entry that failed its checks.
     *
     * @param index        Chronicle Queue index of the entry.
     * @param reason       what was wrong, in words.
     */
    public record Damage(long index, String reason)
    {
    }

    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final byte[] frameBytes;
    private final byte[] headerBytes = new byte[JournalRecord.CHECKSUM_OFFSET];
    private final UnsafeBuffer header = new UnsafeBuffer(headerBytes);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private final CRC32C crc = new CRC32C();
    private Damage damage;

    /**
     * @param context           naming the journal directory.
     * @param maxFrameLength    largest frame to expect; a longer stored frame counts as damage.
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
     * @return true if an entry was read; false at the end of the journal or at the first damaged entry (see
     * {@link #damage()}).
     */
    public boolean read(final JournalEntryHandler handler)
    {
        if (null != damage)
        {
            return false;
        }
        final long index;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            index = dc.index();
            final String problem = check(dc.wire().bytes());
            if (null == problem)
            {
                handler.onEntry(
                    index,
                    header.getLong(JournalRecord.RING_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    header.getLong(JournalRecord.RECEIVED_NS_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    frame,
                    header.getInt(JournalRecord.FRAME_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN));
                return true;
            }
            damage = new Damage(index, problem);
            return false;
        }
        catch (final RuntimeException ex)
        {
            // Chronicle itself refuses some damaged documents (a header whose length runs past the file).
            damage = new Damage(tailer.index(), "unreadable document: " + ex);
            return false;
        }
    }

    /**
     * Read the last entry of the journal without moving this reader.
     *
     * @param handler receiving it.
     * @return true if the journal's last entry passed its checks and was delivered.
     */
    public boolean readLast(final JournalEntryHandler handler)
    {
        final ExcerptTailer backwards = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        try (DocumentContext dc = backwards.readingDocument())
        {
            if (!dc.isPresent() || null != check(dc.wire().bytes()))
            {
                return false;
            }
            handler.onEntry(
                dc.index(),
                header.getLong(JournalRecord.RING_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN),
                header.getLong(JournalRecord.RECEIVED_NS_OFFSET, ByteOrder.LITTLE_ENDIAN),
                frame,
                header.getInt(JournalRecord.FRAME_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN));
            return true;
        }
    }

    /**
     * Count the documents from the reader's position to the end, whatever their state: after {@link #read} has
     * stopped at damage, the number of documents the damaged entry hides (itself included is not counted).
     *
     * @return documents present after the current position.
     */
    public long countRemaining()
    {
        long count = 0;
        try
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return count;
                    }
                    count++;
                }
            }
        }
        catch (final RuntimeException ex)
        {
            return count;
        }
    }

    /**
     * @return the first damaged entry met, or null while none was.
     */
    public Damage damage()
    {
        return damage;
    }

    /**
     * @return 1 once a damaged entry was met (reading stops there), else 0.
     */
    public long corruptEntries()
    {
        return null == damage ? 0 : 1;
    }

    /**
     * @return the underlying queue's tailer, for {@link JournalRepair} to copy documents verbatim.
     */
    ExcerptTailer tailer()
    {
        return tailer;
    }

    public void close()
    {
        queue.close();
    }

    /**
     * Check one document and, when it is whole, leave its header in {@link #header} and its frame in
     * {@link #frame}.
     *
     * @return null when whole, else what is wrong.
     */
    private String check(final Bytes<?> bytes)
    {
        final long documentLength = bytes.readRemaining();
        if (documentLength < JournalRecord.HEADER_LENGTH)
        {
            return "document of " + documentLength + " bytes is shorter than an entry header";
        }
        bytes.read(headerBytes, 0, JournalRecord.CHECKSUM_OFFSET);
        final int checksum = bytes.readInt();
        final int storedLength = header.getInt(JournalRecord.STORED_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (storedLength < 0 || storedLength > frameBytes.length ||
            documentLength != JournalRecord.HEADER_LENGTH + (long)storedLength)
        {
            return "stored length " + storedLength + " does not match the document's " + documentLength + " bytes";
        }
        bytes.read(frameBytes, 0, storedLength);
        if (checksum != JournalRecord.checksum(crc, headerBytes, frameBytes, 0, storedLength))
        {
            return "CRC-32C mismatch";
        }
        frame.wrap(frameBytes, 0, storedLength);
        return null;
    }
}
