package io.v100.core.abr;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.sbe.BooleanType;
import io.v100.sbe.DateRangeClass;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.VideoFrameDecoder;
import java.util.Arrays;

/**
 * Live HLS segmentation of the program feed: decides where each media segment of every rendition starts and
 * ends, and marks goals and sendings-off with EXT-X-DATERANGE.
 * <p>
 * Rules, from RFC 8216 (HLS) and the Apple HLS Authoring Specification:
 * <ul>
 *     <li>every media segment starts with an IDR frame (Apple HLS Authoring Specification, segmentation
 *     requirements), so a segment runs from an IDR frame to the IDR frame that closes it, and that closing IDR
 *     starts the next segment; its duration is {@code closingIdrPts - firstPts} in 90 kHz ticks;</li>
 *     <li>the EXTINF duration rounded to the nearest integer must not exceed EXT-X-TARGETDURATION
 *     (RFC 8216 §4.3.3.1, checked by {@link HlsRules#extinfWithinTarget(long, int)});</li>
 *     <li>media sequence numbers start at 0 and grow by one per segment (RFC 8216 §4.3.3.2, §6.2.2); the IDR flag
 *     of a frame applies to every rendition, so every rendition is cut at the same PTS and segments with the
 *     same media sequence cover the same span in every rendition (the alignment rule for variant streams,
 *     RFC 8216 §6.2.4).</li>
 * </ul>
 * A segment is closed at an IDR frame when (a) it has lasted at least the nominal segment duration, or (b) one
 * more GOP of the predicted length would make its rounded EXTINF exceed the target duration. The predicted GOP
 * is the longest of the configured maximum GOP and the last {@link AbrContext#gopHistoryLength()} observed GOPs:
 * the brief's "last observed GOP" alone cannot keep the rule when GOP lengths vary (a 1 s GOP followed by a 3 s
 * one overshoots), whereas this prediction keeps round(EXTINF) within the target whenever no GOP is longer
 * than predicted.
 * <p>
 * When the encoder sends no IDR for longer than that, the segment cannot be cut (it would not start with an
 * IDR): it is closed at the next IDR with an EXTINF above the target and {@link #targetDurationOverruns()} is
 * incremented, so operators see the violation instead of a silent mid-GOP cut; the fix belongs in the encoder's
 * key frame settings.
 * <p>
 * Inputs that cannot be used are counted, never thrown: frames before the first IDR are dropped
 * ({@link #framesBeforeFirstIdr()}); frames whose PTS does not increase are ignored whole
 * ({@link #ptsDiscontinuities()}); rendition entries with an id outside {@code 0 .. maxRenditions-1}, a repeated
 * id within one frame, or a negative size are skipped ({@link #renditionEntriesIgnored()}).
 * <p>
 * Steady state allocates nothing: per-rendition sizes, order and the GOP history are arrays sized at
 * construction. Single-threaded, owned by the ring's consumer thread.
 */
public final class AbrSegmenterHandler implements BroadcastHandler
{
    private static final int NO_FRAME = -1;

    private final EgressProxy egress;
    private final int targetDurationS;
    private final long segmentDuration90k;
    private final long maxGopDuration90k;
    private final int maxRenditions;

    private final long[] sizeBytes;
    private final int[] renditionOrder;
    private final long[] lastFrameOfRendition;
    private final long[] gopHistory;
    private int renditionCount;
    private int gopCount;
    private int gopNext;

    private boolean segmentOpen;
    private long segmentFirstPts;
    private long segmentProgramDateTimeNs;
    private long mediaSequence;
    private long lastIdrPts;
    private boolean hasLastPts;
    private long lastPts;
    private long frameCount;

    private long segmentsClosed;
    private long dateRanges;
    private long nextDateRangeId = 1;
    private long framesBeforeFirstIdr;
    private long ptsDiscontinuities;
    private long renditionEntriesIgnored;
    private long targetDurationOverruns;

    /**
     * @param context settings; {@link AbrContext#conclude()} is called here.
     * @param egress  receives SegmentClosed and DateRange messages.
     * @throws IllegalArgumentException if the context is invalid.
     */
    public AbrSegmenterHandler(final AbrContext context, final EgressProxy egress)
    {
        context.conclude();
        this.egress = egress;
        this.targetDurationS = context.targetDurationS();
        this.segmentDuration90k = context.segmentDuration90k();
        this.maxGopDuration90k = context.maxGopDuration90k();
        this.maxRenditions = context.maxRenditions();
        this.sizeBytes = new long[maxRenditions];
        this.renditionOrder = new int[maxRenditions];
        this.lastFrameOfRendition = new long[maxRenditions];
        this.gopHistory = new long[context.gopHistoryLength()];
        Arrays.fill(lastFrameOfRendition, NO_FRAME);
    }

    /**
     * Account one frame of the program feed and close the open segment at this frame when it is an IDR and a
     * closing rule holds; emits one SegmentClosed per rendition of the closed segment, in the order the
     * renditions first appeared in it.
     *
     * @param videoFrame PTS in 90 kHz ticks, strictly increasing; {@code timestampNs} is the capture time used
     *                   as EXT-X-PROGRAM-DATE-TIME of a segment's first frame.
     */
    public void onVideoFrame(final VideoFrameDecoder videoFrame)
    {
        final long pts = videoFrame.pts();
        if (hasLastPts && pts <= lastPts)
        {
            ptsDiscontinuities++;
            return;
        }
        hasLastPts = true;
        lastPts = pts;

        final boolean idr = videoFrame.idrRaw() == BooleanType.TRUE.value();
        if (!segmentOpen)
        {
            if (!idr)
            {
                framesBeforeFirstIdr++;
                return;
            }
            openSegment(pts, videoFrame.timestampNs());
        }
        else if (idr)
        {
            recordGop(pts - lastIdrPts);
            final long elapsed = pts - segmentFirstPts;
            if (elapsed >= segmentDuration90k ||
                !HlsRules.extinfWithinTarget(elapsed + predictedGop(), targetDurationS))
            {
                closeSegment(elapsed);
                openSegment(pts, videoFrame.timestampNs());
            }
        }

        if (idr)
        {
            lastIdrPts = pts;
        }
        accumulate(videoFrame.renditions());
    }

