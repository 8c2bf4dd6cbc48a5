package io.v100.tools;

import io.v100.client.EgressTally;
import io.v100.core.EgressSink;
import io.v100.journal.EgressJournalReader;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

/**
 * Receives the egress a replay reproduces, tick by tick, feeds it to a tally (counts and digest), and when given
 * the recorded egress journal compares each reproduced tick with the next recorded one, message by message,
 * keeping the first difference.
 * <p>
 * Ticks whose input lies outside the compared range still run (handlers need them to build their state) but are
 * neither tallied nor compared.
 */
public final class EgressVerifier implements EgressSink
{
    /**
     * The first place where the reproduced egress and the recorded one part.
     *
     * @param ringSequence of the input the message answers (reproduced side; recorded side if only it has one).
     * @param position     of the message within its tick.
     * @param egressIndex  Chronicle index of the recorded tick, -1 if the recorded journal had ended.
     * @param messageName  the reproduced message's type (or the recorded one's, if only it exists).
     * @param field        the first differing field, "messageType", or "missing"/"extra".
     * @param reproduced   value on the reproduced side.
     * @param recorded     value on the recorded side.
     */
    public record FirstDifference(
        long ringSequence, int position, long egressIndex, String messageName, String field, String reproduced,
        String recorded)
    {
    }

    private final EgressTally tally;
    private final EgressJournalReader recorded;
    private final MessageDiff diff;
    private final SchemaIr schema;
    private final ExpandableArrayBuffer staged = new ExpandableArrayBuffer(64 * 1024);
    private final IntArrayList offsets = new IntArrayList();
    private final IntArrayList lengths = new IntArrayList();
    private final ExpandableArrayBuffer expected = new ExpandableArrayBuffer(64 * 1024);
    private final IntArrayList expectedOffsets = new IntArrayList();
    private final IntArrayList expectedLengths = new IntArrayList();
    private final LongArrayList expectedRing = new LongArrayList();
    private int limit;
    private long recordedIndex = -1;
    private boolean inRange;
    private long ticksCompared;
    private long messagesCompared;
    private FirstDifference firstDifference;

    /**
     * @param tally    counting and digesting the reproduced egress in the compared range.
     * @param recorded the recorded egress journal positioned at the first tick to compare, or null to only tally.
     * @param schema   for naming messages and fields.
     */
    public EgressVerifier(final EgressTally tally, final EgressJournalReader recorded, final SchemaIr schema)
    {
        this.tally = tally;
        this.recorded = recorded;
        this.schema = schema;
        this.diff = new MessageDiff(schema);
    }

    /**
     * @param inRange whether the ticks from now on are in the compared range.
     */
    public void inRange(final boolean inRange)
    {
        this.inRange = inRange;
    }

    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        staged.putBytes(limit, buffer, offset, length);
        offsets.addInt(limit);
        lengths.addInt(length);
        limit += length;
    }

    public void sendOutsideTick(final DirectBuffer buffer, final int offset, final int length)
    {
    }

    public void onTickEnd(final long ringSequence)
    {
        if (inRange)
        {
            for (int i = 0, n = offsets.size(); i < n; i++)
            {
                tally.onMessage(staged, offsets.getInt(i), lengths.getInt(i));
            }
            if (null != recorded && null == firstDifference && !offsets.isEmpty())
            {
                compareTick(ringSequence);
            }
        }
        offsets.clear();
        lengths.clear();
        limit = 0;
    }

    public void onTickAbort(final long ringSequence)
    {
        offsets.clear();
        lengths.clear();
        limit = 0;
    }

    /**
     * After the last input: anything left in the recorded journal in range is missing from the reproduction.
     */
    public void finish()
    {
        if (null != recorded && null == firstDifference && readRecordedTick() > 0)
        {
            firstDifference = new FirstDifference(
                expectedRing.getLong(0), 0, recordedIndex, name(expected, expectedOffsets.getInt(0)), "missing",
                "(none)", "recorded message");
        }
    }

    /**
     * @return the first difference found, or null if everything compared was identical.
     */
    public FirstDifference firstDifference()
    {
        return firstDifference;
    }

    public long ticksCompared()
    {
        return ticksCompared;
    }

    public long messagesCompared()
    {
        return messagesCompared;
    }

    private void compareTick(final long ringSequence)
    {
        final int recordedCount = readRecordedTick();
        ticksCompared++;
        final int count = offsets.size();
        for (int i = 0; i < count; i++)
        {
            final int offset = offsets.getInt(i);
            if (i >= recordedCount || expectedRing.getLong(i) != ringSequence)
            {
                firstDifference = new FirstDifference(
                    ringSequence, i, recordedIndex, name(staged, offset), "extra", "reproduced message",
                    i >= recordedCount ? "(none)" : "a message for ring sequence " + expectedRing.getLong(i));
                return;
            }
            messagesCompared++;
            final MessageDiff.Difference difference = diff.compare(
                staged, offset, lengths.getInt(i), expected, expectedOffsets.getInt(i), expectedLengths.getInt(i));
            if (null != difference)
            {
                firstDifference = new FirstDifference(
                    ringSequence, i, recordedIndex, difference.messageName(), difference.fieldPath(),
                    difference.valueA(), difference.valueB());
                return;
            }
        }
        if (recordedCount > count)
        {
            firstDifference = new FirstDifference(
                ringSequence, count, recordedIndex, name(expected, expectedOffsets.getInt(count)), "missing",
                "(none)", "recorded message");
        }
    }

    private int readRecordedTick()
    {
        expectedOffsets.clear();
        expectedLengths.clear();
        expectedRing.clear();
        final int[] expectedLimit = { 0 };
        final int read = recorded.readTick((index, ring, position, message) ->
        {
            recordedIndex = index;
            expected.putBytes(expectedLimit[0], message, 0, message.capacity());
            expectedOffsets.addInt(expectedLimit[0]);
            expectedLengths.addInt(message.capacity());
            expectedRing.addLong(ring);
            expectedLimit[0] += message.capacity();
        });
        if (read < 0)
        {
            recordedIndex = -1;
        }
        return Math.max(0, read);
    }

    private String name(final DirectBuffer buffer, final int offset)
    {
        final String name = schema.messageName(buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
        return null == name ? "unknown" : name;
    }
}
