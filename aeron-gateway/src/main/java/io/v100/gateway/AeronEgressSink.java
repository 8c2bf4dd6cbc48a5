package io.v100.gateway;

import io.aeron.Publication;
import io.v100.core.EgressSink;
import io.v100.core.NodeCounters;
import io.v100.sbe.EgressGapEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteOrder;

/**
 * Offers egress messages to an Aeron publication and never holds the ring thread for longer than
 * {@link #MAX_OFFER_ATTEMPTS} offers: the egress journal, appended before this sink sees a tick, is the record,
 * so a message that cannot be published now is dropped, counted, and can be replayed from the journal later.
 * <ul>
 *     <li>BACK_PRESSURED, ADMIN_ACTION: offered again, at most {@value #MAX_OFFER_ATTEMPTS} times in all with a
 *     spin-wait hint in between, then dropped. The first drop opens an egress gap: before the next message that
 *     gets through, an {@code EgressGap} names the first ring sequence dropped, so every subscriber learns it
 *     missed something and catches up with a {@code ReplayRequest} from the last tick it applied.</li>
 *     <li>NOT_CONNECTED: no subscriber; dropped and counted, without a gap (no one was there to miss it).</li>
 *     <li>CLOSED, MAX_POSITION_EXCEEDED: the publication is finished; dropped and counted.</li>
 * </ul>
 * Messages sent outside a tick (acknowledgements, latency and counter reports) are offered the same bounded way;
 * they are not journaled, and a dropped acknowledgement is superseded by the next one.
 * <p>
 * Counters are Aeron counters (see {@link NodeCounters}), written by the ring thread only, allocation-free. The
 * getters read plain copies, so they stay safe to call after the node (and with it the CnC mapping) is closed.
 */
public final class AeronEgressSink implements EgressSink
{
    /** Offers per message before it is dropped. */
    public static final int MAX_OFFER_ATTEMPTS = 3;

    private static final int RING_SEQUENCE_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;

    private final Publication publication;
    private final AtomicCounter sent;
    private final AtomicCounter backPressured;
    private final AtomicCounter dropped;
    private final AtomicCounter gaps;
    private final UnsafeBuffer gapBuffer = new UnsafeBuffer(new byte[64]);
    private final EgressGapEncoder gapEncoder = new EgressGapEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private boolean gapOpen;
    private long gapFromRingSequence;
    private long gapMessages;
    private long droppedNotConnected;
    private long sentCount;
    private long backPressuredCount;
    private long droppedCount;
    private long gapCount;

    /**
     * @param publication the egress publication.
     * @param counters    the node's counters (egress sent, back-pressured, dropped, gaps).
     */
    public AeronEgressSink(final Publication publication, final NodeCounters counters)
    {
        this.publication = publication;
        this.sent = counters.egressSent();
        this.backPressured = counters.egressBackPressure();
        this.dropped = counters.egressDropped();
        this.gaps = counters.egressGaps();
    }

    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = gapOpen && !announceGap() ? Publication.BACK_PRESSURED : offer(buffer, offset, length);
        if (result < 0)
        {
            drop(result, buffer.getLong(offset + RING_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
    }

    public void sendOutsideTick(final DirectBuffer buffer, final int offset, final int length)
    {
        if ((gapOpen && !announceGap()) || offer(buffer, offset, length) < 0)
        {
            countDrop();
        }
    }

    /**
     * @return messages offered successfully.
     */
    public long sent()
    {
        return sentCount;
    }

    /**
     * @return messages dropped for any reason.
     */
    public long dropped()
    {
        return droppedCount;
    }

    /**
     * @return messages dropped because no subscriber was connected.
     */
    public long droppedNotConnected()
    {
        return droppedNotConnected;
    }

    /**
     * @return offers refused by back-pressure or an admin action.
     */
    public long backPressured()
    {
        return backPressuredCount;
    }

    /**
     * @return EgressGap announcements that got through.
     */
    public long gaps()
    {
        return gapCount;
    }

    private long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        long result = Publication.BACK_PRESSURED;
        for (int attempt = 0; attempt < MAX_OFFER_ATTEMPTS; attempt++)
        {
            result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                sentCount++;
                sent.setRelease(sentCount);
                return result;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                return result;
            }
            backPressuredCount++;
            backPressured.setRelease(backPressuredCount);
            Thread.onSpinWait();
        }
        return result;
    }

    private void countDrop()
    {
        droppedCount++;
        dropped.setRelease(droppedCount);
    }

    private void drop(final long result, final long ringSequence)
    {
        countDrop();
        if (result == Publication.NOT_CONNECTED)
        {
            droppedNotConnected++;
            return;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            if (!gapOpen)
            {
                gapOpen = true;
                gapFromRingSequence = ringSequence;
                gapMessages = 0;
            }
            gapMessages++;
        }
    }

    private boolean announceGap()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + gapEncoder
            .wrapAndApplyHeader(gapBuffer, 0, headerEncoder)
            .fromRingSequence(gapFromRingSequence)
            .messagesDropped(gapMessages)
            .encodedLength();
        if (offer(gapBuffer, 0, length) > 0)
        {
            gapOpen = false;
            gapCount++;
            gaps.setRelease(gapCount);
            return true;
        }
        return false;
    }
}
