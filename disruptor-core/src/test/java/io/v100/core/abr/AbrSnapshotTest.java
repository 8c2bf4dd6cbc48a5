package io.v100.core.abr;

import io.v100.core.EgressProxy;
import io.v100.core.RecordingEgressSink;
import io.v100.core.SnapshotRoundTrip;
import io.v100.core.deepfake.DeepfakeContext;
import io.v100.core.deepfake.DeepfakeHandler;
import io.v100.sbe.BooleanType;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.DateRangeDecoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.SegmentClosedDecoder;
import io.v100.sbe.VideoFrameDecoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot and restore of the {@link AbrSegmenterHandler}: a handler restored from a snapshot and fed the same
 * later inputs must send byte-identical egress to one that never stopped.
 */
class AbrSnapshotTest
{
    private static final long FRAME_90K = 3600;                 // 25 fps
    private static final long FRAME_NS = 40_000_000L;
    private static final long BASE_PTS = 8_100_000L;
    private static final long BASE_NS = 1_750_000_000_000_000_000L;
    private static final int RENDITIONS = 4;
    private static final int CAPACITY = 4096;

    private static final List<Input> SCRIPT = script(new Random(0x5EED_AB12L));

    @Test
    void shouldContinueByteIdenticalAfterRestoreAtChosenPoints()
    {
        final Runner reference = new Runner();
        final List<Integer> closingInputs = new ArrayList<>();
        final List<Integer> dateRangeInputs = new ArrayList<>();
        for (int i = 0; i < SCRIPT.size(); i++)
        {
            final int before = reference.sink.size();
            reference.apply(i);
            if (reference.sink.size() > before)
            {
                final int templateId = reference.sink.templateId(before);
                if (templateId == SegmentClosedDecoder.TEMPLATE_ID)
                {
                    closingInputs.add(i);
                }
                else if (templateId == DateRangeDecoder.TEMPLATE_ID)
                {
                    dateRangeInputs.add(i);
                }
            }
        }
        assertTrue(closingInputs.size() >= 8, "segments closed: " + closingInputs.size());
        assertEquals(4, dateRangeInputs.size());

        final int[] points = {
            2,                                                      // before the first IDR
            closingInputs.get(0),                                   // just before the first closing IDR
            closingInputs.get(0) + 1,                               // just after it
            (closingInputs.get(2) + closingInputs.get(3)) / 2,      // mid-segment
            closingInputs.get(4),
            dateRangeInputs.get(0) + 1,                             // just after a goal DateRange
            SCRIPT.size() - 3,
        };

        SnapshotRoundTrip.restoreAtPoints(Runner::new, SCRIPT.size(), points, false);
    }

    @Test
    void shouldKeepOpenSegmentRenditionOrderAndSizesAcrossRestore()
    {
        final Runner reference = new Runner();
        final List<Integer> closingInputs = new ArrayList<>();
        for (int i = 0; i < SCRIPT.size(); i++)
        {
            final int before = reference.sink.size();
            reference.apply(i);
            if (reference.sink.size() > before && reference.sink.templateId(before) == SegmentClosedDecoder.TEMPLATE_ID)
            {
                closingInputs.add(i);
            }
        }
        int k = 0;
        while (SCRIPT.get(closingInputs.get(k)).renditionIds[0] == 0)
        {
            k++;
        }
        final int opening = closingInputs.get(k);
        final int closing = closingInputs.get(k + 1);
        final int point = opening + 20;
        assertTrue(point < closing);

        final Runner original = new Runner();
        original.run(0, point);
        final byte[] snapshot = original.snapshot();
        final Runner restored = new Runner();
        restored.handler.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length);
        restored.run(point, closing + 1);

