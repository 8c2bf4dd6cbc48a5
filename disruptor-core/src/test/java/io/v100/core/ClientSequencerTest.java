package io.v100.core;

import io.v100.sbe.AckDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionOpenedEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The tick's sequencing on its own (no gateway): client sequences below 1 are refused and never journaled, so
 * a replay of what was journaled cannot fail on them; and a snapshot holds a client table filled to the largest
 * capacity allowed.
 */
class ClientSequencerTest
{
    private static final long T0 = 1_537_713_000_000_000_000L;

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void shouldRefuseSequencesBelowOneAndAnswerGapsWithTheNextExpected()
    {
        final long[] lastAckNext = { 0 };
        final int[] acks = { 0 };
        final EgressProxy egress = new EgressProxy(new EgressSink()
        {
            public void send(final DirectBuffer buffer, final int offset, final int length)
            {
            }

            public void sendOutsideTick(final DirectBuffer buffer, final int offset, final int length)
            {
                final MessageHeaderDecoder h = new MessageHeaderDecoder().wrap(buffer, offset);
                if (h.templateId() == AckDecoder.TEMPLATE_ID)
                {
                    acks[0]++;
                    lastAckNext[0] = new AckDecoder().wrapAndApplyHeader(buffer, offset, h).nextClientSequence();
                }
            }

            public void onTickEnd(final long ringSequence)
            {
            }
        });
        final BroadcastTick tick = new BroadcastTick(null, egress, BroadcastHandlers.withDefaults(egress).inTickOrder());
        final RingEvent event = new RingEvent();
        long ring = 0;
        for (final long clientSequence : new long[]{ Long.MIN_VALUE, 0, -1, 1, 2, 5, 2 })
        {
            event.set(frame, 0, matchEvent(7, clientSequence), 0, 0);
            tick.onEvent(event, ring++, true);
        }

        assertEquals(3, tick.sequencer().invalidSequences());
        assertEquals(3, tick.metrics().refused(RejectReason.INVALID_SEQUENCE));
        assertEquals(2, tick.eventsJournaled(), "only 1 and 2 were taken");
        assertEquals(2, tick.lastClientSequence(7));
        assertEquals(1, tick.sequencer().gapsDropped());
        assertEquals(1, tick.sequencer().duplicatesIgnored());

        assertEquals(4, acks[0], "1, 2, the gap and the duplicate are each acknowledged (one input per batch)");
        assertEquals(3, lastAckNext[0], "the duplicate is answered with the next expected sequence");
    }

    @Test
    void shouldSnapshotAFullClientTableAtTheLargestCapacity() throws Exception
    {
        final int capacity = SessionContext.MAX_CLIENTS_LIMIT;
        final EgressProxy egress = new EgressProxy(new RecordingEgressSink());
        final BroadcastTick tick = new BroadcastTick(
            null, egress, new SessionRegistry(capacity), BroadcastHandlers.withDefaults(egress).inTickOrder());
        final RingEvent event = new RingEvent();
        for (int i = 1; i <= capacity; i++)
        {
            event.set(frame, 0, sessionOpened("p" + i, i), 0, 0);
            tick.onEvent(event, i, true);
        }
        event.set(frame, 0, sessionOpened("one-too-many", 0), 0, 0);
        tick.onEvent(event, 0, true);
        assertEquals(capacity, tick.sequencer().clients());
        assertEquals(1, tick.sequencer().sessionLimitRefusals());

        try (SnapshotStore store = new SnapshotStore(dir, 2, null))
        {
            store.snapshot(tick);
        }
        final SnapshotStore.Loaded loaded = SnapshotStore.loadNewest(
            dir, () -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        assertNotNull(loaded);
        assertEquals(capacity, loaded.clients().size());
        final BroadcastTick restored = new BroadcastTick(
            null, egress, new SessionRegistry(capacity), loaded.handlers());
        loaded.restoreInto(restored);
        assertEquals(capacity, restored.sequencer().clients());
        assertEquals(capacity, restored.sequencer().lastSessionId());
        final byte[] principal = new byte[ClientSequencer.PRINCIPAL_LENGTH];
        restored.sequencer().principal(capacity, principal);
        final byte[] expected = new byte[ClientSequencer.PRINCIPAL_LENGTH];
        final byte[] name = ("p" + capacity).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, expected, 0, name.length);
        assertArrayEquals(expected, principal);
    }

    private int matchEvent(final int clientId, final long clientSequence)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(clientId).clientSequence(clientSequence).timestampNs(T0 + 1).period((short)1)
            .matchClockMs(1000).eventType(MatchEventType.PASS).teamId(1).playerId(3).x(50f).y(30f).xg(0f)
            .encodedLength();
    }

    private int sessionOpened(final String principal, final long connectionId)
    {
        final byte[] padded = new byte[SessionOpenedEncoder.principalLength()];
        final byte[] ascii = principal.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, padded, 0, ascii.length);
        final SessionOpenedEncoder encoder = new SessionOpenedEncoder().wrapAndApplyHeader(frame, 0, header)
            .correlationId(connectionId).connectionId(connectionId).outcome(SessionCode.OPEN).putPrincipal(padded, 0);
        frame.putByte(encoder.roles().offset(), (byte)SessionRole.ALL);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
