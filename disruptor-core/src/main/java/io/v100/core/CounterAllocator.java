package io.v100.core;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * Allocates a named counter. A running core passes {@code Aeron::addCounter}, so every counter lands in the media
 * driver's CnC file where {@code AeronStat} and any {@code CountersReader} see it; tests and the replay tool use
 * {@link #inMemory(int)}.
 */
@FunctionalInterface
public interface CounterAllocator
{
    /**
     * @param typeId kind of counter (see {@link NodeCounters} for the ids used here).
     * @param label  what an operator reads next to the value.
     * @return the counter, at zero.
     */
    AtomicCounter allocate(int typeId, String label);

    /**
     * @param capacity most counters it can allocate.
     * @return an allocator over heap buffers, visible to this process only.
     */
    static CounterAllocator inMemory(final int capacity)
    {
        final UnsafeBuffer values = new UnsafeBuffer(new byte[capacity * CountersReader.COUNTER_LENGTH]);
        final UnsafeBuffer metadata = new UnsafeBuffer(new byte[capacity * CountersReader.METADATA_LENGTH]);
        final CountersManager manager = new CountersManager(metadata, values);
        return (typeId, label) -> manager.newCounter(label, typeId);
    }
}
