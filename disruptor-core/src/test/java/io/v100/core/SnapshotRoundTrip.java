package io.v100.core;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared snapshot round-trip checks for the handler snapshot tests: a handler restored from a snapshot and fed
 * the same later inputs must send byte-identical egress, report the same accessors and end in the same snapshot
 * as one that never stopped. Point {@code p} (a tick boundary) means "after inputs {@code 0..p-1}".
 */
public final class SnapshotRoundTrip
{
    private SnapshotRoundTrip()
    {
    }

    /**
     * One handler with its own egress, fed the inputs of a fixed script as the tick would.
     */
    public interface Subject
    {
        /**
         * Feed script input {@code index}, ring sequence = {@code index}.
         *
         * @param index script index, 0-based.
         */
        void apply(int index);

        /**
         * @return the sink that records this subject's egress.
         */
        RecordingEgressSink sink();

        /**
         * @return the handler's snapshot bytes; fails the test when the handler writes none.
         */
        byte[] snapshot();

        /**
         * Load {@code snapshot} into this (fresh) subject's handler.
         *
         * @param snapshot bytes from {@link #snapshot()}.
         */
        void load(byte[] snapshot);

        /**
         * @return every accessor of the handler, as longs, in a fixed order.
         */
        long[] accessors();

        /**
         * Feed script inputs {@code from} (inclusive) to {@code to} (exclusive).
         *
         * @param from first script index.
         * @param to   end script index, exclusive.
         */
        default void run(final int from, final int to)
        {
            for (int i = from; i < to; i++)
            {
                apply(i);
            }
        }
    }

    /**
     * For each point: run an original to it, snapshot, load into a fresh subject, require equal re-snapshot and
     * accessors, run both to the end of the script and require the same egress message by message, the same
     * accessors and the same final snapshot.
     *
     * @param script              builds a fresh subject with a fresh handler, sink and egress.
     * @param length              number of script inputs.
     * @param points              tick boundaries to restore at.
     * @param requireEgressAfter  also require at least one message after each point.
     * @param <S>                 subject type.
     */
    public static <S extends Subject> void restoreAtPoints(
        final Supplier<S> script, final int length, final int[] points, final boolean requireEgressAfter)
    {
        for (final int point : points)
        {
            final S original = script.get();
            original.run(0, point);
            final byte[] snapshot = original.snapshot();

            final S restored = script.get();
            restored.load(snapshot);
            assertArrayEquals(snapshot, restored.snapshot(), "re-snapshot at " + point);
            assertArrayEquals(original.accessors(), restored.accessors(), "accessors at " + point);

            original.sink().clear();
            original.run(point, length);
            restored.run(point, length);

            if (requireEgressAfter)
            {
                assertTrue(restored.sink().size() > 0, "messages after " + point);
            }
            assertSameEgress(original.sink(), 0, restored.sink(), point);
            assertArrayEquals(original.accessors(), restored.accessors(), "final accessors from " + point);
            assertArrayEquals(original.snapshot(), restored.snapshot(), "final snapshot, restored at " + point);
        }
    }

    /**
     * Run a never-stopped reference over the whole script, recording its snapshot, accessors and message count at
     * every tick boundary; then for each point in {@code [fromPoint, toPoint)} load that snapshot into a fresh
     * subject, require equal re-snapshot and accessors, run up to {@code min(length, point + window)} and require
     * the reference's messages there one by one, its accessors and its snapshot at that boundary.
     *
     * @param script    builds a fresh subject with a fresh handler, sink and egress.
     * @param length    number of script inputs.
     * @param fromPoint first tick boundary, inclusive (0 = before any input).
     * @param toPoint   last tick boundary, exclusive (at most length + 1).
     * @param window    inputs run after each restore; {@link Integer#MAX_VALUE} runs to the end.
     * @param <S>       subject type.
     * @return the reference, run over the whole script.
     */
    public static <S extends Subject> S restoreAtEveryBoundary(
        final Supplier<S> script, final int length, final int fromPoint, final int toPoint, final int window)
    {
        final S reference = script.get();
        final byte[][] snapshots = new byte[length + 1][];
        final long[][] accessors = new long[length + 1][];
        final int[] firstMessage = new int[length + 1];
        for (int i = 0; i <= length; i++)
        {
            snapshots[i] = reference.snapshot();
            accessors[i] = reference.accessors();
            firstMessage[i] = reference.sink().size();
            if (i < length)
            {
                reference.apply(i);
            }
        }

        for (int point = fromPoint; point < toPoint; point++)
        {
            final int end = (int)Math.min(length, (long)point + window);
            final S restored = script.get();
            restored.load(snapshots[point]);
            assertArrayEquals(snapshots[point], restored.snapshot(), "re-snapshot at " + point);
            assertArrayEquals(accessors[point], restored.accessors(), "accessors at " + point);

            restored.run(point, end);

            assertEquals(firstMessage[end] - firstMessage[point], restored.sink().size(), "messages after " + point);
            for (int m = 0; m < restored.sink().size(); m++)
            {
                assertArrayEquals(
                    bytes(reference.sink().message(firstMessage[point] + m)),
                    bytes(restored.sink().message(m)),
                    "message " + m + " after restore at " + point);
            }
            assertArrayEquals(accessors[end], restored.accessors(), "accessors at " + end + " from " + point);
            assertArrayEquals(snapshots[end], restored.snapshot(), "state at " + end + " after restore at " + point);
        }
        return reference;
    }

    /**
     * Every message of {@code expected} from index {@code from} on, in order and byte for byte, is what
     * {@code actual} sent, and nothing more.
     *
     * @param expected the never-stopped sink.
     * @param from     first message of {@code expected} to compare.
     * @param actual   the restored sink.
     * @param point    the restore point, for the failure message.
     */
    public static void assertSameEgress(
        final RecordingEgressSink expected, final int from, final RecordingEgressSink actual, final int point)
    {
        assertEquals(expected.size() - from, actual.size(), "message count after restore at " + point);
        for (int i = 0; i < actual.size(); i++)
        {
            assertArrayEquals(
                bytes(expected.message(from + i)), bytes(actual.message(i)),
                "message " + i + " after restore at " + point);
        }
    }

    /**
     * Write {@code handler}'s snapshot at {@code offset} of a scratch buffer of {@code capacity} bytes.
     *
     * @param handler  the handler.
     * @param capacity scratch buffer size in bytes.
     * @param offset   write offset in the scratch buffer.
     * @return the snapshot bytes; fails the test when the handler writes none.
     */
    public static byte[] snapshotOf(final BroadcastHandler handler, final int capacity, final int offset)
    {
        final UnsafeBuffer target = new UnsafeBuffer(new byte[capacity]);
        final int length = handler.writeSnapshot(target, offset, capacity - offset);
        assertTrue(length > 0);
        final byte[] bytes = new byte[length];
        target.getBytes(offset, bytes);
        return bytes;
    }

    /**
     * Load {@code snapshot} into {@code handler} from a buffer where it starts at {@code offset}.
     *
     * @param handler  a freshly constructed handler.
     * @param snapshot snapshot bytes.
     * @param offset   where the bytes are placed in the load buffer.
     */
    public static void load(final BroadcastHandler handler, final byte[] snapshot, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + snapshot.length]);
        buffer.putBytes(offset, snapshot);
        handler.loadSnapshot(buffer, offset, snapshot.length);
    }

    /**
     * @param message a view of exactly one message.
     * @return a copy of its bytes.
     */
    public static byte[] bytes(final DirectBuffer message)
    {
        final byte[] bytes = new byte[message.capacity()];
        message.getBytes(0, bytes);
        return bytes;
    }
}
