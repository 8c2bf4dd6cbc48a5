package io.v100.recovery;

import io.v100.core.BroadcastHandler;
import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastTick;
import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.RingEvent;
import io.v100.core.SnapshotStore;
import io.v100.core.TickRecovery;
import io.v100.demo.EncodedMatch;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A core stopped part-way through the shipped match and restarted from its newest snapshot plus the journal tail
 * must be in exactly the state of one rebuilt by replaying the whole journal, and of one that never stopped: the
 * egress for every later input is byte-identical, and so are the handlers' own snapshots at the end.
 */
@Tag("slow")
@Timeout(300)
class SnapshotRecoveryTest
{
    private static final int STOP_AT = 350_000;
    private static final long SNAPSHOT_INTERVAL = 100_000;
    private static EncodedMatch frames;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws IOException
    {
        frames = EncodedMatch.generate();
    }

    @Test
    void shouldGiveTheSameLaterEgressFromSnapshotPlusTailAsFromAFullReplayAndAsWithoutAStop() throws IOException
    {
        final RecordingEgressSink uninterrupted = new RecordingEgressSink();
        final byte[] uninterruptedState = runUninterrupted(uninterrupted);

        stopPartWay(dir);

        final RecordingEgressSink fromSnapshot = new RecordingEgressSink();
        final EgressProxy snapshotEgress = new EgressProxy(fromSnapshot);
        final TickRecovery.Result withSnapshot = recover(dir, dir.resolve("snapshots"), snapshotEgress);
        assertNotNull(withSnapshot.snapshot(), "a snapshot was used");
        assertEquals(300_000, withSnapshot.snapshot().nextRingSequence());
        assertEquals(STOP_AT - 300_000, withSnapshot.replayedInputs(), "only the tail was replayed");

        final RecordingEgressSink fromStart = new RecordingEgressSink();
        final EgressProxy startEgress = new EgressProxy(fromStart);
        final TickRecovery.Result fullReplay = recover(dir, null, startEgress);
        assertNull(fullReplay.snapshot());
        assertEquals(STOP_AT, fullReplay.replayedInputs());

        assertEquals(0, fromSnapshot.size(), "replayed inputs are muted: their egress was already recorded");
        feedRest(withSnapshot.tick(), snapshotEgress);
        feedRest(fullReplay.tick(), startEgress);

        assertSameEgress(fromStart, fromSnapshot);
        final int offset = uninterrupted.size() - fromSnapshot.size();
        assertTrue(offset > 0);
        for (int i = 0; i < fromSnapshot.size(); i++)
        {
            assertEquals(uninterrupted.message(offset + i), fromSnapshot.message(i), "message " + i);
        }
        assertArrayEquals(uninterruptedState, state(withSnapshot.tick()));
        assertArrayEquals(uninterruptedState, state(fullReplay.tick()));
        assertEquals(
            withSnapshot.tick().eventsProcessed() + withSnapshot.tick().eventsRejected(),
            withSnapshot.tick().eventsJournaled());
    }

    @Test
    void shouldFallBackToThePreviousSnapshotWhenTheNewestIsCorrupt() throws IOException
    {
        stopPartWay(dir);
        final List<Path> snapshots;
        try (SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"), 3, null))
        {
            snapshots = store.files();
        }
        assertEquals(3, snapshots.size(), "snapshots at 100k, 200k, 300k");
        final Path newest = snapshots.get(0);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);

        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final TickRecovery.Result result = recover(dir, dir.resolve("snapshots"), egress);
        assertNotNull(result.snapshot());
        assertEquals(snapshots.get(1), result.snapshot().file(), "the CRC caught the flipped bit");
        assertEquals(STOP_AT - 200_000, result.replayedInputs());

        final RecordingEgressSink reference = new RecordingEgressSink();
        final EgressProxy referenceEgress = new EgressProxy(reference);
        final TickRecovery.Result full = recover(dir, null, referenceEgress);
        feedRest(result.tick(), egress);
        feedRest(full.tick(), referenceEgress);
        assertSameEgress(reference, sink);
    }

    private static byte[] runUninterrupted(final RecordingEgressSink sink)
    {
        final EgressProxy egress = new EgressProxy(sink);
        final BroadcastTick tick = new BroadcastTick(null, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
        final RingEvent event = new RingEvent();
        for (int i = 0; i < frames.count(); i++)
        {
            event.set(frames.buffer, frames.offset(i), frames.length(i), 0, 0);
            tick.onEvent(event, i, true);
        }
        return state(tick);
    }

    private static void stopPartWay(final Path dir)
    {
        final JournalContext journalContext = new JournalContext().directory(dir.resolve("journal"));
        try (InputJournal journal = new InputJournal(journalContext);
            SnapshotStore snapshots = new SnapshotStore(dir.resolve("snapshots"), 3, null))
        {
            final EgressProxy egress = new EgressProxy(new RecordingEgressSink());
            final BroadcastTick tick = new BroadcastTick(
                journal, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
            tick.snapshotter(snapshots, SNAPSHOT_INTERVAL);
            final RingEvent event = new RingEvent();
            for (int i = 0; i < STOP_AT; i++)
            {
                event.set(frames.buffer, frames.offset(i), frames.length(i), 0, 0);
                tick.onEvent(event, i, true);
            }
        }
    }

    private static TickRecovery.Result recover(final Path dir, final Path snapshots, final EgressProxy egress)
    {
        return TickRecovery.recover(
            null, new JournalContext().directory(dir.resolve("journal")), snapshots, Long.MAX_VALUE, egress,
            () -> BroadcastHandlers.withDefaults(egress).inTickOrder());
    }

    private static void feedRest(final BroadcastTick tick, final EgressProxy egress)
    {
        final RingEvent event = new RingEvent();
        for (int i = STOP_AT; i < frames.count(); i++)
        {
            event.set(frames.buffer, frames.offset(i), frames.length(i), 0, 0);
            tick.onEvent(event, i, true);
        }
    }

    private static void assertSameEgress(final RecordingEgressSink expected, final RecordingEgressSink actual)
    {
        assertEquals(expected.size(), actual.size());
        assertTrue(actual.size() > 10_000, "the rest of the match produces plenty of egress: " + actual.size());
        for (int i = 0; i < actual.size(); i++)
        {
            assertEquals(expected.message(i), actual.message(i), "message " + i);
        }
    }

    /**
     * @return every handler's snapshot bytes, back to back: equal bytes mean equal state.
     */
    private static byte[] state(final BroadcastTick tick)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 22);
        int limit = 0;
        for (final BroadcastHandler handler : tick.handlers())
        {
            final int length = handler.writeSnapshot(buffer, limit, buffer.capacity() - limit);
            assertTrue(length >= 0);
            limit += length;
        }
        final byte[] bytes = new byte[limit];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
