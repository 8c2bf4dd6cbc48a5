package io.v100.feed;

import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchTimelineTest
{
    private static final long KICKOFF_NS = TimeUnit.SECONDS.toNanos(Instant.parse("2022-12-18T15:00:00Z").getEpochSecond());

    private static long minutes(final double minutes)
    {
        return (long)(minutes * 60_000_000_000L);
    }

    @Test
    void shouldPlaceExtraTimeAndShootOutAfterTheirBreaks() throws IOException
    {
        final StatsBombMatch match = FeedFixtures.synthetic("extra-time-shootout.json");
        final MatchTimeline timeline = new MatchTimeline(match, new FeedContext().kickoffNs(KICKOFF_NS));

        // Periods last 45:00, 46:00, 15:30, 16:00; breaks 15, 5, 1 and 5 min.
        assertEquals(KICKOFF_NS, timeline.periodStartNs(1));
        assertEquals(KICKOFF_NS + minutes(45 + 15), timeline.periodStartNs(2));
        assertEquals(KICKOFF_NS + minutes(60 + 46 + 5), timeline.periodStartNs(3));
        assertEquals(KICKOFF_NS + minutes(111 + 15.5 + 1), timeline.periodStartNs(4));
        assertEquals(KICKOFF_NS + minutes(127.5 + 16 + 5), timeline.periodStartNs(5));
        assertEquals(KICKOFF_NS + minutes(148.5 + 5), timeline.endOfPlayNs());
        assertEquals(KICKOFF_NS + minutes(60 + 46), timeline.endOfNormalTimeNs());
        assertEquals(KICKOFF_NS + minutes(111 + 7) + 200_000_000L, timeline.timestampNs(3, minutes(7) + 200_000_000L));
    }

    @Test
    void shouldUseConfiguredBreaks() throws IOException
    {
        final StatsBombMatch match = FeedFixtures.synthetic("extra-time-shootout.json");
        final FeedContext context = new FeedContext()
            .kickoffNs(KICKOFF_NS)
            .breakBeforePeriodNs(2, minutes(20))
            .breakBeforePeriodNs(3, 0)
            .breakBeforePeriodNs(4, minutes(2))
            .breakBeforePeriodNs(5, minutes(10));
        final MatchTimeline timeline = new MatchTimeline(match, context);
        assertEquals(KICKOFF_NS + minutes(45 + 20), timeline.periodStartNs(2));
        assertEquals(KICKOFF_NS + minutes(65 + 46), timeline.periodStartNs(3));
        assertEquals(KICKOFF_NS + minutes(111 + 15.5 + 2), timeline.periodStartNs(4));
        assertEquals(KICKOFF_NS + minutes(128.5 + 16 + 10), timeline.periodStartNs(5));
    }

    @Test
    void shouldReportOnlyPresentPeriods() throws IOException
    {
        final MatchTimeline timeline = new MatchTimeline(FeedFixtures.synthetic("cards.json"), new FeedContext());
        assertTrue(timeline.hasPeriod(1));
        assertFalse(timeline.hasPeriod(2));
        assertEquals(timeline.endOfPlayNs(), timeline.endOfNormalTimeNs());
    }

    @Test
    void shouldStampExtraTimeMatchEventsWithTheirWallTime() throws IOException
    {
        final StatsBombMatch match = FeedFixtures.synthetic("extra-time-shootout.json");
        final FeedContext context = new FeedContext().kickoffNs(KICKOFF_NS);
        context.viewers().viewerCount(10);
        final IngressStream stream = new IngressStream(match, context, FeedFixtures.FAKE_ODDS, FeedFixtures.FAKE_KIDS);
        final RecordedFeed feed = RecordedFeed.generate(stream);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MatchEventDecoder event = new MatchEventDecoder();
        int checked = 0;
        for (int i = 0; i < feed.size(); i++)
        {
            header.wrap(feed.buffer, feed.offset(i));
            if (header.templateId() == MatchEventDecoder.TEMPLATE_ID)
            {
                event.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
                if (event.eventType() == MatchEventType.GOAL && event.period() == 3)
                {
                    assertEquals(KICKOFF_NS + minutes(111 + 7) + 200_000_000L, event.timestampNs());
                    assertEquals(97 * 60_000L + 200, event.matchClockMs());
                    checked++;
                }
                if (event.eventType() == MatchEventType.GOAL && event.period() == 4)
                {
                    assertEquals(KICKOFF_NS + minutes(127.5 + 3), event.timestampNs());
                    checked++;
                }
                if (event.period() == 5 && event.eventType() == MatchEventType.HALF_START)
                {
                    assertEquals(KICKOFF_NS + minutes(148.5), event.timestampNs());
                    checked++;
                }
            }
        }
        assertEquals(3, checked);
    }
}
