package io.v100.core;

import io.v100.sbe.RejectReason;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The counters an operator reads on a running core, allocated once at start (Aeron counters in the CnC file when
 * the core runs over Aeron) and updated without allocation by their single writer with release stores.
 * <table>
 *   <caption>counters, by type id</caption>
 *   <tr><th>type id</th><th>label</th><th>written by</th></tr>
 *   <tr><td>{@value #RING_PUBLISHED_TYPE_ID}</td><td>ring published</td><td>gateway poller</td></tr>
 *   <tr><td>{@value #RING_CONSUMED_TYPE_ID}</td><td>ring consumed</td><td>ring thread</td></tr>
 *   <tr><td>{@value #RING_BACKLOG_TYPE_ID}</td><td>ring backlog (at the end of each batch)</td><td>ring thread</td></tr>
 *   <tr><td>{@value #JOURNAL_APPENDS_TYPE_ID}</td><td>input journal appends</td><td>ring thread</td></tr>
 *   <tr><td>{@value #JOURNAL_BYTES_TYPE_ID}</td><td>input journal bytes</td><td>ring thread</td></tr>
 *   <tr><td>{@value #JOURNAL_TORN_TYPE_ID}</td><td>input journal torn entries found at start-up</td><td>start-up</td></tr>
 *   <tr><td>{@value #HANDLER_ERRORS_TYPE_ID}</td><td>handler errors (input output discarded)</td><td>ring thread</td></tr>
 *   <tr><td>{@value #REJECTED_TYPE_ID}</td><td>one per {@link RejectReason} value, derived from the generated
 *   enum, so a reason added to the schema gets its counter</td><td>ring thread</td></tr>
 *   <tr><td>{@value #EGRESS_SENT_TYPE_ID}</td><td>egress sent</td><td>ring thread</td></tr>
 *   <tr><td>{@value #EGRESS_BACK_PRESSURE_TYPE_ID}</td><td>egress back-pressured offers</td><td>ring thread</td></tr>
 *   <tr><td>{@value #EGRESS_DROPPED_TYPE_ID}</td><td>egress dropped</td><td>ring thread</td></tr>
 *   <tr><td>{@value #EGRESS_GAPS_TYPE_ID}</td><td>egress gaps announced</td><td>ring thread</td></tr>
 *   <tr><td>{@value #REPLAY_REQUESTS_TYPE_ID}</td><td>replay requests served</td><td>replay agent</td></tr>
 *   <tr><td>{@value #REPLAY_MESSAGES_TYPE_ID}</td><td>replay messages sent</td><td>replay agent</td></tr>
 * </table>
 * Other parts of the node add theirs with {@link #register(int, String)} (sessions, for example), using type ids
 * from {@value #FIRST_FREE_TYPE_ID} up; every counter registered here is also in the {@code OperatorCounters}
 * answer's order of {@link #all()}. Values count since this process started.
 */
public final class NodeCounters
{
    /** Type id of the ring-published counter; V100 counters use 9100-9199, clear of Aeron's own. */
    public static final int RING_PUBLISHED_TYPE_ID = 9100;
    public static final int RING_CONSUMED_TYPE_ID = 9101;
    public static final int RING_BACKLOG_TYPE_ID = 9102;
    public static final int JOURNAL_APPENDS_TYPE_ID = 9110;
    public static final int JOURNAL_BYTES_TYPE_ID = 9111;
    public static final int JOURNAL_TORN_TYPE_ID = 9112;
    public static final int HANDLER_ERRORS_TYPE_ID = 9120;
    public static final int REJECTED_TYPE_ID = 9130;
    public static final int EGRESS_SENT_TYPE_ID = 9140;
    public static final int EGRESS_BACK_PRESSURE_TYPE_ID = 9141;
    public static final int EGRESS_DROPPED_TYPE_ID = 9142;
    public static final int EGRESS_GAPS_TYPE_ID = 9143;
    public static final int REPLAY_REQUESTS_TYPE_ID = 9150;
    public static final int REPLAY_MESSAGES_TYPE_ID = 9151;
    /** First type id free for counters registered by other parts of the node. */
    public static final int SESSIONS_OPEN_TYPE_ID = 9160;
    public static final int SESSIONS_OPENED_TYPE_ID = 9161;
    public static final int AUTHENTICATION_FAILURES_TYPE_ID = 9162;
    public static final int DUPLICATES_IGNORED_TYPE_ID = 9163;
    public static final int GAPS_DROPPED_TYPE_ID = 9164;

    public static final int FIRST_FREE_TYPE_ID = 9170;

    /** Prefix of every label, so {@code AeronStat} output can be filtered by it. */
    public static final String LABEL_PREFIX = "v100 ";

    private final CounterAllocator allocator;
    private final List<AtomicCounter> all = new ArrayList<>();
    private final AtomicCounter ringPublished;
    private final AtomicCounter ringConsumed;
    private final AtomicCounter ringBacklog;
    private final AtomicCounter journalAppends;
    private final AtomicCounter journalBytes;
    private final AtomicCounter journalTorn;
    private final AtomicCounter handlerErrors;
    private final AtomicCounter[] rejected = new AtomicCounter[256];
    private final AtomicCounter egressSent;
    private final AtomicCounter egressBackPressure;
    private final AtomicCounter egressDropped;
    private final AtomicCounter egressGaps;
    private final AtomicCounter replayRequests;
    private final AtomicCounter replayMessages;
    private final AtomicCounter sessionsOpen;
    private final AtomicCounter sessionsOpened;
    private final AtomicCounter authenticationFailures;
    private final AtomicCounter duplicatesIgnored;
    private final AtomicCounter gapsDropped;

    /**
     * @param allocator where the counters live.
     */
    public NodeCounters(final CounterAllocator allocator)
    {
        this.allocator = allocator;
        ringPublished = register(RING_PUBLISHED_TYPE_ID, "ring published");
        ringConsumed = register(RING_CONSUMED_TYPE_ID, "ring consumed");
        ringBacklog = register(RING_BACKLOG_TYPE_ID, "ring backlog");
        journalAppends = register(JOURNAL_APPENDS_TYPE_ID, "input journal appends");
        journalBytes = register(JOURNAL_BYTES_TYPE_ID, "input journal bytes");
        journalTorn = register(JOURNAL_TORN_TYPE_ID, "input journal torn entries found");
        handlerErrors = register(HANDLER_ERRORS_TYPE_ID, "handler errors");
        for (final RejectReason reason : RejectReason.values())
        {
            if (RejectReason.NULL_VAL != reason)
            {
                rejected[reason.value()] = register(REJECTED_TYPE_ID, "rejected " + reason.name());
            }
        }
        egressSent = register(EGRESS_SENT_TYPE_ID, "egress sent");
        egressBackPressure = register(EGRESS_BACK_PRESSURE_TYPE_ID, "egress back-pressured offers");
        egressDropped = register(EGRESS_DROPPED_TYPE_ID, "egress dropped");
        egressGaps = register(EGRESS_GAPS_TYPE_ID, "egress gaps announced");
        replayRequests = register(REPLAY_REQUESTS_TYPE_ID, "replay requests");
        replayMessages = register(REPLAY_MESSAGES_TYPE_ID, "replay messages");
        sessionsOpen = register(SESSIONS_OPEN_TYPE_ID, "sessions open");
        sessionsOpened = register(SESSIONS_OPENED_TYPE_ID, "sessions opened");
        authenticationFailures = register(AUTHENTICATION_FAILURES_TYPE_ID, "session authentication failures");
        duplicatesIgnored = register(DUPLICATES_IGNORED_TYPE_ID, "duplicate inputs ignored");
        gapsDropped = register(GAPS_DROPPED_TYPE_ID, "inputs dropped after a gap");
    }

    /**
     * Copy the sequencer's session and sequencing counts (ring thread, at the end of a batch; allocation-free).
     *
     * @param sequencer whose plain fields are copied.
     */
    public void sessions(final ClientSequencer sequencer)
    {
        sessionsOpen.setRelease(sequencer.sessionsOpen());
        sessionsOpened.setRelease(sequencer.sessionsOpened());
        authenticationFailures.setRelease(sequencer.authenticationFailures());
        duplicatesIgnored.setRelease(sequencer.duplicatesIgnored());
        gapsDropped.setRelease(sequencer.gapsDropped());
    }

    /**
     * @return counters for a core with no Aeron: tests and the replay tool.
     */
    public static NodeCounters inMemory()
    {
        return new NodeCounters(CounterAllocator.inMemory(128));
    }

    /**
     * Add a counter; call at start-up only (it allocates).
     *
     * @param typeId kind, {@value #FIRST_FREE_TYPE_ID} or above for counters outside this class.
     * @param label  without the {@value #LABEL_PREFIX} prefix, which is added.
     * @return the counter, at zero.
     */
    public AtomicCounter register(final int typeId, final String label)
    {
        final AtomicCounter counter = allocator.allocate(typeId, LABEL_PREFIX + label);
        all.add(counter);
        return counter;
    }

    /**
     * @return every counter registered, in registration order (read-only).
     */
    public List<AtomicCounter> all()
    {
        return Collections.unmodifiableList(all);
    }

    public AtomicCounter ringPublished()
    {
        return ringPublished;
    }

    public AtomicCounter ringConsumed()
    {
        return ringConsumed;
    }

    public AtomicCounter ringBacklog()
    {
        return ringBacklog;
    }

    public AtomicCounter journalAppends()
    {
        return journalAppends;
    }

    public AtomicCounter journalBytes()
    {
        return journalBytes;
    }

    public AtomicCounter journalTorn()
    {
        return journalTorn;
    }

    public AtomicCounter handlerErrors()
    {
        return handlerErrors;
    }

    /**
     * @param reason value of a {@link RejectReason}.
     * @return its counter, or null for a value the enum does not have.
     */
    public AtomicCounter rejected(final int reason)
    {
        return rejected[reason & 0xFF];
    }

    public AtomicCounter egressSent()
    {
        return egressSent;
    }

    public AtomicCounter egressBackPressure()
    {
        return egressBackPressure;
    }

    public AtomicCounter egressDropped()
    {
        return egressDropped;
    }

    public AtomicCounter egressGaps()
    {
        return egressGaps;
    }

    public AtomicCounter replayRequests()
    {
        return replayRequests;
    }

    public AtomicCounter replayMessages()
    {
        return replayMessages;
    }
}
