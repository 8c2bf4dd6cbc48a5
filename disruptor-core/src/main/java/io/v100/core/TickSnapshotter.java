package io.v100.core;

/**
 * Takes a snapshot of the tick and its handlers at a tick boundary, on the ring thread.
 */
@FunctionalInterface
public interface TickSnapshotter
{
    /**
     * @param tick whose state, handlers included, is to be recorded; every input before this point is covered.
     */
    void snapshot(BroadcastTick tick);
}
