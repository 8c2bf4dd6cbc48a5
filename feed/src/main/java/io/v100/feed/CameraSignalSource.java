package io.v100.feed;

import io.v100.sbe.CameraSignalEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * Framing and saliency of the five cameras, each every {@link VideoFeedContext#cameraIntervalNs()}, over the video span.
 * <p>
 * Camera roles: 1 wide (always medium saliency, mean 0.5), 2 the left half (ball x &lt; 60), 3 the right half
 * (x &ge; 60), 4 the left penalty box (x &lt; 18), 5 the right penalty box (x &gt; 102), on StatsBomb's 120 x 80
 * pitch. The ball x is that of the latest match event with a location at or before the sample; a HALF_START or
 * HALF_END clears it until the next located event (no play). A camera holding the ball has mean saliency 0.75
 * (halves) or 0.9 (boxes), otherwise 0.15 (halves) or 0.1 (boxes); with no ball every camera but the wide one has
 * mean 0.1. Saliency = clamp(mean + N(0, 0.05)), framing = clamp(0.8 + N(0, 0.08)), both in [0, 1].
 */
final class CameraSignalSource implements FrameSource
{
    /** Cameras 1..CAMERA_COUNT. */
    static final int CAMERA_COUNT = 5;

    private static final double FRAMING_MEAN = 0.8;
    private static final double FRAMING_SD = 0.08;
    private static final double SALIENCY_SD = 0.05;
    private static final float HALF_LINE_X = 60f;
    private static final float LEFT_BOX_X = 18f;
    private static final float RIGHT_BOX_X = 102f;

    private final CameraSignalEncoder encoder = new CameraSignalEncoder();
    private final SplittableRandom random;
    private final long startNs;
    private final long intervalNs;
    private final long tickCount;
    private final FeedMatchEvent[] events;
    private final long[] eventTimestampsNs;
    private int eventCursor;
    private float ballX = Float.NaN;
    private long tick;
    private int camera = 1;

    CameraSignalSource(
        final long startNs,
        final long endNs,
        final FeedContext context,
        final MatchEventSource matchEvents,
        final SplittableRandom random)
    {
        this.random = random;
        this.startNs = startNs;
        this.intervalNs = context.video().cameraIntervalNs();
        this.tickCount = (Math.max(0L, endNs - startNs) + intervalNs - 1) / intervalNs;
        this.events = matchEvents.events();
        this.eventTimestampsNs = matchEvents.timestampsNs();
    }

    /**
     * @param cameraId 1..5.
     * @param ballX    ball x on the 120 x 80 pitch, NaN when there is no play.
     * @return mean saliency of that camera.
     */
    static double saliencyMean(final int cameraId, final float ballX)
    {
        if (cameraId == 1)
        {
            return 0.5;
        }
        if (Float.isNaN(ballX))
        {
            return 0.1;
        }
        switch (cameraId)
        {
            case 2:
                return ballX < HALF_LINE_X ? 0.75 : 0.15;
            case 3:
                return ballX >= HALF_LINE_X ? 0.75 : 0.15;
            case 4:
                return ballX < LEFT_BOX_X ? 0.9 : 0.1;
            default:
                return ballX > RIGHT_BOX_X ? 0.9 : 0.1;
        }
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
        while (eventCursor < events.length && eventTimestampsNs[eventCursor] <= timestampNs)
        {
            final FeedMatchEvent event = events[eventCursor++];
            if (event.type() == MatchEventType.HALF_START || event.type() == MatchEventType.HALF_END)
            {
                ballX = Float.NaN;
            }
            else if (!Float.isNaN(event.x()))
            {
                ballX = event.x();
            }
        }
        final float framing = FeedRandom.clamp01(FRAMING_MEAN + FRAMING_SD * FeedRandom.gaussian(random));
        final float saliency = FeedRandom.clamp01(
            saliencyMean(camera, ballX) + SALIENCY_SD * FeedRandom.gaussian(random));
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .cameraId((short)camera)
            .framingScore(framing)
            .saliencyScore(saliency);
        if (++camera > CAMERA_COUNT)
        {
            camera = 1;
            tick++;
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return tickCount * CAMERA_COUNT;
    }

    public int templateId()
    {
        return CameraSignalEncoder.TEMPLATE_ID;
    }
}
