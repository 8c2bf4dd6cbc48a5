package io.v100.core.deepfake;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.SnapshotRoundTrip;
import io.v100.core.abr.AbrContext;
import io.v100.core.abr.AbrSegmenterHandler;
import io.v100.sbe.AlertState;
import io.v100.sbe.DeepfakeAlertDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.DetectorScoreEncoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and restore of the {@link DeepfakeHandler}: a handler restored from a snapshot and fed the same
 * later scores must send byte-identical alerts to one that never stopped, including an alert raised before the
 * snapshot and cleared after it.
 */
class DeepfakeSnapshotTest
{
    private static final long FRAME_PTS = 3600L;
    private static final long BASE_NS = 1_700_000_000_000_000_000L;
    private static final int CAMERAS = 4;
    private static final int MANIPULATED_CAMERA = 1;
    private static final int CAPACITY = 1024;

    private static final Score[] SCRIPT = script(new SplittableRandom(0xDF_2024L));

    @Test
    void shouldRaiseBeforeAndClearAfterTheSnapshotExactlyAsWithoutStopping()
    {
        final Runner reference = new Runner();
        final List<Integer> raising = new ArrayList<>();
        final List<Integer> clearing = new ArrayList<>();
        for (int i = 0; i < SCRIPT.length; i++)
        {
            final int before = reference.sink.size();
            reference.apply(i);
            if (reference.sink.size() > before)
            {
                final DeepfakeAlertDecoder alert = alert(reference.sink, before);
                (alert.state() == AlertState.RAISED ? raising : clearing).add(i);
            }
        }
        assertEquals(2, raising.size());
        assertEquals(2, clearing.size());
        assertTrue(reference.handler.invalidScores() > 0);
        assertTrue(reference.handler.unknownCameras() > 0);

        final int midAlert = (raising.get(0) + clearing.get(0)) / 2;
        final int[] points = {
            raising.get(0),             // just before the RAISED sample
            raising.get(0) + 1,         // just after it
            midAlert,                   // alert up, downward CUSUM under way
            clearing.get(0),            // just before the CLEARED sample
            clearing.get(0) + 1,        // just after it, both statistics back to zero
            raising.get(1) - 5,         // upward CUSUM building on the second camera
        };

        SnapshotRoundTrip.restoreAtPoints(Runner::new, SCRIPT.length, points, true);

        final Runner midAlertRestored = new Runner();
        final Runner midAlertOriginal = new Runner();
        midAlertOriginal.run(0, midAlert);
        final byte[] snapshot = midAlertOriginal.snapshot();
        midAlertRestored.handler.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length);
        assertTrue(midAlertRestored.handler.isRaised(MANIPULATED_CAMERA));
        midAlertRestored.run(midAlert, clearing.get(0) + 1);
        assertEquals(1, midAlertRestored.sink.size());
        final DeepfakeAlertDecoder cleared = alert(midAlertRestored.sink, 0);
        assertEquals(AlertState.CLEARED, cleared.state());
        assertEquals((long)clearing.get(0), cleared.ringSequence());
        assertEquals(MANIPULATED_CAMERA, cleared.cameraId());
        assertFalse(midAlertRestored.handler.isRaised(MANIPULATED_CAMERA));
    }

    @Test
    void shouldMatchNeverStoppedEgressWhenRestoredAtEveryTickBoundary()
    {
        SnapshotRoundTrip.restoreAtEveryBoundary(Runner::new, SCRIPT.length, 0, SCRIPT.length, 150);
    }

    @Test
    void shouldWriteTheDocumentedLayout()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 2);
        final byte[] snapshot = runner.snapshot();
        final UnsafeBuffer view = new UnsafeBuffer(snapshot);

        assertEquals(72 + DeepfakeContext.MAX_CAMERAS * (3 * 8 + 1), snapshot.length);
        assertEquals(DeepfakeHandler.SNAPSHOT_LENGTH, snapshot.length);
        assertArrayEquals(new byte[] {'D', 'F', 'K', '1'}, Arrays.copyOf(snapshot, 4));
        assertEquals(DeepfakeContext.MAX_CAMERAS, view.getInt(4, ByteOrder.LITTLE_ENDIAN));
        assertEquals(DeepfakeContext.THRESHOLD_DEFAULT, view.getDouble(24, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.alertsRaised(), view.getLong(40, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.invalidScores(), view.getLong(56, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void shouldRejectTruncatedForeignAndMismatchedSnapshots()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 2);
        final byte[] snapshot = runner.snapshot();
        final DeepfakeHandler fresh = new Runner().handler;

        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length - 1));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, 2));
        final byte[] longer = Arrays.copyOf(snapshot, snapshot.length + 1);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(longer), 0, longer.length));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 1, snapshot.length));

        final byte[] wrongMagic = snapshot.clone();
        wrongMagic[0] = 'X';
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(wrongMagic), 0, wrongMagic.length));

        final UnsafeBuffer abrSnapshot = new UnsafeBuffer(new byte[4096]);
        final int abrLength = new AbrSegmenterHandler(new AbrContext(), new EgressProxy(new RecordingEgressSink()))
            .writeSnapshot(abrSnapshot, 0, 4096);
        assertThrows(IllegalArgumentException.class, () -> fresh.loadSnapshot(abrSnapshot, 0, abrLength));

        final DeepfakeHandler otherThreshold = new DeepfakeHandler(
            new DeepfakeContext().threshold(3.0), new EgressProxy(new RecordingEgressSink()));
        assertThrows(IllegalArgumentException.class,
            () -> otherThreshold.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length));

        final byte[] negativeStatistic = snapshot.clone();
        new UnsafeBuffer(negativeStatistic).putDouble(
            DeepfakeHandler.SNAPSHOT_HEADER_LENGTH + 3 * Cusum.SNAPSHOT_LENGTH, -1.0, ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(negativeStatistic), 0, negativeStatistic.length));
        final byte[] badFlag = snapshot.clone();
        badFlag[DeepfakeHandler.SNAPSHOT_HEADER_LENGTH + 3 * Cusum.SNAPSHOT_LENGTH + 24] = 2;
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(badFlag), 0, badFlag.length));
    }

    @Test
    void shouldLeaveStateUntouchedWhenASnapshotIsRefused()
    {
        final Runner runner = new Runner();
        runner.run(0, SCRIPT.length / 3);
        final byte[] before = runner.snapshot();

        final Runner other = new Runner();
        other.run(0, SCRIPT.length / 2);
        final byte[] corrupt = other.snapshot();
        new UnsafeBuffer(corrupt).putDouble(
            DeepfakeHandler.SNAPSHOT_LENGTH - Cusum.SNAPSHOT_LENGTH, Double.NaN, ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> runner.handler.loadSnapshot(new UnsafeBuffer(corrupt), 0, corrupt.length));

        assertArrayEquals(before, runner.snapshot());
    }

    @Test
    void shouldReturnMinusOneAndWriteNothingWhenCapacityIsTooSmall()
    {
        final Runner runner = new Runner();
        runner.run(0, 100);
        final byte[] target = new byte[CAPACITY];
        final UnsafeBuffer buffer = new UnsafeBuffer(target);

        assertEquals(-1, runner.handler.writeSnapshot(buffer, 8, DeepfakeHandler.SNAPSHOT_LENGTH - 1));
        assertArrayEquals(new byte[CAPACITY], target);
        assertEquals(DeepfakeHandler.SNAPSHOT_LENGTH,
            runner.handler.writeSnapshot(buffer, 8, DeepfakeHandler.SNAPSHOT_LENGTH));
    }

    private static DeepfakeAlertDecoder alert(final RecordingEgressSink sink, final int index)
    {
        assertEquals(DeepfakeAlertDecoder.TEMPLATE_ID, sink.templateId(index));
        return new DeepfakeAlertDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    /**
     * Four cameras at 25 fps, scored round-robin, in-control scores about 0.10; camera 1 is manipulated (scores
     * about 0.85) for 60 frames from frame 150 and camera 3 for 40 frames from frame 420. A few NaN and
     * out-of-range scores and an unknown camera are mixed in.
     */
    private static Score[] script(final SplittableRandom random)
    {
        final List<Score> script = new ArrayList<>();
        for (int frame = 0; frame < 600; frame++)
        {
            for (int camera = 0; camera < CAMERAS; camera++)
            {
                final boolean manipulated = (camera == MANIPULATED_CAMERA && frame >= 150 && frame < 210) ||
                    (camera == 3 && frame >= 420 && frame < 460);
                final double mean = manipulated ? 0.85 : 0.10;
                float score = (float)(mean + random.nextDouble() * 0.1 - 0.05);
                final int glitch = random.nextInt(200);
                if (glitch == 0)
                {
                    score = Float.NaN;
                }
                else if (glitch == 1)
                {
                    score = 1.5f;
                }
                script.add(new Score(camera, frame * FRAME_PTS, score));
            }
            if (frame % 97 == 13)
            {
                script.add(new Score(DeepfakeContext.MAX_CAMERAS + 2, frame * FRAME_PTS, 0.5f));
            }
        }
        return script.toArray(new Score[0]);
    }

    private record Score(int cameraId, long pts, float score)
    {
    }

    /**
     * One handler with its own egress, fed script inputs as the tick would: ring sequence = script index.
     */
    private static final class Runner implements SnapshotRoundTrip.Subject
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final DeepfakeHandler handler = new DeepfakeHandler(new DeepfakeContext(), egress);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final DetectorScoreEncoder encoder = new DetectorScoreEncoder();
        final DetectorScoreDecoder decoder = new DetectorScoreDecoder();

        @Override
        public void apply(final int index)
        {
            final Score input = SCRIPT[index];
            final long nowNs = BASE_NS + index * 10_000_000L;
            encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .clientId(1)
                .clientSequence(index)
                .timestampNs(nowNs)
                .cameraId((short)input.cameraId)
                .pts(input.pts)
                .score(input.score);
            decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
            egress.beginTick(index, nowNs);
            handler.onTime(nowNs);
            handler.onDetectorScore(decoder);
        }

        @Override
        public byte[] snapshot()
        {
            return SnapshotRoundTrip.snapshotOf(handler, CAPACITY, 0);
        }

        @Override
        public void load(final byte[] snapshot)
        {
            handler.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length);
        }

        @Override
        public RecordingEgressSink sink()
        {
            return sink;
        }

        @Override
        public long[] accessors()
        {
            final long[] values = new long[4 + DeepfakeContext.MAX_CAMERAS];
            values[0] = handler.alertsRaised();
            values[1] = handler.alertsCleared();
            values[2] = handler.invalidScores();
            values[3] = handler.unknownCameras();
            for (int camera = 0; camera < DeepfakeContext.MAX_CAMERAS; camera++)
            {
                values[4 + camera] = handler.isRaised(camera) ? 1 : 0;
            }
            return values;
        }
    }
}
