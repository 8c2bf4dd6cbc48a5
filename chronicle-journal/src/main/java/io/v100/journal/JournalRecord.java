package io.v100.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Layout of one input-journal entry, written in one Chronicle Queue document:
 * <pre>
 *   0  int64  ring sequence of the input
 *   8  int64  receive time, ns since the Unix epoch (forensics only: never fed to a handler)
 *  16  int32  frame length in bytes (the length received, which may exceed what was kept)
 *  20  int32  stored length in bytes: the document holds exactly HEADER_LENGTH + stored length bytes
 *  24  int32  CRC-32C (RFC 3720 §B.4, the Castagnoli polynomial) over bytes 0..23 and the stored frame
 *  28  bytes  the raw SBE frame, header included
 * </pre>
 * Chronicle Queue commits a document's header only once the document is written, which protects against a
 * process that dies mid-write; the stored length and the checksum also catch what it cannot see: a file cut
 * short into written data (a torn tail after a power cut, a copy that stopped early) or bytes changed on disk.
 * All integers little-endian.
 */
final class JournalRecord
{
    static final int RING_SEQUENCE_OFFSET = 0;
    static final int RECEIVED_NS_OFFSET = 8;
    static final int FRAME_LENGTH_OFFSET = 16;
    static final int STORED_LENGTH_OFFSET = 20;
    static final int CHECKSUM_OFFSET = 24;
    static final int HEADER_LENGTH = 28;

    private JournalRecord()
    {
    }

    /**
     * Checksum of an entry. Allocation-free: {@code header} and {@code crc} are reused by the caller.
     *
     * @param crc         scratch checksum.
     * @param header      the entry's first {@link #CHECKSUM_OFFSET} bytes.
     * @param frame       the stored frame bytes.
     * @param frameOffset where the frame starts in {@code frame}.
     * @param length      stored length.
     * @return the CRC-32C as written at {@link #CHECKSUM_OFFSET}.
     */
    static int checksum(final CRC32C crc, final byte[] header, final byte[] frame, final int frameOffset, final int length)
    {
        crc.reset();
        crc.update(header, 0, CHECKSUM_OFFSET);
        crc.update(frame, frameOffset, length);
        return (int)crc.getValue();
    }

    static void putHeader(
        final UnsafeBuffer header,
        final long ringSequence,
        final long receivedNs,
        final int frameLength,
        final int storedLength)
    {
        header.putLong(RING_SEQUENCE_OFFSET, ringSequence, ByteOrder.LITTLE_ENDIAN);
        header.putLong(RECEIVED_NS_OFFSET, receivedNs, ByteOrder.LITTLE_ENDIAN);
        header.putInt(FRAME_LENGTH_OFFSET, frameLength, ByteOrder.LITTLE_ENDIAN);
        header.putInt(STORED_LENGTH_OFFSET, storedLength, ByteOrder.LITTLE_ENDIAN);
    }
}
