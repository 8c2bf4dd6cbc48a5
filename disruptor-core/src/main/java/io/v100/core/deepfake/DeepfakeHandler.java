package io.v100.core.deepfake;

import io.v100.core.BroadcastHandler;
import io.v100.core.EgressProxy;
import io.v100.sbe.AlertState;
import io.v100.sbe.DetectorScoreDecoder;

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
 */
public final class DeepfakeHandler implements BroadcastHandler
{
    private final EgressProxy egress;
    private final Cusum[] cusums = new Cusum[DeepfakeContext.MAX_CAMERAS];

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
        for (int i = 0; i < cusums.length; i++)
        {
            cusums[i] = new Cusum(
                context.inControlMean(), context.allowance(), context.threshold(), context.clearThreshold());
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
}
