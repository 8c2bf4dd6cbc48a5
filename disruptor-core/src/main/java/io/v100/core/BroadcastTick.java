package io.v100.core;

import com.lmax.disruptor.EventHandler;
import io.v100.journal.InputJournal;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.StatusRequestDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's consumer: one tick per input, in the fused layout.
 * <pre>
 *   Aeron ingress --> [ring slot] --> sequence --> journal append --> validate --+--> wagering sync
 *                       (gateway:         |                                      |    AI Director
 *                        session and      +--> Ack (duplicate, gap)              |    ABR segmentation
 *                        role checked)    +--> Rejected (invalid sequence)       |    deepfake detection
 *                                                                                |    DRM licensing --> egress
 *                                                                                +--> Rejected ------> egress
 * </pre>
 * The input is appended to the journal before any handler runs, so no output for an input can leave before the
 * input is journaled. Each handler then runs to completion for that input before the next one starts, all on
 * this thread, so everything the five handlers emit for one input carries the same ring sequence.
 * <p>
 * The jobs are split: {@link ClientSequencer} owns sessions, client ids, client sequences and acknowledgements;
 * {@link InputDispatcher} reads each header once and runs the handlers; {@link TickMetrics} holds the histograms
 * and per-reason counts; this class orders them, journals, and schedules snapshots. Session opens and closes are
 * journaled but take no ring sequence (see {@link ClientSequencer}). Single-threaded; allocation-free in steady
 * state.
 */
