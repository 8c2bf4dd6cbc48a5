package io.v100.client;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.v100.sbe.AckDecoder;
import io.v100.sbe.AlertState;
import io.v100.sbe.ReplayEndDecoder;
import io.v100.sbe.BetResultCode;
import io.v100.sbe.BetResultDecoder;
import io.v100.sbe.BooleanType;
import io.v100.sbe.CoreCountersDecoder;
import io.v100.sbe.DateRangeDecoder;
import io.v100.sbe.DeepfakeAlertDecoder;
import io.v100.sbe.DirectorCutDecoder;
import io.v100.sbe.GoalScoredDecoder;
import io.v100.sbe.KeyRotationDecoder;
import io.v100.sbe.LatencyReportDecoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.LicenseResultDecoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketStatusDecoder;
import io.v100.sbe.MatchScoreDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.RejectedDecoder;
import io.v100.sbe.SegmentClosedDecoder;
import io.v100.sbe.SessionCountersDecoder;
import io.v100.sbe.SessionEventDecoder;
import org.agrona.DirectBuffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the core's egress stream and keeps what a summary needs: counts per outcome, the goals, the score, the
 * answers to status requests, and a SHA-256 digest of the egress bytes in order.
 * <p>
 * The digest covers every message a tick produces, and so excludes {@code LatencyReport} (measured times),
 * {@code Ack} (sent per batch, which depends on timing) and {@code ReplayEnd}; everything it covers is a function
 * of the input alone. Not on the core's hot path: it runs
 * in the client and may allocate for the rare messages it keeps (goals, status answers).
 */
public final class EgressTally implements FragmentHandler, EgressListener
{
    /** Ring sequence of a {@code Rejected} refusal: the frame never became an input. */
    public static final long NO_RING_SEQUENCE = -1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarketStatusDecoder marketStatus = new MarketStatusDecoder();
    private final BetResultDecoder betResult = new BetResultDecoder();
    private final DirectorCutDecoder directorCut = new DirectorCutDecoder();
    private final SegmentClosedDecoder segmentClosed = new SegmentClosedDecoder();
    private final DateRangeDecoder dateRange = new DateRangeDecoder();
    private final DeepfakeAlertDecoder deepfakeAlert = new DeepfakeAlertDecoder();
    private final KeyRotationDecoder keyRotation = new KeyRotationDecoder();
    private final LicenseResultDecoder licenseResult = new LicenseResultDecoder();
    private final RejectedDecoder rejected = new RejectedDecoder();
    private final MatchScoreDecoder matchScore = new MatchScoreDecoder();
    private final GoalScoredDecoder goalScored = new GoalScoredDecoder();
    private final CoreCountersDecoder coreCounters = new CoreCountersDecoder();
    private final LatencyReportDecoder latencyReport = new LatencyReportDecoder();

    private final MessageDigest digest;
    private final byte[] copyBuffer = new byte[4096];
    private final long[] messagesByTemplate = new long[256];
    private final Map<BetResultCode, Long> betResults = new EnumMap<>(BetResultCode.class);
    private final Map<LicenseResultCode, Long> licenseResults = new EnumMap<>(LicenseResultCode.class);
    private final Map<RejectReason, Long> rejections = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Long> refusals = new EnumMap<>(RejectReason.class);
    private final SessionCountersDecoder sessionCounters = new SessionCountersDecoder();
    private SessionCounts sessions;
    private final List<Goal> goals = new ArrayList<>();

    private long messages;
    private long digestedMessages;
    private long suspensions;
    private long lastSuspensionSequence = -1;
    private long directorCuts;
    private long segments;
    private long lastMediaSequence = -1;
    private long segmentMessages;
    private long dateRanges;
    private long alertsRaised;
    private long alertsCleared;
    private long keyRotations;
    private Score score;
    private Counters counters;
    private Latency latency;

    public EgressTally()
    {
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header ignored)
    {
        onMessage(buffer, offset, length);
    }

