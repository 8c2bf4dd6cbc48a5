package io.v100.core;

import io.v100.core.abr.AbrContext;
import io.v100.core.deepfake.DeepfakeContext;
import io.v100.core.director.DirectorContext;
import io.v100.core.drm.DrmContext;
import io.v100.core.wagering.WageringContext;
import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.RejectedDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tick's share of the ingress rules: the clock window is applied before any handler, and an input a handler
 * refuses ({@code TABLE_FULL}) is counted rejected, not processed; every journaled input is exactly one of the two.
 */
class IngressRulesTickTest
{
    private static final long KICKOFF_NS = 1_537_713_000_000_000_000L;
    private static final long YEAR_2100_NS = 4_102_444_800_000_000_000L;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RingEvent event = new RingEvent();
    private final RecordingEgressSink sink = new RecordingEgressSink();
    private final EgressProxy egress = new EgressProxy(sink);
    private final BroadcastTick tick = new BroadcastTick(null, egress, new BroadcastHandlers(
        egress, new WageringContext(), new DirectorContext(), new AbrContext(), new DeepfakeContext(),
        new DrmContext().maxViewers(2)).inTickOrder());
    private long sequence;

    @Test
    void shouldRejectOutOfWindowStampsBeforeAnyHandlerAndCountRefusalsAsRejections()
    {
        send(MessageHeaderEncoder.ENCODED_LENGTH + new FixtureEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(++sequence).timestampNs(KICKOFF_NS).matchId(15986)
            .homeTeamId(217).awayTeamId(220).kickoffNs(KICKOFF_NS).homeGoalRate(2.2f).awayGoalRate(0.8f)
            .encodedLength());
        grant(KICKOFF_NS + 1, 1);
        grant(KICKOFF_NS + 2, 2);
        sink.clear();

        grant(KICKOFF_NS + 3, 3);                                   // a third viewer: the table holds two
        assertEquals(1, sink.size());
        final RejectedDecoder full = rejected(0);
        assertEquals(RejectReason.TABLE_FULL, full.reason());
        assertEquals(3, full.ringSequence());

        send(MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(++sequence).timestampNs(YEAR_2100_NS).period((short)1).matchClockMs(0)
            .eventType(MatchEventType.BALL_EVENT).teamId(217).playerId(0).x(60f).y(40f).xg(0f)
            .encodedLength());                                      // a match event stamped 2100
        assertEquals(2, sink.size());
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_WINDOW, rejected(1).reason());
        // Grants are no event-time source (see BroadcastTick): only the Fixture moved the clock.
        assertEquals(KICKOFF_NS, tick.nowNs(), "the clock never saw 2100");

        grant(KICKOFF_NS + 4, 2);                                   // a renewal within the window still counts
        assertEquals(2, sink.size());

        assertEquals(6, tick.eventsJournaled());
        assertEquals(4, tick.eventsProcessed());
        assertEquals(2, tick.eventsRejected());
        assertEquals(1, tick.eventsRejected(RejectReason.TABLE_FULL));
        assertEquals(1, tick.eventsRejected(RejectReason.TIMESTAMP_OUT_OF_WINDOW));
        assertEquals(tick.eventsJournaled(), tick.eventsProcessed() + tick.eventsRejected());
    }

    private RejectedDecoder rejected(final int index)
    {
        assertEquals(RejectedDecoder.TEMPLATE_ID, sink.templateId(index));
        return new RejectedDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private void grant(final long timestampNs, final long viewerId)
    {
        send(MessageHeaderEncoder.ENCODED_LENGTH + new EntitlementGrantEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(++sequence).timestampNs(timestampNs).viewerId(viewerId).eventId(15986)
            .expiryNs(Long.MAX_VALUE / 2).encodedLength());
    }

    private void send(final int length)
    {
        event.set(frame, 0, length, 0, 0);
        tick.onEvent(event, sequence, true);
    }
}
