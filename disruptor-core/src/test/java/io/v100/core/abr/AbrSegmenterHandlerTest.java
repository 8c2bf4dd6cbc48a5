package io.v100.core.abr;

import io.v100.core.EgressProxy;
import io.v100.core.IngressValidator;
import io.v100.core.RecordingEgressSink;
import io.v100.sbe.BooleanType;
import io.v100.sbe.DateRangeClass;
import io.v100.sbe.DateRangeDecoder;
import io.v100.sbe.DiscontinuityDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.SegmentClosedDecoder;
import io.v100.sbe.VideoFrameDecoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbrSegmenterHandlerTest
{
    private static final long FRAME_90K = 3600;                 // 25 fps
    private static final long FRAME_NS = 40_000_000L;
    private static final long BASE_PTS = 1_234_567L;
    private static final long BASE_NS = 1_750_000_000_000_000_000L;

    private final RecordingEgressSink sink = new RecordingEgressSink();
    private final EgressProxy egress = new EgressProxy(sink);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final VideoFrameEncoder frameEncoder = new VideoFrameEncoder();
    private final VideoFrameDecoder frameDecoder = new VideoFrameDecoder();
    private final MatchEventEncoder eventEncoder = new MatchEventEncoder();
    private final MatchEventDecoder eventDecoder = new MatchEventDecoder();
    private long ringSequence;

    @Test
    void shouldCloseSixSecondSegmentsAlignedAcrossFourRenditionsWithIdrEveryTwoSeconds()
    {
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(new AbrContext(), egress);
        final int[] renditions = { 0, 1, 2, 3 };
        final int frames = 60 * 25 + 1;
        final int leadingNonIdr = 3;

        for (int f = -leadingNonIdr; f < frames; f++)
        {
            final int[] bytes = new int[renditions.length];
            for (int r = 0; r < renditions.length; r++)
            {
                bytes[r] = frameBytes(r, f);
            }
            frame(handler, BASE_PTS + f * FRAME_90K, BASE_NS + f * FRAME_NS, f >= 0 && f % 50 == 0, renditions, bytes);
        }

        assertEquals(leadingNonIdr, handler.framesBeforeFirstIdr());
        assertEquals(10, handler.segmentsClosed());
        assertEquals(10, handler.mediaSequence());
        assertEquals(0, handler.targetDurationOverruns());
        assertEquals(40, sink.size());

        for (int segment = 0; segment < 10; segment++)
        {
            for (int r = 0; r < renditions.length; r++)
            {
                final SegmentClosedDecoder closed = segmentClosed(segment * 4 + r);
                final int firstFrame = segment * 150;
                long expectedSize = 0;
                for (int f = firstFrame; f < firstFrame + 150; f++)
                {
                    expectedSize += frameBytes(r, f);
                }

                assertEquals(r, closed.renditionId());
                assertEquals(segment, closed.mediaSequence());
                assertEquals(BASE_PTS + firstFrame * FRAME_90K, closed.firstPts());
                assertEquals(6 * 90_000L, closed.duration());
                assertEquals("6.000", HlsRules.formatExtinf(closed.duration()));
                assertEquals(expectedSize, closed.sizeBytes());
                assertEquals(BASE_NS + firstFrame * FRAME_NS, closed.programDateTimeNs());
                assertEquals(6, closed.targetDurationS());
            }
        }
    }

    @Test
    void shouldKeepRoundedExtinfWithinTargetAndStartOnIdrForRandomIdrSpacing()
    {
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(
            new AbrContext().maxGopDuration90k(3 * 90_000L), egress);
        final Set<Long> idrPts = new HashSet<>();
        runRandomGops(handler, new Random(20_240_611L), 2_000, idrPts);

        assertTrue(handler.segmentsClosed() > 500);
        assertEquals(0, handler.targetDurationOverruns());
        assertEquals(handler.segmentsClosed() * 2, sink.size());

        long expectedNextFirstPts = Long.MIN_VALUE;
        for (int i = 0; i < sink.size(); i += 2)
        {
            final SegmentClosedDecoder closed = segmentClosed(i);
            final long firstPts = closed.firstPts();
            final long duration = closed.duration();
            final long roundedSeconds = Math.round(duration / 90_000.0);

            assertTrue(roundedSeconds <= 6, "segment " + closed.mediaSequence() + " lasts " + duration);
            assertTrue(idrPts.contains(firstPts), "segment does not start on an IDR: " + firstPts);
            assertTrue(idrPts.contains(firstPts + duration), "segment not closed by an IDR");
            assertEquals(i / 2, closed.mediaSequence());
            if (expectedNextFirstPts != Long.MIN_VALUE)
            {
                assertEquals(expectedNextFirstPts, firstPts);
            }
            expectedNextFirstPts = firstPts + duration;

            final SegmentClosedDecoder other = segmentClosed(i + 1);
            assertEquals(closed.mediaSequence(), other.mediaSequence());
            assertEquals(firstPts, other.firstPts());
            assertEquals(duration, other.duration());
        }
    }

    @Test
    void shouldCloseAtNextIdrAndCountOverrunWhenIdrsStop()
    {
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(new AbrContext(), egress);
        final int[] renditions = { 0 };
        final int[] bytes = { 100 };
        final int lastFrame = 10 * 25;

        for (int f = 0; f <= lastFrame; f++)
        {
            final boolean idr = f == 0 || f == 50 || f == lastFrame;
            frame(handler, BASE_PTS + f * FRAME_90K, BASE_NS + f * FRAME_NS, idr, renditions, bytes);
        }

        assertEquals(1, handler.segmentsClosed());
        assertEquals(1, handler.targetDurationOverruns());
        final SegmentClosedDecoder closed = segmentClosed(0);
        assertEquals(BASE_PTS, closed.firstPts());
        assertEquals(lastFrame * FRAME_90K, closed.duration());
        assertEquals(100L * lastFrame, closed.sizeBytes());
    }

    @Test
    void shouldEmitDateRangeOnSameInputWithOpenSegmentMediaSequence()
    {
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(new AbrContext(), egress);
        final int[] renditions = { 0, 1 };
        final int[] bytes = { 10, 20 };
        for (int f = 0; f <= 300; f++)
        {
            frame(handler, BASE_PTS + f * FRAME_90K, BASE_NS + f * FRAME_NS, f % 50 == 0, renditions, bytes);
        }
        assertEquals(2, handler.mediaSequence());
        sink.clear();

        final long goalNs = BASE_NS + 301 * FRAME_NS + 7;
        matchEvent(handler, 900, goalNs, 1, MatchEventType.GOAL, 42);
        matchEvent(handler, 901, goalNs + 1, 2, MatchEventType.OWN_GOAL, 43);
        matchEvent(handler, 902, goalNs + 2, 2, MatchEventType.SECOND_YELLOW, 44);
        matchEvent(handler, 903, goalNs + 3, 5, MatchEventType.GOAL, 45);
        matchEvent(handler, 904, goalNs + 4, 2, MatchEventType.PASS, 46);

        assertEquals(3, sink.size());
        assertEquals(3, handler.dateRanges());
        assertDateRange(0, 900, 1, DateRangeClass.GOAL, goalNs, 42, 2);
        assertDateRange(1, 901, 2, DateRangeClass.GOAL, goalNs + 1, 43, 2);
        assertDateRange(2, 902, 3, DateRangeClass.RED_CARD, goalNs + 2, 44, 2);
    }

    @Test
    void shouldHandleAPtsDiscontinuityAsOneEventAndCarryOnOnTheNewTimeline()
    {
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(new AbrContext(), egress);
        final int[] renditions = { 0 };
        final int[] bytes = { 10 };

        for (int f = 0; f <= 120; f++)
        {
            frame(handler, BASE_PTS + f * FRAME_90K, BASE_NS + f * FRAME_NS, f % 50 == 0, renditions, bytes);
        }
        assertEquals(0, sink.size());

        // PTS goes backwards: the open segment ends at its last frame, then one Discontinuity.
        final long restartPts = BASE_PTS + 5;
        final long restartNs = BASE_NS + 121 * FRAME_NS;
        frame(handler, restartPts, restartNs, true, renditions, bytes);
        assertEquals(2, sink.size());
        final SegmentClosedDecoder beforeBreak = segmentClosed(0);
        assertEquals(0, beforeBreak.mediaSequence());
        assertEquals(BASE_PTS, beforeBreak.firstPts());
        assertEquals(121 * FRAME_90K, beforeBreak.duration(), "last PTS plus one frame interval");
        assertEquals(10L * 121, beforeBreak.sizeBytes());
        final DiscontinuityDecoder first = discontinuity(1);
        assertEquals(1, first.discontinuitySequence());
        assertEquals(1, first.mediaSequence());
        assertEquals(BASE_PTS + 120 * FRAME_90K, first.previousPts());
        assertEquals(restartPts, first.pts());

        // The new timeline segments normally from the IDR that started it.
        for (int f = 1; f <= 150; f++)
        {
            frame(handler, restartPts + f * FRAME_90K, restartNs + f * FRAME_NS, f % 50 == 0, renditions, bytes);
        }
        assertEquals(3, sink.size());
        final SegmentClosedDecoder afterBreak = segmentClosed(2);
        assertEquals(1, afterBreak.mediaSequence());
        assertEquals(restartPts, afterBreak.firstPts());
        assertEquals(150 * FRAME_90K, afterBreak.duration());
        assertEquals(restartNs, afterBreak.programDateTimeNs());

        // A forward jump beyond one target duration, to the largest PTS ingress accepts, and straight back.
        final long lastPts = restartPts + 150 * FRAME_90K;
        frame(handler, IngressValidator.MAX_PTS, restartNs + 151 * FRAME_NS, false, renditions, bytes);
        frame(handler, lastPts + FRAME_90K, restartNs + 152 * FRAME_NS, false, renditions, bytes);
        frame(handler, lastPts + 2 * FRAME_90K, restartNs + 153 * FRAME_NS, true, renditions, bytes);
        for (int f = 3; f <= 152; f++)
        {
            frame(handler, lastPts + f * FRAME_90K, restartNs + (151 + f) * FRAME_NS, f % 50 == 2, renditions, bytes);
        }

        assertEquals(3, handler.ptsDiscontinuities());
        assertEquals(2, discontinuity(4).discontinuitySequence());
        assertEquals(3, discontinuity(5).discontinuitySequence());
        assertEquals(IngressValidator.MAX_PTS, discontinuity(5).previousPts());
        assertEquals(2, handler.framesBeforeFirstIdr(), "non-IDR frames wait for the new timeline's first IDR");
        for (int m = 0; m < sink.size(); m++)
        {
            if (sink.templateId(m) == SegmentClosedDecoder.TEMPLATE_ID)
            {
                final SegmentClosedDecoder segment = segmentClosed(m);
                assertTrue(segment.duration() > 0 && segment.duration() <= 6 * 90_000L,
                    "duration " + segment.duration());
            }
        }
        final SegmentClosedDecoder last = segmentClosed(sink.size() - 1);
        assertEquals(lastPts + 2 * FRAME_90K, last.firstPts());
        assertEquals(150 * FRAME_90K, last.duration());
    }

    @Test
    void shouldIgnoreUnknownRepeatedOrExcessRenditionEntries()
    {
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(new AbrContext().maxRenditions(4), egress);
        final int[] renditions = { 0, 9, 1, 1, 200, 2, 3, 4, 5 };
        final int[] bytes = { 10, 11, 20, 21, 22, 30, 40, 50, 60 };

        for (int f = 0; f <= 150; f++)
        {
            frame(handler, BASE_PTS + f * FRAME_90K, BASE_NS + f * FRAME_NS, f % 50 == 0, renditions, bytes);
        }

        assertEquals(151L * 5, handler.renditionEntriesIgnored());
        assertEquals(4, sink.size());
        final long[] expected = { 10L * 150, 20L * 150, 30L * 150, 40L * 150 };
        for (int r = 0; r < 4; r++)
        {
            final SegmentClosedDecoder closed = segmentClosed(r);
            assertEquals(r, closed.renditionId());
            assertEquals(expected[r], closed.sizeBytes());
        }
    }

    @Test
    void shouldProduceIdenticalEgressForIdenticalInput()
    {
        final byte[] first = runRecorded();
        final byte[] second = runRecorded();

        assertTrue(first.length > 0);
        assertArrayEquals(first, second);
    }

    private byte[] runRecorded()
    {
        sink.clear();
        ringSequence = 0;
        final AbrSegmenterHandler handler = new AbrSegmenterHandler(
            new AbrContext().maxGopDuration90k(3 * 90_000L), egress);
        runRandomGops(handler, new Random(7), 300, new HashSet<>());
        matchEvent(handler, ringSequence++, BASE_NS, 1, MatchEventType.GOAL, 1);

        final int length = sink.offset(sink.size() - 1) + sink.length(sink.size() - 1);
        final byte[] bytes = new byte[length];
        sink.buffer().getBytes(0, bytes);
        return Arrays.copyOf(bytes, length);
    }

    private void runRandomGops(
        final AbrSegmenterHandler handler, final Random random, final int gops, final Set<Long> idrPts)
    {
        final int[] renditions = { 5, 2 };
        final int[] bytes = new int[2];
        long f = 0;
        for (int g = 0; g < gops; g++)
        {
            final int gopFrames = 25 + random.nextInt(51);
            for (int i = 0; i < gopFrames; i++, f++)
            {
                final long pts = BASE_PTS + f * FRAME_90K;
                if (i == 0)
                {
                    idrPts.add(pts);
                }
                bytes[0] = 1000 + random.nextInt(1000);
                bytes[1] = 100 + random.nextInt(100);
                frame(handler, pts, BASE_NS + f * FRAME_NS, i == 0, renditions, bytes);
            }
        }
    }

    private static int frameBytes(final int rendition, final int frame)
    {
        return (rendition + 1) * 1000 + Math.floorMod(frame * 31, 97);
    }

    private void frame(
        final AbrSegmenterHandler handler,
        final long pts,
        final long timestampNs,
        final boolean idr,
        final int[] renditionIds,
        final int[] frameBytes)
    {
        frameEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(1)
            .clientSequence(ringSequence)
            .timestampNs(timestampNs)
            .pts(pts)
            .idr(idr ? BooleanType.TRUE : BooleanType.FALSE);
        final VideoFrameEncoder.RenditionsEncoder group = frameEncoder.renditionsCount(renditionIds.length);
        for (int i = 0; i < renditionIds.length; i++)
        {
            group.next().renditionId((short)renditionIds[i]).frameBytes(frameBytes[i]);
        }

        frameDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        egress.beginTick(ringSequence++, timestampNs);
        handler.onTime(timestampNs);
        handler.onVideoFrame(frameDecoder);
    }

    private void matchEvent(
        final AbrSegmenterHandler handler,
        final long sequence,
        final long timestampNs,
        final int period,
        final MatchEventType type,
        final int teamId)
    {
        eventEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(2)
            .clientSequence(sequence)
            .timestampNs(timestampNs)
            .period((short)period)
            .matchClockMs(1_000)
            .eventType(type)
            .teamId(teamId)
            .playerId(7)
            .x(60f)
            .y(40f)
            .xg(0f);
        eventDecoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        egress.beginTick(sequence, timestampNs);
        handler.onTime(timestampNs);
        handler.onMatchEvent(eventDecoder);
    }

    private DiscontinuityDecoder discontinuity(final int index)
    {
        assertEquals(DiscontinuityDecoder.TEMPLATE_ID, sink.templateId(index));
        return new DiscontinuityDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private SegmentClosedDecoder segmentClosed(final int index)
    {
        assertEquals(SegmentClosedDecoder.TEMPLATE_ID, sink.templateId(index));
        return new SegmentClosedDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
    }

    private void assertDateRange(
        final int index,
        final long ringSequence,
        final long id,
        final DateRangeClass dateRangeClass,
        final long startDateNs,
        final int teamId,
        final long mediaSequence)
    {
        assertEquals(DateRangeDecoder.TEMPLATE_ID, sink.templateId(index));
        final DateRangeDecoder dateRange =
            new DateRangeDecoder().wrapAndApplyHeader(sink.message(index), 0, new MessageHeaderDecoder());
        assertEquals(ringSequence, dateRange.ringSequence());
        assertEquals(id, dateRange.dateRangeId());
        assertEquals(dateRangeClass, dateRange.dateRangeClass());
        assertEquals(startDateNs, dateRange.startDateNs());
        assertEquals(teamId, dateRange.teamId());
        assertEquals(mediaSequence, dateRange.mediaSequence());
    }
}
