package io.v100.core;

import io.v100.journal.EgressJournal;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.Arrays;

/**
 * Holds a tick's egress until the tick ends, appends it to the egress journal as one document, and only then
 * offers it to Aeron: nothing reaches a client that the egress journal does not hold, so a reconnecting client
 * can always be answered from the journal. The core owns this sink on the ring thread and so appends both
 * journals; the gateway's sink downstream only publishes.
 * <p>
 * A tick abandoned because a handler threw ({@link #onTickAbort}) is discarded whole: nothing of it is journaled
 * or published, and the next tick's document holds only its own messages.
 * <p>
 * Messages sent outside a tick (acknowledgements, latency reports) go straight to Aeron and are not journaled.
 * Buffers are sized for the largest tick seen and grow only when a tick is larger still, so steady state
 * allocates nothing. Ring thread only.
 */
public final class JournaledEgressSink implements EgressSink
{
    private final EgressJournal journal;
    private final EgressSink downstream;
    private final ExpandableArrayBuffer staged = new ExpandableArrayBuffer(64 * 1024);
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int count;
    private int limit;

    /**
     * @param journal    receiving each tick's messages as one document; null to stage ticks without journaling.
     * @param downstream the Aeron sink the messages go to afterwards.
     */
    public JournaledEgressSink(final EgressJournal journal, final EgressSink downstream)
    {
        this.journal = journal;
        this.downstream = downstream;
    }

    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (count == offsets.length)
        {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        staged.putBytes(limit, buffer, offset, length);
        offsets[count] = limit;
        lengths[count] = length;
        count++;
        limit += length;
    }

    public void sendOutsideTick(final DirectBuffer buffer, final int offset, final int length)
    {
        downstream.sendOutsideTick(buffer, offset, length);
    }

    public void onTickEnd(final long ringSequence)
    {
        if (0 == count)
        {
            return;
        }
        if (null != journal)
        {
            journal.appendTick(ringSequence, staged, offsets, lengths, count);
        }
        for (int i = 0; i < count; i++)
        {
            downstream.send(staged, offsets[i], lengths[i]);
        }
        downstream.onTickEnd(ringSequence);
        count = 0;
        limit = 0;
    }

    public void onTickAbort(final long ringSequence)
    {
        count = 0;
        limit = 0;
    }
}