    /**
     * @param buffer holding one egress message, header included.
     * @param offset of the header.
     * @param length of header plus body.
     */
    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        messagesByTemplate[templateId & 0xFF]++;
        if (isDigested(templateId) && !isRefusal(buffer, offset, templateId))
        {
            digestedMessages++;
            updateDigest(buffer, offset, length);
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case MarketStatusDecoder.TEMPLATE_ID ->
            {
                marketStatus.wrap(buffer, bodyOffset, blockLength, version);
                if (marketStatus.state() == MarketState.SUSPENDED &&
                    marketStatus.ringSequence() != lastSuspensionSequence)
                {
                    lastSuspensionSequence = marketStatus.ringSequence();
                    suspensions++;
                }
            }
            case BetResultDecoder.TEMPLATE_ID ->
            {
                betResult.wrap(buffer, bodyOffset, blockLength, version);
                betResults.merge(betResult.code(), 1L, Long::sum);
            }
            case DirectorCutDecoder.TEMPLATE_ID -> directorCuts++;
            case SegmentClosedDecoder.TEMPLATE_ID ->
            {
                segmentClosed.wrap(buffer, bodyOffset, blockLength, version);
                segmentMessages++;
                if (segmentClosed.mediaSequence() != lastMediaSequence)
                {
                    lastMediaSequence = segmentClosed.mediaSequence();
                    segments++;
                }
            }
            case DateRangeDecoder.TEMPLATE_ID -> dateRanges++;
            case DeepfakeAlertDecoder.TEMPLATE_ID ->
            {
                deepfakeAlert.wrap(buffer, bodyOffset, blockLength, version);
                if (deepfakeAlert.state() == AlertState.RAISED)
                {
                    alertsRaised++;
                }
                else
                {
                    alertsCleared++;
                }
            }
            case KeyRotationDecoder.TEMPLATE_ID -> keyRotations++;
            case LicenseResultDecoder.TEMPLATE_ID ->
            {
                licenseResult.wrap(buffer, bodyOffset, blockLength, version);
                licenseResults.merge(licenseResult.code(), 1L, Long::sum);
            }
            case RejectedDecoder.TEMPLATE_ID ->
            {
                rejected.wrap(buffer, bodyOffset, blockLength, version);
                (rejected.ringSequence() == NO_RING_SEQUENCE ? refusals : rejections)
                    .merge(rejected.reason(), 1L, Long::sum);
            }
            case SessionCountersDecoder.TEMPLATE_ID ->
            {
                sessionCounters.wrap(buffer, bodyOffset, blockLength, version);
                this.sessions = new SessionCounts(
                    sessionCounters.correlationId(), sessionCounters.clients(), sessionCounters.sessionsOpen(),
                    sessionCounters.maxClients(), sessionCounters.sessionsOpened(),
                    sessionCounters.authenticationFailures(), sessionCounters.sessionLimitRefusals(),
                    sessionCounters.duplicatesIgnored(), sessionCounters.gapsDropped(),
                    sessionCounters.invalidSequences(), sessionCounters.noSessionRefusals(),
                    sessionCounters.notAuthorisedRefusals(), sessionCounters.sessionMismatchRefusals(),
                    sessionCounters.rateLimitedRefusals());
            }
            case MatchScoreDecoder.TEMPLATE_ID ->
            {
                matchScore.wrap(buffer, bodyOffset, blockLength, version);
                score = new Score(
                    matchScore.homeTeamId(), matchScore.awayTeamId(), matchScore.homeGoals(), matchScore.awayGoals(),
                    matchScore.homeRedCards(), matchScore.awayRedCards());
            }
            case GoalScoredDecoder.TEMPLATE_ID ->
            {
                goalScored.wrap(buffer, bodyOffset, blockLength, version);
                goals.add(new Goal(
                    goalScored.teamId(), goalScored.period(), goalScored.matchClockMs(),
                    goalScored.ownGoal() == BooleanType.TRUE));
            }
            case CoreCountersDecoder.TEMPLATE_ID ->
            {
                coreCounters.wrap(buffer, bodyOffset, blockLength, version);
                counters = new Counters(
                    coreCounters.correlationId(), coreCounters.eventsJournaled(), coreCounters.eventsProcessed(),
                    coreCounters.eventsRejected());
            }
            case LatencyReportDecoder.TEMPLATE_ID ->
            {
                latencyReport.wrap(buffer, bodyOffset, blockLength, version);
                latency = new Latency(
                    latencyReport.correlationId(), latencyReport.count(), latencyReport.p50Ns(),
                    latencyReport.p99Ns(), latencyReport.p999Ns(), latencyReport.maxNs(),
                    latencyReport.tickP50Ns(), latencyReport.tickP99Ns(), latencyReport.tickP999Ns(),
                    latencyReport.tickMaxNs());
            }
            default ->
            {
            }
        }
    }

    /**
     * @param templateId of an egress message.
     * @return true for messages a tick produces; false for LatencyReport (measured), Ack (timing-dependent),
     * ReplayEnd (an answer about the stream, not part of it), SessionEvent (which sessions a run needs depends on
     * its connections, e.g. one more per core restart) and SessionCounters (they count resends and refusals).
     * A {@code Rejected} refusal (see {@link #isRefusal}) is not digested either.
     */
    public static boolean isDigested(final int templateId)
    {
        return templateId != LatencyReportDecoder.TEMPLATE_ID &&
            templateId != AckDecoder.TEMPLATE_ID &&
            templateId != ReplayEndDecoder.TEMPLATE_ID &&
            templateId != io.v100.sbe.EgressGapDecoder.TEMPLATE_ID &&
            templateId != io.v100.sbe.OperatorCountersDecoder.TEMPLATE_ID &&
            templateId != SessionEventDecoder.TEMPLATE_ID &&
            templateId != SessionCountersDecoder.TEMPLATE_ID;
    }

    /**
     * @param buffer     holding an egress message.
     * @param offset     of its header.
     * @param templateId from its header.
     * @return true for a {@code Rejected} refusal: a frame turned away before it became an input (no session, not
     * authorised, rate-limited, invalid sequence), which has no ring sequence and is outside every tick.
     */
    public static boolean isRefusal(final DirectBuffer buffer, final int offset, final int templateId)
    {
        return templateId == RejectedDecoder.TEMPLATE_ID && buffer.getLong(
            offset + MessageHeaderDecoder.ENCODED_LENGTH + RejectedDecoder.ringSequenceEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) == NO_RING_SEQUENCE;
    }

    /**
     * @return refusals by reason: frames turned away before they became inputs.
     */
    public Map<RejectReason, Long> refusals()
    {
        return Collections.unmodifiableMap(refusals);
    }

    /**
     * @return the last answer to a status request's session counters, null before one.
     */
    public SessionCounts sessionCounts()
    {
        return sessions;
    }

    /**
     * Sessions and sequencing counters from a status request's {@code SessionCounters} answer.
     */
    public record SessionCounts(
        long correlationId,
        int clients,
        int sessionsOpen,
        int maxClients,
        long sessionsOpened,
        long authenticationFailures,
        long sessionLimitRefusals,
        long duplicatesIgnored,
        long gapsDropped,
        long invalidSequences,
        long noSessionRefusals,
        long notAuthorisedRefusals,
        long sessionMismatchRefusals,
        long rateLimitedRefusals)
    {
    }

    private void updateDigest(final DirectBuffer buffer, final int offset, final int length)
    {
        int remaining = length;
        int position = offset;
        while (remaining > 0)
        {
            final int chunk = Math.min(remaining, copyBuffer.length);
            buffer.getBytes(position, copyBuffer, 0, chunk);
            digest.update(copyBuffer, 0, chunk);
            position += chunk;
            remaining -= chunk;
        }
    }

    /**
     * @return hex SHA-256 of the digested egress bytes so far (see {@link #isDigested}); reading it does not reset it.
     */
    public String digestHex()
    {
        try
        {
            final MessageDigest copy = (MessageDigest)digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", ex);
        }
    }

    public long messages()
    {
        return messages;
    }

    /**
     * @return messages the digest covers: those ticks produced.
     */
    public long digestedMessages()
    {
        return digestedMessages;
    }

    /**
     * @param templateId of an egress message.
     * @return messages received with that template id.
     */
    public long messages(final int templateId)
    {
        return messagesByTemplate[templateId & 0xFF];
    }

    /**
     * @return inputs that suspended the markets (one per input, however many markets it suspended).
     */
    public long suspensions()
    {
        return suspensions;
    }

    public long betsAccepted()
    {
        return betResults.getOrDefault(BetResultCode.ACCEPTED, 0L);
    }

    public Map<BetResultCode, Long> betResults()
    {
        return Collections.unmodifiableMap(betResults);
    }

    public long directorCuts()
    {
        return directorCuts;
    }

    /**
     * @return segment spans closed (one per media sequence, across all renditions).
     */
    public long segments()
    {
        return segments;
    }

    /**
     * @return SegmentClosed messages (one per rendition per span).
     */
    public long segmentMessages()
    {
        return segmentMessages;
    }

    public long dateRanges()
    {
        return dateRanges;
    }

    public long alertsRaised()
    {
        return alertsRaised;
    }

    public long alertsCleared()
    {
        return alertsCleared;
    }

    public long keyRotations()
    {
        return keyRotations;
    }

    public Map<LicenseResultCode, Long> licenseResults()
    {
        return Collections.unmodifiableMap(licenseResults);
    }

    public Map<RejectReason, Long> rejections()
    {
        return Collections.unmodifiableMap(rejections);
    }

    public List<Goal> goals()
    {
        return Collections.unmodifiableList(goals);
    }

    /**
     * @return the last MatchScore received, or null.
     */
    public Score score()
    {
        return score;
    }

    /**
     * @return the last CoreCounters received, or null.
     */
    public Counters counters()
    {
        return counters;
    }

    /**
     * @return the last LatencyReport received, or null.
     */
    public Latency latency()
    {
        return latency;
    }

    /**
     * A goal as counted by the wagering handler.
     *
     * @param teamId       credited with the goal.
     * @param period       1..4.
     * @param matchClockMs cumulative match clock in ms.
     * @param ownGoal      scored by a player of the other team.
     */
    public record Goal(int teamId, int period, long matchClockMs, boolean ownGoal)
    {
    }

    /**
     * The score as held by the wagering handler.
     */
    public record Score(int homeTeamId, int awayTeamId, int homeGoals, int awayGoals, int homeRedCards,
        int awayRedCards)
    {
    }

    /**
     * Answer to a status request: the core's deterministic counters.
     */
    public record Counters(long correlationId, long eventsJournaled, long eventsProcessed, long eventsRejected)
    {
    }

    /**
     * Answer to a status request, measured inside the core, ns: receipt-to-end-of-tick latency ({@code p*Ns},
     * {@code maxNs}) and tick service time ({@code tick*Ns}).
     */
    public record Latency(long correlationId, long count, long p50Ns, long p99Ns, long p999Ns, long maxNs,
        long tickP50Ns, long tickP99Ns, long tickP999Ns, long tickMaxNs)
    {
    }
}
