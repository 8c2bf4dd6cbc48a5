package io.v100.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

/**
 * Appends every ingress frame, as received, to a Chronicle Queue before the ring's handlers see it.
 * <p>
 * The journal is the system of record: replaying it through a fresh ring reproduces the egress byte for byte.
 * One entry per input, laid out as {@link JournalRecord} describes, written with {@code writingDocument()} so the
 * append is a copy into a memory-mapped file and allocates nothing in steady state (Chronicle Queue's own
 * {@code ThroughputPerfMain} pattern). Each entry carries its stored length and a CRC-32C, so a torn or damaged
 * tail is found on recovery ({@link JournalRepair}). Durability is that of the page cache: an entry survives a
 * crash of the process as soon as {@link #append} returns, not a power cut.
 * <p>
 * Single-threaded: one appender owned by the ring's consumer thread.
 */
public final class InputJournal implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final byte[] headerBytes = new byte[JournalRecord.CHECKSUM_OFFSET];
    private final UnsafeBuffer header = new UnsafeBuffer(headerBytes);
    private final CRC32C crc = new CRC32C();
    private long appended;
    private long bytesAppended;

    /**
     * @param context naming the directory and roll cycle.
     * @throws IllegalArgumentException if the roll cycle name is unknown.
     */
    public InputJournal(final JournalContext context)
    {
        JournalKind.INPUT.mark(context.directory());
        queue = open(context);
        appender = queue.createAppender();
    }

    static ChronicleQueue open(final JournalContext context)
    {
        final RollCycle rollCycle = rollCycle(context.rollCycle());

        return ChronicleQueue.singleBuilder(context.directory()).rollCycle(rollCycle).build();
    }

    /**
     * @param name a {@link RollCycles} constant, or a {@link TestRollCycles} one such as TEST_SECONDLY for tests of
     *             retention.
     * @return the roll cycle.
     * @throws IllegalArgumentException naming the unknown cycle.
     */
    static RollCycle rollCycle(final String name)
    {
        for (final RollCycles cycle : RollCycles.values())
        {
            if (cycle.name().equals(name))
            {
                return cycle;
            }
        }
        for (final TestRollCycles cycle : TestRollCycles.values())
        {
            if (cycle.name().equals(name))
            {
                return cycle;
            }
        }
        throw new IllegalArgumentException("unknown journal roll cycle: " + name);
    }

    /**
     * Append one input.
     *
     * @param ringSequence of the input.
     * @param receivedNs   receive time in ns since the Unix epoch.
     * @param frame        buffer holding the frame; must be backed by a byte array (the ring's event buffers are).
     * @param offset       of the frame in the buffer.
     * @param frameLength  length as received, in bytes.
     * @param storedLength bytes to store from the buffer (less than frameLength only for oversize frames).
     * @return the Chronicle Queue index of the entry.
     */
    public long append(
        final long ringSequence,
        final long receivedNs,
        final DirectBuffer frame,
        final int offset,
        final int frameLength,
        final int storedLength)
    {
        final byte[] frameBytes = frame.byteArray();
        final int frameOffset = (int)frame.wrapAdjustment() + offset;
        JournalRecord.putHeader(header, ringSequence, receivedNs, frameLength, storedLength);
        final int checksum = JournalRecord.checksum(crc, headerBytes, frameBytes, frameOffset, storedLength);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.write(headerBytes, 0, JournalRecord.CHECKSUM_OFFSET);
            bytes.writeInt(checksum);
            bytes.write(frameBytes, frameOffset, storedLength);
        }
        appended++;
        bytesAppended += JournalRecord.HEADER_LENGTH + storedLength;
        return appender.lastIndexAppended();
    }

    /**
     * @return entries appended by this instance.
     */
    public long appended()
    {
        return appended;
    }

    /**
     * @return bytes of entries (header, checksum and frame) appended by this instance.
     */
    public long bytesAppended()
    {
        return bytesAppended;
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
