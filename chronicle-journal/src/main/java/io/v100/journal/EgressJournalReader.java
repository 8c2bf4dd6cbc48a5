package io.v100.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the egress journal written by {@link EgressJournal}, tick by tick, message by message.
 * <p>
 * Messages are copied into one reused buffer, so reading allocates nothing per message. A document whose layout
 * does not add up is counted in {@link #corruptTicks()} and skipped.
 */
public final class EgressJournalReader implements AutoCloseable
{
    /** Receives the messages of the egress journal. */
    @FunctionalInterface
    public interface MessageHandler
    {
        /**
         * @param index        Chronicle Queue index of the tick's document.
         * @param ringSequence of the input the message answers.
         * @param position     0-based position of the message within its tick.
         * @param message      the SBE message, header included, valid only during the call.
         */
        void onMessage(long index, long ringSequence, int position, UnsafeBuffer message);
    }

    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final byte[] messageBytes;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[0]);
    private long corruptTicks;

    /**
     * @param context          naming the egress journal directory.
     * @param maxMessageLength largest message to expect; a longer one marks its document as corrupt.
     */
    public EgressJournalReader(final JournalContext context, final int maxMessageLength)
    {
        queue = InputJournal.open(context);
        tailer = queue.createTailer();
        messageBytes = new byte[maxMessageLength];
    }

    /**
     * Position the reader at the first tick whose ring sequence is at least the one given. Scans from the
     * start of the journal: replay requests are rare and the journal is read sequentially anyway.
     *
     * @param ringSequence to start from.
     */
    public void seekToRingSequence(final long ringSequence)
    {
        tailer.toStart();
        while (true)
        {
            final long index;
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return;
                }
                if (dc.wire().bytes().readRemaining() < Long.BYTES ||
                    dc.wire().bytes().readLong(dc.wire().bytes().readPosition()) < ringSequence)
                {
                    continue;
                }
                index = dc.index();
                dc.rollbackOnClose();
            }
            tailer.moveToIndex(index);
            return;
        }
    }

    /**
     * Read the next tick.
     *
     * @param handler receiving each of its messages in order.
     * @return number of messages delivered, 0 for a corrupt tick, -1 at the end of the journal.
     */
    public int readTick(final MessageHandler handler)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return -1;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            if (bytes.readRemaining() < Long.BYTES + Integer.BYTES)
            {
                corruptTicks++;
                return 0;
            }
            final long ringSequence = bytes.readLong();
            final int count = bytes.readInt();
            for (int i = 0; i < count; i++)
            {
                if (bytes.readRemaining() < Integer.BYTES)
                {
                    corruptTicks++;
                    return 0;
                }
                final int length = bytes.readInt();
                if (length < 0 || length > messageBytes.length || length > bytes.readRemaining())
                {
                    corruptTicks++;
                    return 0;
                }
                bytes.read(messageBytes, 0, length);
                message.wrap(messageBytes, 0, length);
                handler.onMessage(dc.index(), ringSequence, i, message);
            }
            return count;
        }
    }

    /**
     * @return ring sequence of the last tick in the journal, or -1 if it is empty.
     */
    public long lastRingSequence()
    {
        final ExcerptTailer backwards = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        try (DocumentContext dc = backwards.readingDocument())
        {
            if (!dc.isPresent() || dc.wire().bytes().readRemaining() < Long.BYTES)
            {
                return -1;
            }
            return dc.wire().bytes().readLong();
        }
    }

    /**
     * @return documents skipped because their layout was broken.
     */
    public long corruptTicks()
    {
        return corruptTicks;
    }

    public void close()
    {
        queue.close();
    }
}
