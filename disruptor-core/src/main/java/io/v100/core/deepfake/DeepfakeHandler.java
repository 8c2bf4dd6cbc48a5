package io.v100.core.deepfake;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.sbe.AlertState;
import io.v100.sbe.DetectorScoreDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Fuses per-frame deepfake detector scores into per-camera stream alerts by sequential change detection.
 * <p>
 * Each camera id in {@code [0, }{@link DeepfakeContext#MAX_CAMERAS}{@code )} has its own {@link Cusum}
 * (Page's one-sided CUSUM, Biometrika 41 (1954) 100-115) built at construction. A {@code DetectorScore} feeds
 * its score to its camera's CUSUM; when the alert state of that camera changes, one
 * {@code DeepfakeAlert(cameraId, RAISED|CLEARED, pts, statistic)} is sent, where {@code pts} is the 90 kHz PTS
 * of the frame that changed the state and {@code statistic} the CUSUM value that crossed its threshold
 * ({@code S_n} on RAISED, {@code C_n} on CLEARED). Nothing is sent while the state holds.
 * <p>
 * Error behaviour: a score that is NaN or outside [0, 1] is ignored and counted in {@link #invalidScores()}; a
 * camera id at or above {@link DeepfakeContext#MAX_CAMERAS} is ignored and counted in {@link #unknownCameras()}.
 * Nothing throws and nothing allocates after construction. Time plays no part: the statistic advances one step
 * per score, so the decision depends only on the order of inputs.
 * <p>
 * {@link #writeSnapshot} and {@link #loadSnapshot} save and restore every camera's CUSUM statistics and alarm
 * flag and the counters (layout {@code DFK1}), so an alert raised before a restart is cleared after it exactly
 * as it would have been without one; only {@link #loadSnapshot} throws, on a snapshot it did not write.
 */
public final class DeepfakeHandler implements BroadcastHandler
{
    /**
     * First int32 of a deepfake snapshot, layout version 1: the ASCII bytes {@code "DFK1"} read as a
     * little-endian int32.
     */
    public static final int SNAPSHOT_MAGIC = 'D' | 'F' << 8 | 'K' << 16 | '1' << 24;

    /** Bytes of a deepfake snapshot before the per-camera CUSUM states; see {@link #writeSnapshot}. */
    public static final int SNAPSHOT_HEADER_LENGTH = 72;

    /** Length in bytes of a {@code DFK1} snapshot: header plus one {@link Cusum#SNAPSHOT_LENGTH} per camera. */
    public static final int SNAPSHOT_LENGTH =
        SNAPSHOT_HEADER_LENGTH + DeepfakeContext.MAX_CAMERAS * Cusum.SNAPSHOT_LENGTH;

    private static final ByteOrder SNAPSHOT_ORDER = ByteOrder.LITTLE_ENDIAN;

    private final EgressProxy egress;
    private final Cusum[] cusums = new Cusum[DeepfakeContext.MAX_CAMERAS];
    private final double inControlMean;
    private final double allowance;
    private final double threshold;
    private final double clearThreshold;

    private long alertsRaised;
    private long alertsCleared;
    private long invalidScores;
    private long unknownCameras;

    /**
     * @param context settings, validated here with {@link DeepfakeContext#conclude()}.
     * @param egress  where alerts are sent.
     * @throws IllegalArgumentException when the context is invalid.
     */
    public DeepfakeHandler(final DeepfakeContext context, final EgressProxy egress)
    {
        context.conclude();
        this.egress = egress;
        this.inControlMean = context.inControlMean();
        this.allowance = context.allowance();
        this.threshold = context.threshold();
        this.clearThreshold = context.clearThreshold();
        for (int i = 0; i < cusums.length; i++)
        {
            cusums[i] = new Cusum(inControlMean, allowance, threshold, clearThreshold);
        }
    }

    /**
     * @param detectorScore one detector output: camera id, PTS in 90 kHz ticks, score in [0, 1].
     */
    public void onDetectorScore(final DetectorScoreDecoder detectorScore)
    {
        final int cameraId = detectorScore.cameraId();
        if (cameraId >= cusums.length)
        {
            unknownCameras++;
            return;
        }

        final float score = detectorScore.score();
        if (!(score >= 0.0f && score <= 1.0f))
        {
            invalidScores++;
            return;
        }

        final Cusum cusum = cusums[cameraId];
        final int change = cusum.update(score);
        if (Cusum.RAISED == change)
        {
            alertsRaised++;
            egress.deepfakeAlert(cameraId, AlertState.RAISED, detectorScore.pts(), (float)cusum.lastStatistic());
        }
        else if (Cusum.CLEARED == change)
        {
            alertsCleared++;
            egress.deepfakeAlert(cameraId, AlertState.CLEARED, detectorScore.pts(), (float)cusum.lastStatistic());
        }
    }

    /**
     * Write every camera's CUSUM state and the counters, layout {@code DFK1}, little-endian:
     * <pre>
     *   offset  type     field
     *        0  int32    magic "DFK1" ({@link #SNAPSHOT_MAGIC})
     *        4  int32    cameras, {@link DeepfakeContext#MAX_CAMERAS}
     *        8  float64  mu0, k, h, h_clear (4 x float64; settings, compared bit for bit on load)
     *       40  int64    alerts raised, alerts cleared, invalid scores, unknown cameras (4 x int64)
     *       72  cameras x {@link Cusum#SNAPSHOT_LENGTH}: S, C, last statistic (float64) and raised flag (uint8)
     * </pre>
     * {@link #SNAPSHOT_LENGTH} bytes in all. Allocates nothing.
     *
     * @param buffer   to write into.
     * @param offset   where to start.
     * @param capacity bytes available from offset.
     * @return {@link #SNAPSHOT_LENGTH}, or -1 if {@code capacity} is smaller (nothing written).
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        if (capacity < SNAPSHOT_LENGTH)
        {
            return -1;
        }

        buffer.putInt(offset, SNAPSHOT_MAGIC, SNAPSHOT_ORDER);
        buffer.putInt(offset + 4, cusums.length, SNAPSHOT_ORDER);
        buffer.putDouble(offset + 8, inControlMean, SNAPSHOT_ORDER);
        buffer.putDouble(offset + 16, allowance, SNAPSHOT_ORDER);
        buffer.putDouble(offset + 24, threshold, SNAPSHOT_ORDER);
        buffer.putDouble(offset + 32, clearThreshold, SNAPSHOT_ORDER);
        buffer.putLong(offset + 40, alertsRaised, SNAPSHOT_ORDER);
        buffer.putLong(offset + 48, alertsCleared, SNAPSHOT_ORDER);
        buffer.putLong(offset + 56, invalidScores, SNAPSHOT_ORDER);
        buffer.putLong(offset + 64, unknownCameras, SNAPSHOT_ORDER);
        int index = offset + SNAPSHOT_HEADER_LENGTH;
        for (final Cusum cusum : cusums)
        {
            index += cusum.writeSnapshot(buffer, index);
        }

        return index - offset;
    }

    /**
     * Restore the state written by {@link #writeSnapshot} (layout {@code DFK1}). Everything is checked before
     * anything is changed, so a refused snapshot leaves this handler as it was.
     *
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length of the snapshot in bytes; must be exactly {@link #SNAPSHOT_LENGTH}.
     * @throws IllegalArgumentException if the range lies outside the buffer, the magic is not {@code "DFK1"},
     *                                  the length is not exact, the camera count or CUSUM parameters differ from
     *                                  this handler's, or a CUSUM state is invalid
     *                                  ({@link Cusum#isValidSnapshot(DirectBuffer, int)}).
     */
    public void loadSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("snapshot range outside the buffer");
        }
        if (length < Integer.BYTES || buffer.getInt(offset, SNAPSHOT_ORDER) != SNAPSHOT_MAGIC)
        {
            throw new IllegalArgumentException("not a DFK1 snapshot");
        }
        if (length != SNAPSHOT_LENGTH)
        {
            throw new IllegalArgumentException("DFK1 snapshot of " + length + " bytes, expected " + SNAPSHOT_LENGTH);
        }
        if (buffer.getInt(offset + 4, SNAPSHOT_ORDER) != cusums.length ||
            !sameBits(buffer.getDouble(offset + 8, SNAPSHOT_ORDER), inControlMean) ||
            !sameBits(buffer.getDouble(offset + 16, SNAPSHOT_ORDER), allowance) ||
            !sameBits(buffer.getDouble(offset + 24, SNAPSHOT_ORDER), threshold) ||
            !sameBits(buffer.getDouble(offset + 32, SNAPSHOT_ORDER), clearThreshold))
        {
            throw new IllegalArgumentException("DFK1 snapshot taken under other settings");
        }
        for (int i = 0; i < cusums.length; i++)
        {
            if (!Cusum.isValidSnapshot(buffer, offset + SNAPSHOT_HEADER_LENGTH + i * Cusum.SNAPSHOT_LENGTH))
            {
                throw new IllegalArgumentException("DFK1 snapshot with an invalid CUSUM state for camera " + i);
            }
        }

        alertsRaised = buffer.getLong(offset + 40, SNAPSHOT_ORDER);
        alertsCleared = buffer.getLong(offset + 48, SNAPSHOT_ORDER);
        invalidScores = buffer.getLong(offset + 56, SNAPSHOT_ORDER);
        unknownCameras = buffer.getLong(offset + 64, SNAPSHOT_ORDER);
        for (int i = 0; i < cusums.length; i++)
        {
            cusums[i].loadSnapshot(buffer, offset + SNAPSHOT_HEADER_LENGTH + i * Cusum.SNAPSHOT_LENGTH);
        }
    }

    /**
     * @return number of RAISED alerts sent since construction.
     */
    public long alertsRaised()
    {
        return alertsRaised;
    }

    /**
     * @return number of CLEARED alerts sent since construction.
     */
    public long alertsCleared()
    {
        return alertsCleared;
    }

    /**
     * @return number of scores ignored for being NaN or outside [0, 1].
     */
    public long invalidScores()
    {
        return invalidScores;
    }

    /**
     * @return number of scores ignored for a camera id at or above {@link DeepfakeContext#MAX_CAMERAS}.
     */
    public long unknownCameras()
    {
        return unknownCameras;
    }

    /**
     * @param cameraId camera to query.
     * @return true while that camera's alert is raised; false for an id outside the camera range.
     */
    public boolean isRaised(final int cameraId)
    {
        return cameraId >= 0 && cameraId < cusums.length && cusums[cameraId].isRaised();
    }

    private static boolean sameBits(final double a, final double b)
    {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