public final class BroadcastTick implements EventHandler<RingEvent>
{
    /** Highest latency the histograms track, ns; longer ticks are recorded as this value. */
    public static final long MAX_TRACKED_LATENCY_NS = TickMetrics.MAX_TRACKED_LATENCY_NS;

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastTick.class);

    private final InputJournal journal;
    private final CoreClock clock;
    private final EgressProxy egress;
    private final BroadcastHandler[] handlers;
    private final InputDispatcher dispatcher;
    private final ClientSequencer sequencer;
    private final TickMetrics metrics = new TickMetrics();
    private TickSnapshotter snapshotter;
    private SnapshotRequestGate snapshotGate;
    private long snapshotIntervalInputs;
    private long inputsUntilSnapshot = Long.MAX_VALUE;

    private NodeCounters counters = NodeCounters.inMemory();
    private long handlerErrors;
    private long nextRingSequence;
    private long lastJournalIndex = -1;
    private long eventsJournaled;
    private long eventsProcessed;
    private long eventsRejected;

    /**
     * A tick with the default client capacity ({@link SessionContext#MAX_CLIENTS_DEFAULT}) and a registry of
     * its own.
     *
     * @param journal  appended to before each input is processed; null only for replay and tests, where the
     *                 inputs come from a journal already.
     * @param egress   through which the handlers emit; the tick stamps it with each input's ring sequence.
     * @param handlers run in this order on every valid input.
     */
    public BroadcastTick(final InputJournal journal, final EgressProxy egress, final BroadcastHandler... handlers)
    {
        this(journal, egress, new SessionRegistry(SessionContext.MAX_CLIENTS_DEFAULT), handlers);
    }

    /**
     * @param journal  appended to before each input is processed; null for replay and tests.
     * @param egress   through which the handlers emit.
     * @param registry where session bindings are published for the gateway; its size is the client capacity.
     * @param handlers run in this order on every valid input.
     */
    public BroadcastTick(
        final InputJournal journal,
        final EgressProxy egress,
        final SessionRegistry registry,
        final BroadcastHandler... handlers)
    {
        this(journal, egress, registry, new ClockContext(), handlers);
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
        this(journal, egress, new SessionRegistry(SessionContext.MAX_CLIENTS_DEFAULT), clock, handlers);
    }

    /**
     * @param journal  appended to before each input is processed; null for replay and tests.
     * @param egress   through which the handlers emit.
     * @param registry where session bindings are published for the gateway; its size is the client capacity.
     * @param clock    window of the core clock rule (see {@link CoreClock}).
     * @param handlers run in this order on every valid input.
     */
    public BroadcastTick(
        final InputJournal journal,
        final EgressProxy egress,
        final SessionRegistry registry,
        final ClockContext clock,
        final BroadcastHandler... handlers)
    {
        this.journal = journal;
        this.egress = egress;
        this.clock = new CoreClock(clock);
        this.handlers = handlers.clone();
        this.dispatcher = new InputDispatcher(this.handlers);
        this.sequencer = new ClientSequencer(registry, egress);
    }

    /**
     * One ring slot: a snapshot command, a refusal from the gateway, or an input. A client's input is taken only in
     * client-sequence order (see {@link ClientSequencer}); every accepted input gets the next ring sequence, is
     * journaled, then processed.
     */
    public void onEvent(final RingEvent event, final long sequence, final boolean endOfBatch)
    {
        final int kind = event.kind();
        if (RingEvent.KIND_SNAPSHOT == kind)
        {
            sequencer.flushAck();
            takeSnapshot();
            if (null != snapshotGate)
            {
                snapshotGate.onTaken();
            }
            counters.ringConsumed().setRelease(sequence + 1);
            return;
        }

        final long tickStartNs = System.nanoTime();
        if (RingEvent.KIND_REFUSED == kind)
        {
            refuse(event.refusedReason(), event.refusedTemplateId(), event.refusedSchemaId(), event.refusedVersion(),
                event.frameLength());
        }
        else
        {
            onInput(event);
        }
        if (endOfBatch)
        {
            sequencer.flushAck();
        }
        counters.ringConsumed().setRelease(sequence + 1);
        if (endOfBatch)
        {
            counters.ringBacklog().setRelease(counters.ringPublished().get() - (sequence + 1));
            counters.sessions(sequencer);
        }
        metrics.recordTick(tickStartNs, System.nanoTime(), event.receivedNanos());
    }

    private void onInput(final RingEvent event)
    {
        final UnsafeBuffer frame = event.frame();
        final int storedLength = event.storedLength();
        final int frameLength = event.frameLength();
        switch (dispatcher.wrap(frame, storedLength))
        {
            case InputDispatcher.SESSION_OPENED ->
            {
                journalSessionEntry(event);
                sequencer.onSessionOpened(dispatcher.sessionOpened());
            }
            case InputDispatcher.SESSION_CLOSED ->
            {
                journalSessionEntry(event);
                sequencer.onSessionClosed(dispatcher.sessionClosed());
            }
            case InputDispatcher.CLIENT_INPUT ->
            {
                final int clientId = dispatcher.clientId();
                final long clientSequence = dispatcher.clientSequence();
                switch (sequencer.sequence(clientId, clientSequence))
                {
                    case ClientSequencer.ACCEPT ->
                    {
                        final long ringSequence = journalInput(event);
                        sequencer.onAccepted(clientId, clientSequence, ringSequence);
                        process(ringSequence, frameLength, storedLength);
                        scheduleSnapshot();
                    }
                    case ClientSequencer.INVALID_SEQUENCE -> refuseFrame(RejectReason.INVALID_SEQUENCE, frameLength);
                    case ClientSequencer.INVALID_CLIENT -> refuseFrame(RejectReason.NO_SESSION, frameLength);
                    default ->
                    {
                        // duplicate or gap: the sequencer queued an Ack naming the next expected sequence
                    }
                }
            }
            default ->
            {
                process(journalInput(event), frameLength, storedLength);
                scheduleSnapshot();
            }
        }
    }

    private long journalInput(final RingEvent event)
    {
        final long ringSequence = nextRingSequence++;
        if (null != journal)
        {
            lastJournalIndex = journal.append(
                ringSequence, event.receivedEpochNs(), event.frame(), 0, event.frameLength(), event.storedLength());
            countJournalAppend();
        }
        eventsJournaled++;
        return ringSequence;
    }

    /**
     * Session entries are journaled with the ring sequence the next input will get, without taking it.
     */
    private void journalSessionEntry(final RingEvent event)
    {
        if (null != journal)
        {
            lastJournalIndex = journal.append(
                nextRingSequence, event.receivedEpochNs(), event.frame(), 0, event.frameLength(),
                event.storedLength());
            countJournalAppend();
        }
    }

    private void countJournalAppend()
    {
        counters.journalAppends().incrementRelease();
        counters.journalBytes().setRelease(journal.bytesAppended());
    }

    private void scheduleSnapshot()
    {
        if (0 == --inputsUntilSnapshot)
        {
            inputsUntilSnapshot = snapshotIntervalInputs;
            sequencer.flushAck();
            takeSnapshot();
        }
    }

    private void refuseFrame(final RejectReason reason, final int frameLength)
    {
        refuse(reason.value(), dispatcher.templateId(), dispatcher.schemaId(), dispatcher.version(), frameLength);
    }

    private void refuse(
        final int reason, final int templateId, final int schemaId, final int version, final int frameLength)
    {
        sequencer.flushAck();
        metrics.onRefused(reason);
        countRejected(reason);
        egress.refused(RejectReason.get((short)reason), templateId, schemaId, version, frameLength);
    }

    /**
     * Process an input that was journaled earlier, as recovery and the replay tool do. Its egress goes wherever
     * the egress proxy points (recovery mutes it for inputs whose egress was already recorded). Session entries
     * rebuild the session table; every other entry is processed or rejected exactly as it was live, so no
     * journaled input can stop recovery or replay.
     *
     * @param ringSequence the input had when it was journaled; the next input will get the one after it (a session
     *                     entry carries the next input's and takes none).
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
        lastJournalIndex = journalIndex;
        switch (dispatcher.wrap(frame, storedLength))
        {
            case InputDispatcher.SESSION_OPENED ->
            {
                nextRingSequence = ringSequence;
                sequencer.onSessionOpened(dispatcher.sessionOpened());
                return;
            }
            case InputDispatcher.SESSION_CLOSED ->
            {
                nextRingSequence = ringSequence;
                sequencer.onSessionClosed(dispatcher.sessionClosed());
                return;
            }
            case InputDispatcher.CLIENT_INPUT ->
            {
                sequencer.onReplayed(dispatcher.clientId(), dispatcher.clientSequence(), ringSequence);
            }
            default ->
            {
            }
        }
        eventsJournaled++;
        nextRingSequence = ringSequence + 1;
        process(ringSequence, frameLength, storedLength);
    }

    /**
     * Set the state a snapshot recorded, before any input is processed.
     *
     * @param nextRingSequence ring sequence of the first input the snapshot does not cover.
     * @param journalIndex     journal index of the last entry it covers, -1 if none.
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

    /**
     * @param gate told when a requested snapshot has been taken, so the gateway may grant the next request.
     */
    public void snapshotGate(final SnapshotRequestGate gate)
    {
        this.snapshotGate = gate;
    }

    private void takeSnapshot()
    {
        if (null != snapshotter)
        {
            snapshotter.snapshot(this);
        }
    }

    /**
     * Validate, apply the clock rule ({@link CoreClock}), then run the handlers; the same for live inputs, recovery
     * and replay. Every input ends either processed or rejected with a typed reason, never both and never neither:
     * a handler that refuses an input it cannot hold ({@code TABLE_FULL}) turns it into a rejection.
     */
    private void process(final long sequence, final int frameLength, final int storedLength)
    {
        int result = dispatcher.validate(frameLength, storedLength);
        final IngressValidator validator = dispatcher.validator();
        // Event time comes from the match-data, video and detector sources and from bets, whose delay and
        // past-posting checks are in event time. A status request (counters) and an entitlement grant (a purchase,
        // decided by commerce in its own time; its expiry is what the DRM handler compares with the clock) are no
        // event-time source: their stamps neither move nor are checked against the core clock, and they are
        // handled at the clock as it stands.
        final int templateId = validator.templateId();
        final boolean status = templateId == StatusRequestDecoder.TEMPLATE_ID;
        final boolean untimed = status || templateId == EntitlementGrantDecoder.TEMPLATE_ID;
        if (IngressValidator.VALID == result && !untimed && !clock.admits(validator.timestampNs()))
        {
            result = RejectReason.TIMESTAMP_OUT_OF_WINDOW.value();
        }
        if (IngressValidator.VALID != result)
        {
            eventsRejected++;
            metrics.onRejected(result);
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

        final long timestampNs = untimed ? clock.nowNs() : validator.timestampNs();
        if (!untimed)
        {
            clock.advance(timestampNs);
        }
        egress.beginTick(sequence, timestampNs);
        egress.beginInput(validator.templateId(), validator.schemaId(), validator.version(), frameLength);
        eventsProcessed++;
        try
        {
            dispatcher.dispatch(clock.nowNs());
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
            metrics.onRejected(refused.value());
            countRejected(refused.value());
        }
        final long correlationId = status ? validator.statusRequest().correlationId() : 0;
        if (status)
        {
            egress.coreCounters(correlationId, eventsJournaled, eventsProcessed, eventsRejected);
            egress.latencyReport(correlationId, metrics.latency(), metrics.tickTime());
            egress.operatorCounters(correlationId, counters);
        }
        egress.endTick();
        if (status)
        {
            // After the tick's own messages, so a client that has this answer has the whole status.
            egress.sessionCounters(correlationId, sequencer, metrics);
        }
    }

    private void countRejected(final int reason)
    {
        final AtomicCounter rejectedCounter = counters.rejected(reason);
        if (null != rejectedCounter)
        {
            rejectedCounter.incrementRelease();
        }
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
     * @return inputs whose tick was abandoned because a handler threw; their output was discarded.
     */
    public long handlerErrors()
    {
        return handlerErrors;
    }

    public BroadcastHandler[] handlers()
    {
        return handlers.clone();
    }

    /**
     * @return sessions, client ids and sequences; its counters are plain fields, read them on the ring thread or
     * after the ring stopped.
     */
    public ClientSequencer sequencer()
    {
        return sequencer;
    }

    /**
     * @return histograms and per-reason counts; read them on the ring thread or after the ring stopped.
     */
    public TickMetrics metrics()
    {
        return metrics;
    }

    /**
     * @return ring sequence the next input will get: the number of inputs journaled since the journal began.
     */
    public long nextRingSequence()
    {
        return nextRingSequence;
    }

    /**
     * @return journal index of the last entry journaled (or replayed), -1 if none.
     */
    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /**
     * @return the tick's event time, ns since the Unix epoch: the largest input timestamp seen.
     */
    public long nowNs()
    {
        return clock.nowNs();
    }

    /**
     * @param clientId of a client.
     * @return the last of its client sequences journaled, 0 before its first.
     */
    public long lastClientSequence(final int clientId)
    {
        return sequencer.lastClientSequence(clientId);
    }

    /**
     * @return resent inputs that were already journaled and so were ignored.
     */
    public long duplicatesIgnored()
    {
        return sequencer.duplicatesIgnored();
    }

    /**
     * @return inputs that arrived after a gap in their client's sequence and were dropped until resent in order.
     */
    public long gapsDropped()
    {
        return sequencer.gapsDropped();
    }

    /**
     * @return inputs appended to the journal (or, on replay, read from it), session entries not included.
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
     * @return journaled inputs rejected for that reason.
     */
    public long eventsRejected(final RejectReason reason)
    {
        return metrics.rejected(reason);
    }

    /**
     * @return tick service time in ns: journal append, validation and the five handlers. Read it only from the
     * consumer thread or after the ring has stopped.
     */
    public Histogram tickTime()
    {
        return metrics.tickTime();
    }

    /**
     * @return receipt-to-end-of-tick latency in ns. Read it only from the consumer thread or after the ring
     * has stopped.
     */
    public Histogram latency()
    {
        return metrics.latency();
    }
}
