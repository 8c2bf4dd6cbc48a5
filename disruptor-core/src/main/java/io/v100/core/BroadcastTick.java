package io.v100.core;

import com.lmax.disruptor.EventHandler;
import io.v100.journal.InputJournal;
import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.VideoFrameDecoder;
import org.HdrHistogram.Histogram;
import io.v100.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The ring's consumer: one tick per input, in the fused layout.
 * <pre>
 *   Aeron ingress --> [ring slot] --> journal append --> validate --+--> wagering sync
 *                                                                   |    AI Director
 *                                                                   |    ABR segmentation
 *                                                                   |    deepfake detection
 *                                                                   |    DRM licensing --> egress
 *                                                                   +--> Rejected ------> egress
 * </pre>
 * The input is appended to the journal before any handler runs, so no output for an input can leave before the
 * input is journaled. Each handler then runs to completion for that input before the next one starts, all on
 * this thread, so everything the five handlers emit for one input carries the same ring sequence.
 * <p>
 * Two HdrHistograms measure each input: latency from receipt by the gateway to the end of its tick (which includes
 * any wait in the ring), and the tick's own service time. They are measurements and never reach a handler. Single-threaded; allocation-free in steady state.
 */
public final class BroadcastTick implements EventHandler<RingEvent>
{
    /** Highest latency the histogram tracks, ns; longer ticks are recorded as this value. */
    public static final long MAX_TRACKED_LATENCY_NS = TimeUnit.SECONDS.toNanos(10);

