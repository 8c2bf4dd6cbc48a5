package io.v100.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Appends the egress of each tick, in order, to its own Chronicle Queue, so a client that missed messages can be
 * answered from it and the replay tool can compare a rerun with what was sent.
 * <p>
 * One document per tick that produced output, laid out as:
 * <pre>
 *   0  int64  ring sequence of the input the messages answer
 *   8  int32  message count n
 *  12  n x { int32 length, length bytes of one SBE message, header included }
 * </pre>
 * A Chronicle Queue document is either complete or absent after a crash, so a tick's egress is journaled whole
 * or not at all; on restart the core regenerates the egress of every journaled input after the last tick found
 * here. Single-threaded: owned by the ring's consumer thread. Allocation-free in steady state: the messages of a
 * tick are written straight into the mapped document.
 */
public final class EgressJournal implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private long ticks;

    /**
     * @param context naming the directory and roll cycle of the egress journal.
     */
    public EgressJournal(final JournalContext context)
    {
        JournalKind.EGRESS.mark(context.directory());
        queue = InputJournal.open(context);
        appender = queue.createAppender();
    }

    /**
     * Append one tick's messages.
     *
     * @param ringSequence of the input they answer.
     * @param buffer       holding the messages back to back from offset 0.
     * @param offsets      start of each message in the buffer.
     * @param lengths      length of each message.
     * @param count        number of messages, at least 1.
     * @return the Chronicle Queue index of the document.
     */
    public long appendTick(
        final long ringSequence,
        final DirectBuffer buffer,
        final int[] offsets,
        final int[] lengths,
        final int count)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(ringSequence);
            bytes.writeInt(count);
            final byte[] array = buffer.byteArray();
            final int adjustment = (int)buffer.wrapAdjustment();
            for (int i = 0; i < count; i++)
            {
                bytes.writeInt(lengths[i]);
                bytes.write(array, adjustment + offsets[i], lengths[i]);
            }
        }
        ticks++;
        return appender.lastIndexAppended();
    }

    /**
     * @return ticks appended by this instance.
     */
    public long ticks()
    {
        return ticks;
    }

    /**
     * Hand the appender to another thread: the core's recovery writes on the starting thread, the ring thread
     * writes afterwards, and Chronicle otherwise refuses an appender used from two threads.
     */
    public void transferToNextThread()
    {
        appender.singleThreadedCheckReset();
    }

    public void close()
    {
        queue.close();
    }
}
