package io.v100.gateway;

import io.aeron.Publication;
import io.v100.core.EgressSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers egress messages to an Aeron publication, handling every offer result.
 * <ul>
 *     <li>BACK_PRESSURED, ADMIN_ACTION: idle and retry. The ring slows to the subscriber's pace rather than drop
 *     an answer a connected client is waiting for.</li>
 *     <li>NOT_CONNECTED: no subscriber; the message is counted as dropped (the journal still holds the input
 *     that produced it).</li>
 *     <li>CLOSED, MAX_POSITION_EXCEEDED: the publication is finished; counted as dropped and as a failure.</li>
 * </ul>
 * Counters are atomics because monitoring reads them from other threads; the ring thread is the only writer.
 */
public final class AeronEgressSink implements EgressSink
{
    private final Publication publication;
    private final IdleStrategy idleStrategy;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong droppedNotConnected = new AtomicLong();
    private final AtomicLong droppedClosed = new AtomicLong();
    private final AtomicLong backPressureRetries = new AtomicLong();

    /**
     * @param publication  the egress publication.
     * @param idleStrategy used between retries under back-pressure.
     */
    public AeronEgressSink(final Publication publication, final IdleStrategy idleStrategy)
    {
        this.publication = publication;
        this.idleStrategy = idleStrategy;
    }

    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        idleStrategy.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                sent.lazySet(sent.get() + 1);
                return;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                backPressureRetries.lazySet(backPressureRetries.get() + 1);
                idleStrategy.idle();
                continue;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                droppedNotConnected.lazySet(droppedNotConnected.get() + 1);
                return;
            }
            droppedClosed.lazySet(droppedClosed.get() + 1);
            return;
        }
    }

    public long sent()
    {
        return sent.get();
    }

    public long droppedNotConnected()
    {
        return droppedNotConnected.get();
    }

    public long droppedClosed()
    {
        return droppedClosed.get();
    }

    public long backPressureRetries()
    {
        return backPressureRetries.get();
    }
}
