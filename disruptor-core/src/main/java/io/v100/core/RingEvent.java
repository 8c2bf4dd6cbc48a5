package io.v100.core;

import com.lmax.disruptor.EventFactory;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A pre-allocated ring slot: one raw SBE ingress frame plus when it arrived.
 * <p>
 * Slots are reused in place; the producer copies a frame in and the consumer reads it where it lies, so
 * nothing is allocated per input. The buffer is backed by a byte array, which the journal writes from directly.
 */
public final class RingEvent
{
    /** Largest frame a slot holds, in bytes. A longer frame keeps its first bytes and is rejected as too large. */
    public static final int FRAME_CAPACITY = 1024;

    /** Factory the Disruptor calls once per slot at start-up. */
    public static final EventFactory<RingEvent> FACTORY = RingEvent::new;

    /** The slot carries an ingress frame. */
    public static final int KIND_INPUT = 0;
    /** The slot carries no frame: every handler snapshots at this point of the ring. */
    public static final int KIND_SNAPSHOT = 1;
    /**
     * The gateway refused the frame before it became an input (no session, not authorised, rate-limited): the
     * slot carries only what the {@code Rejected} answer needs. Not journaled; takes no ring sequence.
     */
    public static final int KIND_REFUSED = 2;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_CAPACITY]);
    private int kind;
    private int frameLength;
    private long receivedNanos;
    private long receivedEpochNs;
    private int refusedReason;
    private int refusedTemplateId;
    private int refusedSchemaId;
    private int refusedVersion;

    /**
     * Copy a frame into this slot.
     *
     * @param src             holding the frame.
     * @param offset          of the frame in src.
     * @param length          of the frame in bytes, as received; only {@link #FRAME_CAPACITY} bytes are kept.
     * @param receivedNanos   {@code System.nanoTime()} at receipt, for latency measurement only.
     * @param receivedEpochNs wall-clock receipt time in ns since the Unix epoch, for the journal only.
     */
    public void set(
        final org.agrona.DirectBuffer src,
        final int offset,
        final int length,
        final long receivedNanos,
        final long receivedEpochNs)
    {
        frame.putBytes(0, src, offset, Math.min(length, FRAME_CAPACITY));
        this.kind = KIND_INPUT;
        this.frameLength = length;
        this.receivedNanos = receivedNanos;
        this.receivedEpochNs = receivedEpochNs;
    }

    /**
     * Make this slot a snapshot command.
     *
     * @param receivedNanos {@code System.nanoTime()} when it was requested.
     */
    public void setSnapshot(final long receivedNanos)
    {
        this.kind = KIND_SNAPSHOT;
        this.frameLength = 0;
        this.receivedNanos = receivedNanos;
        this.receivedEpochNs = 0;
    }

    /**
     * Make this slot a refusal of a frame the gateway did not take.
     *
     * @param reason        a {@code RejectReason} value.
     * @param templateId    as read from the frame's header.
     * @param schemaId      as read from the frame's header.
     * @param version       as read from the frame's header.
     * @param frameLength   of the refused frame, bytes.
     * @param receivedNanos {@code System.nanoTime()} at receipt.
     */
    public void setRefused(
        final int reason,
        final int templateId,
        final int schemaId,
        final int version,
        final int frameLength,
        final long receivedNanos)
    {
        this.kind = KIND_REFUSED;
        this.refusedReason = reason;
        this.refusedTemplateId = templateId;
        this.refusedSchemaId = schemaId;
        this.refusedVersion = version;
        this.frameLength = frameLength;
        this.receivedNanos = receivedNanos;
        this.receivedEpochNs = 0;
    }

    /**
     * @return a {@code RejectReason} value, for {@link #KIND_REFUSED}.
     */
    public int refusedReason()
    {
        return refusedReason;
    }

    public int refusedTemplateId()
    {
        return refusedTemplateId;
    }

    public int refusedSchemaId()
    {
        return refusedSchemaId;
    }

    public int refusedVersion()
    {
        return refusedVersion;
    }

    /**
     * @return {@link #KIND_INPUT}, {@link #KIND_SNAPSHOT} or {@link #KIND_REFUSED}.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * @return the slot's buffer; the frame starts at offset 0.
     */
    public UnsafeBuffer frame()
    {
        return frame;
    }

    /**
     * @return the frame length as received, which exceeds {@link #FRAME_CAPACITY} for an oversize frame.
     */
    public int frameLength()
    {
        return frameLength;
    }

    /**
     * @return bytes of the frame actually held in the slot.
     */
    public int storedLength()
    {
        return Math.min(frameLength, FRAME_CAPACITY);
    }

    public long receivedNanos()
    {
        return receivedNanos;
    }

    public long receivedEpochNs()
    {
        return receivedEpochNs;
    }
}
