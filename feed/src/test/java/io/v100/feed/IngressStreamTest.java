package io.v100.feed;

import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.BooleanType;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.Selection;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.VideoFrameDecoder;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole ingress of the real match with default settings, generated once and decoded frame by frame.
 */
class IngressStreamTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long KICKOFF_NS = FeedContext.KICKOFF_NS_DEFAULT;
    private static final long MATCH_ID = 15986L;

    private static StatsBombMatch match;
    private static IngressStream stream;
    private static RecordedFeed feed;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @BeforeAll
    static void generate() throws IOException
    {
        match = FeedFixtures.realMatch();
        stream = new IngressStream(match, new FeedContext(), FeedFixtures.FAKE_ODDS, FeedFixtures.FAKE_KIDS);
        feed = RecordedFeed.generate(stream);
    }

    private int templateId(final int index)
    {
        return header.wrap(feed.buffer, feed.offset(index)).templateId();
    }

    private long wallTime(final Goal goal)
    {
        return stream.summary().timeline().timestampNs(goal.period(), goal.periodTimeNs());
    }

    @Test
    void shouldEmitEveryPlannedFrameAndStopAtTheEnd()
    {
        assertEquals(stream.totalFrames(), feed.size());
        assertEquals(stream.totalFrames(), stream.emitted());
        assertFalse(stream.next((buffer, offset, length) -> { throw new AssertionError("frame after the end"); }));
        assertEquals(Long.MAX_VALUE, stream.nextTimestampNs());
    }

    @Test
    void shouldDecodeEveryFrameWithSchemaHeaderAndCountsOfTheSummary()
    {
        final long[] counts = new long[StatusRequestDecoder.TEMPLATE_ID + 1];
        for (int i = 0; i < feed.size(); i++)
        {
            header.wrap(feed.buffer, feed.offset(i));
            assertEquals(100, header.schemaId());
            assertEquals(1, header.version());
            final int templateId = header.templateId();
            assertTrue(templateId >= FixtureDecoder.TEMPLATE_ID && templateId < StatusRequestDecoder.TEMPLATE_ID,
                "template " + templateId);
            counts[templateId]++;
            final int expectedLength = MessageHeaderDecoder.ENCODED_LENGTH + decodedLength(templateId, feed.offset(i));
            assertEquals(expectedLength, feed.lengths.getInt(i));
        }
        final FeedSummary summary = stream.summary();
        for (int templateId = FixtureDecoder.TEMPLATE_ID; templateId < counts.length; templateId++)
        {
            assertEquals(summary.count(templateId), counts[templateId], "template " + templateId);
        }
        assertEquals(1, counts[FixtureDecoder.TEMPLATE_ID]);
        assertEquals(match.events().size(), counts[MatchEventDecoder.TEMPLATE_ID]);
        assertEquals(0, counts[StatusRequestDecoder.TEMPLATE_ID]);
    }

    private int decodedLength(final int templateId, final int offset)
    {
        switch (templateId)
        {
            case FixtureDecoder.TEMPLATE_ID:
                return new FixtureDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
            case MatchEventDecoder.TEMPLATE_ID:
                return new MatchEventDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
            case VideoFrameDecoder.TEMPLATE_ID:
            {
                final VideoFrameDecoder video = new VideoFrameDecoder().wrapAndApplyHeader(feed.buffer, offset, header);
                final VideoFrameDecoder.RenditionsDecoder renditions = video.renditions();
                while (renditions.hasNext())
                {
                    renditions.next();
                }
                return video.encodedLength();
            }
            case 4:
                return new CameraSignalDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
            case 5:
                return new DetectorScoreDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
            case 6:
                return new BetRequestDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
            case 7:
                return new EntitlementGrantDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
            default:
                return new LicenseRequestDecoder().wrapAndApplyHeader(feed.buffer, offset, header).encodedLength();
        }
    }

    @Test
    void shouldOrderByTimestampWithIncreasingClientSequence()
    {
        final FixtureDecoder decoder = new FixtureDecoder();
        long previousTimestampNs = Long.MIN_VALUE;
        for (int i = 0; i < feed.size(); i++)
        {
            // clientId, clientSequence and timestampNs lead every ingress block, so one decoder reads them all.
            decoder.wrap(feed.buffer, feed.offset(i) + MessageHeaderDecoder.ENCODED_LENGTH,
                FixtureDecoder.BLOCK_LENGTH, FixtureDecoder.SCHEMA_VERSION);
            assertEquals(1, decoder.clientId());
            assertEquals(i + 1L, decoder.clientSequence());
            assertTrue(decoder.timestampNs() >= previousTimestampNs, "frame " + i);
            previousTimestampNs = decoder.timestampNs();
        }
        assertEquals(previousTimestampNs, stream.currentTimestampNs());
    }

    @Test
    void shouldStartWithTheFixture()
    {
        assertEquals(FixtureDecoder.TEMPLATE_ID, templateId(0));
        final FixtureDecoder fixture = new FixtureDecoder().wrapAndApplyHeader(feed.buffer, feed.offset(0), header);
        assertEquals(MATCH_ID, fixture.matchId());
        assertEquals(217, fixture.homeTeamId());
        assertEquals(211, fixture.awayTeamId());
        assertEquals(KICKOFF_NS, fixture.kickoffNs());
        assertEquals(KICKOFF_NS - 60 * SECOND_NS, fixture.timestampNs());
        assertEquals(2.2f, fixture.homeGoalRate());
        assertEquals(0.8f, fixture.awayGoalRate());
    }

    @Test
    void shouldStampMatchEventsWithPeriodStartPlusTimestamp()
    {
        final MatchEventDecoder event = new MatchEventDecoder();
        final List<Long> goalTimes = new ArrayList<>();
        int redCards = 0;
        for (int i = 0; i < feed.size(); i++)
        {
            if (templateId(i) != MatchEventDecoder.TEMPLATE_ID)
            {
                continue;
            }
            event.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
            if (event.eventType() == MatchEventType.GOAL)
            {
                goalTimes.add(event.timestampNs());
            }
            if (event.eventType() == MatchEventType.RED_CARD)
            {
                redCards++;
                assertEquals(6826, event.playerId());
            }
        }
        // First half 00:00 to 48:01.108, then a 15 min break: the second half starts 63:01.108 after kick-off.
        final long secondHalfNs = ((63 * 60) + 1) * SECOND_NS + 108_000_000L;
        assertEquals(List.of(
            KICKOFF_NS + (18 * 60 + 21) * SECOND_NS + 121_000_000L,
            KICKOFF_NS + (44 * 60 + 29) * SECOND_NS + 908_000_000L,
            KICKOFF_NS + secondHalfNs + (5 * 60 + 18) * SECOND_NS + 479_000_000L,
            KICKOFF_NS + secondHalfNs + (17 * 60 + 11) * SECOND_NS + 272_000_000L), goalTimes);
        assertEquals(1, redCards);
    }

    @Test
    void shouldEmitVideoAt25FpsWithIdrEvery50FramesAndPtsStep3600()
    {
        final VideoFrameDecoder video = new VideoFrameDecoder();
        final long[] bytesByRendition = new long[4];
        long frames = 0;
        long previousTimestampNs = 0;
        for (int i = 0; i < feed.size(); i++)
        {
            if (templateId(i) != VideoFrameDecoder.TEMPLATE_ID)
            {
                continue;
            }
            video.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
            assertEquals(frames * 3600, video.pts());
            assertEquals(frames % 50 == 0 ? BooleanType.TRUE : BooleanType.FALSE, video.idr());
            if (frames == 0)
            {
                assertEquals(KICKOFF_NS - 60 * SECOND_NS, video.timestampNs());
            }
            else
            {
                assertEquals(40_000_000L, video.timestampNs() - previousTimestampNs);
            }
            previousTimestampNs = video.timestampNs();
            final VideoFrameDecoder.RenditionsDecoder renditions = video.renditions();
            assertEquals(4, renditions.count());
            int rendition = 0;
            for (final VideoFrameDecoder.RenditionsDecoder r : renditions)
            {
                assertEquals(rendition, r.renditionId());
                bytesByRendition[rendition++] += r.frameBytes();
            }
            frames++;
        }
        final FeedSummary summary = stream.summary();
        assertEquals(summary.videoStartNs(), KICKOFF_NS - 60 * SECOND_NS);
        assertEquals(summary.videoEndNs(), summary.timeline().endOfPlayNs() + 30 * SECOND_NS);
        assertEquals((summary.videoEndNs() - summary.videoStartNs() + 39_999_999L) / 40_000_000L, frames);
        final double[] expectedBytesPerFrame = { 6_000_000 / 8.0 / 25, 3_000_000 / 8.0 / 25, 1_500_000 / 8.0 / 25, 700_000 / 8.0 / 25 };
        for (int r = 0; r < 4; r++)
        {
            final double average = (double)bytesByRendition[r] / frames;
            assertEquals(expectedBytesPerFrame[r], average, expectedBytesPerFrame[r] * 0.02, "rendition " + r);
        }
    }

    @Test
    void shouldRaiseDetectorScoresOfCamera3DuringTheManipulation()
    {
        final FeedSummary summary = stream.summary();
        final long startNs = KICKOFF_NS + 20 * 60 * SECOND_NS;
        final long endNs = KICKOFF_NS + 21 * 60 * SECOND_NS;
        assertEquals(3, summary.manipulatedCameraId());
        assertEquals(startNs, summary.manipulatedStartNs());
        assertEquals(endNs, summary.manipulatedEndNs());
        assertEquals((startNs - summary.videoStartNs()) / 40_000_000L * 3600, summary.manipulatedStartPts());

        final DetectorScoreDecoder score = new DetectorScoreDecoder();
        double insideSum = 0;
        int inside = 0;
        double outsideSum = 0;
        int outside = 0;
        for (int i = 0; i < feed.size(); i++)
        {
            if (templateId(i) != DetectorScoreDecoder.TEMPLATE_ID)
            {
                continue;
            }
            score.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
            assertEquals((score.timestampNs() - summary.videoStartNs()) / 40_000_000L * 3600, score.pts());
            assertTrue(score.score() >= 0f && score.score() <= 1f);
            if (score.cameraId() == 3 && score.timestampNs() >= startNs && score.timestampNs() < endNs)
            {
                insideSum += score.score();
                inside++;
            }
            else
            {
                outsideSum += score.score();
                outside++;
            }
        }
        assertEquals(60 * 5, inside);
        assertEquals(0.80, insideSum / inside, 0.02);
        assertEquals(0.10, outsideSum / outside, 0.01);
    }

    @Test
    void shouldCorrelateCameraSaliencyWithTheBallZoneOfTheLatestMatchEvent()
    {
        final MatchEventDecoder event = new MatchEventDecoder();
        final CameraSignalDecoder camera = new CameraSignalDecoder();
        float ballX = Float.NaN;
        final double[] sum = new double[6];
        final int[] count = new int[6];
        final double[] rightBoxSum = new double[6];
        final int[] rightBoxCount = new int[6];
        for (int i = 0; i < feed.size(); i++)
        {
            final int templateId = templateId(i);
            if (templateId == MatchEventDecoder.TEMPLATE_ID)
            {
                event.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
                if (event.eventType() == MatchEventType.HALF_START || event.eventType() == MatchEventType.HALF_END)
                {
                    ballX = Float.NaN;
                }
                else if (!Float.isNaN(event.x()))
                {
                    ballX = event.x();
                }
            }
            else if (templateId == CameraSignalDecoder.TEMPLATE_ID)
            {
                camera.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
                assertTrue(camera.framingScore() >= 0f && camera.framingScore() <= 1f);
                if (ballX > 102f)
                {
                    rightBoxSum[camera.cameraId()] += camera.saliencyScore();
                    rightBoxCount[camera.cameraId()]++;
                }
                sum[camera.cameraId()] += camera.saliencyScore();
                count[camera.cameraId()]++;
            }
        }
        assertTrue(rightBoxCount[5] > 0);
        assertEquals(0.9, rightBoxSum[5] / rightBoxCount[5], 0.02);
        assertEquals(0.75, rightBoxSum[3] / rightBoxCount[3], 0.02);
        assertEquals(0.15, rightBoxSum[2] / rightBoxCount[2], 0.02);
        assertEquals(0.1, rightBoxSum[4] / rightBoxCount[4], 0.02);
        assertEquals(0.5, sum[1] / count[1], 0.01);
        assertEquals(count[1], count[5]);
    }

    @Test
    void shouldGrantEntitlementsToAbout92PercentOfViewers()
    {
        final EntitlementGrantDecoder grant = new EntitlementGrantDecoder();
        final FeedSummary summary = stream.summary();
        final long expiryNs = summary.timeline().endOfPlayNs() + 6 * 3600 * SECOND_NS;
        int grants = 0;
        final boolean[] seen = new boolean[2001];
        for (int i = 0; i < feed.size(); i++)
        {
            if (templateId(i) != EntitlementGrantDecoder.TEMPLATE_ID)
            {
                continue;
            }
            grant.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
            assertEquals(MATCH_ID, grant.eventId());
            assertEquals(expiryNs, grant.expiryNs());
            final int viewer = (int)(grant.viewerId() - 1_000_000L);
            assertTrue(viewer >= 1 && viewer <= 2000);
            assertFalse(seen[viewer]);
            seen[viewer] = true;
            grants++;
        }
        assertEquals(summary.entitledViewerCount(), grants);
        assertEquals(0.92, grants / 2000.0, 0.02);
    }

    @Test
    void shouldRequestTheKidOfTheCurrentKeyPeriodAtJoinAndEveryBoundary()
    {
        final LicenseRequestDecoder request = new LicenseRequestDecoder();
        final long keyPeriodNs = 300 * SECOND_NS;
        final byte[] kid = new byte[16];
        final byte[] expected = new byte[16];
        final Long2LongHashMap lastPeriodByViewer = new Long2LongHashMap(Long.MIN_VALUE);
        final Long2LongHashMap sessionByViewer = new Long2LongHashMap(Long.MIN_VALUE);
        int unknown = 0;
        int requests = 0;
        for (int i = 0; i < feed.size(); i++)
        {
            if (templateId(i) != LicenseRequestDecoder.TEMPLATE_ID)
            {
                continue;
            }
            request.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
            requests++;
            final long keyPeriod = Math.floorDiv(request.timestampNs(), keyPeriodNs);
            request.getKid(kid, 0, 16);
            FeedFixtures.fakeKid(keyPeriod, MATCH_ID, expected);
            if (!Arrays.equals(expected, kid))
            {
                unknown++;
            }
            final long viewerId = request.viewerId();
            final long lastPeriod = lastPeriodByViewer.get(viewerId);
            if (lastPeriod != Long.MIN_VALUE)
            {
                assertEquals(lastPeriod + 1, keyPeriod, "viewer " + viewerId);
                assertEquals(sessionByViewer.get(viewerId), request.sessionId());
            }
            lastPeriodByViewer.put(viewerId, keyPeriod);
            sessionByViewer.put(viewerId, request.sessionId());
        }
        final FeedSummary summary = stream.summary();
        final long lastKeyPeriod = Math.floorDiv(summary.videoEndNs() - 1, keyPeriodNs);
        assertEquals(2000, lastPeriodByViewer.size());
        final Long2LongHashMap.ValueIterator lastPeriods = lastPeriodByViewer.values().iterator();
        while (lastPeriods.hasNext())
        {
            final long last = lastPeriods.nextValue();
            assertTrue(last == lastKeyPeriod || last == lastKeyPeriod - 1, "viewers watch to the end");
        }
        assertEquals(summary.unknownKidRequests(), unknown);
        assertEquals(0.005, (double)unknown / requests, 0.003);
        assertTrue(requests < 60_000, "requests " + requests);
    }

    @Test
    void shouldPlaceBetsWhileBettingIsOpenWithThePastPostingAttemptsQuotingPreGoalOdds()
    {
        final FeedSummary summary = stream.summary();
        final long openNs = summary.timeline().periodStartNs(1);
        final long closeNs = summary.timeline().periodEndNs(2);
        final long[] goalNs = new long[summary.goals().size()];
        for (int g = 0; g < goalNs.length; g++)
        {
            goalNs[g] = wallTime(summary.goals().get(g));
        }
        final BetRequestDecoder bet = new BetRequestDecoder();
        int bets = 0;
        int matchResult = 0;
        int invalidStakes = 0;
        int pastPosting = 0;
        long previousBetId = 0;
        for (int i = 0; i < feed.size(); i++)
        {
            if (templateId(i) != BetRequestDecoder.TEMPLATE_ID)
            {
                continue;
            }
            bet.wrapAndApplyHeader(feed.buffer, feed.offset(i), header);
            bets++;
            assertEquals(previousBetId + 1, bet.betId());
            previousBetId = bet.betId();
            assertTrue(bet.timestampNs() >= openNs && bet.timestampNs() < closeNs);
            final long latencyNs = bet.timestampNs() - bet.streamPositionNs();
            assertTrue(latencyNs > 0 && latencyNs < 40 * SECOND_NS, "latency " + latencyNs);
            if (bet.market() == MarketType.MATCH_RESULT)
            {
                matchResult++;
                assertTrue(bet.selection() == Selection.HOME || bet.selection() == Selection.DRAW ||
                    bet.selection() == Selection.AWAY);
            }
            else
            {
                assertTrue(bet.selection() == Selection.OVER || bet.selection() == Selection.UNDER);
            }
            if (bet.stakeMinor() <= 0)
            {
                invalidStakes++;
            }
            else
            {
                assertTrue(bet.stakeMinor() >= 500 && bet.stakeMinor() <= 50_000);
            }
            if (bet.oddsTaken() != FeedFixtures.fakeOdds(bet.streamPositionNs()))
            {
                pastPosting++;
                final int goal = goalBefore(goalNs, bet.timestampNs());
                assertTrue(goal >= 0);
                assertTrue(bet.timestampNs() - goalNs[goal] <= 10 * SECOND_NS);
                assertTrue(bet.streamPositionNs() > goalNs[goal], "the viewer has seen the goal");
                assertTrue(latencyNs < 4 * SECOND_NS);
                assertEquals(FeedFixtures.fakeOdds(goalNs[goal] - SECOND_NS), bet.oddsTaken());
                assertEquals(MarketType.MATCH_RESULT, bet.market());
                final Selection scorer = summary.goals().get(goal).teamId() == 217 ? Selection.HOME : Selection.AWAY;
                assertEquals(scorer, bet.selection());
            }
        }
        assertEquals(summary.count(BetRequestDecoder.TEMPLATE_ID), bets);
        assertEquals(summary.invalidStakeBets(), invalidStakes);
        assertEquals(summary.pastPostingAttempts(), pastPosting);
        assertEquals(4 * 5, pastPosting);

        // About 1 bet/s over the betting window, 3x for 2 min after each of the 4 goals.
        final double expected = (closeNs - openNs) / (double)SECOND_NS + 4 * 120 * 2;
        assertEquals(expected, bets, 4 * Math.sqrt(expected) + pastPosting);
        assertEquals(0.7, (double)matchResult / bets, 0.03);
        assertTrue(invalidStakes > 0 && invalidStakes < bets * 0.012);
    }

    private static int goalBefore(final long[] goalNs, final long timestampNs)
    {
        int found = -1;
        for (int g = 0; g < goalNs.length; g++)
        {
            if (goalNs[g] <= timestampNs)
            {
                found = g;
            }
        }
        return found;
    }

    @Test
    void shouldBeDeterministicForASeedAndChangeWithTheSeed() throws IOException
    {
        final byte[] first = RecordedFeed.generate(new IngressStream(
            match, new FeedContext(), FeedFixtures.FAKE_ODDS, FeedFixtures.FAKE_KIDS)).sha256();
        final byte[] second = RecordedFeed.generate(new IngressStream(
            FeedFixtures.realMatch(), new FeedContext(), FeedFixtures.FAKE_ODDS, FeedFixtures.FAKE_KIDS)).sha256();
        final byte[] otherSeed = RecordedFeed.generate(new IngressStream(
            match, new FeedContext().seed(101), FeedFixtures.FAKE_ODDS, FeedFixtures.FAKE_KIDS)).sha256();
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, otherSeed));
    }
}
