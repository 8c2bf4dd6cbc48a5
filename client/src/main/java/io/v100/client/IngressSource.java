package io.v100.client;

/**
 * The frames a {@link FeedRunner} sends, one at a time, numbered 1, 2, 3... by client sequence.
 */
public interface IngressSource
{
    /**
     * Produce the next frame.
     *
     * @param sink receiving the frame.
     * @return false once every frame has been produced (nothing is passed to the sink then).
     */
    boolean next(FrameSink sink);

    /**
     * @return frames this source produces in all.
     */
    long totalFrames();

    /**
     * @return frames produced so far.
     */
    long emitted();

    /**
     * @return timestamp of the latest frame produced, ns since the Unix epoch; 0 before the first.
     */
    long currentTimestampNs();

    /**
     * @return timestamp of the next frame, ns since the Unix epoch; {@link Long#MAX_VALUE} at the end. Lets a
     * sender pace the stream by event time.
     */
    long nextTimestampNs();
}
