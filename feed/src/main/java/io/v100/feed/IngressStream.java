package io.v100.feed;

import io.v100.client.FrameSink;
import io.v100.client.IngressSource;

import io.v100.protocol.MatchRules;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Pull-based generator of the whole ingress of a match: ONE deterministic, time-ordered sequence of SBE frames
 * (schema v100, version 1) built from a StatsBomb match and seeded synthetic streams.
 * <p>
 * Streams, in priority order for frames with the same {@code timestampNs}: Fixture, MatchEvent, VideoFrame,
 * CameraSignal, DetectorScore, EntitlementGrant, LicenseRequest, BetRequest. Frames are merged by
 * (timestampNs, stream priority, position within the stream), so {@code timestampNs} never decreases, and are
 * stamped with {@link FeedContext#clientId()} and clientSequence 1, 2, 3... in emitted order. Every generated
 * stream draws from its own {@link SplittableRandom#split()} of one {@code SplittableRandom(seed)}, split in the
 * fixed order video, cameras, detector, viewers, licences, bets, so the same match, context, {@link OddsQuote} and
 * {@link KidSource} give byte-identical frames. StatusRequest is not generated.
 * <p>
 * Timeline: Fixture at kick-off - {@link FeedContext#fixtureLeadNs()}; video, camera signals and detector scores
 * from kick-off - {@link VideoFeedContext#videoPrerollNs()} to the end of the last period +
 * {@link VideoFeedContext#videoPostrollNs()}; match events at their wall time ({@link MatchTimeline}).
 * <ul>
 *     <li>Video: 90 kHz PTS from 0 at the first frame (ISO/IEC 13818-1 §2.4.3.6), an IDR frame every
 *     {@link VideoFeedContext#idrIntervalFrames()} frames, per-rendition frame sizes averaging the ladder's bitrates.</li>
 *     <li>Cameras 1..5: framing and saliency, saliency following the ball zone of the latest match event (1 wide,
 *     2 left half, 3 right half, 4 left box, 5 right box).</li>
 *     <li>Detector: clean scores near 0.1, one injected manipulation near 0.8 ({@link FeedSummary}).</li>
 *     <li>Viewers join between the Fixture and the end of normal time; the entitled ones get an EntitlementGrant
 *     on joining; every viewer sends a LicenseRequest for the current key period's KID shortly after joining and
 *     after every key-period boundary (DASH-IF CPIX ContentKeyPeriod) to the end; a few carry an unknown KID.</li>
 *     <li>Entitled viewers bet from the start of period 1 to the end of period 2 as a Poisson process boosted
 *     after goals, quoting {@link OddsQuote} at their stream position (placement minus their latency);
 *     low-latency viewers who have seen a goal attempt past-posting by quoting the odds from before it.</li>
 * </ul>
 * <p>
 * Not thread-safe. {@link #next(IngressFrameSink)} encodes into one reused buffer and allocates nothing; the
 * schedules of viewers, licences and bets are built in the constructor.
 */
public final class IngressStream implements IngressSource
{
    private static final int FIXED_FRAME_CAPACITY = 256;

    private final FrameSource[] sources;
    private final FeedSummary summary;
    private final int clientId;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer buffer;
    private long emitted;
    private long currentTimestampNs;

    /**
     * @param match     the parsed match.
     * @param context   settings; validated here.
     * @param oddsQuote gives the odds each bettor sees, called once per BetRequest as it is emitted.
     * @param kidSource gives the KID of each key period, called once per LicenseRequest with a known KID.
     * @throws IllegalArgumentException when the context is invalid.
     * @throws NullPointerException     when an argument is null.
     */
    public IngressStream(
        final StatsBombMatch match,
        final FeedContext context,
        final OddsQuote oddsQuote,
        final KidSource kidSource)
    {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(oddsQuote, "oddsQuote");
        Objects.requireNonNull(kidSource, "kidSource");
        context.conclude();
        clientId = context.clientId();
        buffer = new UnsafeBuffer(new byte[FIXED_FRAME_CAPACITY +
            context.video().renditionBitratesKbps().length * VideoFrameEncoder.RenditionsEncoder.sbeBlockLength()]);

        final long matchId = match.matchId() != StatsBombMatch.NO_MATCH_ID ? match.matchId() : context.matchId();
        final MatchTimeline timeline = new MatchTimeline(match, context);
        final long kickoffNs = context.kickoffNs();
        final long fixtureNs = kickoffNs - context.fixtureLeadNs();
        final long videoStartNs = kickoffNs - context.video().videoPrerollNs();
        final long videoEndNs = timeline.endOfPlayNs() + context.video().videoPostrollNs();
        final long bettingOpenNs = timeline.hasPeriod(1) ? timeline.periodStartNs(1) : kickoffNs;
        final long bettingCloseNs = timeline.endOfNormalTimeNs();
        final long manipulatedStartNs = kickoffNs + context.video().manipulatedStartAfterKickoffNs();
        final long manipulatedEndNs = manipulatedStartNs + context.video().manipulatedDurationNs();

        final SplittableRandom root = new SplittableRandom(context.seed());
        final SplittableRandom videoRandom = root.split();
        final SplittableRandom cameraRandom = root.split();
        final SplittableRandom detectorRandom = root.split();
        final SplittableRandom viewerRandom = root.split();
        final SplittableRandom licenseRandom = root.split();
        final SplittableRandom betRandom = root.split();

        final FixtureSource fixture = new FixtureSource(matchId, match, context);
        final MatchEventSource matchEvents = new MatchEventSource(match.events(), timeline);
        final VideoFrameSource video = new VideoFrameSource(videoStartNs, videoEndNs, context, videoRandom);
        final CameraSignalSource cameras = new CameraSignalSource(
            videoStartNs, videoEndNs, context, matchEvents, cameraRandom);
        final DetectorScoreSource detector = new DetectorScoreSource(
            videoStartNs, videoEndNs, context, video, manipulatedStartNs, manipulatedEndNs, detectorRandom);
        final ViewerPlan viewers = new ViewerPlan(context, fixtureNs, kickoffNs, bettingCloseNs, viewerRandom);
        final EntitlementGrantSource grants = new EntitlementGrantSource(
            viewers, matchId, timeline.endOfPlayNs() + context.viewers().entitlementAfterEndNs());
        final LicenseRequestSource licenses = new LicenseRequestSource(
            viewers, context, kidSource, matchId, videoEndNs, licenseRandom);

        final List<Goal> goals = match.goals();
        int normalTimeGoals = 0;
        for (final Goal goal : goals)
        {
            normalTimeGoals += MatchRules.isNormalTime(goal.period()) ? 1 : 0;
        }
        final long[] goalTimestampsNs = new long[normalTimeGoals];
        final boolean[] goalByHome = new boolean[normalTimeGoals];
        int g = 0;
        for (final Goal goal : goals)
        {
            if (MatchRules.isNormalTime(goal.period()))
            {
                goalTimestampsNs[g] = timeline.timestampNs(goal.period(), goal.periodTimeNs());
                goalByHome[g] = goal.teamId() == match.homeTeamId();
                g++;
            }
        }
        final BetSource bets = new BetSource(
            viewers, context, oddsQuote, bettingOpenNs, bettingCloseNs, goalTimestampsNs, goalByHome, betRandom);

        sources = new FrameSource[]{ fixture, matchEvents, video, cameras, detector, grants, licenses, bets };
        summary = new FeedSummary(
            matchId,
            match,
            timeline,
            sources,
            videoStartNs,
            videoEndNs,
            context.video().manipulatedCameraId(),
            manipulatedStartNs,
            manipulatedEndNs,
            video,
            viewers,
            bets,
            licenses);
        currentTimestampNs = fixtureNs;
    }

    /**
     * Encodes the next frame and hands it to the sink.
     *
     * @param sink receives the frame; the buffer is reused by the next call.
     * @return true when a frame was emitted, false at the end of the stream (the sink is then not called).
     */
    public boolean next(final FrameSink sink)
    {
        int best = -1;
        long bestTimestampNs = Long.MAX_VALUE;
        for (int i = 0; i < sources.length; i++)
        {
            final long timestampNs = sources[i].nextTimestampNs();
            if (timestampNs < bestTimestampNs)
            {
                best = i;
                bestTimestampNs = timestampNs;
            }
        }
        if (best < 0)
        {
            return false;
        }
        final long clientSequence = emitted + 1;
        final int length = sources[best].encodeNext(buffer, 0, header, clientId, clientSequence);
        emitted = clientSequence;
        currentTimestampNs = bestTimestampNs;
        sink.onFrame(buffer, 0, length);
        return true;
    }

    /**
     * @return number of frames the stream emits in total, known at construction.
     */
    public long totalFrames()
    {
        return summary.totalFrames();
    }

    /**
     * @return number of frames emitted so far (the clientSequence of the last one).
     */
    public long emitted()
    {
        return emitted;
    }

    /**
     * @return timestampNs of the last frame emitted; before the first, that of the Fixture.
     */
    public long currentTimestampNs()
    {
        return currentTimestampNs;
    }

    /**
     * @return timestampNs of the next frame, {@link Long#MAX_VALUE} at the end: lets a caller pace the feed.
     */
    public long nextTimestampNs()
    {
        long next = Long.MAX_VALUE;
        for (final FrameSource source : sources)
        {
            next = Math.min(next, source.nextTimestampNs());
        }
        return next;
    }

    /**
     * @return counts per template, goals, the injected manipulation and generated anomalies.
     */
    public FeedSummary summary()
    {
        return summary;
    }
}
