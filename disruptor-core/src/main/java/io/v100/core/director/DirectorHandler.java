package io.v100.core.director;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.protocol.MatchRules;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.CutReason;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.ShotType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * AI Director: picks the program camera from the match data feed and per-camera framing and saliency.
 * <p>
 * Rules, after the cinematography guidelines of C. Chen et al., "Computational sports broadcasting: automated
 * director assistance for live sports", IEEE ICME 2013, and the shot-duration regularisation of J. Chen, L. Meng
 * and J. J. Little, "Camera selection for broadcasting soccer games", IEEE WACV 2018 (see {@link DirectorContext}
 * for the camera plan, zones, weights and defaults). No formal standard exists; values are editorial defaults.
 * <ol>
 *     <li><b>Ordinary cut</b> (reason BALL_ZONE when the candidate has the higher zone affinity, SALIENCY
 *     otherwise), judged after each {@code MatchEvent} and {@code CameraSignal}: the candidate is the best-scoring
 *     camera with a positive affinity for the ball's zone (ties go to the lower id); it is cut to only if it
 *     differs from the current camera, the minimum shot length has elapsed since the last cut, no decisive-action
 *     hold is running, and its score exceeds the current camera's by more than the hysteresis margin.</li>
 *     <li><b>Decisive action</b>: a SHOT or PENALTY_AWARDED holds the current shot for the decisive hold; only a
 *     goal or a period event may cut during it.</li>
 *     <li><b>Goal</b> (GOAL or OWN_GOAL, any period): on that same input, cut to the CLOSE_UP camera behind the
 *     goal on the side of the last known ball x (x &lt; 60: left camera, else right; left when no location was
 *     ever known), reason GOAL, overriding minimum shot length and hold. Once the celebration hold has elapsed,
 *     cut to the REPLAY camera (shot REPLAY, reason REPLAY_START); once the replay length has elapsed from that
 *     cut, cut to WIDE (reason REPLAY_END). These timed cuts are made in {@link #onTime(long)}. Ordinary and
 *     red-card cuts are suppressed during the sequence; a new goal restarts it.</li>
 *     <li><b>Sending-off</b> (RED_CARD or SECOND_YELLOW): cut to the TIGHT camera of the ball's half (left when
 *     unknown), reason RED_CARD, overriding the minimum shot length but dropped during a decisive hold or a goal
 *     sequence.</li>
 *     <li><b>Period</b>: HALF_START cuts to WIDE with PERIOD_START, HALF_END to WIDE with PERIOD_END, overriding
 *     the minimum shot length and hold and ending any goal sequence.</li>
 * </ol>
 * A forced cut (goal, sending-off, period) that would repeat the last cut exactly (same camera and reason) is not
 * sent again. Every cut restarts the minimum shot length. Before the first cut the program is taken to be on the
 * WIDE camera.
 * <p>
 * Time is event time only: {@link #onTime(long)} in ns since the Unix epoch. Error behaviour: a ball x that is
 * NaN or infinite leaves the last location in place; a camera signal for an id at or above
 * {@link DirectorContext#MAX_CAMERAS}, or with a score that is NaN or outside [0, 1], is ignored and counted in
 * {@link #invalidSignals()}. Nothing throws or allocates after construction.
 * <p>
 * Snapshot (event sourcing with periodic snapshots, as in M. Fowler, "The LMAX Architecture", 2011: restore the
 * snapshot, then replay the journal after it). Layout {@link #SNAPSHOT_MAGIC} ('DIR1'), little-endian, exactly
 * {@link #SNAPSHOT_LENGTH} bytes:
 * <pre>
 *   int32  magic 0x44495231 ('DIR1', layout version 1)
 *   int32  current camera id
 *   uint8  reason of the last cut (CutReason raw, 0 before the first cut)
 *   uint8  goal sequence mode (0 live, 1 celebration, 2 replay)
 *   uint8  ball zone (DirectorContext.ZONE_* index)
 *   int64  nowNs, minShotEndsNs, holdEndsNs, modeEndsNs (ns since the Unix epoch; Long.MIN_VALUE: none)
 *   double last ball x (pitch units, NaN while unknown)
 *   int64  cuts, invalidSignals
 *   double framing score x 16, then saliency score x 16 (latest per camera id, 0 before any signal)
 * </pre>
 */
public final class DirectorHandler implements BroadcastHandler
{
    /**
     * First int32 of a director snapshot: 'DIR1', layout version 1.
     */
    public static final int SNAPSHOT_MAGIC = 0x44495231;

    /**
     * Bytes of a director snapshot.
     */
    public static final int SNAPSHOT_LENGTH =
        4 + 4 + 3 * 1 + 4 * 8 + 8 + 2 * 8 + 2 * DirectorContext.MAX_CAMERAS * 8;

    private static final int MODE_LIVE = 0;
    private static final int MODE_CELEBRATION = 1;
    private static final int MODE_REPLAY = 2;

    private final EgressProxy egress;
    private final ShotType[] shotTypes = new ShotType[DirectorContext.MAX_CAMERAS];
    private final double[][] zoneAffinity = new double[DirectorContext.ZONE_COUNT][DirectorContext.MAX_CAMERAS];
    private final double[] framing = new double[DirectorContext.MAX_CAMERAS];
    private final double[] saliency = new double[DirectorContext.MAX_CAMERAS];

    private final int wideCamera;
    private final int leftTightCamera;
    private final int rightTightCamera;
    private final int leftCloseUpCamera;
    private final int rightCloseUpCamera;
    private final int replayCamera;
    private final double halfwayX;
    private final double leftBoxX;
    private final double leftThirdX;
    private final double rightThirdX;
    private final double rightBoxX;
    private final long minShotNs;
    private final long decisiveHoldNs;
    private final long celebrationHoldNs;
    private final long replayLengthNs;
    private final double hysteresis;
    private final double zoneWeight;
    private final double saliencyWeight;
    private final double framingWeight;

    private long nowNs;
    private int currentCamera;
    private CutReason lastReason;
    private long minShotEndsNs = Long.MIN_VALUE;
    private long holdEndsNs = Long.MIN_VALUE;
    private int mode = MODE_LIVE;
    private long modeEndsNs;
    private double lastBallX = Double.NaN;
    private int zone = DirectorContext.ZONE_MIDDLE;
    private long cuts;
    private long invalidSignals;

    /**
     * @param context settings, validated here with {@link DirectorContext#conclude()} and copied, so later
     *                changes to the context have no effect.
     * @param egress  where {@code DirectorCut} messages are sent.
     * @throws IllegalArgumentException when the context is invalid.
     */
    public DirectorHandler(final DirectorContext context, final EgressProxy egress)
    {
        context.conclude();
        this.egress = egress;
        for (int camera = 0; camera < DirectorContext.MAX_CAMERAS; camera++)
        {
            shotTypes[camera] = context.shotType(camera);
            for (int z = 0; z < DirectorContext.ZONE_COUNT; z++)
            {
                zoneAffinity[z][camera] = context.zoneAffinity(z, camera);
            }
        }
        wideCamera = context.wideCamera();
        leftTightCamera = context.leftTightCamera();
        rightTightCamera = context.rightTightCamera();
        leftCloseUpCamera = context.leftCloseUpCamera();
        rightCloseUpCamera = context.rightCloseUpCamera();
        replayCamera = context.replayCamera();
        halfwayX = DirectorContext.PITCH_LENGTH / 2.0;
        leftBoxX = context.leftBoxX();
        leftThirdX = context.leftThirdX();
        rightThirdX = context.rightThirdX();
        rightBoxX = context.rightBoxX();
        minShotNs = context.minShotNs();
        decisiveHoldNs = context.decisiveHoldNs();
        celebrationHoldNs = context.celebrationHoldNs();
        replayLengthNs = context.replayLengthNs();
        hysteresis = context.hysteresis();
        zoneWeight = context.zoneWeight();
        saliencyWeight = context.saliencyWeight();
        framingWeight = context.framingWeight();
        currentCamera = wideCamera;
    }

    /**
     * Advance event time and run the goal sequence timers (REPLAY_START, then REPLAY_END).
     *
     * @param nowNs event time in ns since the Unix epoch, never decreasing.
     */
    public void onTime(final long nowNs)
    {
        this.nowNs = nowNs;
        if (MODE_CELEBRATION == mode && nowNs >= modeEndsNs)
        {
            cut(replayCamera, ShotType.REPLAY, CutReason.REPLAY_START);
            mode = MODE_REPLAY;
            modeEndsNs = nowNs + replayLengthNs;
        }
        if (MODE_REPLAY == mode && nowNs >= modeEndsNs)
        {
            cut(wideCamera, shotTypes[wideCamera], CutReason.REPLAY_END);
            mode = MODE_LIVE;
        }
    }

    /**
     * Track the ball zone and apply the goal, decisive-action, sending-off and period rules, then the ordinary
     * selection when no forced cut was made.
     *
     * @param matchEvent one feed event; x in [0, 120] pitch units, NaN when unknown.
     */
    public void onMatchEvent(final MatchEventDecoder matchEvent)
    {
        final float x = matchEvent.x();
        if (Float.isFinite(x))
        {
            lastBallX = x;
            zone = zoneOf(x);
        }

        final MatchEventType type = matchEvent.eventType();
        if (MatchRules.isGoal(type))
        {
            // Every goal event is cut to, shoot-out kicks included: the director frames the play, not the score.
            onGoal();
            return;
        }
        if (MatchRules.isSendingOff(type))
        {
            if (MODE_LIVE == mode && nowNs >= holdEndsNs)
            {
                final int camera = lastBallX >= halfwayX ? rightTightCamera : leftTightCamera;
                if (forcedCut(camera, shotTypes[camera], CutReason.RED_CARD))
                {
                    return;
                }
            }
            selectCamera();
            return;
        }

        switch (type)
        {
            case SHOT:
            case PENALTY_AWARDED:
                if (MODE_LIVE == mode)
                {
                    holdEndsNs = nowNs + decisiveHoldNs;
                }
                return;

            case HALF_START:
                onPeriod(CutReason.PERIOD_START);
                return;

            case HALF_END:
                onPeriod(CutReason.PERIOD_END);
                return;

            default:
                break;
        }

        selectCamera();
    }

    /**
     * Keep the latest framing and saliency of the camera, then run the ordinary selection.
     *
     * @param cameraSignal camera id below {@link DirectorContext#MAX_CAMERAS}, scores in [0, 1].
     */
    public void onCameraSignal(final CameraSignalDecoder cameraSignal)
    {
        final int camera = cameraSignal.cameraId();
        final float framingScore = cameraSignal.framingScore();
        final float saliencyScore = cameraSignal.saliencyScore();
        if (camera >= DirectorContext.MAX_CAMERAS ||
            !(framingScore >= 0.0f && framingScore <= 1.0f) ||
            !(saliencyScore >= 0.0f && saliencyScore <= 1.0f))
        {
            invalidSignals++;
            return;
        }

        framing[camera] = framingScore;
        saliency[camera] = saliencyScore;
        selectCamera();
    }

    /**
     * @return camera currently on program; the WIDE camera before the first cut.
     */
    public int currentCamera()
    {
        return currentCamera;
    }

    /**
     * @return number of {@code DirectorCut} messages sent since construction.
     */
    public long cuts()
    {
        return cuts;
    }

    /**
     * @return number of camera signals ignored for an unknown camera id or a score outside [0, 1].
     */
    public long invalidSignals()
    {
        return invalidSignals;
    }

    /**
     * @return ball zone in use, one of the {@code DirectorContext.ZONE_*} indices.
     */
    public int zone()
    {
        return zone;
    }

    /**
     * @param cameraId below {@link DirectorContext#MAX_CAMERAS}.
     * @return the camera's score for the current ball zone: weighted affinity, saliency and framing.
     */
    public double score(final int cameraId)
    {
        return zoneWeight * zoneAffinity[zone][cameraId] +
            saliencyWeight * saliency[cameraId] +
            framingWeight * framing[cameraId];
    }

    /**
     * Write the program camera, cut timers, goal sequence, ball location, counters and latest camera scores in
     * the layout of the class description. Allocation-free.
     *
     * @param buffer   to write into.
     * @param offset   where to start.
     * @param capacity bytes available from offset.
     * @return {@link #SNAPSHOT_LENGTH}, or -1 if capacity is smaller (then nothing is written).
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        if (capacity < SNAPSHOT_LENGTH)
        {
            return -1;
        }
        int cursor = offset;
        buffer.putInt(cursor, SNAPSHOT_MAGIC, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(cursor + 4, currentCamera, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(cursor + 8, (byte)(null == lastReason ? 0 : lastReason.value()));
        buffer.putByte(cursor + 9, (byte)mode);
        buffer.putByte(cursor + 10, (byte)zone);
        buffer.putLong(cursor + 11, nowNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 19, minShotEndsNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 27, holdEndsNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 35, modeEndsNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(cursor + 43, lastBallX, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 51, cuts, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(cursor + 59, invalidSignals, ByteOrder.LITTLE_ENDIAN);
        cursor += 67;
        for (int camera = 0; camera < DirectorContext.MAX_CAMERAS; camera++)
        {
            buffer.putDouble(cursor, framing[camera], ByteOrder.LITTLE_ENDIAN);
            cursor += 8;
        }
        for (int camera = 0; camera < DirectorContext.MAX_CAMERAS; camera++)
        {
            buffer.putDouble(cursor, saliency[camera], ByteOrder.LITTLE_ENDIAN);
            cursor += 8;
        }
        return cursor - offset;
    }

    /**
     * Restore a snapshot written by {@link #writeSnapshot} into this handler, which must be freshly constructed
     * with the same {@link DirectorContext}. Every check is made before any state changes, so a rejected snapshot
     * leaves the handler as it was.
     *
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length of the snapshot in bytes.
     * @throws IllegalArgumentException when the length is not {@link #SNAPSHOT_LENGTH}, the magic is not 'DIR1',
     *                                  or the camera (not in the camera plan), cut reason, mode, zone or a camera
     *                                  score (outside [0, 1]) is invalid.
     */
    public void loadSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (SNAPSHOT_LENGTH != length)
        {
            throw new IllegalArgumentException(
                "director snapshot must be " + SNAPSHOT_LENGTH + " bytes, got " + length);
        }
        final int magic = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        if (SNAPSHOT_MAGIC != magic)
        {
            throw new IllegalArgumentException("not a director snapshot: magic 0x" + Integer.toHexString(magic));
        }
        final int camera = buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
        if (camera < 0 || camera >= DirectorContext.MAX_CAMERAS || null == shotTypes[camera])
        {
            throw new IllegalArgumentException("director snapshot camera " + camera + " is not in the camera plan");
        }
        final int reasonRaw = buffer.getByte(offset + 8) & 0xFF;
        final CutReason reason = 0 == reasonRaw ? null : CutReason.get((short)reasonRaw);
        if (CutReason.NULL_VAL == reason)
        {
            throw new IllegalArgumentException("director snapshot cut reason is NULL_VAL");
        }
        final int loadedMode = buffer.getByte(offset + 9) & 0xFF;
        if (loadedMode > MODE_REPLAY)
        {
            throw new IllegalArgumentException("director snapshot mode " + loadedMode);
        }
        final int loadedZone = buffer.getByte(offset + 10) & 0xFF;
        if (loadedZone >= DirectorContext.ZONE_COUNT)
        {
            throw new IllegalArgumentException("director snapshot zone " + loadedZone);
        }
        final int scoresOffset = offset + 67;
        for (int i = 0; i < 2 * DirectorContext.MAX_CAMERAS; i++)
        {
            final double score = buffer.getDouble(scoresOffset + i * 8, ByteOrder.LITTLE_ENDIAN);
            if (!(score >= 0.0 && score <= 1.0))
            {
                throw new IllegalArgumentException("director snapshot camera score " + score + " outside [0, 1]");
            }
        }

        currentCamera = camera;
        lastReason = reason;
        mode = loadedMode;
        zone = loadedZone;
        nowNs = buffer.getLong(offset + 11, ByteOrder.LITTLE_ENDIAN);
        minShotEndsNs = buffer.getLong(offset + 19, ByteOrder.LITTLE_ENDIAN);
        holdEndsNs = buffer.getLong(offset + 27, ByteOrder.LITTLE_ENDIAN);
        modeEndsNs = buffer.getLong(offset + 35, ByteOrder.LITTLE_ENDIAN);
        lastBallX = buffer.getDouble(offset + 43, ByteOrder.LITTLE_ENDIAN);
        cuts = buffer.getLong(offset + 51, ByteOrder.LITTLE_ENDIAN);
        invalidSignals = buffer.getLong(offset + 59, ByteOrder.LITTLE_ENDIAN);
        int cursor = scoresOffset;
        for (int c = 0; c < DirectorContext.MAX_CAMERAS; c++)
        {
            framing[c] = buffer.getDouble(cursor, ByteOrder.LITTLE_ENDIAN);
            cursor += 8;
        }
        for (int c = 0; c < DirectorContext.MAX_CAMERAS; c++)
        {
            saliency[c] = buffer.getDouble(cursor, ByteOrder.LITTLE_ENDIAN);
            cursor += 8;
        }
    }

    private void onGoal()
    {
        final int camera = lastBallX >= halfwayX ? rightCloseUpCamera : leftCloseUpCamera;
        holdEndsNs = Long.MIN_VALUE;
        mode = MODE_CELEBRATION;
        modeEndsNs = nowNs + celebrationHoldNs;
        forcedCut(camera, shotTypes[camera], CutReason.GOAL);
    }

    private void onPeriod(final CutReason reason)
    {
        holdEndsNs = Long.MIN_VALUE;
        mode = MODE_LIVE;
        forcedCut(wideCamera, shotTypes[wideCamera], reason);
    }

    private boolean forcedCut(final int camera, final ShotType shot, final CutReason reason)
    {
        if (camera == currentCamera && reason == lastReason)
        {
            return false;
        }
        cut(camera, shot, reason);
        return true;
    }

    private void selectCamera()
    {
        if (MODE_LIVE != mode || nowNs < minShotEndsNs || nowNs < holdEndsNs)
        {
            return;
        }

        final double[] affinity = zoneAffinity[zone];
        int best = -1;
        double bestScore = 0.0;
        for (int camera = 0; camera < DirectorContext.MAX_CAMERAS; camera++)
        {
            if (affinity[camera] > 0.0)
            {
                final double score = score(camera);
                if (best < 0 || score > bestScore)
                {
                    best = camera;
                    bestScore = score;
                }
            }
        }

        if (best < 0 || best == currentCamera || !(bestScore > score(currentCamera) + hysteresis))
        {
            return;
        }

        final CutReason reason = affinity[best] > affinity[currentCamera] ? CutReason.BALL_ZONE : CutReason.SALIENCY;
        cut(best, shotTypes[best], reason);
    }

    private void cut(final int camera, final ShotType shot, final CutReason reason)
    {
        egress.directorCut(camera, shot, reason);
        currentCamera = camera;
        lastReason = reason;
        minShotEndsNs = nowNs + minShotNs;
        cuts++;
    }

    private int zoneOf(final double x)
    {
        if (x < leftBoxX)
        {
            return DirectorContext.ZONE_LEFT_BOX;
        }
        if (x < leftThirdX)
        {
            return DirectorContext.ZONE_LEFT_THIRD;
        }
        if (x < rightThirdX)
        {
            return DirectorContext.ZONE_MIDDLE;
        }
        if (x <= rightBoxX)
        {
            return DirectorContext.ZONE_RIGHT_THIRD;
        }
        return DirectorContext.ZONE_RIGHT_BOX;
    }
}
