package io.v100.client;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.v100.sbe.AckDecoder;
import io.v100.sbe.EgressGapDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.ReplayEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

/**
 * Delivers the core's egress to a consumer exactly once and in ring order, across core restarts.
 * <p>
 * Every message a tick produces starts with the ring sequence of its input, and a tick's messages are contiguous,
 * so a message is identified by (ring sequence, position within its tick). This filter remembers the last tick it
 * applied and how many of that tick's messages, and drops anything at or before that point. When a new core
 * incarnation appears (a live message from a new Aeron session) it switches to catching up: live messages are
 * held back, the owner sends a {@code ReplayRequest} from the last tick applied, the replayed messages are
 * applied, and when the {@code ReplayEnd} arrives the held-back live messages are applied behind them. Every
 * message the core sent is in its egress journal before it is sent, so the replay plus the live stream leave
 * no gap. The same catch-up runs when the core announces an {@code EgressGap}: it dropped egress it could not
 * publish (this or another subscriber stopped keeping up), and the journal fills it.
 * <p>
 * Acknowledgements for this client are tracked here too. Client-side code: it may allocate while catching up.
 */
public final class OrderedEgress
{
    private static final int MAX_SOURCES = 8;
    private static final int RING_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private final EgressListener consumer;
    private int clientId;
    private long sequenceBase;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AckDecoder ack = new AckDecoder();
    private final ReplayEndDecoder replayEnd = new ReplayEndDecoder();

    private final int[] sourceIds = new int[MAX_SOURCES];
    private final long[] sourceRing = new long[MAX_SOURCES];
    private final int[] sourcePosition = new int[MAX_SOURCES];
    private int sources;
    private int nextSlot;

    private final ExpandableArrayBuffer held = new ExpandableArrayBuffer(64 * 1024);
    private final IntArrayList heldOffsets = new IntArrayList();
    private final IntArrayList heldLengths = new IntArrayList();
    private final LongArrayList heldRing = new LongArrayList();
    private final IntArrayList heldPosition = new IntArrayList();
    private int heldLimit;

    private long lastRing = -1;
    private int appliedInTick;
    private int liveSessionId;
    private boolean hasLiveSession;
    private boolean catchingUp;
    private boolean replayNeeded;
    private boolean resendNeeded;
    private long gaps;
    private long replayCorrelationId;
    private long ackedClientSequence;
    private long lostFrom;
    private long lostTo;
    private long replays;

    /**
     * @param consumer receiving each message once, in order.
     * @param clientId whose acknowledgements to track; 0 until {@link #session} names the one the core assigned.
     */
    public OrderedEgress(final EgressListener consumer, final int clientId)
    {
        this.consumer = consumer;
        this.clientId = clientId;
    }

    /**
     * Track acknowledgements of the client id a session was given, in the caller's own numbering.
     *
     * @param clientId     assigned by the core.
     * @param sequenceBase what the client adds to each of its sequences (see {@link V100Client#sequenceBase()}).
     */
    public void session(final int clientId, final long sequenceBase)
    {
        if (clientId != this.clientId || sequenceBase != this.sequenceBase)
        {
            this.clientId = clientId;
            this.sequenceBase = sequenceBase;
            ackedClientSequence = 0;
        }
    }

    /**
     * A session opened again tells where the core's journal of this client ends; below what was acknowledged
     * before, the core lost acknowledged inputs (a torn journal tail cut at its restart), reported as an Ack
     * below an earlier one is.
     *
     * @param journaledClientSequence the last client sequence the core holds, in the caller's numbering.
     */
    public void onSessionReopened(final long journaledClientSequence)
    {
        onAck(journaledClientSequence);
    }

    /**
     * @return handler for the live egress stream.
     */
    public FragmentHandler liveHandler()
    {
        return this::onLive;
    }

    /**
     * @return handler for the replay stream.
     */
    public FragmentHandler replayHandler()
    {
        return this::onReplay;
    }

    /**
     * @return true once if a new core incarnation or an egress gap was seen and a replay should be requested now.
     */
    public boolean takeReplayNeeded()
    {
        final boolean needed = replayNeeded;
        replayNeeded = false;
        return needed;
    }

    /**
     * @return true once if a new core incarnation was seen and unacknowledged frames should be resent now.
     */
    public boolean takeResendNeeded()
    {
        final boolean needed = resendNeeded;
        resendNeeded = false;
        return needed;
    }

    /**
     * @return EgressGap notices received: times the core dropped egress this client then replayed.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * Record that a replay was requested; answers to other requests are ignored.
     *
     * @param correlationId of the request.
     * @return the ring sequence to replay from: the last tick applied (its first messages are dropped again).
     */
    public long replayRequested(final long correlationId)
    {
        replayCorrelationId = correlationId;
        for (int i = 0; i < sources; i++)
        {
            if (sourceIds[i] < 0)
            {
                sourceRing[i] = Long.MIN_VALUE;
            }
        }
        return Math.max(0, lastRing);
    }

    /**
     * @return highest client sequence of this client the core has acknowledged as journaled.
     */
    public long ackedClientSequence()
    {
        return ackedClientSequence;
    }