    /** Value of {@link #lastClientSequence(int)} for a client never seen. */
    public static final long NO_CLIENT_SEQUENCE = Long.MIN_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastTick.class);

    private static final int NO_CLIENT = Integer.MIN_VALUE;
    private static final int CLIENT_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int CLIENT_SEQUENCE_OFFSET = CLIENT_ID_OFFSET + Integer.BYTES;
    private static final int CLIENT_FIELDS_END = CLIENT_SEQUENCE_OFFSET + Long.BYTES;

    private final InputJournal journal;
    private final IngressValidator validator = new IngressValidator();
    private final CoreClock clock;
    private final EgressProxy egress;
    private final BroadcastHandler[] handlers;
    private final Histogram latency = new Histogram(MAX_TRACKED_LATENCY_NS, 3);
    private final Histogram tickTime = new Histogram(MAX_TRACKED_LATENCY_NS, 3);

    private final Long2LongHashMap lastClientSequence = new Long2LongHashMap(NO_CLIENT_SEQUENCE);
    private final long[] rejectedByReason = new long[256];
    private NodeCounters counters = NodeCounters.inMemory();
    private TickSnapshotter snapshotter;
    private long snapshotIntervalInputs;
    private long inputsUntilSnapshot = Long.MAX_VALUE;

    private long nextRingSequence;
    private long lastJournalIndex = -1;
    private long eventsJournaled;
    private long eventsProcessed;
    private long eventsRejected;
    private long duplicatesIgnored;
    private long gapsDropped;
    private long handlerErrors;
    private int ackClientId = NO_CLIENT;
    private long ackClientSequence;
    private long ackRingSequence;

    /**
     * @param journal  appended to before each input is processed; null only for replay and tests, where the
     *                 inputs come from a journal already.
     * @param egress   through which the handlers emit; the tick stamps it with each input's ring sequence.
     * @param handlers run in this order on every valid input.
     */
    public BroadcastTick(final InputJournal journal, final EgressProxy egress, final BroadcastHandler... handlers)
    {
        this(journal, egress, new ClockContext(), handlers);
    }

    /**
     * @param journal  appended to before each input is processed; null only for replay and tests, where the
     *                 inputs come from a journal already.
     * @param egress   through which the handlers emit; the tick stamps it with each input's ring sequence.
     * @param clock    window of the core clock rule (see {@link CoreClock}).
     * @param handlers run in this order on every valid input.
     */
    public BroadcastTick(
        final InputJournal journal,
        final EgressProxy egress,
        final ClockContext clock,
        final BroadcastHandler... handlers)
    {
        this.journal = journal;
        this.egress = egress;
        this.clock = new CoreClock(clock);
        this.handlers = handlers.clone();
    }

    /**
     * One ring slot: a snapshot command, or an input. Inputs of a client are taken only in client-sequence order:
     * the first one seen from a client id, then each one whose sequence is exactly one more than the last journaled.
     * A sequence at or below the last is a resend of something already journaled and is ignored; one beyond the
     * next is after a gap (frames lost while the core was down) and is dropped until the client resends from its
     * last acknowledged input. Either way the client is acknowledged again. So the journal holds each client's
     * inputs exactly once, in the order it sent them, however often the core restarts. Every accepted input gets
     * the next ring sequence, is journaled, then processed.
     */
    public void onEvent(final RingEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.kind() == RingEvent.KIND_SNAPSHOT)
        {
            flushAck();
            takeSnapshot();
            counters.ringConsumed().setRelease(sequence + 1);
            return;
        }

        final long tickStartNs = System.nanoTime();
        final UnsafeBuffer frame = event.frame();
        final int storedLength = event.storedLength();
        final int clientId = clientId(frame, storedLength);
        final long clientSequence = NO_CLIENT == clientId ? 0 : frame.getLong(CLIENT_SEQUENCE_OFFSET, LITTLE_ENDIAN);
        final long lastSequence = NO_CLIENT == clientId ? NO_CLIENT_SEQUENCE : lastClientSequence.get(clientId);
        if (NO_CLIENT_SEQUENCE != lastSequence && clientSequence != lastSequence + 1)
        {
            if (clientSequence <= lastSequence)
            {
                duplicatesIgnored++;
            }
            else
            {
                gapsDropped++;
            }
            pendingAck(clientId, lastSequence, ackRingSequence);
        }
        else
        {
            final long ringSequence = nextRingSequence++;
            if (null != journal)
            {
                lastJournalIndex = journal.append(
                    ringSequence, event.receivedEpochNs(), frame, 0, event.frameLength(), storedLength);
                counters.journalAppends().incrementRelease();
                counters.journalBytes().setRelease(journal.bytesAppended());
            }
            eventsJournaled++;
            if (NO_CLIENT != clientId)
            {
                lastClientSequence.put(clientId, clientSequence);
                pendingAck(clientId, clientSequence, ringSequence);
            }

            process(ringSequence, frame, event.frameLength(), storedLength);

            if (0 == --inputsUntilSnapshot)
            {
                inputsUntilSnapshot = snapshotIntervalInputs;
                flushAck();
                takeSnapshot();
            }
        }
        if (endOfBatch)
        {
            flushAck();
        }
        counters.ringConsumed().setRelease(sequence + 1);
        if (endOfBatch)
        {
            counters.ringBacklog().setRelease(counters.ringPublished().get() - (sequence + 1));
        }

        final long tickEndNs = System.nanoTime();
        tickTime.recordValue(Math.min(tickEndNs - tickStartNs, MAX_TRACKED_LATENCY_NS));
        latency.recordValue(Math.max(0, Math.min(tickEndNs - event.receivedNanos(), MAX_TRACKED_LATENCY_NS)));
    }

    /**
     * Process an input that was journaled earlier, as recovery and the replay tool do. Its egress goes wherever
     * the egress proxy points (recovery mutes it for inputs whose egress was already recorded).
     *
     * @param ringSequence the input had when it was journaled; the next input will get the one after it.
     * @param journalIndex Chronicle Queue index of the entry.
     * @param frame        holding the input from offset 0.
     * @param frameLength  length as received.
     * @param storedLength bytes present in the buffer.
     */
    public void onJournaledInput(
        final long ringSequence,
        final long journalIndex,
        final DirectBuffer frame,
        final int frameLength,
        final int storedLength)
    {
        eventsJournaled++;
        nextRingSequence = ringSequence + 1;
        lastJournalIndex = journalIndex;
        final int clientId = clientId(frame, storedLength);
        if (NO_CLIENT != clientId)
        {
            lastClientSequence.put(clientId, frame.getLong(CLIENT_SEQUENCE_OFFSET, LITTLE_ENDIAN));
        }
        process(ringSequence, frame, frameLength, storedLength);
    }

    /**
     * Set the state a snapshot recorded, before any input is processed.
     *
     * @param nextRingSequence ring sequence of the first input the snapshot does not cover.
     * @param journalIndex     journal index of the last input it covers, -1 if none.
     * @param nowNs            the tick's event time when it was taken.
     * @param eventsProcessed  as counted then.
     * @param eventsRejected   as counted then.
     */
    public void restore(
        final long nextRingSequence,
        final long journalIndex,
        final long nowNs,
        final long eventsProcessed,
        final long eventsRejected)
    {
        this.nextRingSequence = nextRingSequence;
        this.lastJournalIndex = journalIndex;
        this.clock.restore(nowNs);
        this.eventsJournaled = nextRingSequence;
        this.eventsProcessed = eventsProcessed;
        this.eventsRejected = eventsRejected;
    }

    /**
     * @param clientId       of a client.
     * @param clientSequence the last one of its inputs journaled.
     */
    public void restoreClient(final int clientId, final long clientSequence)
    {
        lastClientSequence.put(clientId, clientSequence);
    }

    /**
     * Count into these counters from now on (the core passes its Aeron counters); install before the ring starts.
     *
     * @param counters the node's counters.
     */
    public void counters(final NodeCounters counters)
    {
        this.counters = counters;
    }

    /**
     * @return the counters this tick updates.
     */
    public NodeCounters counters()
    {
        return counters;
    }

    /**
     * Take snapshots through this snapshotter: every {@code intervalInputs} inputs and on snapshot commands.
     * Install it after any {@link #restore}, since the periodic schedule counts from the current ring sequence.
     *
     * @param snapshotter    writing them.
     * @param intervalInputs inputs between periodic snapshots; 0 for commands only.
     */
    public void snapshotter(final TickSnapshotter snapshotter, final long intervalInputs)
    {
        this.snapshotter = snapshotter;
        this.snapshotIntervalInputs = intervalInputs;
        // Count down rather than divide on every input; snapshots still fall on multiples of the interval, also
        // after a recovery that resumed mid-interval.
        this.inputsUntilSnapshot = intervalInputs > 0 ?
            intervalInputs - nextRingSequence % intervalInputs : Long.MAX_VALUE;
    }

    private void takeSnapshot()
    {
        if (null != snapshotter)
        {
            snapshotter.snapshot(this);
        }
    }

    private void pendingAck(final int clientId, final long clientSequence, final long ringSequence)
    {
        if (clientId != ackClientId)
        {
            flushAck();
        }
        ackClientId = clientId;
        ackClientSequence = clientSequence;
        ackRingSequence = ringSequence;
    }

    private void flushAck()
    {
        if (NO_CLIENT != ackClientId)
        {
            egress.ack(ackClientId, ackClientSequence, ackRingSequence);
            ackClientId = NO_CLIENT;
        }
    }

    /**
     * @return the client id of a frame whose header says it is one of our ingress messages, else NO_CLIENT.
     */
    private static int clientId(final DirectBuffer frame, final int storedLength)
    {
        if (storedLength < CLIENT_FIELDS_END ||
            frame.getShort(4, LITTLE_ENDIAN) != MessageHeaderDecoder.SCHEMA_ID)
        {
            return NO_CLIENT;
        }
        final int templateId = frame.getShort(2, LITTLE_ENDIAN) & 0xFFFF;
        if (templateId < FixtureDecoder.TEMPLATE_ID || templateId > StatusRequestDecoder.TEMPLATE_ID)
        {
            return NO_CLIENT;
        }
        return frame.getInt(CLIENT_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Validate, apply the clock rule ({@link CoreClock}), then run the handlers; the same for live inputs, recovery
     * and replay. Every input ends either processed or rejected with a typed reason, never both and never neither:
     * a handler that refuses an input it cannot hold ({@code TABLE_FULL}) turns it into a rejection.
     */
    private void process(final long sequence, final DirectBuffer frame, final int frameLength, final int storedLength)
    {
        int result = validator.validate(frame, frameLength, storedLength);
        if (IngressValidator.VALID == result && !clock.admits(validator.timestampNs()))
        {
            result = RejectReason.TIMESTAMP_OUT_OF_WINDOW.value();
        }
        if (IngressValidator.VALID != result)
        {
            eventsRejected++;
            rejectedByReason[result]++;
            countRejected(result);
            egress.beginTick(sequence, clock.nowNs());
            egress.rejected(
                RejectReason.get((short)result),
                validator.templateId(),
                validator.schemaId(),
                validator.version(),
                frameLength);
            egress.endTick();
            return;
        }

        final long timestampNs = validator.timestampNs();
        clock.advance(timestampNs);
        egress.beginTick(sequence, timestampNs);
        egress.beginInput(validator.templateId(), validator.schemaId(), validator.version(), frameLength);
        eventsProcessed++;
        try
        {
            dispatch(validator.templateId());
        }
        catch (final RuntimeException ex)
        {
            // The rule: a failed input's output is discarded whole, live and in replay alike (handlers are
            // deterministic, so replay fails the same way). State a handler changed before throwing is kept.
            egress.abortTick();
            handlerErrors++;
            counters.handlerErrors().incrementRelease();
            LOG.error("handler failed on ring sequence {}: its output is discarded", sequence, ex);
            return;
        }
        catch (final Error ex)
        {
            // Discarded all the same; the ring's exception handler counts and logs what escapes.
            egress.abortTick();
            throw ex;
        }
        final RejectReason refused = egress.inputRefusal();
        if (null != refused)
        {
            eventsProcessed--;
            eventsRejected++;
            rejectedByReason[refused.value()]++;
            countRejected(refused.value());
        }
        egress.endTick();
    }

    private void countRejected(final int reason)
    {
        final org.agrona.concurrent.status.AtomicCounter rejectedCounter = counters.rejected(reason);
        if (null != rejectedCounter)
        {
            rejectedCounter.incrementRelease();
        }
    }

    /**
     * @return inputs whose tick was abandoned because a handler threw; their output was discarded.
     */
    public long handlerErrors()
    {
        return handlerErrors;
    }

    private void dispatch(final int templateId)
    {
        final BroadcastHandler[] handlers = this.handlers;
        final long nowNs = clock.nowNs();
        switch (templateId)
        {
            case FixtureDecoder.TEMPLATE_ID:
            {
                final FixtureDecoder decoder = validator.fixture();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onFixture(decoder);
                }
                break;
            }

            case MatchEventDecoder.TEMPLATE_ID:
            {
                final MatchEventDecoder decoder = validator.matchEvent();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onMatchEvent(decoder);
                }
                break;
            }

            case VideoFrameDecoder.TEMPLATE_ID:
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onVideoFrame(validator.videoFrame());
                }
                break;

            case CameraSignalDecoder.TEMPLATE_ID:
            {
                final CameraSignalDecoder decoder = validator.cameraSignal();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onCameraSignal(decoder);
                }
                break;
            }

            case DetectorScoreDecoder.TEMPLATE_ID:
            {
                final DetectorScoreDecoder decoder = validator.detectorScore();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onDetectorScore(decoder);
                }
                break;
            }

            case BetRequestDecoder.TEMPLATE_ID:
            {
                final BetRequestDecoder decoder = validator.betRequest();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onBetRequest(decoder);
                }
                break;
            }

            case EntitlementGrantDecoder.TEMPLATE_ID:
            {
                final EntitlementGrantDecoder decoder = validator.entitlementGrant();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onEntitlementGrant(decoder);
                }
                break;
            }

            case LicenseRequestDecoder.TEMPLATE_ID:
            {
                final LicenseRequestDecoder decoder = validator.licenseRequest();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onLicenseRequest(decoder);
                }
                break;
            }

            default:
            {
                final StatusRequestDecoder decoder = validator.statusRequest();
                for (final BroadcastHandler handler : handlers)
                {
                    handler.onTime(nowNs);
                    handler.onStatusRequest(decoder);
                }
                final long correlationId = decoder.correlationId();
                egress.coreCounters(correlationId, eventsJournaled, eventsProcessed, eventsRejected);
                egress.latencyReport(correlationId, latency, tickTime);
                egress.operatorCounters(correlationId, counters);
                break;
            }
        }
    }

    /**
     * @return the handlers in tick order.
     */
    public BroadcastHandler[] handlers()
    {
        return handlers.clone();
    }

    /**
     * @return ring sequence the next input will get: the number of inputs journaled since the journal began.
     */
    public long nextRingSequence()
    {
        return nextRingSequence;
    }

    /**
     * @return journal index of the last input journaled (or replayed), -1 if none.
     */
    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /**
     * @return the core clock, ns since the Unix epoch: the largest stamp of an admitted input (see
     * {@link CoreClock}); {@link CoreClock#NOT_ESTABLISHED} before the first.
     */
    public long nowNs()
    {
        return clock.nowNs();
    }

    /**
     * @param clientId of a client.
     * @return the last of its client sequences journaled, or {@link #NO_CLIENT_SEQUENCE}.
     */
    public long lastClientSequence(final int clientId)
    {
        return lastClientSequence.get(clientId);
    }

    /**
     * @return the last journaled client sequence per client id (read-only use: snapshots).
     */
    public Long2LongHashMap clientSequences()
    {
        return lastClientSequence;
    }

    /**
     * @return resent inputs that were already journaled and so were ignored.
     */
    public long duplicatesIgnored()
    {
        return duplicatesIgnored;
    }

    /**
     * @return inputs that arrived after a gap in their client's sequence and were dropped until resent in order.
     */
    public long gapsDropped()
    {
        return gapsDropped;
    }

    /**
     * @return inputs appended to the journal (or, on replay, read from it).
     */
    public long eventsJournaled()
    {
        return eventsJournaled;
    }

    /**
     * @return valid inputs that ran through the handlers.
     */
    public long eventsProcessed()
    {
        return eventsProcessed;
    }

    /**
     * @return inputs rejected by validation.
     */
    public long eventsRejected()
    {
        return eventsRejected;
    }

    /**
     * @param reason of rejection.
     * @return inputs rejected for that reason.
     */
    public long eventsRejected(final RejectReason reason)
    {
        return rejectedByReason[reason.value()];
    }

    /**
     * @return tick service time in ns: journal append, validation and the five handlers. Read it only from the
     * consumer thread or after the ring has stopped.
     */
    public Histogram tickTime()
    {
        return tickTime;
    }

    /**
     * @return receipt-to-end-of-tick latency in ns. Read it only from the consumer thread or after the ring
     * has stopped.
     */
    public Histogram latency()
    {
        return latency;
    }
}
