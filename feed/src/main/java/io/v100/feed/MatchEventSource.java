package io.v100.feed;

import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * The mapped StatsBomb events as MatchEvent frames at their wall time ({@link MatchTimeline#timestampNs}).
 */
final class MatchEventSource implements FrameSource
{
    private final MatchEventEncoder encoder = new MatchEventEncoder();
    private final FeedMatchEvent[] events;
    private final long[] timestampsNs;
    private int next;

    MatchEventSource(final List<FeedMatchEvent> events, final MatchTimeline timeline)
    {
        this.events = events.toArray(new FeedMatchEvent[0]);
        this.timestampsNs = new long[this.events.length];
        for (int i = 0; i < this.events.length; i++)
        {
            timestampsNs[i] = timeline.timestampNs(this.events[i].period(), this.events[i].periodTimeNs());
        }
    }

    /**
     * @return wall time of every event, in event order (shared, not copied: callers must not modify it).
     */
    long[] timestampsNs()
    {
        return timestampsNs;
    }

    /**
     * @return the events in order (shared, not copied: callers must not modify it).
     */
    FeedMatchEvent[] events()
    {
        return events;
    }

    public long nextTimestampNs()
    {
        return next < events.length ? timestampsNs[next] : Long.MAX_VALUE;
    }

    public int encodeNext(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder header,
        final int clientId,
        final long clientSequence)
    {
        final FeedMatchEvent event = events[next];
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .timestampNs(timestampsNs[next])
            .period((short)event.period())
            .matchClockMs(event.matchClockMs())
            .eventType(event.type())
            .teamId(event.teamId())
            .playerId(event.playerId())
            .x(event.x())
            .y(event.y())
            .xg(event.xg());
        next++;
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long count()
    {
        return events.length;
    }

    public int templateId()
    {
        return MatchEventEncoder.TEMPLATE_ID;
    }
}
