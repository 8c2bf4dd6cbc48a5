package io.v100.feed;

import io.v100.sbe.DetectorScoreEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * Deepfake detector scores for cameras 1..5, each every {@link VideoFeedContext#detectorIntervalNs()}, over the video
 * span, with the PTS of the video frame captured at that time.
 * <p>
 * Clean frames score clamp(0.10 + N(0, 0.04)); during the one injected manipulation (camera
 * {@link VideoFeedContext#manipulatedCameraId()}, [start, end) in wall time) that camera scores clamp(0.80 + N(0, 0.08)),
 * a mean shift a CUSUM detector (Page, Biometrika 41, 1954) should raise an alert on and clear after.
 */
final class DetectorScoreSource implements FrameSource
{
    private static final double CLEAN_MEAN = 0.10;
    private static final double CLEAN_SD = 0.04;
    private static final double MANIPULATED_MEAN = 0.80;
    private static final double MANIPULATED_SD = 0.08;

    private final DetectorScoreEncoder encoder = new DetectorScoreEncoder();
    private final SplittableRandom random;
    private final VideoFrameSource video;
    private final long startNs;
    private final long intervalNs;
    private final long tickCount;
    private final int manipulatedCameraId;
    private final long manipulatedStartNs;
    private final long manipulatedEndNs;
    private long tick;
    private int camera = 1;

    DetectorScoreSource(
        final long startNs,
        final long endNs,
        final FeedContext context,
        final VideoFrameSource video,
        final long manipulatedStartNs,
        final long manipulatedEndNs,
        final SplittableRandom random)
    {
        this.random = random;
        this.video = video;
        this.startNs = startNs;
        this.intervalNs = context.video().detectorIntervalNs();
        this.tickCount = (Math.max(0L, endNs - startNs) + intervalNs - 1) / intervalNs;
        this.manipulatedCameraId = context.video().manipulatedCameraId();
        this.manipulatedStartNs = manipulatedStartNs;
        this.manipulatedEndNs = manipulatedEndNs;
    }

    public long nextTimestampNs()
    {
        return tick < tickCount ? startNs + tick * intervalNs : Long.MAX_VALUE;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        final long timestampNs = startNs + tick * intervalNs;
        final boolean manipulated = camera == manipulatedCameraId &&
            timestampNs >= manipulatedStartNs && timestampNs < manipulatedEndNs;
        final double score = manipulated ?
            MANIPULATED_MEAN + MANIPULATED_SD * FeedRandom.gaussian(random) :
            CLEAN_MEAN + CLEAN_SD * FeedRandom.gaussian(random);
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .cameraId((short)camera)
            .pts(video.ptsAt(timestampNs))
            .score(FeedRandom.clamp01(score));
        if (++camera > CameraSignalSource.CAMERA_COUNT)
        {
            camera = 1;
            tick++;
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return tickCount * CameraSignalSource.CAMERA_COUNT;
    }

    public int templateId()
    {
        return DetectorScoreEncoder.TEMPLATE_ID;
    }
}
