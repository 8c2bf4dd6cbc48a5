package io.v100.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Coalesces and rate-limits operator snapshot requests, so a flood of them cannot stall the ring: at most one
 * requested snapshot is pending at a time, and after one is granted the next is granted only once
 * {@code minInputs} more inputs have entered the ring. Requests refused here are answered with {@code Rejected}
 * reason {@code RATE_LIMITED}. Periodic snapshots the tick schedules itself are not affected.
 * <p>
 * The gateway poller calls {@link #tryGrant(long)}; the ring's consumer calls {@link #onTaken()} when the snapshot
 * command reaches it.
 */
public final class SnapshotRequestGate
{
    private final AtomicBoolean pending = new AtomicBoolean();
    private final long minInputs;
    private long lastGrantCursor = Long.MIN_VALUE;
    private long previousGrantCursor = Long.MIN_VALUE;

    /**
     * @param minInputs inputs between two granted requests, &ge; 0.
     */
    public SnapshotRequestGate(final long minInputs)
    {
        this.minInputs = minInputs;
    }

    /**
     * Gateway poller only.
     *
     * @param ringCursor the ring's cursor now (inputs published so far, minus one).
     * @return true if a snapshot command may be published now; it is then pending.
     */
    public boolean tryGrant(final long ringCursor)
    {
        if (pending.get() || (Long.MIN_VALUE != lastGrantCursor && ringCursor - lastGrantCursor < minInputs))
        {
            return false;
        }
        pending.set(true);
        previousGrantCursor = lastGrantCursor;
        lastGrantCursor = ringCursor;
        return true;
    }

    /**
     * Withdraw a grant whose command could not be published (ring full).
     */
    public void withdraw()
    {
        lastGrantCursor = previousGrantCursor;
        pending.set(false);
    }

    /**
     * Ring consumer: the requested snapshot was taken.
     */
    public void onTaken()
    {
        pending.set(false);
    }

    /**
     * @return true while a granted snapshot has not been taken.
     */
    public boolean pending()
    {
        return pending.get();
    }
}
