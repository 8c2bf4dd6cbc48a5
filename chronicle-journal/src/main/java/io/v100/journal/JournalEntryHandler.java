package io.v100.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal entries from a {@link JournalReader}.
 */
@FunctionalInterface
public interface JournalEntryHandler
{
    /**
     * @param index        Chronicle Queue index of the entry.
     * @param ringSequence ring sequence the input had when it was journaled.
     * @param receivedNs   receive time in ns since the Unix epoch.
     * @param frame        the stored frame bytes, valid only during the call.
     * @param frameLength  length as received (greater than {@code frame.capacity()} for an oversize frame).
     */
    void onEntry(long index, long ringSequence, long receivedNs, DirectBuffer frame, int frameLength);
}
