package io.v100.core.director;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.CameraSignalEncoder;
import io.v100.sbe.CutReason;
import io.v100.sbe.DirectorCutDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.ShotType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectorHandlerTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final float UNKNOWN = Float.NaN;

    private final UnsafeBuffer inBuffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MatchEventEncoder eventEncoder = new MatchEventEncoder();
    private final MatchEventDecoder eventDecoder = new MatchEventDecoder();
    private final CameraSignalEncoder signalEncoder = new CameraSignalEncoder();
    private final CameraSignalDecoder signalDecoder = new CameraSignalDecoder();
    private final DirectorCutDecoder cutDecoder = new DirectorCutDecoder();

    private RecordingEgressSink sink = new RecordingEgressSink();
    private EgressProxy egress = new EgressProxy(sink);
    private DirectorHandler handler = new DirectorHandler(new DirectorContext(), egress);
    private long sequence;

    @Test
    void shouldRespectMinimumShotLength()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        assertCut(0, 0, 1, ShotType.WIDE, CutReason.PERIOD_START);

        // Ball in the middle third: wide affinity 1.0, left tight 0.5. Camera 2 full saliency and framing.
        final double wideScore = 0.5 * 1.0 + 0.3 * 0.1f + 0.2 * 0.1f;
        final double tightScore = 0.5 * 0.5 + 0.3 * 1.0 + 0.2 * 1.0;
        assertTrue(tightScore > wideScore + 0.15, "the scenario must favour camera 2 beyond the margin");

        signal(500 * MS, 1, 0.1f, 0.1f);
        signal(500 * MS, 2, 1.0f, 1.0f);
        signal(1 * S, 2, 1.0f, 1.0f);
        signal(2 * S, 2, 1.0f, 1.0f);
        signal(3 * S - 1, 2, 1.0f, 1.0f);
        assertEquals(1, sink.size());
        assertEquals(1, handler.currentCamera());

        final long cutSequence = signal(3 * S, 2, 1.0f, 1.0f);
        assertEquals(2, sink.size());
        assertCut(1, cutSequence, 2, ShotType.TIGHT, CutReason.SALIENCY);
        assertEquals(2, handler.currentCamera());
        assertEquals(2, handler.cuts());
        assertEquals(tightScore, handler.score(2), 1e-9);
        assertEquals(wideScore, handler.score(1), 1e-9);
    }

    @Test
    void shouldNotCutWhenCandidateDoesNotBeatTheMargin()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        // Camera 2 scores 0.5 * 0.5 + 0.3 * 0.8 + 0.2 * 0.5 = 0.59 against wide 0.5 * 1.0 = 0.50: 0.09 < 0.15.
        signal(4 * S, 2, 0.5f, 0.8f);
        signal(10 * S, 2, 0.5f, 0.8f);

        assertEquals(1, sink.size());
        assertEquals(1, handler.currentCamera());
    }

    @Test
    void shouldCutToGoalCloseUpOnTheSameInput()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        event(1 * S, MatchEventType.SHOT, 110.0f);
        final long goalSequence = event(1500 * MS, MatchEventType.GOAL, 119.0f);

        // Within both the minimum shot length (3 s) and the shot hold (2 s): the goal still cuts at once.
        assertEquals(2, sink.size());
        assertCut(1, goalSequence, 5, ShotType.CLOSE_UP, CutReason.GOAL);
        assertEquals(5, handler.currentCamera());
    }

    @Test
    void shouldChooseGoalSideFromLastKnownBallLocation()
    {
        // The first location, in the left box, already takes the program to camera 4 (no shot to protect yet).
        event(0, MatchEventType.BALL_EVENT, 8.0f);
        assertCut(0, 0, 4, ShotType.CLOSE_UP, CutReason.BALL_ZONE);
        final long ownGoalSequence = event(1 * S, MatchEventType.OWN_GOAL, UNKNOWN);
        assertEquals(2, sink.size());
        assertCut(1, ownGoalSequence, 4, ShotType.CLOSE_UP, CutReason.GOAL);

        reset();
        final long unknownSequence = event(0, MatchEventType.GOAL, UNKNOWN);
        assertCut(0, unknownSequence, DirectorContext.LEFT_CLOSE_UP_CAMERA_DEFAULT, ShotType.CLOSE_UP, CutReason.GOAL);
    }

    @Test
    void shouldPlayReplayAfterCelebrationThenReturnToWide()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        final long goalNs = 20 * S;
        event(goalNs, MatchEventType.GOAL, 115.0f);
        assertEquals(2, sink.size());

        // Inputs that would otherwise cut: a strongly salient camera 3 and a red card.
        signal(goalNs + 3 * S, 3, 1.0f, 1.0f);
        event(goalNs + 4 * S, MatchEventType.RED_CARD, 90.0f);
        event(goalNs + 6 * S - 1, MatchEventType.BALL_EVENT, UNKNOWN);
        assertEquals(2, sink.size());

        final long replaySequence = event(goalNs + 6 * S, MatchEventType.BALL_EVENT, UNKNOWN);
        assertEquals(3, sink.size());
        assertCut(2, replaySequence, 6, ShotType.REPLAY, CutReason.REPLAY_START);

        signal(goalNs + 10 * S, 3, 1.0f, 1.0f);
        event(goalNs + 14 * S - 1, MatchEventType.BALL_EVENT, UNKNOWN);
        assertEquals(3, sink.size());

        final long endSequence = signal(goalNs + 14 * S, 3, 1.0f, 1.0f);
        assertEquals(4, sink.size());
        assertCut(3, endSequence, 1, ShotType.WIDE, CutReason.REPLAY_END);
        assertEquals(1, handler.currentCamera());
    }

    @Test
    void shouldRunReplayForItsFullLengthWhenInputsArriveLate()
    {
        event(0, MatchEventType.GOAL, 100.0f);
        final long lateSequence = event(30 * S, MatchEventType.BALL_EVENT, UNKNOWN);

        assertEquals(2, sink.size());
        assertCut(1, lateSequence, 6, ShotType.REPLAY, CutReason.REPLAY_START);

        event(38 * S - 1, MatchEventType.BALL_EVENT, UNKNOWN);
        assertEquals(2, sink.size());
        event(38 * S, MatchEventType.BALL_EVENT, UNKNOWN);
        assertCut(2, sequence - 1, 1, ShotType.WIDE, CutReason.REPLAY_END);
    }

    @Test
    void shouldFollowBallIntoRightBoxAfterMinimumShotLength()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        // Right box: close-up right affinity 1.0 -> 0.5; wide 0.3 -> 0.15; no camera signals yet.
        final double closeUpScore = 0.5 * 1.0;
        final double wideScore = 0.5 * 0.3;
        assertTrue(closeUpScore > wideScore + 0.15);

        event(1 * S, MatchEventType.BALL_EVENT, 110.0f);
        event(3 * S - 1, MatchEventType.PASS, 111.0f);
        assertEquals(1, sink.size());
        assertEquals(DirectorContext.ZONE_RIGHT_BOX, handler.zone());

        final long cutSequence = event(3 * S, MatchEventType.BALL_EVENT, 112.0f);
        assertEquals(2, sink.size());
        assertCut(1, cutSequence, 5, ShotType.CLOSE_UP, CutReason.BALL_ZONE);

        // Back to the middle third after another 3 s: wide (1.0) beats the close-up (0) by 0.5.
        final long backSequence = event(6 * S, MatchEventType.PASS, 60.0f);
        assertCut(2, backSequence, 1, ShotType.WIDE, CutReason.BALL_ZONE);
    }

    @Test
    void shouldHoldShotAfterShotOrPenalty()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        event(5 * S, MatchEventType.SHOT, 110.0f);
        event(6 * S, MatchEventType.BALL_EVENT, 110.0f);
        event(6500 * MS, MatchEventType.RED_CARD, 110.0f);
        event(7 * S - 1, MatchEventType.BALL_EVENT, 110.0f);
        assertEquals(1, sink.size());

        final long cutSequence = event(7 * S, MatchEventType.BALL_EVENT, 110.0f);
        assertEquals(2, sink.size());
        assertCut(1, cutSequence, 5, ShotType.CLOSE_UP, CutReason.BALL_ZONE);

        event(20 * S, MatchEventType.PENALTY_AWARDED, 60.0f);
        event(21 * S, MatchEventType.BALL_EVENT, 60.0f);
        assertEquals(2, sink.size());
        final long afterPenalty = event(22 * S, MatchEventType.BALL_EVENT, 60.0f);
        assertCut(2, afterPenalty, 1, ShotType.WIDE, CutReason.BALL_ZONE);
    }

    @Test
    void shouldCutToTightCameraOfBallHalfOnSendingOff()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        final long leftSequence = event(1 * S, MatchEventType.RED_CARD, 30.0f);
        assertCut(1, leftSequence, 2, ShotType.TIGHT, CutReason.RED_CARD);

        final long rightSequence = event(2 * S, MatchEventType.SECOND_YELLOW, 90.0f);
        assertCut(2, rightSequence, 3, ShotType.TIGHT, CutReason.RED_CARD);
        assertEquals(3, sink.size());
    }

    @Test
    void shouldNotDuplicatePeriodCuts()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        event(1 * S, MatchEventType.HALF_START, 60.0f);
        assertEquals(1, sink.size());

        final long endSequence = event(2 * S, MatchEventType.HALF_END, 60.0f);
        event(3 * S, MatchEventType.HALF_END, 60.0f);
        assertEquals(2, sink.size());
        assertCut(1, endSequence, 1, ShotType.WIDE, CutReason.PERIOD_END);
    }

    @Test
    void shouldIgnoreInvalidCameraSignals()
    {
        event(0, MatchEventType.HALF_START, 60.0f);
        signal(5 * S, DirectorContext.MAX_CAMERAS, 1.0f, 1.0f);
        signal(5 * S, 2, Float.NaN, 1.0f);
        signal(5 * S, 2, 1.0f, 1.5f);
        signal(5 * S, 2, -0.5f, 1.0f);

        assertEquals(4, handler.invalidSignals());
        assertEquals(1, sink.size());
        assertEquals(0.5 * 0.5, handler.score(2), 1e-12);
    }

    @Test
    void shouldProduceIdenticalEgressForIdenticalInputs()
    {
        final byte[] first = runScript();
        reset();
        final byte[] second = runScript();

        assertTrue(first.length > 0);
        assertArrayEquals(first, second);
    }

    private byte[] runScript()
    {
        final SplittableRandom random = new SplittableRandom(90);
        final MatchEventType[] types = MatchEventType.values();
        long t = 0;
        for (int i = 0; i < 5_000; i++)
        {
            t += random.nextLong(50 * MS, 1500 * MS);
            if (random.nextBoolean())
            {
                MatchEventType type = types[random.nextInt(types.length)];
                if (MatchEventType.NULL_VAL == type)
                {
                    type = MatchEventType.BALL_EVENT;
                }
                final float x = random.nextInt(10) == 0 ? UNKNOWN : (float)(random.nextDouble() * 120.0);
                event(t, type, x);
            }
            else
            {
                signal(t, 1 + random.nextInt(6), (float)random.nextDouble(), (float)random.nextDouble());
            }
        }
        assertTrue(handler.cuts() > 100);
        final int last = sink.size() - 1;
        final byte[] bytes = new byte[sink.offset(last) + sink.length(last)];
        sink.buffer().getBytes(0, bytes);
        return bytes;
    }

    private void reset()
    {
        sink = new RecordingEgressSink();
        egress = new EgressProxy(sink);
        handler = new DirectorHandler(new DirectorContext(), egress);
        sequence = 0;
    }

    private long event(final long offsetNs, final MatchEventType type, final float x)
    {
        final long nowNs = T0 + offsetNs;
        final long seq = sequence++;
        egress.beginTick(seq, nowNs);
        eventEncoder.wrapAndApplyHeader(inBuffer, 0, headerEncoder)
            .clientId(1)
            .clientSequence(seq)
            .timestampNs(nowNs)
            .period((short)1)
            .matchClockMs(offsetNs / MS)
            .eventType(type)
            .teamId(10)
            .playerId(7)
            .x(x)
            .y(Float.isNaN(x) ? Float.NaN : 40.0f)
            .xg(0.0f);
        eventDecoder.wrapAndApplyHeader(inBuffer, 0, headerDecoder);
        handler.onTime(nowNs);
        handler.onMatchEvent(eventDecoder);
        return seq;
    }

    private long signal(final long offsetNs, final int cameraId, final float framingScore, final float saliencyScore)
    {
        final long nowNs = T0 + offsetNs;
        final long seq = sequence++;
        egress.beginTick(seq, nowNs);
        signalEncoder.wrapAndApplyHeader(inBuffer, 0, headerEncoder)
            .clientId(2)
            .clientSequence(seq)
            .timestampNs(nowNs)
            .cameraId((short)cameraId)
            .framingScore(framingScore)
            .saliencyScore(saliencyScore);
        signalDecoder.wrapAndApplyHeader(inBuffer, 0, headerDecoder);
        handler.onTime(nowNs);
        handler.onCameraSignal(signalDecoder);
        return seq;
    }

    private void assertCut(
        final int index, final long ringSequence, final int cameraId, final ShotType shot, final CutReason reason)
    {
        assertEquals(DirectorCutDecoder.TEMPLATE_ID, sink.templateId(index));
        cutDecoder.wrapAndApplyHeader(sink.buffer(), sink.offset(index), headerDecoder);
        assertEquals(ringSequence, cutDecoder.ringSequence(), "ring sequence of cut " + index);
        assertEquals(cameraId, cutDecoder.cameraId(), "camera of cut " + index);
        assertEquals(shot, cutDecoder.shot(), "shot of cut " + index);
        assertEquals(reason, cutDecoder.reason(), "reason of cut " + index);
    }
}
