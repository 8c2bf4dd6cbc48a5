package io.v100.core;

import io.v100.sbe.AckEncoder;
import io.v100.sbe.AlertState;
import io.v100.sbe.BooleanType;
import io.v100.sbe.GoalScoredEncoder;
import io.v100.sbe.BetResultCode;
import io.v100.sbe.BetResultEncoder;
import io.v100.sbe.CoreCountersEncoder;
import io.v100.sbe.CutReason;
import io.v100.sbe.DateRangeClass;
import io.v100.sbe.DateRangeEncoder;
import io.v100.sbe.DeepfakeAlertEncoder;
import io.v100.sbe.DirectorCutEncoder;
import io.v100.sbe.DiscontinuityEncoder;
import io.v100.sbe.KeyRotationEncoder;
import io.v100.sbe.LatencyReportEncoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.LicenseResultEncoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketStatusEncoder;
import io.v100.sbe.MarketStatusReason;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchScoreEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.OddsUpdateEncoder;
import io.v100.sbe.OperatorCountersEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.RejectedEncoder;
import io.v100.sbe.SegmentClosedEncoder;
import io.v100.sbe.SessionCode;
import io.v100.sbe.SessionCountersEncoder;
import io.v100.sbe.SessionEventEncoder;
import io.v100.sbe.Selection;
import io.v100.sbe.ShotType;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes every egress message of the schema into one reused buffer and hands it to an {@link EgressSink}.
 * <p>
 * Each message is stamped with the ring sequence and event time of the input being processed, which the tick
 * sets with {@link #beginTick(long, long)} before any handler runs. Encoders are final fields wrapped over the
 * same buffer, so sending allocates nothing. Single-threaded: owned by the ring's consumer thread.
 */
public final class EgressProxy
{
    /** Largest egress message: the OddsUpdate with its group is the biggest, well under this. */
    public static final int MAX_MESSAGE_LENGTH = 256;

    /** Ring sequence of a {@code Rejected} answer to a frame that was refused before it became an input. */
    public static final long NO_RING_SEQUENCE = -1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MarketStatusEncoder marketStatusEncoder = new MarketStatusEncoder();
    private final OddsUpdateEncoder oddsUpdateEncoder = new OddsUpdateEncoder();
    private final BetResultEncoder betResultEncoder = new BetResultEncoder();
    private final DirectorCutEncoder directorCutEncoder = new DirectorCutEncoder();
    private final SegmentClosedEncoder segmentClosedEncoder = new SegmentClosedEncoder();
    private final DateRangeEncoder dateRangeEncoder = new DateRangeEncoder();
    private final DeepfakeAlertEncoder deepfakeAlertEncoder = new DeepfakeAlertEncoder();
    private final KeyRotationEncoder keyRotationEncoder = new KeyRotationEncoder();
    private final LicenseResultEncoder licenseResultEncoder = new LicenseResultEncoder();
    private final RejectedEncoder rejectedEncoder = new RejectedEncoder();
    private final DiscontinuityEncoder discontinuityEncoder = new DiscontinuityEncoder();
    private final MatchScoreEncoder matchScoreEncoder = new MatchScoreEncoder();
    private final GoalScoredEncoder goalScoredEncoder = new GoalScoredEncoder();
    private final CoreCountersEncoder coreCountersEncoder = new CoreCountersEncoder();
    private final LatencyReportEncoder latencyReportEncoder = new LatencyReportEncoder();

    private final AckEncoder ackEncoder = new AckEncoder();
    private final OperatorCountersEncoder operatorCountersEncoder = new OperatorCountersEncoder();
    private final UnsafeBuffer countersBuffer = new UnsafeBuffer(new byte[4096]);
    private final SessionEventEncoder sessionEventEncoder = new SessionEventEncoder();
    private final SessionCountersEncoder sessionCountersEncoder = new SessionCountersEncoder();
    private EgressSink sink;
    private boolean muted;
    private long ringSequence;
    private long timestampNs;
    private long messagesSent;
    private int inputTemplateId;
    private int inputSchemaId;
    private int inputVersion;
    private int inputFrameLength;
    private RejectReason inputRefusal;

    /**
     * @param sink receiving each encoded message.
     */
    public EgressProxy(final EgressSink sink)
    {
        this.sink = sink;
    }

    /**
     * Replace the sink, e.g. to point a replay at a verifier. Not for use while a tick is running.
     *
     * @param sink receiving each encoded message from now on.
     */
    public void sink(final EgressSink sink)
    {
        this.sink = sink;
    }

    /**
     * Stamp every message sent from now on with this input's identity.
     *
     * @param ringSequence of the input being processed.
     * @param timestampNs  event time of that input, ns since the Unix epoch.
     */
    public void beginTick(final long ringSequence, final long timestampNs)
    {
        this.ringSequence = ringSequence;
        this.timestampNs = timestampNs;
    }

    /**
     * Name the valid input whose handlers are about to run, for {@link #refuseInput(RejectReason)}; clears any
     * refusal of the previous input.
     *
     * @param templateId  of the input.
     * @param schemaId    of the input.
     * @param version     of the input.
     * @param frameLength of the input as received, bytes.
     */
    public void beginInput(final int templateId, final int schemaId, final int version, final int frameLength)
    {
        inputTemplateId = templateId;
        inputSchemaId = schemaId;
        inputVersion = version;
        inputFrameLength = frameLength;
        inputRefusal = null;
    }

    /**
     * A handler refuses the current input without changing its state, e.g. because a table is at its stated
     * capacity: a {@code Rejected} naming the input goes out in this tick, and the tick counts the input as
     * rejected for this reason instead of processed. The first refusal of an input counts; later ones in the same
     * tick send nothing.
     *
     * @param reason of the refusal.
     */
    public void refuseInput(final RejectReason reason)
    {
        if (null == inputRefusal)
        {
            inputRefusal = reason;
            rejected(reason, inputTemplateId, inputSchemaId, inputVersion, inputFrameLength);
        }
    }

    /**
     * @return the reason a handler refused the current input, or null if none did.
     */
    public RejectReason inputRefusal()
    {
        return inputRefusal;
    }

    /**
     * End the current input's tick: the sink may now record or flush what the tick produced.
     */
    public void endTick()
    {
        if (!muted)
        {
            sink.onTickEnd(ringSequence);
        }
    }

    /**
     * Abandon the current input's tick because a handler threw: the sink discards everything the tick sent.
     */
    public void abortTick()
    {
        if (!muted)
        {
            sink.onTickAbort(ringSequence);
        }
    }

    /**
     * Mute or unmute: while muted nothing reaches the sink. Recovery mutes the proxy while it replays inputs whose
     * egress was already recorded, so handlers rebuild their state without repeating themselves.
     *
     * @param muted true to drop every message.
     */
    public void mute(final boolean muted)
    {
        this.muted = muted;
    }

    /**
     * Acknowledge a client's journaled inputs, also in answer to a duplicate or a gap. Sent outside any tick: not
     * journaled, not in the digest.
     *
     * @param clientId       of the client.
     * @param clientSequence highest client sequence of that client journaled so far; the next expected is one more.
     * @param ringSequence   the ring sequence that input was given, -1 if not known since the last restart.
     */
    public void ack(final int clientId, final long clientSequence, final long ringSequence)
    {
        ackEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(clientId)
            .clientSequence(clientSequence)
            .ringSequence(ringSequence)
            .nextClientSequence(clientSequence + 1);
        if (!muted)
        {
            sink.sendOutsideTick(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + ackEncoder.encodedLength());
        }
    }

    /**
     * Answer a session open or close. Sent outside any tick: which sessions a run needed depends on its
     * connections (a core restart makes the client open another), not on its inputs, so it is not journaled in
     * the egress and not in the digest.
     *
     * @param correlationId      of the request.
     * @param clientId           assigned, 0 if refused.
     * @param sessionId          assigned, 0 if refused.
     * @param code               outcome.
     * @param roles              the session's roles mask.
     * @param nextClientSequence the client sequence the core takes next from this client id.
     */
    public void sessionEvent(
        final long correlationId,
        final int clientId,
        final long sessionId,
        final SessionCode code,
        final int roles,
        final long nextClientSequence)
    {
        sessionEventEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .clientId(clientId)
            .sessionId(sessionId)
            .code(code)
            .nextClientSequence(nextClientSequence);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + SessionEventEncoder.rolesEncodingOffset(), (byte)roles);
        if (!muted)
        {
            sink.sendOutsideTick(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + sessionEventEncoder.encodedLength());
        }
    }

    /**
     * Refuse a frame before it became an input: no session, not authorised, an invalid sequence, rate-limited.
     * It was not journaled and took no ring sequence, so the answer is sent outside any tick with ring sequence
     * {@link #NO_RING_SEQUENCE}: not in the egress journal or the digest.
     */
    public void refused(
        final RejectReason reason, final int templateId, final int schemaId, final int version, final int frameLength)
    {
        rejectedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(NO_RING_SEQUENCE)
            .reason(reason)
            .templateId(templateId)
            .schemaId(schemaId)
            .version(version)
            .frameLength(frameLength);
        if (!muted)
        {
            sink.sendOutsideTick(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + rejectedEncoder.encodedLength());
        }
    }

    /**
     * Sessions and sequencing counters, in answer to a status request. Timing-dependent (they count resends and
     * refusals of frames never journaled), so sent outside the tick: not journaled and not in the digest.
     */
    public void sessionCounters(final long correlationId, final ClientSequencer sequencer, final TickMetrics metrics)
    {
        sessionCountersEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlationId)
            .clients(sequencer.clients())
            .sessionsOpen(sequencer.sessionsOpen())
            .maxClients(sequencer.maxClients())
            .sessionsOpened(sequencer.sessionsOpened())
            .authenticationFailures(sequencer.authenticationFailures())
            .sessionLimitRefusals(sequencer.sessionLimitRefusals())
            .duplicatesIgnored(sequencer.duplicatesIgnored())
            .gapsDropped(sequencer.gapsDropped())
            .invalidSequences(sequencer.invalidSequences())
            .noSessionRefusals(metrics.refused(RejectReason.NO_SESSION))
            .notAuthorisedRefusals(metrics.refused(RejectReason.NOT_AUTHORISED))
            .sessionMismatchRefusals(metrics.refused(RejectReason.SESSION_MISMATCH))
            .rateLimitedRefusals(metrics.refused(RejectReason.RATE_LIMITED));
        if (!muted)
        {
            sink.sendOutsideTick(
                buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + sessionCountersEncoder.encodedLength());
        }
    }

    /**
     * @return ring sequence of the input being processed.
     */
    public long ringSequence()
    {
        return ringSequence;
    }

    /**
     * @return number of messages handed to the sink since construction.
     */
    public long messagesSent()
    {
        return messagesSent;
    }

    public void marketStatus(final MarketType market, final MarketState state, final MarketStatusReason reason)
    {
        marketStatusEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .market(market)
            .state(state)
            .reason(reason);
        send(marketStatusEncoder.encodedLength());
    }

    /**
     * @param priceCount     number of selections priced, 1..3; the three arrays hold at least that many.
     * @param selections     selection of each price.
     * @param decimalOdds    decimal odds in thousandths.
     * @param probabilityPpm model probability in parts per million.
     */
    public void oddsUpdate(
        final MarketType market,
        final int priceVersion,
        final long matchClockMs,
        final int homeGoals,
        final int awayGoals,
        final int overroundPpm,
        final int priceCount,
        final Selection[] selections,
        final int[] decimalOdds,
        final int[] probabilityPpm)
    {
        oddsUpdateEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .market(market)
            .priceVersion(priceVersion)
            .matchClockMs(matchClockMs)
            .homeGoals((short)homeGoals)
            .awayGoals((short)awayGoals)
            .overroundPpm(overroundPpm);

        final OddsUpdateEncoder.PricesEncoder prices = oddsUpdateEncoder.pricesCount(priceCount);
        for (int i = 0; i < priceCount; i++)
        {
            prices.next()
                .selection(selections[i])
                .decimalOdds(decimalOdds[i])
                .probabilityPpm(probabilityPpm[i]);
        }
        send(oddsUpdateEncoder.encodedLength());
    }

    public void betResult(
        final long betId,
        final long accountId,
        final BetResultCode code,
        final MarketType market,
        final Selection selection,
        final long stakeMinor,
        final int decimalOdds)
    {
        betResultEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .betId(betId)
            .accountId(accountId)
            .code(code)
            .market(market)
            .selection(selection)
            .stakeMinor(stakeMinor)
            .decimalOdds(decimalOdds);
        send(betResultEncoder.encodedLength());
    }

    public void directorCut(final int cameraId, final ShotType shot, final CutReason reason)
    {
        directorCutEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .cameraId((short)cameraId)
            .shot(shot)
            .reason(reason);
        send(directorCutEncoder.encodedLength());
    }

    /**
     * @param firstPts          90 kHz ticks.
     * @param duration          90 kHz ticks.
     * @param programDateTimeNs capture time of the first frame, ns since the Unix epoch.
     * @param targetDurationS   EXT-X-TARGETDURATION in seconds.
     */
    public void segmentClosed(
        final int renditionId,
        final long mediaSequence,
        final long firstPts,
        final long duration,
        final long sizeBytes,
        final long programDateTimeNs,
        final int targetDurationS)
    {
        segmentClosedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .renditionId((short)renditionId)
            .mediaSequence(mediaSequence)
            .firstPts(firstPts)
            .duration(duration)
            .sizeBytes(sizeBytes)
            .programDateTimeNs(programDateTimeNs)
            .targetDurationS((short)targetDurationS);
        send(segmentClosedEncoder.encodedLength());
    }

    public void dateRange(
        final long dateRangeId,
        final DateRangeClass dateRangeClass,
        final long startDateNs,
        final int teamId,
        final long mediaSequence)
    {
        dateRangeEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .dateRangeId(dateRangeId)
            .dateRangeClass(dateRangeClass)
            .startDateNs(startDateNs)
            .teamId(teamId)
            .mediaSequence(mediaSequence);
        send(dateRangeEncoder.encodedLength());
    }

    public void deepfakeAlert(final int cameraId, final AlertState state, final long pts, final float statistic)
    {
        deepfakeAlertEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .cameraId((short)cameraId)
            .state(state)
            .pts(pts)
            .statistic(statistic);
        send(deepfakeAlertEncoder.encodedLength());
    }

    /**
     * @param kid 16 bytes from offset 0.
     */
    public void keyRotation(final long keyPeriod, final byte[] kid, final long validFromNs, final long validToNs)
    {
        keyRotationEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .keyPeriod(keyPeriod)
            .putKid(kid, 0, KeyRotationEncoder.kidLength())
            .validFromNs(validFromNs)
            .validToNs(validToNs);
        send(keyRotationEncoder.encodedLength());
    }

    /**
     * @param kid 16 bytes from offset 0.
     * @param key 16 bytes from offset 0; pass zeros when the licence is denied.
     */
    public void licenseResult(
        final long viewerId,
        final long sessionId,
        final LicenseResultCode code,
        final byte[] kid,
        final long keyPeriod,
        final byte[] key,
        final long expiryNs)
    {
        licenseResultEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .viewerId(viewerId)
            .sessionId(sessionId)
            .code(code)
            .putKid(kid, 0, LicenseResultEncoder.kidLength())
            .keyPeriod(keyPeriod)
            .putKey(key, 0, LicenseResultEncoder.keyLength())
            .expiryNs(expiryNs);
        send(licenseResultEncoder.encodedLength());
    }

    /**
     * An EXT-X-DISCONTINUITY (RFC 8216 §4.3.2.3) in the program feed.
     *
     * @param discontinuitySequence EXT-X-DISCONTINUITY-SEQUENCE after it (RFC 8216 §4.3.3.3).
     * @param mediaSequence         of the first segment after it.
     * @param previousPts           last PTS before it, 90 kHz ticks.
     * @param pts                   PTS of the frame that started it, 90 kHz ticks.
     */
    public void discontinuity(
        final long discontinuitySequence, final long mediaSequence, final long previousPts, final long pts)
    {
        discontinuityEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .discontinuitySequence(discontinuitySequence)
            .mediaSequence(mediaSequence)
            .previousPts(previousPts)
            .pts(pts);
        send(discontinuityEncoder.encodedLength());
    }

    public void rejected(
        final RejectReason reason, final int templateId, final int schemaId, final int version, final int frameLength)
    {
        rejectedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .reason(reason)
            .templateId(templateId)
            .schemaId(schemaId)
            .version(version)
            .frameLength(frameLength);
        send(rejectedEncoder.encodedLength());
    }

    public void matchScore(
        final int homeTeamId,
        final int awayTeamId,
        final int homeGoals,
        final int awayGoals,
        final int homeRedCards,
        final int awayRedCards,
        final int period,
        final long matchClockMs)
    {
        matchScoreEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .homeTeamId(homeTeamId)
            .awayTeamId(awayTeamId)
            .homeGoals((short)homeGoals)
            .awayGoals((short)awayGoals)
            .homeRedCards((short)homeRedCards)
            .awayRedCards((short)awayRedCards)
            .period((short)period)
            .matchClockMs(matchClockMs);
        send(matchScoreEncoder.encodedLength());
    }

    /**
     * @param teamId credited with the goal (for an own goal, the opponent of the player who scored it).
     */
    public void goalScored(
        final int teamId,
        final int period,
        final long matchClockMs,
        final boolean ownGoal,
        final int homeGoals,
        final int awayGoals)
    {
        goalScoredEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .teamId(teamId)
            .period((short)period)
            .matchClockMs(matchClockMs)
            .ownGoal(ownGoal ? BooleanType.TRUE : BooleanType.FALSE)
            .homeGoals((short)homeGoals)
            .awayGoals((short)awayGoals);
        send(goalScoredEncoder.encodedLength());
    }

    public void coreCounters(
        final long correlationId, final long eventsJournaled, final long eventsProcessed, final long eventsRejected)
    {
        coreCountersEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .correlationId(correlationId)
            .eventsJournaled(eventsJournaled)
            .eventsProcessed(eventsProcessed)
            .eventsRejected(eventsRejected);
        send(coreCountersEncoder.encodedLength());
    }

    /**
     * Measured, so sent outside the tick: not journaled and not in the digest.
     *
     * @param latency  receipt-to-end-of-tick latency, ns.
     * @param tickTime tick service time (journal append and handlers), ns.
     */
    public void latencyReport(final long correlationId, final Histogram latency, final Histogram tickTime)
    {
        latencyReportEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .correlationId(correlationId)
            .count(latency.getTotalCount())
            .p50Ns(latency.getValueAtPercentile(50.0))
            .p99Ns(latency.getValueAtPercentile(99.0))
            .p999Ns(latency.getValueAtPercentile(99.9))
            .maxNs(latency.getMaxValue())
            .tickP50Ns(tickTime.getValueAtPercentile(50.0))
            .tickP99Ns(tickTime.getValueAtPercentile(99.0))
            .tickP999Ns(tickTime.getValueAtPercentile(99.9))
            .tickMaxNs(tickTime.getMaxValue());
        if (!muted)
        {
            sink.sendOutsideTick(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + latencyReportEncoder.encodedLength());
        }
    }

    /**
     * The node's counters as an operator reads them in the CnC file. Measured and process-local, so sent outside
     * the tick: not journaled and not in the digest.
     *
     * @param correlationId of the status request.
     * @param counters      to read.
     */
    public void operatorCounters(final long correlationId, final NodeCounters counters)
    {
        final OperatorCountersEncoder encoder = operatorCountersEncoder.wrapAndApplyHeader(countersBuffer, 0, headerEncoder)
            .ringSequence(ringSequence)
            .correlationId(correlationId)
            .ringPublished(counters.ringPublished().get())
            .ringConsumed(counters.ringConsumed().get())
            .ringBacklog(counters.ringBacklog().get())
            .journalAppends(counters.journalAppends().get())
            .journalBytes(counters.journalBytes().get())
            .journalTornEntries(counters.journalTorn().get())
            .handlerErrors(counters.handlerErrors().get())
            .egressSent(counters.egressSent().get())
            .egressBackPressured(counters.egressBackPressure().get())
            .egressDropped(counters.egressDropped().get())
            .replayRequests(counters.replayRequests().get())
            .replayMessages(counters.replayMessages().get());
        int reasons = 0;
        for (int value = 0; value < 256; value++)
        {
            if (null != counters.rejected(value))
            {
                reasons++;
            }
        }
        final OperatorCountersEncoder.RejectionsEncoder rejections = encoder.rejectionsCount(reasons);
        for (int value = 0; value < 256; value++)
        {
            if (null != counters.rejected(value))
            {
                rejections.next().reason(RejectReason.get((short)value)).rejected(counters.rejected(value).get());
            }
        }
        if (!muted)
        {
            sink.sendOutsideTick(countersBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        }
    }

    private void send(final int bodyLength)
    {
        if (!muted)
        {
            messagesSent++;
            sink.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        }
    }
}