    /**
     * Mark a goal (GOAL or OWN_GOAL in periods 1 to 4, shoot-out kicks excluded) or a sending-off (RED_CARD or
     * SECOND_YELLOW) with an EXT-X-DATERANGE (RFC 8216 §4.3.2.7) on this same input. START-DATE is the event's
     * {@code timestampNs}, which players place against the EXT-X-PROGRAM-DATE-TIME carried by each segment;
     * ids count from 1. The media sequence is that of the open segment, or before the first IDR the one the
     * first segment will get. Other events are ignored.
     *
     * @param matchEvent a validated match event.
     */
    public void onMatchEvent(final MatchEventDecoder matchEvent)
    {
        final short type = matchEvent.eventTypeRaw();
        final DateRangeClass dateRangeClass;
        if (type == MatchEventType.GOAL.value() || type == MatchEventType.OWN_GOAL.value())
        {
            final short period = matchEvent.period();
            if (period < 1 || period > 4)
            {
                return;
            }
            dateRangeClass = DateRangeClass.GOAL;
        }
        else if (type == MatchEventType.RED_CARD.value() || type == MatchEventType.SECOND_YELLOW.value())
        {
            dateRangeClass = DateRangeClass.RED_CARD;
        }
        else
        {
            return;
        }

        dateRanges++;
        egress.dateRange(
            nextDateRangeId++, dateRangeClass, matchEvent.timestampNs(), matchEvent.teamId(), mediaSequence);
    }

    /**
     * @return segment spans closed, one per media sequence whatever the number of renditions.
     */
    public long segmentsClosed()
    {
        return segmentsClosed;
    }

    /**
     * @return DateRange markers emitted.
     */
    public long dateRanges()
    {
        return dateRanges;
    }

    /**
     * @return media sequence number of the open segment, or of the next one before the first IDR.
     */
    public long mediaSequence()
    {
        return mediaSequence;
    }

    /**
     * @return non-IDR frames dropped because no segment had started yet.
     */
    public long framesBeforeFirstIdr()
    {
        return framesBeforeFirstIdr;
    }

    /**
     * @return frames ignored because their PTS did not increase.
     */
    public long ptsDiscontinuities()
    {
        return ptsDiscontinuities;
    }

    /**
     * @return rendition entries skipped: id out of range, repeated within a frame, or negative size.
     */
    public long renditionEntriesIgnored()
    {
        return renditionEntriesIgnored;
    }

    /**
     * @return segments closed with a rounded EXTINF above the target duration because no IDR came in time.
     */
    public long targetDurationOverruns()
    {
        return targetDurationOverruns;
    }

    private void openSegment(final long pts, final long timestampNs)
    {
        segmentOpen = true;
        segmentFirstPts = pts;
        segmentProgramDateTimeNs = timestampNs;
    }

    private void closeSegment(final long duration90k)
    {
        if (!HlsRules.extinfWithinTarget(duration90k, targetDurationS))
        {
            targetDurationOverruns++;
        }

        for (int i = 0; i < renditionCount; i++)
        {
            final int renditionId = renditionOrder[i];
            egress.segmentClosed(
                renditionId,
                mediaSequence,
                segmentFirstPts,
                duration90k,
                sizeBytes[renditionId],
                segmentProgramDateTimeNs,
                targetDurationS);
            sizeBytes[renditionId] = 0;
        }
        renditionCount = 0;
        segmentsClosed++;
        mediaSequence++;
    }

    private void accumulate(final VideoFrameDecoder.RenditionsDecoder renditions)
    {
        final long frame = frameCount++;
        for (int i = 0, n = renditions.count(); i < n; i++)
        {
            renditions.next();
            final int renditionId = renditions.renditionId();
            final int frameBytes = renditions.frameBytes();
            if (renditionId >= maxRenditions || frameBytes < 0 || lastFrameOfRendition[renditionId] == frame)
            {
                renditionEntriesIgnored++;
                continue;
            }

            lastFrameOfRendition[renditionId] = frame;
            if (!isInSegment(renditionId))
            {
                renditionOrder[renditionCount++] = renditionId;
            }
            sizeBytes[renditionId] += frameBytes;
        }
    }

    private boolean isInSegment(final int renditionId)
    {
        for (int i = 0; i < renditionCount; i++)
        {
            if (renditionOrder[i] == renditionId)
            {
                return true;
            }
        }
        return false;
    }

    private void recordGop(final long gop90k)
    {
        gopHistory[gopNext] = gop90k;
        gopNext = gopNext + 1 == gopHistory.length ? 0 : gopNext + 1;
        if (gopCount < gopHistory.length)
        {
            gopCount++;
        }
    }

    private long predictedGop()
    {
        long predicted = maxGopDuration90k;
        for (int i = 0; i < gopCount; i++)
        {
            predicted = Math.max(predicted, gopHistory[i]);
        }
        return predicted;
    }
}