    /**
     * Take the range of this client's acknowledged inputs that the core reported it no longer holds: an Ack naming
     * a client sequence below one acknowledged before means the core's journal was cut back (a torn tail after a
     * power cut, or damage on disk). The client must resend from the lower sequence.
     *
     * @return { first, last } client sequence lost, or null if no loss was seen since the last call.
     */
    public long[] takeLostAcknowledged()
    {
        if (0 == lostTo)
        {
            return null;
        }
        final long[] range = { lostFrom, lostTo };
        lostFrom = 0;
        lostTo = 0;
        return range;
    }

    /**
     * @return true while held-back live messages wait for a replay to end.
     */
    public boolean catchingUp()
    {
        return catchingUp;
    }

    /**
     * @return replays completed.
     */
    public long replays()
    {
        return replays;
    }

    private void onLive(final DirectBuffer buffer, final int offset, final int length, final Header fragmentHeader)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int sessionId = fragmentHeader.sessionId();
        if (!hasLiveSession)
        {
            hasLiveSession = true;
            liveSessionId = sessionId;
        }
        else if (sessionId != liveSessionId)
        {
            liveSessionId = sessionId;
            catchingUp = true;
            replayNeeded = true;
            resendNeeded = true;
        }
        else if (templateId == EgressGapDecoder.TEMPLATE_ID)
        {
            // The core dropped egress it could not publish; everything after this notice is held back until a
            // replay from the last tick applied has filled the gap from the egress journal.
            catchingUp = true;
            replayNeeded = true;
            gaps++;
        }

        if (!EgressTally.isDigested(templateId) || EgressTally.isRefusal(buffer, offset, templateId))
        {
            if (templateId == AckDecoder.TEMPLATE_ID)
            {
                ack.wrapAndApplyHeader(buffer, offset, header);
                if (ack.clientId() == clientId)
                {
                    onAck(ack.clientSequence() - sequenceBase);
                }
            }
            consumer.onMessage(buffer, offset, length);
            return;
        }

        final long ring = buffer.getLong(offset + RING_SEQUENCE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
        final int position = position(sessionId, ring);
        if (catchingUp)
        {
            held.putBytes(heldLimit, buffer, offset, length);
            heldOffsets.addInt(heldLimit);
            heldLengths.addInt(length);
            heldRing.addLong(ring);
            heldPosition.addInt(position);
            heldLimit += length;
        }
        else
        {
            apply(buffer, offset, length, ring, position);
        }
    }

    private void onAck(final long clientSequence)
    {
        if (clientSequence < ackedClientSequence)
        {
            // Acks from one core incarnation only grow; a lower one means the core lost acknowledged inputs.
            lostFrom = clientSequence + 1;
            lostTo = Math.max(lostTo, ackedClientSequence);
        }
        ackedClientSequence = clientSequence;
    }

    private void onReplay(final DirectBuffer buffer, final int offset, final int length, final Header fragmentHeader)
    {
        header.wrap(buffer, offset);
        if (header.templateId() == ReplayEndDecoder.TEMPLATE_ID)
        {
            replayEnd.wrapAndApplyHeader(buffer, offset, header);
            if (replayEnd.correlationId() == replayCorrelationId)
            {
                releaseHeld();
                replays++;
            }
            return;
        }
        if (!catchingUp || !EgressTally.isDigested(header.templateId()))
        {
            return;
        }
        final long ring = buffer.getLong(offset + RING_SEQUENCE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
        apply(buffer, offset, length, ring, position(-fragmentHeader.sessionId() - 1, ring));
    }

    private void releaseHeld()
    {
        catchingUp = false;
        for (int i = 0, n = heldOffsets.size(); i < n; i++)
        {
            apply(held, heldOffsets.getInt(i), heldLengths.getInt(i), heldRing.getLong(i), heldPosition.getInt(i));
        }
        heldOffsets.clear();
        heldLengths.clear();
        heldRing.clear();
        heldPosition.clear();
        heldLimit = 0;
    }

    private void apply(
        final DirectBuffer buffer, final int offset, final int length, final long ring, final int position)
    {
        if (ring < lastRing || (ring == lastRing && position < appliedInTick))
        {
            return;
        }
        if (ring > lastRing)
        {
            lastRing = ring;
            appliedInTick = 0;
        }
        appliedInTick++;
        consumer.onMessage(buffer, offset, length);
    }

    /**
     * @return the position of this message within its tick, as seen on one source (a live session or a replay).
     */
    private int position(final int sourceId, final long ring)
    {
        int slot = -1;
        for (int i = 0; i < sources; i++)
        {
            if (sourceIds[i] == sourceId)
            {
                slot = i;
                break;
            }
        }
        if (slot < 0)
        {
            slot = sources < MAX_SOURCES ? sources++ : nextSlot++ % MAX_SOURCES;
            sourceIds[slot] = sourceId;
            sourceRing[slot] = Long.MIN_VALUE;
        }
        if (sourceRing[slot] != ring)
        {
            sourceRing[slot] = ring;
            sourcePosition[slot] = 0;
        }
        return sourcePosition[slot]++;
    }
}
