package io.v100.feed;

import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * One time-ordered stream of ingress frames merged by {@link IngressStream}.
 * <p>
 * A source emits its frames with non-decreasing {@code timestampNs}, so the merge by (timestampNs, source
 * priority, position in the source) only ever compares the heads of the sources.
 */
interface FrameSource
{
    /**
     * @return timestampNs of the next frame, {@link Long#MAX_VALUE} when the source is exhausted.
     */
    long nextTimestampNs();

    /**
     * Encodes the next frame (header then message) and moves past it.
     *
     * @param buffer         destination, large enough for any ingress frame.
     * @param offset         where the header goes.
     * @param header         header encoder to use.
     * @param clientId       client id to stamp.
     * @param clientSequence client sequence to stamp.
     * @return length of header plus message, bytes.
     */
    int encodeNext(MutableDirectBuffer buffer, int offset, MessageHeaderEncoder header, int clientId, long clientSequence);

    /**
     * @return number of frames this source emits in total.
     */
    long count();

    /**
     * @return SBE template id of this source's frames.
     */
    int templateId();
}
