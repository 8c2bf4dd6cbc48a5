package io.v100.feed;

import io.v100.sbe.BetRequestEncoder;
import io.v100.sbe.CameraSignalEncoder;
import io.v100.sbe.DetectorScoreEncoder;
import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.FixtureEncoder;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.VideoFrameEncoder;

import java.util.List;
import java.util.Map;

/**
 * What an {@link IngressStream} will generate, known when it is built: frame counts per template, the match's
 * teams and goals, the injected manipulation and the generated anomalies, so tests and the CLI can check the
 * core's outputs against them.
 */
public final class FeedSummary
{
    private static final int MAX_TEMPLATE_ID = 49;

    private final long matchId;
    private final StatsBombMatch match;
    private final MatchTimeline timeline;
    private final long[] countsByTemplate;
    private final long totalFrames;
    private final long videoStartNs;
    private final long videoEndNs;
    private final int manipulatedCameraId;
    private final long manipulatedStartNs;
    private final long manipulatedEndNs;
    private final long manipulatedStartPts;
    private final long manipulatedEndPts;
    private final int viewerCount;
    private final int entitledViewerCount;
    private final int pastPostingAttempts;
    private final int invalidStakeBets;
    private final int unknownKidRequests;

    FeedSummary(
        final long matchId,
        final StatsBombMatch match,
        final MatchTimeline timeline,
        final FrameSource[] sources,
        final long videoStartNs,
        final long videoEndNs,
        final int manipulatedCameraId,
        final long manipulatedStartNs,
        final long manipulatedEndNs,
        final VideoFrameSource video,
        final ViewerPlan viewers,
        final BetSource bets,
        final LicenseRequestSource licenses)
    {
        this.matchId = matchId;
        this.match = match;
        this.timeline = timeline;
        countsByTemplate = new long[MAX_TEMPLATE_ID + 1];
        long total = 0;
        for (final FrameSource source : sources)
        {
            countsByTemplate[source.templateId()] += source.count();
            total += source.count();
        }
        totalFrames = total;
        this.videoStartNs = videoStartNs;
        this.videoEndNs = videoEndNs;
        this.manipulatedCameraId = manipulatedCameraId;
        this.manipulatedStartNs = manipulatedStartNs;
        this.manipulatedEndNs = manipulatedEndNs;
        manipulatedStartPts = video.ptsAt(Math.max(videoStartNs, manipulatedStartNs));
        manipulatedEndPts = video.ptsAt(Math.max(videoStartNs, manipulatedEndNs));
        viewerCount = viewers.count();
        entitledViewerCount = viewers.entitledCount();
        pastPostingAttempts = bets.pastPostingCount();
        invalidStakeBets = bets.invalidStakeCount();
        unknownKidRequests = licenses.unknownKidCount();
    }

    /**
     * @return match id in the Fixture, EntitlementGrant eventId and KID derivation.
     */
    public long matchId()
    {
        return matchId;
    }

    /**
     * @return StatsBomb id of the home team.
     */
    public int homeTeamId()
    {
        return match.homeTeamId();
    }

    /**
     * @return StatsBomb id of the away team.
     */
    public int awayTeamId()
    {
        return match.awayTeamId();
    }

    /**
     * @param teamId StatsBomb team id.
     * @return its name, null when unknown.
     */
    public String teamName(final int teamId)
    {
        return match.teamName(teamId);
    }

    /**
     * @return unmodifiable map of team id to name.
     */
    public Map<Integer, String> teamNames()
    {
        return match.teamNames();
    }

    /**
     * @return goals counting towards the score (periods 1-4), in time order; wall times via {@link #timeline()}.
     */
    public List<Goal> goals()
    {
        return match.goals();
    }

    /**
     * @return the wall-clock placement of the match's periods.
     */
    public MatchTimeline timeline()
    {
        return timeline;
    }

    /**
     * @param templateId an ingress SBE template id.
     * @return number of frames of that template the stream emits.
     */
    public long count(final int templateId)
    {
        return templateId >= 0 && templateId <= MAX_TEMPLATE_ID ? countsByTemplate[templateId] : 0;
    }

    /**
     * @return number of frames the stream emits in total.
     */
    public long totalFrames()
    {
        return totalFrames;
    }

    /**
     * @return capture time of the first video frame, ns since the Unix epoch.
     */
    public long videoStartNs()
    {
        return videoStartNs;
    }

    /**
     * @return end of the video span (exclusive), ns since the Unix epoch.
     */
    public long videoEndNs()
    {
        return videoEndNs;
    }

    /**
     * @return camera of the injected manipulation, 0 when none.
     */
    public int manipulatedCameraId()
    {
        return manipulatedCameraId;
    }

    /**
     * @return start of the injected manipulation (inclusive), ns since the Unix epoch.
     */
    public long manipulatedStartNs()
    {
        return manipulatedStartNs;
    }

    /**
     * @return end of the injected manipulation (exclusive), ns since the Unix epoch.
     */
    public long manipulatedEndNs()
    {
        return manipulatedEndNs;
    }

    /**
     * @return PTS of the frame at the start of the manipulation, 90 kHz ticks.
     */
    public long manipulatedStartPts()
    {
        return manipulatedStartPts;
    }

    /**
     * @return PTS of the frame at the end of the manipulation, 90 kHz ticks.
     */
    public long manipulatedEndPts()
    {
        return manipulatedEndPts;
    }

    /**
     * @return number of viewers.
     */
    public int viewerCount()
    {
        return viewerCount;
    }

    /**
     * @return number of viewers with an EntitlementGrant.
     */
    public int entitledViewerCount()
    {
        return entitledViewerCount;
    }

    /**
     * @return number of past-posting BetRequests.
     */
    public int pastPostingAttempts()
    {
        return pastPostingAttempts;
    }

    /**
     * @return number of BetRequests with a stake of 0 or less.
     */
    public int invalidStakeBets()
    {
        return invalidStakeBets;
    }

    /**
     * @return number of LicenseRequests with an unknown KID.
     */
    public int unknownKidRequests()
    {
        return unknownKidRequests;
    }

    /**
     * @return one line per figure, for the CLI.
     */
    public String toString()
    {
        return "match " + matchId + ": " + teamName(homeTeamId()) + " (" + homeTeamId() + ") v " +
            teamName(awayTeamId()) + " (" + awayTeamId() + ")" +
            "\nframes " + totalFrames +
            "\n  Fixture " + count(FixtureEncoder.TEMPLATE_ID) +
            "\n  MatchEvent " + count(MatchEventEncoder.TEMPLATE_ID) +
            "\n  VideoFrame " + count(VideoFrameEncoder.TEMPLATE_ID) +
            "\n  CameraSignal " + count(CameraSignalEncoder.TEMPLATE_ID) +
            "\n  DetectorScore " + count(DetectorScoreEncoder.TEMPLATE_ID) +
            "\n  EntitlementGrant " + count(EntitlementGrantEncoder.TEMPLATE_ID) +
            "\n  LicenseRequest " + count(LicenseRequestEncoder.TEMPLATE_ID) +
            "\n  BetRequest " + count(BetRequestEncoder.TEMPLATE_ID) +
            "\ngoals " + goals() +
            "\nmanipulation camera " + manipulatedCameraId + " [" + manipulatedStartNs + ", " + manipulatedEndNs + ") ns" +
            "\nviewers " + viewerCount + " (entitled " + entitledViewerCount + "), unknown KID requests " +
            unknownKidRequests + ", past-posting attempts " + pastPostingAttempts + ", invalid stakes " + invalidStakeBets;
    }
}
