package io.v100.feed;

import io.v100.sbe.BooleanType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * The program feed: one VideoFrame per frame period across the rendition ladder, continuous through the breaks.
 * <p>
 * Frame n is captured at {@code start + n * 1e9 / fps} ns with PTS {@code n * 90000 / fps} 90 kHz ticks
 * (ISO/IEC 13818-1 §2.4.3.6; 3600 ticks per frame at 25 fps) from 0 at the first frame; every
 * {@link VideoFeedContext#idrIntervalFrames()}-th frame, from frame 0, is an IDR frame on every rendition (closed GOPs,
 * so a segmenter may cut there). Sizes: a rendition of b kbit/s averages b * 1000 / 8 / fps bytes per frame;
 * within a GOP of G frames an IDR frame is k = {@link VideoFeedContext#idrSizeFactor()} times a predicted frame, so a
 * predicted frame averages {@code mean * G / (G - 1 + k)} and the GOP keeps the bitrate; each size is then
 * scaled by a seeded uniform factor in [1 - v, 1 + v] of mean 1.
 */
final class VideoFrameSource implements FrameSource
{
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long PTS_HZ = 90_000L;

    private final VideoFrameEncoder encoder = new VideoFrameEncoder();
    private final SplittableRandom random;
    private final long startNs;
    private final int fps;
    private final int idrInterval;
    private final double variation;
    private final double[] predictedMeanBytes;
    private final double[] idrMeanBytes;
    private final long frameCount;
    private long next;

    VideoFrameSource(final long startNs, final long endNs, final FeedContext context, final SplittableRandom random)
    {
        this.random = random;
        this.startNs = startNs;
        this.fps = context.video().videoFps();
        this.idrInterval = context.video().idrIntervalFrames();
        this.variation = context.video().frameSizeVariation();
        final int[] bitrates = context.video().renditionBitratesKbps();
        predictedMeanBytes = new double[bitrates.length];
        idrMeanBytes = new double[bitrates.length];
        final double k = context.video().idrSizeFactor();
        for (int r = 0; r < bitrates.length; r++)
        {
            final double meanBytes = bitrates[r] * 1000.0 / 8.0 / fps;
            predictedMeanBytes[r] = meanBytes * idrInterval / (idrInterval - 1 + k);
            idrMeanBytes[r] = predictedMeanBytes[r] * k;
        }
        final long spanNs = Math.max(0L, endNs - startNs);
        frameCount = (spanNs * fps + NS_PER_SECOND - 1) / NS_PER_SECOND;
    }

    /**
     * @param frameIndex frame number from 0.
     * @return capture time of the frame, ns since the Unix epoch.
     */
    long timestampNs(final long frameIndex)
    {
        return startNs + frameIndex * NS_PER_SECOND / fps;
    }

    /**
     * @param timestampNs a time at or after the first frame.
     * @return PTS, 90 kHz ticks, of the frame being captured at that time.
     */
    long ptsAt(final long timestampNs)
    {
        final long frameIndex = (timestampNs - startNs) * fps / NS_PER_SECOND;
        return frameIndex * PTS_HZ / fps;
    }

    public long nextTimestampNs()
    {
        return next < frameCount ? timestampNs(next) : Long.MAX_VALUE;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        final boolean idr = next % idrInterval == 0;
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs(next))
            .pts(next * PTS_HZ / fps)
            .idr(idr ? BooleanType.TRUE : BooleanType.FALSE);
        final double[] means = idr ? idrMeanBytes : predictedMeanBytes;
        final VideoFrameEncoder.RenditionsEncoder renditions = encoder.renditionsCount(means.length);
        for (int r = 0; r < means.length; r++)
        {
            final double factor = 1.0 + variation * (2.0 * random.nextDouble() - 1.0);
            renditions.next().renditionId((short)r).frameBytes((int)Math.max(1L, Math.round(means[r] * factor)));
        }
        next++;
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return frameCount;
    }

    public int templateId()
    {
        return VideoFrameEncoder.TEMPLATE_ID;
    }
}
