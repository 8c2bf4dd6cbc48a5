package io.v100.client;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The frames a client has sent but the core has not yet acknowledged, in client-sequence order, in one circular
 * byte buffer allocated up front.
 * <p>
 * Frames are appended as they are sent and released when an acknowledgement covers them, so the buffer holds at
 * most the unacknowledged window and never grows: a sender that keeps its frames this way allocates nothing per
 * frame, and so adds no garbage-collection pauses to a core sharing its JVM. When the window fills (the core is
 * down or far behind), {@link #tryAppend} refuses and the sender must wait for acknowledgements: back-pressure, not
 * growth. Single-threaded.
 */
public final class ResendBuffer
{
    private final UnsafeBuffer bytes;
    private final int[] offsets;
    private final int[] lengths;
    private final int slotMask;
    private long firstSequence = 1;
    private long nextSequence = 1;
    private int head;
    private int tail;
    private int used;

    /**
     * @param capacityBytes bytes of frames it can hold.
     * @param maxFrames     frames it can hold, rounded up to a power of two.
     */
    public ResendBuffer(final int capacityBytes, final int maxFrames)
    {
        bytes = new UnsafeBuffer(new byte[capacityBytes]);
        final int slots = Integer.highestOneBit(Math.max(2, maxFrames - 1)) << 1;
        offsets = new int[slots];
        lengths = new int[slots];
        slotMask = slots - 1;
    }

    /**
     * Keep a copy of the next frame, which gets client sequence {@link #nextSequence()}.
     *
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param length of the frame in bytes.
     * @return false if there is no room until older frames are released.
     */
    public boolean tryAppend(final DirectBuffer buffer, final int offset, final int length)
    {
        final int capacity = bytes.capacity();
        if (nextSequence - firstSequence > slotMask || length > capacity)
        {
            return false;
        }
        final int at;
        if (0 == used)
        {
            at = length <= capacity - tail ? tail : 0;
            head = at;
        }
        else if (tail > head)
        {
            // held frames are contiguous in [head, tail): room after tail, or from 0 up to head
            if (length <= capacity - tail)
            {
                at = tail;
            }
            else if (length <= head)
            {
                at = 0;
            }
            else
            {
                return false;
            }
        }
        else
        {
            // held frames wrap: the free space is [tail, head)
            if (length <= head - tail)
            {
                at = tail;
            }
            else
            {
                return false;
            }
        }
        bytes.putBytes(at, buffer, offset, length);
        final int slot = (int)(nextSequence & slotMask);
        offsets[slot] = at;
        lengths[slot] = length;
        tail = at + length;
        used++;
        nextSequence++;
        return true;
    }

    /**
     * Release every frame up to and including a client sequence.
     *
     * @param clientSequence acknowledged by the core.
     */
    public void release(final long clientSequence)
    {
        while (firstSequence <= clientSequence && firstSequence < nextSequence)
        {
            firstSequence++;
            used--;
            head = used == 0 ? tail : offsets[(int)(firstSequence & slotMask)];
        }
    }

    /**
     * @return client sequence the next appended frame gets.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @return oldest client sequence still held.
     */
    public long firstSequence()
    {
        return firstSequence;
    }

    /**
     * @return frames held.
     */
    public int size()
    {
        return used;
    }

    /**
     * @return the buffer the held frames live in.
     */
    public DirectBuffer buffer()
    {
        return bytes;
    }

    /**
     * @param clientSequence of a held frame, between {@link #firstSequence()} and {@link #nextSequence()} - 1.
     * @return its offset in {@link #buffer()}.
     */
    public int offset(final long clientSequence)
    {
        return offsets[(int)(clientSequence & slotMask)];
    }

    /**
     * @param clientSequence of a held frame.
     * @return its length in bytes.
     */
    public int length(final long clientSequence)
    {
        return lengths[(int)(clientSequence & slotMask)];
    }
}
