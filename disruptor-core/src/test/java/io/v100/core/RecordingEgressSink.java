package io.v100.core;

import io.v100.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An {@link EgressSink} that copies every message of every tick, in order, into one growing buffer.
 * <p>
 * Like the egress journal, it keeps only what ticks produce: messages sent outside a tick (acknowledgements,
 * latency reports) are counted in {@link #outsideTick()} but not recorded.
 * <p>
 * For tests, the replay tool and anything else that needs the egress stream in memory. It grows its buffer,
 * so it allocates as it fills: keep it off the live path.
 */
public final class RecordingEgressSink implements EgressSink
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final IntArrayList offsets = new IntArrayList();
    private final IntArrayList lengths = new IntArrayList();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private int limit;
    private int tickStart;
    private long outsideTick;

    public void sendOutsideTick(final DirectBuffer src, final int offset, final int length)
    {
        outsideTick++;
    }

    /**
     * @return messages sent outside any tick, which are not recorded.
     */
    public long outsideTick()
    {
        return outsideTick;
    }

    public void send(final DirectBuffer src, final int offset, final int length)
    {
        buffer.putBytes(limit, src, offset, length);
        offsets.addInt(limit);
        lengths.addInt(length);
        limit += length;
    }

    public void onTickEnd(final long ringSequence)
    {
        tickStart = offsets.size();
    }

    public void onTickAbort(final long ringSequence)
    {
        if (tickStart < offsets.size())
        {
            limit = offsets.getInt(tickStart);
            while (offsets.size() > tickStart)
            {
                offsets.removeAt(offsets.size() - 1);
                lengths.removeAt(lengths.size() - 1);
            }
        }
    }

    /**
     * @return number of messages recorded.
     */
    public int size()
    {
        return offsets.size();
    }

    /**
     * @param index of the message, 0-based in arrival order.
     * @return the SBE template id of that message.
     */
    public int templateId(final int index)
    {
        return headerDecoder.wrap(buffer, offsets.getInt(index)).templateId();
    }

    /**
     * @param index of the message, 0-based in arrival order.
     * @return offset of that message's header within {@link #buffer()}.
     */
    public int offset(final int index)
    {
        return offsets.getInt(index);
    }

    /**
     * @param index of the message, 0-based in arrival order.
     * @return length of header plus body in bytes.
     */
    public int length(final int index)
    {
        return lengths.getInt(index);
    }

    /**
     * @return the buffer holding all messages back to back.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param index of the message.
     * @return a view over that one message, header included (allocates: for tests and tools).
     */
    public DirectBuffer message(final int index)
    {
        return new UnsafeBuffer(buffer, offsets.getInt(index), lengths.getInt(index));
    }

    /**
     * @param templateId to count.
     * @return number of recorded messages with that template id.
     */
    public int count(final int templateId)
    {
        int count = 0;
        for (int i = 0, n = size(); i < n; i++)
        {
            if (templateId(i) == templateId)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Forget every message recorded so far.
     */
    public void clear()
    {
        offsets.clear();
        lengths.clear();
        limit = 0;
        tickStart = 0;
    }
}
