package io.v100.gateway;

import io.aeron.Publication;
import io.v100.core.NodeCounters;
import io.v100.journal.EgressJournalReader;
import io.v100.journal.JournalContext;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.ReplayEndEncoder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Answers replay requests from the egress journal: every recorded egress message from a ring sequence on, in
 * order, then a {@code ReplayEnd}, on the replay stream.
 * <p>
 * Runs on its own thread (it reads files) and never touches the ring; the egress journal is written by the ring
 * thread and read here through a separate Chronicle tailer. A request covers what the journal holds when the
 * request is served: a client that asked after reconnecting then takes live egress for anything later.
 */
public final class ReplayAgent implements Agent
{
    /** A replay asked for by a client. */
    record Request(long fromRingSequence, long correlationId)
    {
    }

    private final ManyToOneConcurrentArrayQueue<Request> requests = new ManyToOneConcurrentArrayQueue<>(64);
    private final JournalContext egressJournal;
    private final Publication publication;
    private final UnsafeBuffer endBuffer = new UnsafeBuffer(new byte[64]);
    private final YieldingIdleStrategy backPressureIdle = new YieldingIdleStrategy();
    private final AtomicCounter requestsCounter;
    private final AtomicCounter messagesCounter;
    private long replays;

    /**
     * @param egressJournal to read.
     * @param publication   the replay stream.
     * @param counters      the node's counters (replay requests and messages).
     */
    public ReplayAgent(final JournalContext egressJournal, final Publication publication, final NodeCounters counters)
    {
        this.egressJournal = egressJournal;
        this.publication = publication;
        this.requestsCounter = counters.replayRequests();
        this.messagesCounter = counters.replayMessages();
    }

    /**
     * Queue a request; called from the gateway poller.
     *
     * @param fromRingSequence first ring sequence to replay.
     * @param correlationId    echoed in the ReplayEnd.
     * @return false if too many requests are waiting.
     */
    public boolean request(final long fromRingSequence, final long correlationId)
    {
        return requests.offer(new Request(fromRingSequence, correlationId));
    }

    public int doWork()
    {
        final Request request = requests.poll();
        if (null == request)
        {
            return 0;
        }
        serve(request);
        return 1;
    }

    private void serve(final Request request)
    {
        final long[] last = { request.fromRingSequence() - 1 };
        final long[] messages = { 0 };
        try (EgressJournalReader reader = new EgressJournalReader(egressJournal, 64 * 1024))
        {
            reader.seekToRingSequence(request.fromRingSequence());
            while (reader.readTick((index, ringSequence, position, message) ->
            {
                offer(message, 0, message.capacity());
                messagesCounter.incrementRelease();
                last[0] = ringSequence;
                messages[0]++;
            }) >= 0)
            {
                Thread.onSpinWait();
            }
        }
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new ReplayEndEncoder()
            .wrapAndApplyHeader(endBuffer, 0, new MessageHeaderEncoder())
            .correlationId(request.correlationId())
            .fromRingSequence(request.fromRingSequence())
            .lastRingSequence(last[0])
            .messages(messages[0])
            .encodedLength();
        offer(endBuffer, 0, length);
        replays++;
        requestsCounter.incrementRelease();
    }

    private void offer(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        backPressureIdle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                result == Publication.NOT_CONNECTED)
            {
                return;
            }
            backPressureIdle.idle();
        }
    }

    /**
     * @return replays served.
     */
    public long replays()
    {
        return replays;
    }

    public String roleName()
    {
        return "v100-replay";
    }
}
