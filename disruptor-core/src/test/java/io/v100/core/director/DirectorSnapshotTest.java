package io.v100.core.director;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.SnapshotRoundTrip;
import io.v100.core.wagering.WageringContext;
import io.v100.core.wagering.WageringHandler;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.CameraSignalEncoder;
import io.v100.sbe.CutReason;
import io.v100.sbe.DirectorCutDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and restore of {@link DirectorHandler}: a director restored from a snapshot taken after any input of a
 * seeded match script (goal sequences, decisive holds, sending-offs, periods, invalid signals) must, on the rest
 * of the script, send exactly the bytes the original sent.
 */
class DirectorSnapshotTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final int WRITE_OFFSET = 3;
    private static final int LOAD_OFFSET = 9;
    private static final float UNKNOWN = Float.NaN;

    /**
     * Layout of the class Javadoc of DirectorHandler, summed field by field: magic, camera, three uint8 (reason,
     * mode, zone), four int64 times, the ball x, two counters, then 16 framing and 16 saliency doubles.
     */
    private static final int LENGTH = 4 + 4 + 3 + 4 * 8 + 8 + 2 * 8 + 16 * 8 + 16 * 8;
    private static final int SCORES_OFFSET = LENGTH - 32 * 8;

    private static final MatchEventType[] ORDINARY = {
        MatchEventType.PASS, MatchEventType.BALL_EVENT, MatchEventType.FOUL, MatchEventType.YELLOW_CARD,
        MatchEventType.SUBSTITUTION, MatchEventType.SHOT };

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MatchEventEncoder eventEncoder = new MatchEventEncoder();
    private final MatchEventDecoder eventDecoder = new MatchEventDecoder();
    private final CameraSignalEncoder signalEncoder = new CameraSignalEncoder();
    private final CameraSignalDecoder signalDecoder = new CameraSignalDecoder();
    private final DirectorCutDecoder cutDecoder = new DirectorCutDecoder();
    private final UnsafeBuffer snapshotBuffer = new UnsafeBuffer(new byte[4096]);

    /**
     * One recorded input: the SBE frame and the tick's event time.
     */
    private static final class Step
    {
        final byte[] frame;
        final long nowNs;

        Step(final byte[] frame, final long nowNs)
        {
            this.frame = frame;
            this.nowNs = nowNs;
        }
    }

    /**
     * The original director, its egress and everything recorded after each of its inputs.
     */
    private final class Original
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final DirectorHandler handler = new DirectorHandler(new DirectorContext(), egress);
        final List<Step> steps = new ArrayList<>();
        final List<byte[]> snapshots = new ArrayList<>();
        final List<long[]> accessors = new ArrayList<>();
        final List<Integer> sinkSizes = new ArrayList<>();
        final List<MatchEventType> lastEvent = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(1997);
        long ts = T0;
        MatchEventType previousEvent;

        void apply(final UnsafeBuffer frame, final int length)
        {
            final Step step = new Step(Arrays.copyOf(frame.byteArray(), length), ts);
            steps.add(step);
            dispatch(handler, egress, steps.size() - 1, step);
            snapshots.add(snapshotOf(handler));
            accessors.add(accessorsOf(handler));
            sinkSizes.add(sink.size());
            lastEvent.add(previousEvent);
        }

        void event(final MatchEventType type, final float x)
        {
            ts += random.nextLong(50 * MS, 1500 * MS);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            eventEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .clientId(1).clientSequence(steps.size()).timestampNs(ts).period((short)1)
                .matchClockMs((ts - T0) / MS).eventType(type).teamId(10).playerId(7)
                .x(x).y(Float.isNaN(x) ? Float.NaN : 40.0f).xg(0.0f);
            previousEvent = type;
            apply(frame, MessageHeaderEncoder.ENCODED_LENGTH + eventEncoder.encodedLength());
        }

        void signal(final int cameraId, final float framingScore, final float saliencyScore)
        {
            ts += random.nextLong(50 * MS, 1500 * MS);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            signalEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
                .clientId(2).clientSequence(steps.size()).timestampNs(ts).cameraId((short)cameraId)
                .framingScore(framingScore).saliencyScore(saliencyScore);
            previousEvent = null;
            apply(frame, MessageHeaderEncoder.ENCODED_LENGTH + signalEncoder.encodedLength());
        }

        float ballX()
        {
            return random.nextInt(12) == 0 ? UNKNOWN : (float)(random.nextDouble() * 120.0);
        }

        void playScript()
        {
            event(MatchEventType.HALF_START, 60.0f);
            for (int i = 1; i < 1_200; i++)
            {
                if (i % 150 == 0)
                {
                    final boolean ownGoal = i % 300 == 0;
                    event(ownGoal ? MatchEventType.OWN_GOAL : MatchEventType.GOAL, ownGoal ? 8.0f : 110.0f);
                }
                else if (i % 150 == 2)
                {
                    // The feed repeats the goal without a location: the side comes from the last known ball x, and
                    // the repeated goal cut must not be sent again.
                    event(MatchEventType.GOAL, UNKNOWN);
                }
                else if (i == 610 || i == 611)
                {
                    // The feed repeats the half end: the repeated period cut must not be sent again.
                    event(MatchEventType.HALF_END, 60.0f);
                }
                else if (i % 210 == 0)
                {
                    // Cards carry no location: the TIGHT camera's side comes from the last known ball x.
                    event(i % 420 == 0 ? MatchEventType.SECOND_YELLOW : MatchEventType.RED_CARD, UNKNOWN);
                }
                else if (i == 640)
                {
                    event(MatchEventType.HALF_START, 60.0f);
                }
                else if (i == 641)
                {
                    event(MatchEventType.BALL_EVENT, 60.0f);
                }
                else if (i == 642)
                {
                    signal(DirectorContext.WIDE_CAMERA_DEFAULT, 0.1f, 0.1f);
                }
                else if (i > 642 && i < 656)
                {
                    // Ball in the middle, where WIDE has the highest affinity: leaving it can only be a SALIENCY cut.
                    signal(DirectorContext.LEFT_TIGHT_CAMERA_DEFAULT, 1.0f, 1.0f);
                }
                else if (i % 97 == 0)
                {
                    event(MatchEventType.PENALTY_AWARDED, 108.0f);
                }
                else if (i % 61 == 0)
                {
                    signal(random.nextBoolean() ? 40 : 3, 1.5f, Float.NaN);
                }
                else if (random.nextBoolean())
                {
                    event(ORDINARY[random.nextInt(ORDINARY.length)], ballX());
                }
                else
                {
                    signal(1 + random.nextInt(6), (float)random.nextDouble(), (float)random.nextDouble());
                }
            }
            event(MatchEventType.HALF_END, 60.0f);
        }
    }

    /**
     * A fresh handler fed the original's recorded inputs, ring sequence = step index.
     */
    private final class Replay implements SnapshotRoundTrip.Subject
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final DirectorHandler handler = new DirectorHandler(new DirectorContext(), egress);
        final List<Step> steps;

        Replay(final List<Step> steps)
        {
            this.steps = steps;
        }

        @Override
        public void apply(final int index)
        {
            dispatch(handler, egress, index, steps.get(index));
        }

        @Override
        public RecordingEgressSink sink()
        {
            return sink;
        }

        @Override
        public byte[] snapshot()
        {
            return snapshotOf(handler);
        }

        @Override
        public void load(final byte[] snapshot)
        {
            SnapshotRoundTrip.load(handler, snapshot, LOAD_OFFSET);
        }

        @Override
        public long[] accessors()
        {
            return accessorsOf(handler);
        }
    }

    @Test
    void shouldRestoreToIdenticalEgressFromEverySnapshotPoint()
    {
        final Original original = new Original();
        original.playScript();
        final int stepCount = original.steps.size();

        int pointsInCelebration = 0;
        int pointsInReplay = 0;
        int pointsAfterDecisiveAction = 0;
        for (int point = 0; point < stepCount; point++)
        {
            final CutReason lastCut = lastCutReason(original.sink, original.sinkSizes.get(point));
            pointsInCelebration += CutReason.GOAL == lastCut ? 1 : 0;
            pointsInReplay += CutReason.REPLAY_START == lastCut ? 1 : 0;
            final MatchEventType previous = original.lastEvent.get(point);
            pointsAfterDecisiveAction +=
                MatchEventType.SHOT == previous || MatchEventType.PENALTY_AWARDED == previous ? 1 : 0;
        }
        final Replay reference = SnapshotRoundTrip.restoreAtEveryBoundary(
            () -> new Replay(original.steps), stepCount, 1, stepCount + 1, Integer.MAX_VALUE);
        SnapshotRoundTrip.assertSameEgress(original.sink, 0, reference.sink, -1);
        assertArrayEquals(accessorsOf(original.handler), reference.accessors(), "replayed accessors");
        assertArrayEquals(original.snapshots.get(stepCount - 1), reference.snapshot(), "replayed state");

        assertTrue(pointsInCelebration > 20, "snapshots during a goal celebration: " + pointsInCelebration);
        assertTrue(pointsInReplay > 20, "snapshots during a replay: " + pointsInReplay);
        assertTrue(pointsAfterDecisiveAction > 50, "snapshots after a SHOT or penalty: " + pointsAfterDecisiveAction);
        assertTrue(original.handler.invalidSignals() > 10, "invalid signals " + original.handler.invalidSignals());
        for (final CutReason reason : CutReason.values())
        {
            if (CutReason.NULL_VAL != reason)
            {
                assertTrue(countCuts(original.sink, reason) > 0, "script never cut with " + reason);
            }
        }
    }

    @Test
    void shouldWriteMagicAndExactLength()
    {
        final DirectorHandler handler = new DirectorHandler(new DirectorContext(), new EgressProxy(
            new RecordingEgressSink()));
        final byte[] snapshot = snapshotOf(handler);

        assertEquals(LENGTH, snapshot.length);
        assertEquals(LENGTH, DirectorHandler.SNAPSHOT_LENGTH);
        assertEquals('1', snapshot[0]);
        assertEquals('R', snapshot[1]);
        assertEquals('I', snapshot[2]);
        assertEquals('D', snapshot[3]);
    }

    @Test
    void shouldRoundTripFreshDirectorWithUnknownBallAndNoCut()
    {
        final DirectorHandler fresh = new DirectorHandler(new DirectorContext(), new EgressProxy(
            new RecordingEgressSink()));
        final byte[] snapshot = snapshotOf(fresh);
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final DirectorHandler restored = new DirectorHandler(new DirectorContext(), egress);
        restored.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length);

        assertArrayEquals(accessorsOf(fresh), accessorsOf(restored));
        assertEquals(DirectorContext.WIDE_CAMERA_DEFAULT, restored.currentCamera());
        // No ball location was ever known, so a goal must still go to the left close-up (class rule 3).
        final Original script = new Original();
        script.event(MatchEventType.GOAL, UNKNOWN);
        dispatch(restored, egress, 0, script.steps.get(0));
        cutDecoder.wrapAndApplyHeader(sink.buffer(), sink.offset(0), headerDecoder);
        assertEquals(DirectorContext.LEFT_CLOSE_UP_CAMERA_DEFAULT, cutDecoder.cameraId());
        assertEquals(CutReason.GOAL, cutDecoder.reason());
    }

    @Test
    void shouldReturnMinusOneAndWriteNothingWhenCapacityIsTooSmall()
    {
        final DirectorHandler handler = new DirectorHandler(new DirectorContext(), new EgressProxy(
            new RecordingEgressSink()));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LENGTH + 8]);

        assertEquals(-1, handler.writeSnapshot(buffer, 4, LENGTH - 1));
        assertEquals(-1, handler.writeSnapshot(buffer, 4, 0));
        assertArrayEquals(new byte[LENGTH + 8], buffer.byteArray(), "nothing written");
        assertEquals(LENGTH, handler.writeSnapshot(buffer, 4, LENGTH));
    }

    @Test
    void shouldWriteSnapshotWithoutAllocating()
    {
        final DirectorHandler handler = new DirectorHandler(new DirectorContext(), new EgressProxy(
            new RecordingEgressSink()));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LENGTH]);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        long written = 0;
        for (int i = 0; i < 10_000; i++)
        {
            written += handler.writeSnapshot(buffer, 0, LENGTH);
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++)
        {
            written += handler.writeSnapshot(buffer, 0, LENGTH);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(20_000L * LENGTH, written);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void shouldRejectTruncatedOrOverlongSnapshot()
    {
        final byte[] snapshot = midMatchSnapshot();
        final UnsafeBuffer buffer = new UnsafeBuffer(Arrays.copyOf(snapshot, snapshot.length + 8));

        assertRejected(buffer, 0, snapshot.length - 1);
        assertRejected(buffer, 0, snapshot.length - 8);
        assertRejected(buffer, 0, snapshot.length + 1);
        assertRejected(buffer, 0, 0);
    }

    @Test
    void shouldRejectWrongMagic()
    {
        final byte[] snapshot = midMatchSnapshot();
        snapshot[3] = 'W';
        assertRejected(new UnsafeBuffer(snapshot), 0, snapshot.length);
    }

    @Test
    void shouldRejectWageringSnapshot()
    {
        final WageringHandler wagering = new WageringHandler(
            new WageringContext().maxPendingBets(16), new EgressProxy(new RecordingEgressSink()));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final int length = wagering.writeSnapshot(buffer, 0, buffer.capacity());
        assertTrue(length > LENGTH);

        assertRejected(buffer, 0, length);
        assertRejected(buffer, 0, LENGTH);
    }

    @Test
    void shouldRejectInvalidFieldsAndKeepState()
    {
        assertRejectedWithCamera(0);
        assertRejectedWithCamera(DirectorContext.MAX_CAMERAS);
        assertRejectedWithCamera(-1);
        assertRejectedWithByte(8, 9);
        assertRejectedWithByte(8, 255);
        assertRejectedWithByte(9, 3);
        assertRejectedWithByte(10, DirectorContext.ZONE_COUNT);

        final byte[] snapshot = midMatchSnapshot();
        final UnsafeBuffer buffer = new UnsafeBuffer(snapshot);
        buffer.putDouble(SCORES_OFFSET + 8 * 5, 1.5, ByteOrder.LITTLE_ENDIAN);
        assertRejected(buffer, 0, snapshot.length);
        buffer.putDouble(SCORES_OFFSET + 8 * 5, 0.5, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(LENGTH - 8, Double.NaN, ByteOrder.LITTLE_ENDIAN);
        assertRejected(buffer, 0, snapshot.length);
    }

    /**
     * @param index of a uint8 field of a mid-match snapshot: 8 (cut reason), 9 (mode) or 10 (zone).
     * @param value invalid for that field.
     */
    private void assertRejectedWithByte(final int index, final int value)
    {
        final byte[] snapshot = midMatchSnapshot();
        snapshot[index] = (byte)value;
        assertRejected(new UnsafeBuffer(snapshot), 0, snapshot.length);
    }

    /**
     * @param cameraId not in the default camera plan, written over the current camera of a mid-match snapshot.
     */
    private void assertRejectedWithCamera(final int cameraId)
    {
        final byte[] snapshot = midMatchSnapshot();
        new UnsafeBuffer(snapshot).putInt(4, cameraId, ByteOrder.LITTLE_ENDIAN);
        assertRejected(new UnsafeBuffer(snapshot), 0, snapshot.length);
    }

    private byte[] midMatchSnapshot()
    {
        final Original original = new Original();
        original.event(MatchEventType.HALF_START, 60.0f);
        original.signal(2, 0.9f, 0.8f);
        original.event(MatchEventType.GOAL, 110.0f);
        return snapshotOf(original.handler);
    }

    /**
     * A rejected snapshot throws and leaves the fresh director exactly as constructed.
     */
    private void assertRejected(final DirectBuffer buffer, final int offset, final int length)
    {
        final DirectorHandler handler = new DirectorHandler(new DirectorContext(), new EgressProxy(
            new RecordingEgressSink()));
        final byte[] before = snapshotOf(handler);
        assertThrows(IllegalArgumentException.class, () -> handler.loadSnapshot(buffer, offset, length));
        assertArrayEquals(before, snapshotOf(handler), "a rejected snapshot must change nothing");
    }

    private byte[] snapshotOf(final DirectorHandler handler)
    {
        final int length = handler.writeSnapshot(
            snapshotBuffer, WRITE_OFFSET, snapshotBuffer.capacity() - WRITE_OFFSET);
        assertTrue(length > 0);
        final byte[] bytes = new byte[length];
        snapshotBuffer.getBytes(WRITE_OFFSET, bytes);
        return bytes;
    }

    private static long[] accessorsOf(final DirectorHandler handler)
    {
        final long[] values = new long[4 + DirectorContext.MAX_CAMERAS];
        values[0] = handler.currentCamera();
        values[1] = handler.cuts();
        values[2] = handler.invalidSignals();
        values[3] = handler.zone();
        for (int camera = 0; camera < DirectorContext.MAX_CAMERAS; camera++)
        {
            values[4 + camera] = Double.doubleToRawLongBits(handler.score(camera));
        }
        return values;
    }

    private void dispatch(final DirectorHandler handler, final EgressProxy egress, final int index, final Step step)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(step.frame);
        headerDecoder.wrap(frame, 0);
        egress.beginTick(index, step.nowNs);
        handler.onTime(step.nowNs);
        if (MatchEventDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            handler.onMatchEvent(eventDecoder.wrapAndApplyHeader(frame, 0, headerDecoder));
        }
        else
        {
            handler.onCameraSignal(signalDecoder.wrapAndApplyHeader(frame, 0, headerDecoder));
        }
    }

    private CutReason lastCutReason(final RecordingEgressSink sink, final int size)
    {
        for (int i = size - 1; i >= 0; i--)
        {
            if (DirectorCutDecoder.TEMPLATE_ID == sink.templateId(i))
            {
                return cutDecoder.wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder).reason();
            }
        }
        return null;
    }

    private int countCuts(final RecordingEgressSink sink, final CutReason reason)
    {
        int count = 0;
        for (int i = 0; i < sink.size(); i++)
        {
            if (DirectorCutDecoder.TEMPLATE_ID == sink.templateId(i) &&
                reason == cutDecoder.wrapAndApplyHeader(sink.buffer(), sink.offset(i), headerDecoder).reason())
            {
                count++;
            }
        }
        return count;
    }
}
