package io.v100.core.abr;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.protocol.MatchRules;
import io.v100.sbe.BooleanType;
import io.v100.sbe.DateRangeClass;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.VideoFrameDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
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
 * A PTS discontinuity is one event, never a state (RFC 8216 §4.3.2.3 EXT-X-DISCONTINUITY, §4.3.3.3
 * EXT-X-DISCONTINUITY-SEQUENCE): a frame whose PTS does not increase, or increases by more than one target
 * duration ({@code targetDurationS x 90,000} ticks, longer than any segment may be), ends the open segment at its
 * last frame (duration: last PTS plus the last frame interval, minus the first PTS), emits one
 * {@code Discontinuity} with the next discontinuity sequence, and starts a new timeline at the new PTS: the next
 * segment opens at the first IDR at or after it. Later frames are compared with the new PTS only, so one bad
 * PTS costs one segment boundary, not the stream. The validator bounds every PTS to
 * {@code 0 .. 2^40 - 1} ({@code IngressValidator.MAX_PTS}), so no duration can overflow.
 * <p>
 * Inputs that cannot be used are counted, never thrown: frames before the first IDR (of the stream or after a
 * discontinuity) are dropped ({@link #framesBeforeFirstIdr()}); rendition entries with an id outside
 * {@code 0 .. maxRenditions-1}, a repeated id within one frame, or a negative size are skipped
 * ({@link #renditionEntriesIgnored()}).
 * <p>
 * Steady state allocates nothing: per-rendition sizes, order and the GOP history are arrays sized at
 * construction. Single-threaded, owned by the ring's consumer thread.
 * <p>
 * {@link #writeSnapshot} and {@link #loadSnapshot} save and restore the whole state (layout {@code ABR2}: the
 * open segment, media sequence, GOP history, last IDR, last PTS and frame interval, date-range id and
 * counters, the discontinuity count among them), so that a
 * restored handler fed the same later inputs emits byte-identical SegmentClosed and DateRange messages.
 */
public final class AbrSegmenterHandler implements BroadcastHandler
{
    /**
     * First int32 of an ABR snapshot, layout version 2: the ASCII bytes {@code "ABR2"} read as a little-endian
     * int32.
     */
    public static final int SNAPSHOT_MAGIC = 'A' | 'B' << 8 | 'R' << 16 | '2' << 24;

    /** Bytes of an ABR snapshot before the per-rendition and GOP arrays; see {@link #writeSnapshot}. */
    public static final int SNAPSHOT_HEADER_LENGTH = 160;

    private static final ByteOrder SNAPSHOT_ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SEGMENT_OPEN_FLAG = 1;
    private static final int HAS_LAST_PTS_FLAG = 2;
    private static final int NO_FRAME = -1;

    private final EgressProxy egress;
    private final int targetDurationS;
    private final long segmentDuration90k;
    private final long maxGopDuration90k;
    private final long maxPtsStep90k;
    private final int maxRenditions;
    private final int snapshotLength;

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
    private long lastFrameInterval90k;
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
        this.maxPtsStep90k = (long)targetDurationS * HlsRules.PTS_HZ;
        this.maxRenditions = context.maxRenditions();
        this.sizeBytes = new long[maxRenditions];
        this.renditionOrder = new int[maxRenditions];
        this.lastFrameOfRendition = new long[maxRenditions];
        this.gopHistory = new long[context.gopHistoryLength()];
        Arrays.fill(lastFrameOfRendition, NO_FRAME);
        this.snapshotLength = snapshotLength(maxRenditions, gopHistory.length);
    }

    /**
     * Account one frame of the program feed and close the open segment at this frame when it is an IDR and a
     * closing rule holds; emits one SegmentClosed per rendition of the closed segment, in the order the
     * renditions first appeared in it.
     *
     * @param videoFrame PTS in 90 kHz ticks, {@code 0 .. 2^40 - 1}, increasing except at a discontinuity;
     *                   {@code timestampNs} is the capture time used as EXT-X-PROGRAM-DATE-TIME of a segment's
     *                   first frame.
     */
    public void onVideoFrame(final VideoFrameDecoder videoFrame)
    {
        final long pts = videoFrame.pts();
        if (hasLastPts)
        {
            final long step = pts - lastPts;
            if (step <= 0 || step > maxPtsStep90k)
            {
                discontinuity(pts);
            }
            else
            {
                lastFrameInterval90k = step;
            }
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
     * End the timeline at a discontinuity: close the open segment at its last frame, emit the Discontinuity, and
     * leave the next segment to the next IDR on the new timeline.
     */
    private void discontinuity(final long pts)
    {
        ptsDiscontinuities++;
        if (segmentOpen)
        {
            closeSegment(lastPts + lastFrameInterval90k - segmentFirstPts);
            segmentOpen = false;
        }
        egress.discontinuity(ptsDiscontinuities, mediaSequence, lastPts, pts);
        lastFrameInterval90k = 0;
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
        if (MatchRules.isGoal(type))
        {
            if (!MatchRules.isScoringPeriod(matchEvent.period()))
            {
                return;
            }
            dateRangeClass = DateRangeClass.GOAL;
        }
        else if (MatchRules.isSendingOff(type))
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
     * Write the segmenter's whole state, layout {@code ABR2}, every field little-endian:
     * <pre>
     *   offset  type     field
     *        0  int32    magic "ABR2" ({@link #SNAPSHOT_MAGIC})
     *        4  int32    R = max renditions          (settings, checked on load)
     *        8  int32    G = GOP history length      (settings, checked on load)
     *       12  int32    target duration, s          (settings, checked on load)
     *       16  int64    segment duration, 90 kHz    (settings, checked on load)
     *       24  int64    max GOP duration, 90 kHz    (settings, checked on load)
     *       32  int32    flags: bit 0 segment open, bit 1 a PTS has been seen
     *       36  int32    renditions in the open segment
     *       40  int32    GOPs remembered
     *       44  int32    next GOP history slot
     *       48  int64    first PTS of the open segment, 90 kHz
     *       56  int64    EXT-X-PROGRAM-DATE-TIME of the open segment, ns since the Unix epoch
     *       64  int64    media sequence
     *       72  int64    last IDR PTS, 90 kHz
     *       80  int64    last PTS, 90 kHz
     *       88  int64    frames accounted (the frame counter behind the repeated-rendition check)
     *       96  int64    segments closed, then date ranges, next date-range id, frames before the first IDR,
     *                    PTS discontinuities, rendition entries ignored, target duration overruns (7 x int64)
     *      152  int64    last frame interval, 90 kHz (0 before the second frame of a timeline)
     *      160  R x (int64 bytes in the open segment, int64 last frame holding the rendition or -1), by id
     *  160+16R  R x int32 rendition order of the open segment (entries past the rendition count are 0)
     *  160+20R  G x int64 GOP history ring, 90 kHz
     * </pre>
     * Total {@code 160 + 20 R + 8 G} bytes (520 with the defaults). The settings are written so that a
     * snapshot taken under other settings is refused instead of silently replayed with different rules.
     * Allocates nothing.
     *
     * @param buffer   to write into.
     * @param offset   where to start.
     * @param capacity bytes available from offset.
     * @return bytes written, or -1 if {@code capacity} is below the snapshot length (nothing written).
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        if (capacity < snapshotLength)
        {
            return -1;
        }

        final int flags = (segmentOpen ? SEGMENT_OPEN_FLAG : 0) | (hasLastPts ? HAS_LAST_PTS_FLAG : 0);
        buffer.putInt(offset, SNAPSHOT_MAGIC, SNAPSHOT_ORDER);
        buffer.putInt(offset + 4, maxRenditions, SNAPSHOT_ORDER);
        buffer.putInt(offset + 8, gopHistory.length, SNAPSHOT_ORDER);
        buffer.putInt(offset + 12, targetDurationS, SNAPSHOT_ORDER);
        buffer.putLong(offset + 16, segmentDuration90k, SNAPSHOT_ORDER);
        buffer.putLong(offset + 24, maxGopDuration90k, SNAPSHOT_ORDER);
        buffer.putInt(offset + 32, flags, SNAPSHOT_ORDER);
        buffer.putInt(offset + 36, renditionCount, SNAPSHOT_ORDER);
        buffer.putInt(offset + 40, gopCount, SNAPSHOT_ORDER);
        buffer.putInt(offset + 44, gopNext, SNAPSHOT_ORDER);
        buffer.putLong(offset + 48, segmentFirstPts, SNAPSHOT_ORDER);
        buffer.putLong(offset + 56, segmentProgramDateTimeNs, SNAPSHOT_ORDER);
        buffer.putLong(offset + 64, mediaSequence, SNAPSHOT_ORDER);
        buffer.putLong(offset + 72, lastIdrPts, SNAPSHOT_ORDER);
        buffer.putLong(offset + 80, lastPts, SNAPSHOT_ORDER);
        buffer.putLong(offset + 88, frameCount, SNAPSHOT_ORDER);
        buffer.putLong(offset + 96, segmentsClosed, SNAPSHOT_ORDER);
        buffer.putLong(offset + 104, dateRanges, SNAPSHOT_ORDER);
        buffer.putLong(offset + 112, nextDateRangeId, SNAPSHOT_ORDER);
        buffer.putLong(offset + 120, framesBeforeFirstIdr, SNAPSHOT_ORDER);
        buffer.putLong(offset + 128, ptsDiscontinuities, SNAPSHOT_ORDER);
        buffer.putLong(offset + 136, renditionEntriesIgnored, SNAPSHOT_ORDER);
        buffer.putLong(offset + 144, targetDurationOverruns, SNAPSHOT_ORDER);
        buffer.putLong(offset + 152, lastFrameInterval90k, SNAPSHOT_ORDER);

        int index = offset + SNAPSHOT_HEADER_LENGTH;
        for (int r = 0; r < maxRenditions; r++)
        {
            buffer.putLong(index, sizeBytes[r], SNAPSHOT_ORDER);
            buffer.putLong(index + 8, lastFrameOfRendition[r], SNAPSHOT_ORDER);
            index += 16;
        }
        for (int i = 0; i < maxRenditions; i++)
        {
            buffer.putInt(index, i < renditionCount ? renditionOrder[i] : 0, SNAPSHOT_ORDER);
            index += 4;
        }
        for (final long gop : gopHistory)
        {
            buffer.putLong(index, gop, SNAPSHOT_ORDER);
            index += 8;
        }

        return index - offset;
    }

    /**
     * Restore the state written by {@link #writeSnapshot} (layout {@code ABR2}). Everything is checked before
     * anything is changed, so a refused snapshot leaves this handler as it was.
     *
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length of the snapshot in bytes; must be exactly {@code 160 + 20 R + 8 G} for this handler.
     * @throws IllegalArgumentException if the range lies outside the buffer, the magic is not {@code "ABR2"},
     *                                  the length is not exact, the settings differ from this handler's, or a
     *                                  count, index or flag is out of range.
     */
    public void loadSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("snapshot range outside the buffer");
        }
        if (length < SNAPSHOT_HEADER_LENGTH || buffer.getInt(offset, SNAPSHOT_ORDER) != SNAPSHOT_MAGIC)
        {
            throw new IllegalArgumentException("not an ABR2 snapshot");
        }
        if (buffer.getInt(offset + 4, SNAPSHOT_ORDER) != maxRenditions ||
            buffer.getInt(offset + 8, SNAPSHOT_ORDER) != gopHistory.length ||
            buffer.getInt(offset + 12, SNAPSHOT_ORDER) != targetDurationS ||
            buffer.getLong(offset + 16, SNAPSHOT_ORDER) != segmentDuration90k ||
            buffer.getLong(offset + 24, SNAPSHOT_ORDER) != maxGopDuration90k)
        {
            throw new IllegalArgumentException("ABR2 snapshot taken under other settings");
        }
        if (length != snapshotLength)
        {
            throw new IllegalArgumentException("ABR2 snapshot of " + length + " bytes, expected " + snapshotLength);
        }

        final int flags = buffer.getInt(offset + 32, SNAPSHOT_ORDER);
        final int loadedRenditionCount = buffer.getInt(offset + 36, SNAPSHOT_ORDER);
        final int loadedGopCount = buffer.getInt(offset + 40, SNAPSHOT_ORDER);
        final int loadedGopNext = buffer.getInt(offset + 44, SNAPSHOT_ORDER);
        final long loadedFrameCount = buffer.getLong(offset + 88, SNAPSHOT_ORDER);
        final int history = gopHistory.length;
        if ((flags & ~(SEGMENT_OPEN_FLAG | HAS_LAST_PTS_FLAG)) != 0 ||
            loadedRenditionCount < 0 || loadedRenditionCount > maxRenditions ||
            loadedGopCount < 0 || loadedGopCount > history || loadedGopNext < 0 || loadedGopNext >= history ||
            (loadedGopCount < history && loadedGopNext != loadedGopCount) || loadedFrameCount < 0 ||
            buffer.getLong(offset + 152, SNAPSHOT_ORDER) < 0)
        {
            throw new IllegalArgumentException("ABR2 snapshot with a count or flag out of range");
        }

        final int perRendition = offset + SNAPSHOT_HEADER_LENGTH;
        final int order = perRendition + 16 * maxRenditions;
        for (int r = 0; r < maxRenditions; r++)
        {
            final long lastFrame = buffer.getLong(perRendition + 16 * r + 8, SNAPSHOT_ORDER);
            if (lastFrame < NO_FRAME || lastFrame >= loadedFrameCount)
            {
                throw new IllegalArgumentException("ABR2 snapshot with a rendition frame index out of range");
            }
        }
        for (int i = 0; i < loadedRenditionCount; i++)
        {
            final int renditionId = buffer.getInt(order + 4 * i, SNAPSHOT_ORDER);
            if (renditionId < 0 || renditionId >= maxRenditions)
            {
                throw new IllegalArgumentException("ABR2 snapshot with a rendition id out of range");
            }
            for (int j = 0; j < i; j++)
            {
                if (buffer.getInt(order + 4 * j, SNAPSHOT_ORDER) == renditionId)
                {
                    throw new IllegalArgumentException("ABR2 snapshot with a repeated rendition id");
                }
            }
        }

        segmentOpen = (flags & SEGMENT_OPEN_FLAG) != 0;
        hasLastPts = (flags & HAS_LAST_PTS_FLAG) != 0;
        renditionCount = loadedRenditionCount;
        gopCount = loadedGopCount;
        gopNext = loadedGopNext;
        segmentFirstPts = buffer.getLong(offset + 48, SNAPSHOT_ORDER);
        segmentProgramDateTimeNs = buffer.getLong(offset + 56, SNAPSHOT_ORDER);
        mediaSequence = buffer.getLong(offset + 64, SNAPSHOT_ORDER);
        lastIdrPts = buffer.getLong(offset + 72, SNAPSHOT_ORDER);
        lastPts = buffer.getLong(offset + 80, SNAPSHOT_ORDER);
        frameCount = loadedFrameCount;
        segmentsClosed = buffer.getLong(offset + 96, SNAPSHOT_ORDER);
        dateRanges = buffer.getLong(offset + 104, SNAPSHOT_ORDER);
        nextDateRangeId = buffer.getLong(offset + 112, SNAPSHOT_ORDER);
        framesBeforeFirstIdr = buffer.getLong(offset + 120, SNAPSHOT_ORDER);
        ptsDiscontinuities = buffer.getLong(offset + 128, SNAPSHOT_ORDER);
        renditionEntriesIgnored = buffer.getLong(offset + 136, SNAPSHOT_ORDER);
        targetDurationOverruns = buffer.getLong(offset + 144, SNAPSHOT_ORDER);
        lastFrameInterval90k = buffer.getLong(offset + 152, SNAPSHOT_ORDER);
        for (int r = 0; r < maxRenditions; r++)
        {
            sizeBytes[r] = buffer.getLong(perRendition + 16 * r, SNAPSHOT_ORDER);
            lastFrameOfRendition[r] = buffer.getLong(perRendition + 16 * r + 8, SNAPSHOT_ORDER);
            renditionOrder[r] = r < loadedRenditionCount ? buffer.getInt(order + 4 * r, SNAPSHOT_ORDER) : 0;
        }
        final int gops = order + 4 * maxRenditions;
        for (int i = 0; i < history; i++)
        {
            gopHistory[i] = buffer.getLong(gops + 8 * i, SNAPSHOT_ORDER);
        }
    }

    /**
     * @param maxRenditions    {@link AbrContext#maxRenditions()}.
     * @param gopHistoryLength {@link AbrContext#gopHistoryLength()}.
     * @return length in bytes of an {@code ABR2} snapshot for these settings: {@code 160 + 20 R + 8 G}.
     */
    public static int snapshotLength(final int maxRenditions, final int gopHistoryLength)
    {
        return SNAPSHOT_HEADER_LENGTH + 20 * maxRenditions + 8 * gopHistoryLength;
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
     * @return discontinuities: frames whose PTS did not increase or jumped by more than one target duration; also
     * the EXT-X-DISCONTINUITY-SEQUENCE of the stream (RFC 8216 §4.3.3.3).
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
