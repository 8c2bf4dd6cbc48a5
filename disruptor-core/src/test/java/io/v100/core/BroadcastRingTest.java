package io.v100.core;

import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalReader;
import io.v100.sbe.CutReason;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.RejectedDecoder;
import io.v100.sbe.ShotType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class BroadcastRingTest
{
    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY * 2]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    private long clientSequence;

    private int matchEvent(final long timestampNs, final int playerId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder()
            .wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(++clientSequence).timestampNs(timestampNs)
            .period((short)1).matchClockMs(1000).eventType(MatchEventType.PASS)
            .teamId(1).playerId(playerId).x(10f).y(10f).xg(0f)
            .encodedLength();
    }

    /** Emits one cut per match event so every valid input has an output to order against the journal. */
    static final class EchoHandler implements BroadcastHandler
    {
        private final EgressProxy egress;
        final List<Integer> players = new ArrayList<>();

        EchoHandler(final EgressProxy egress)
        {
            this.egress = egress;
        }

        public void onMatchEvent(final MatchEventDecoder matchEvent)
        {
            players.add(matchEvent.playerId());
            if (matchEvent.playerId() == 13)
            {
                throw new IllegalStateException("a bug in a handler, on purpose");
            }
            egress.directorCut(matchEvent.playerId() & 0xFF, ShotType.WIDE, CutReason.BALL_ZONE);
        }
    }

    @Test
    void shouldRejectEachKindOfBadFrameJournalItAndKeepProcessing() throws Exception
    {
        final JournalContext journalContext = new JournalContext().directory(dir.resolve("journal"));
        final InputJournal journal = new InputJournal(journalContext);
        final RecordingEgressSink sink = new RecordingEgressSink();
        final AtomicLong outputsBeforeJournal = new AtomicLong();
        final AtomicLong acks = new AtomicLong();
        final EgressProxy egress = new EgressProxy(new EgressSink()
        {
            public void send(final DirectBuffer buffer, final int offset, final int length)
            {
                final long ringSequence = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH);
                if (journal.appended() < ringSequence + 1)
                {
                    outputsBeforeJournal.incrementAndGet();
                }
                sink.send(buffer, offset, length);
            }

            public void sendOutsideTick(final DirectBuffer buffer, final int offset, final int length)
            {
                acks.incrementAndGet();
            }
        });
        final EchoHandler handler = new EchoHandler(egress);
        final BroadcastTick tick = new BroadcastTick(journal, egress, handler);
        final BroadcastRing ring = new BroadcastRing(
            new CoreContext().ringSize(64).waitStrategy(WaitStrategyKind.SLEEPING)
                .affinity(ThreadingPlan.Affinity.NONE),
            tick);
        ring.start();

        int sent = 0;
        publish(ring, matchEvent(100, 1));                                      // 0 valid
        sent++;
        publish(ring, 5);                                                       // 1 truncated header
        sent++;
        int length = matchEvent(101, 2);
        header.wrap(frame, 0).schemaId(7);
        clientSequence--;                                                       // not attributable to a client
        publish(ring, length);                                                  // 2 wrong schema
        sent++;
        length = matchEvent(102, 3);
        header.wrap(frame, 0).version(9);
        publish(ring, length);                                                  // 3 version
        sent++;
        length = matchEvent(103, 4);
        header.wrap(frame, 0).templateId(40);
        clientSequence--;
        publish(ring, length);                                                  // 4 unknown template
        sent++;
        length = matchEvent(104, 5);
        frame.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MatchEventEncoder.eventTypeEncodingOffset(), (byte)99);
        publish(ring, length);                                                  // 5 bad enum
        sent++;
        publish(ring, matchEvent(105, 6) - 10);                                 // 6 truncated block
        sent++;
        matchEvent(106, 7);
        publish(ring, RingEvent.FRAME_CAPACITY + 100);                          // 7 too large
        sent++;
        publish(ring, matchEvent(107, 13));                                     // 8 handler throws
        sent++;
        publish(ring, matchEvent(108, 8));                                      // 9 valid again
        sent++;

        assertTrue(ring.drainAndStop(10_000));
        journal.close();

        assertEquals(sent, tick.eventsJournaled());
        assertEquals(3, tick.eventsProcessed());
        assertEquals(7, tick.eventsRejected());
        assertEquals(1, ring.handlerErrors());
        assertEquals(0, outputsBeforeJournal.get());
        assertTrue(acks.get() > 0, "journaled inputs are acknowledged");
        assertEquals(List.of(1, 13, 8), handler.players);

        final List<RejectReason> reasons = new ArrayList<>();
        final List<Long> rejectedSequences = new ArrayList<>();
        final RejectedDecoder rejected = new RejectedDecoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        for (int i = 0; i < sink.size(); i++)
        {
            if (sink.templateId(i) == RejectedDecoder.TEMPLATE_ID)
            {
                rejected.wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder);
                reasons.add(rejected.reason());
                rejectedSequences.add(rejected.ringSequence());
            }
        }
        assertEquals(List.of(
            RejectReason.TRUNCATED, RejectReason.WRONG_SCHEMA, RejectReason.UNSUPPORTED_VERSION,
            RejectReason.UNKNOWN_TEMPLATE, RejectReason.INVALID_ENUM, RejectReason.TRUNCATED,
            RejectReason.FRAME_TOO_LARGE), reasons);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), rejectedSequences);
        assertEquals(2, tick.eventsRejected(RejectReason.TRUNCATED));
        assertEquals(9, sink.size());

        final List<Long> journaled = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journalContext, RingEvent.FRAME_CAPACITY))
        {
            while (reader.read((index, ringSequence, receivedNs, f, frameLength) -> journaled.add(ringSequence)))
            {
                assertTrue(journaled.size() <= sent);
            }
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), journaled);
    }

    @Test
    void shouldRefuseToBusySpinMoreThreadsThanCores()
    {
        final ThreadingPlan onePlan = ThreadingPlan.resolve(1, WaitStrategyKind.AUTO, ThreadingPlan.Affinity.AUTO);
        assertEquals(WaitStrategyKind.BLOCKING, onePlan.ringWait());
        assertEquals(0, onePlan.spinningThreads());

        final ThreadingPlan twoPlan = ThreadingPlan.resolve(2, WaitStrategyKind.AUTO, ThreadingPlan.Affinity.AUTO);
        assertEquals(WaitStrategyKind.BUSY_SPIN, twoPlan.ringWait());
        assertFalse(twoPlan.pollerYields());
        assertEquals(1, twoPlan.spinningThreads());
        assertTrue(twoPlan.pinRingThread());
        assertFalse(twoPlan.bindOthersAway(), "on 2 cores the scheduler places the other threads");

        final ThreadingPlan yielding = ThreadingPlan.resolve(
            2, WaitStrategyKind.AUTO, ThreadingPlan.PollerIdle.YIELDING, ThreadingPlan.Affinity.AUTO);
        assertEquals(2, yielding.spinningThreads(), "a yielding poller counts as spinning");
        assertThrows(IllegalArgumentException.class, () -> ThreadingPlan.resolve(
            1, WaitStrategyKind.BUSY_SPIN, ThreadingPlan.PollerIdle.YIELDING, ThreadingPlan.Affinity.AUTO));
        assertTrue(ThreadingPlan.resolve(8, WaitStrategyKind.AUTO, ThreadingPlan.Affinity.AUTO).bindOthersAway());

        final ThreadingPlan sixteen = ThreadingPlan.resolve(16, WaitStrategyKind.AUTO, ThreadingPlan.Affinity.NONE);
        assertEquals(2, sixteen.spinningThreads());

        for (int cores = 1; cores <= 32; cores++)
        {
            for (final WaitStrategyKind kind : WaitStrategyKind.values())
            {
                try
                {
                    final ThreadingPlan plan = ThreadingPlan.resolve(cores, kind, ThreadingPlan.Affinity.AUTO);
                    assertTrue(plan.spinningThreads() <= cores, plan.toString());
                }
                catch (final IllegalArgumentException ex)
                {
                    assertTrue(ex.getMessage().contains("busy-spin"), ex.getMessage());
                }
            }
        }
    }

    private void publish(final BroadcastRing ring, final int length)
    {
        final DirectBuffer src = frame;
        while (!ring.tryPublish(src, 0, length, System.nanoTime(), 1))
        {
            Thread.onSpinWait();
        }
    }
}
