package io.v100.core;

import io.v100.sbe.BooleanType;
import io.v100.sbe.CutReason;
import io.v100.sbe.DateRangeClass;
import io.v100.sbe.DateRangeDecoder;
import io.v100.sbe.DirectorCutDecoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.GoalScoredDecoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketStatusDecoder;
import io.v100.sbe.MarketStatusReason;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's promise: a goal's market suspension, director's cut and date-range marker leave in one tick,
 * all answering the goal's ring sequence.
 */
class GoalTickTest
{
    private static final long KICKOFF_NS = 1_537_713_000_000_000_000L;
    private static final long FRAME_NS = 40_000_000L;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RingEvent event = new RingEvent();
    private final RecordingEgressSink sink = new RecordingEgressSink();
    private final EgressProxy egress = new EgressProxy(sink);
    private final BroadcastHandlers handlers = BroadcastHandlers.withDefaults(egress);
    private final BroadcastTick tick = new BroadcastTick(null, egress, handlers.inTickOrder());
    private long sequence;

    @Test
    void shouldSuspendCutAndMarkTheGoalOnTheGoalsOwnRingSequence() throws Exception
    {
        send(MessageHeaderEncoder.ENCODED_LENGTH + new FixtureEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(1).timestampNs(KICKOFF_NS - 60_000_000_000L).matchId(15986)
            .homeTeamId(217).awayTeamId(220).kickoffNs(KICKOFF_NS).homeGoalRate(2.2f).awayGoalRate(0.8f)
            .encodedLength());

        long pts = 0;
        long now = KICKOFF_NS;
        for (int i = 0; i < 25 * 20; i++)
        {
            videoFrame(now, pts, i % 50 == 0);
            if (i % 25 == 0)
            {
                matchEvent(now, MatchEventType.PASS, 60f + i / 25f, 1_000L * (i / 25));
            }
            now += FRAME_NS;
            pts += 3600;
        }

        final int before = sink.size();
        final long goalSequence = sequence;
        matchEvent(now, MatchEventType.GOAL, 110f, 20_000L);

        final List<Integer> templates = new ArrayList<>();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        boolean suspended = false;
        boolean cut = false;
        boolean marked = false;
        boolean scored = false;
        for (int i = before; i < sink.size(); i++)
        {
            final int templateId = sink.templateId(i);
            templates.add(templateId);
            final long ringSequence = sink.buffer().getLong(sink.offset(i) + MessageHeaderDecoder.ENCODED_LENGTH);
            assertEquals(goalSequence, ringSequence, "every output of the goal's tick answers the goal");
            switch (templateId)
            {
                case MarketStatusDecoder.TEMPLATE_ID ->
                {
                    final MarketStatusDecoder d = new MarketStatusDecoder()
                        .wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder);
                    suspended |= d.state() == MarketState.SUSPENDED && d.reason() == MarketStatusReason.GOAL;
                }
                case DirectorCutDecoder.TEMPLATE_ID ->
                {
                    final DirectorCutDecoder d = new DirectorCutDecoder()
                        .wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder);
                    cut |= d.reason() == CutReason.GOAL;
                }
                case DateRangeDecoder.TEMPLATE_ID ->
                {
                    final DateRangeDecoder d = new DateRangeDecoder()
                        .wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder);
                    marked |= d.dateRangeClass() == DateRangeClass.GOAL && d.startDateNs() == KICKOFF_NS + 500 * FRAME_NS;
                }
                case GoalScoredDecoder.TEMPLATE_ID ->
                {
                    final GoalScoredDecoder d = new GoalScoredDecoder()
                        .wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder);
                    scored |= d.teamId() == 217 && d.ownGoal() == BooleanType.FALSE && d.homeGoals() == 1;
                }
                default ->
                {
                }
            }
        }
        assertTrue(suspended, "market suspension in the goal's tick: " + templates);
        assertTrue(cut, "director's cut in the goal's tick: " + templates);
        assertTrue(marked, "date-range marker in the goal's tick: " + templates);
        assertTrue(scored, "goal counted in the goal's tick: " + templates);
        assertTrue(
            MarketStatusDecoder.TEMPLATE_ID == templates.get(0) || GoalScoredDecoder.TEMPLATE_ID == templates.get(0),
            "wagering answers first: " + templates);
        assertEquals(1, handlers.wagering().homeGoals());
    }

    private void matchEvent(final long timestampNs, final MatchEventType type, final float x, final long clockMs)
        throws Exception
    {
        send(MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(sequence + 1).timestampNs(timestampNs).period((short)1)
            .matchClockMs(clockMs).eventType(type).teamId(217).playerId(5503).x(x).y(40f)
            .xg(type == MatchEventType.GOAL ? 0.4f : 0f)
            .encodedLength());
    }

    private void videoFrame(final long timestampNs, final long pts, final boolean idr) throws Exception
    {
        final VideoFrameEncoder encoder = new VideoFrameEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(1).clientSequence(sequence + 1).timestampNs(timestampNs).pts(pts)
            .idr(idr ? BooleanType.TRUE : BooleanType.FALSE);
        final VideoFrameEncoder.RenditionsEncoder renditions = encoder.renditionsCount(4);
        for (int r = 0; r < 4; r++)
        {
            renditions.next().renditionId((short)r).frameBytes(10_000 >> r);
        }
        send(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void send(final int length) throws Exception
    {
        event.set(frame, 0, length, System.nanoTime(), 0);
        tick.onEvent(event, sequence++, true);
    }
}
