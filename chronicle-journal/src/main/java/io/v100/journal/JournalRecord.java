package io.v100.journal;

/**
 * Layout of one journal entry, written in one Chronicle Queue document:
 * <pre>
 *   0  int64  ring sequence of the input
 *   8  int64  receive time, ns since the Unix epoch (forensics only: never fed to a handler)
 *  16  int32  frame length in bytes (the length received, which may exceed what was kept)
 *  20  int32  stored length in bytes
 *  24  bytes  the raw SBE frame, header included
 * </pre>
 */
final class JournalRecord
{
    static final int RING_SEQUENCE_OFFSET = 0;
    static final int RECEIVED_NS_OFFSET = 8;
    static final int FRAME_LENGTH_OFFSET = 16;
    static final int STORED_LENGTH_OFFSET = 20;
    static final int HEADER_LENGTH = 24;

    private JournalRecord()
    {
    }
}