        // Independently: valid entries of frames with increasing PTS in [opening, closing), in first-seen order.
        final long[] expectedSize = new long[RENDITIONS];
        final int[] expectedOrder = new int[RENDITIONS];
        int expectedCount = 0;
        long lastPts = Long.MIN_VALUE;
        for (int i = opening; i < closing; i++)
        {
            final Input input = SCRIPT.get(i);
            if (input.event || input.pts <= lastPts)
            {
                continue;
            }
            lastPts = input.pts;
            final boolean[] seenInFrame = new boolean[RENDITIONS];
            for (int e = 0; e < input.renditionIds.length; e++)
            {
                final int id = input.renditionIds[e];
                if (id >= RENDITIONS || seenInFrame[id])
                {
                    continue;
                }
                seenInFrame[id] = true;
                if (expectedSize[id] == 0)
                {
                    expectedOrder[expectedCount++] = id;
                }
                expectedSize[id] += input.frameBytes[e];
            }
        }

        int closed = 0;
        for (int m = 0; m < restored.sink.size(); m++)
        {
            if (restored.sink.templateId(m) != SegmentClosedDecoder.TEMPLATE_ID)
            {
                continue;
            }
            final SegmentClosedDecoder segment = new SegmentClosedDecoder()
                .wrapAndApplyHeader(restored.sink.message(m), 0, new MessageHeaderDecoder());
            assertEquals(expectedOrder[closed], segment.renditionId());
            assertEquals(expectedSize[segment.renditionId()], segment.sizeBytes());
            assertEquals(SCRIPT.get(opening).pts, segment.firstPts());
            assertEquals(SCRIPT.get(closing).pts - SCRIPT.get(opening).pts, segment.duration());
            assertEquals(SCRIPT.get(opening).timestampNs, segment.programDateTimeNs());
            closed++;
        }
        assertEquals(expectedCount, closed);
    }

    @Test
    void shouldMatchNeverStoppedEgressWhenRestoredAtEveryTickBoundary()
    {
        SnapshotRoundTrip.restoreAtEveryBoundary(Runner::new, SCRIPT.size(), 0, SCRIPT.size(), 200);
    }

    @Test
    void shouldWriteTheDocumentedLayout()
    {
        final Runner runner = new Runner();
        runner.run(0, 600);
        final byte[] snapshot = runner.snapshot();
        final UnsafeBuffer view = new UnsafeBuffer(snapshot);

        assertEquals(160 + 20 * AbrContext.MAX_RENDITIONS_DEFAULT + 8 * AbrContext.GOP_HISTORY_LENGTH_DEFAULT,
            snapshot.length);
        assertArrayEquals(new byte[] {'A', 'B', 'R', '2'}, Arrays.copyOf(snapshot, 4));
        assertEquals(AbrContext.MAX_RENDITIONS_DEFAULT, view.getInt(4, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.mediaSequence(), view.getLong(64, ByteOrder.LITTLE_ENDIAN));
        assertEquals(runner.handler.segmentsClosed(), view.getLong(96, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void shouldRejectTruncatedForeignAndMismatchedSnapshots()
    {
        final Runner runner = new Runner();
        runner.run(0, 900);
        final byte[] snapshot = runner.snapshot();
        final AbrSegmenterHandler fresh = new Runner().handler;

        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length - 1));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(Arrays.copyOf(snapshot, 3)), 0, 3));
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length + 1));
        final byte[] longer = Arrays.copyOf(snapshot, snapshot.length + 8);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(longer), 0, longer.length));

        final byte[] wrongMagic = snapshot.clone();
        wrongMagic[3] = '1';
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(wrongMagic), 0, wrongMagic.length));

        final UnsafeBuffer deepfakeSnapshot = new UnsafeBuffer(new byte[CAPACITY]);
        final int deepfakeLength = new DeepfakeHandler(new DeepfakeContext(), new EgressProxy(new RecordingEgressSink()))
            .writeSnapshot(deepfakeSnapshot, 0, CAPACITY);
        assertTrue(deepfakeLength > 0);
        assertThrows(IllegalArgumentException.class, () -> fresh.loadSnapshot(deepfakeSnapshot, 0, deepfakeLength));

        final AbrSegmenterHandler otherSettings = new AbrSegmenterHandler(
            new AbrContext().targetDurationS(4), new EgressProxy(new RecordingEgressSink()));
        assertThrows(IllegalArgumentException.class,
            () -> otherSettings.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length));
        final AbrSegmenterHandler otherRenditions = new AbrSegmenterHandler(
            new AbrContext().maxRenditions(4), new EgressProxy(new RecordingEgressSink()));
        assertThrows(IllegalArgumentException.class,
            () -> otherRenditions.loadSnapshot(new UnsafeBuffer(snapshot), 0, snapshot.length));

        final byte[] badCount = snapshot.clone();
        new UnsafeBuffer(badCount).putInt(36, AbrContext.MAX_RENDITIONS_DEFAULT + 1, ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> fresh.loadSnapshot(new UnsafeBuffer(badCount), 0, badCount.length));
    }

    @Test
    void shouldLeaveStateUntouchedWhenASnapshotIsRefused()
    {
        final Runner runner = new Runner();
        runner.run(0, 700);
        final byte[] before = runner.snapshot();

        final Runner other = new Runner();
        other.run(0, 1_200);
        final byte[] corrupt = other.snapshot();
        new UnsafeBuffer(corrupt).putInt(
            corrupt.length - 8 * AbrContext.GOP_HISTORY_LENGTH_DEFAULT - 4 * AbrContext.MAX_RENDITIONS_DEFAULT,
            AbrContext.MAX_RENDITIONS_DEFAULT,
            ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class,
            () -> runner.handler.loadSnapshot(new UnsafeBuffer(corrupt), 0, corrupt.length));

        assertArrayEquals(before, runner.snapshot());
    }

    @Test
    void shouldReturnMinusOneAndWriteNothingWhenCapacityIsTooSmall()
    {
        final Runner runner = new Runner();
        runner.run(0, 500);
        final int length = AbrSegmenterHandler.snapshotLength(
            AbrContext.MAX_RENDITIONS_DEFAULT, AbrContext.GOP_HISTORY_LENGTH_DEFAULT);
        final byte[] target = new byte[CAPACITY];
        final UnsafeBuffer buffer = new UnsafeBuffer(target);

        assertEquals(-1, runner.handler.writeSnapshot(buffer, 16, length - 1));
        assertArrayEquals(new byte[CAPACITY], target);
        assertEquals(length, runner.handler.writeSnapshot(buffer, 16, length));
    }

    /**
     * 25 fps program feed with IDRs 1, 2 or 3 s apart, renditions in a shifting order (some missing, some
     * invalid), two PTS discontinuities, and match events: two goals, two sendings-off and two that are not marked.
     */
    private static List<Input> script(final Random random)
    {
        final List<Input> script = new ArrayList<>();
        final int frames = 1_600;
        final int[] gopFrames = { 25, 50, 50, 75 };
        long nextIdr = 0;
        for (int f = -4; f < frames; f++)
        {
            // Two discontinuities: the PTS goes back 600 frames at frame 1,000, and jumps an hour ahead at 1,300.
            final long pts = BASE_PTS + f * FRAME_90K - (f >= 1_000 ? 600 * FRAME_90K : 0) +
                (f >= 1_300 ? 3_600L * 90_000L : 0);
            final long timestampNs = BASE_NS + f * FRAME_NS;
            final boolean idr = f == nextIdr;
            if (idr)
            {
                nextIdr += gopFrames[random.nextInt(gopFrames.length)];
            }

            final int start = random.nextInt(RENDITIONS);
            final int count = random.nextInt(10) == 0 ? RENDITIONS - 1 : RENDITIONS;
            final int extra = random.nextInt(40) == 0 ? 1 : 0;
            final int[] ids = new int[count + extra];
            final int[] sizes = new int[count + extra];
            for (int r = 0; r < count; r++)
            {
                ids[r] = (start + r) % RENDITIONS;
                sizes[r] = (ids[r] + 1) * 2_000 + random.nextInt(1_500) + (idr ? 20_000 : 0);
            }
            if (extra == 1)
            {
                ids[count] = random.nextBoolean() ? ids[0] : AbrContext.MAX_RENDITIONS_DEFAULT + 3;
                sizes[count] = 999;
            }
            script.add(Input.frame(pts, timestampNs, idr, ids, sizes));


            final long eventNs = timestampNs + 10_000_000L;
            switch (f)
            {
                case 310 -> script.add(Input.event(eventNs, 1, MatchEventType.GOAL, 11));
                case 520 -> script.add(Input.event(eventNs, 1, MatchEventType.SHOT, 11));
                case 705 -> script.add(Input.event(eventNs, 1, MatchEventType.RED_CARD, 22));
                case 900 -> script.add(Input.event(eventNs, 5, MatchEventType.GOAL, 22));
                case 1_130 -> script.add(Input.event(eventNs, 2, MatchEventType.OWN_GOAL, 11));
                case 1_420 -> script.add(Input.event(eventNs, 2, MatchEventType.SECOND_YELLOW, 22));
                default ->
                {
                }
            }
        }
        return script;
    }

    private record Input(
        boolean event,
        long pts,
        long timestampNs,
        boolean idr,
        int[] renditionIds,
        int[] frameBytes,
        int period,
        MatchEventType type,
        int teamId)
    {
        static Input frame(
            final long pts, final long timestampNs, final boolean idr, final int[] ids, final int[] frameBytes)
        {
            return new Input(false, pts, timestampNs, idr, ids, frameBytes, 0, null, 0);
        }

        static Input event(final long timestampNs, final int period, final MatchEventType type, final int teamId)
        {
            return new Input(true, 0, timestampNs, false, null, null, period, type, teamId);
        }
    }

    /**
     * One handler with its own egress, fed script inputs as the tick would: ring sequence = script index.
     */
    private static final class Runner implements SnapshotRoundTrip.Subject
    {
        final RecordingEgressSink sink = new RecordingEgressSink();
        final EgressProxy egress = new EgressProxy(sink);
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(new AbrContext(), egress);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final VideoFrameEncoder frameEncoder = new VideoFrameEncoder();
        final VideoFrameDecoder frameDecoder = new VideoFrameDecoder();
        final MatchEventEncoder eventEncoder = new MatchEventEncoder();
        final MatchEventDecoder eventDecoder = new MatchEventDecoder();
        long nowNs = Long.MIN_VALUE;

        @Override
        public void apply(final int index)
        {
            final Input input = SCRIPT.get(index);
            nowNs = Math.max(nowNs, input.timestampNs);
            egress.beginTick(index, input.timestampNs);
            if (input.event)
            {
                eventEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .clientId(2)
                    .clientSequence(index)
                    .timestampNs(input.timestampNs)
                    .period((short)input.period)
                    .matchClockMs(1_000)
                    .eventType(input.type)
                    .teamId(input.teamId)
                    .playerId(7)
                    .x(60f)
                    .y(40f)
                    .xg(0f);
                eventDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
                handler.onTime(nowNs);
                handler.onMatchEvent(eventDecoder);
            }
            else
            {
                frameEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                    .clientId(1)
                    .clientSequence(index)
                    .timestampNs(input.timestampNs)
                    .pts(input.pts)
                    .idr(input.idr ? BooleanType.TRUE : BooleanType.FALSE);
                final VideoFrameEncoder.RenditionsEncoder group =
                    frameEncoder.renditionsCount(input.renditionIds.length);
                for (int i = 0; i < input.renditionIds.length; i++)
                {
                    group.next().renditionId((short)input.renditionIds[i]).frameBytes(input.frameBytes[i]);
                }
                frameDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
                handler.onTime(nowNs);
                handler.onVideoFrame(frameDecoder);
            }
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
            return new long[] {
                handler.segmentsClosed(), handler.dateRanges(), handler.mediaSequence(),
                handler.framesBeforeFirstIdr(), handler.ptsDiscontinuities(), handler.renditionEntriesIgnored(),
                handler.targetDurationOverruns() };
        }
    }
}
