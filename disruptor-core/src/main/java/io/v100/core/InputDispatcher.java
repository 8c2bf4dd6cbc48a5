package io.v100.core;

import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.VideoFrameDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.SessionClosedDecoder;
import io.v100.sbe.SessionOpenedDecoder;
import io.v100.sbe.StatusRequestDecoder;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads an input's message header once, classifies the input, and runs a valid one through the handlers.
 * <p>
 * Every client ingress template (Fixture .. StatusRequest) starts with {@code clientId} then
 * {@code clientSequence}, so both are read at the offsets the generated {@link FixtureDecoder} gives for them.
 * Dispatch happens in one loop: each handler is told the time, then given the decoder of the input's template.
 * Single-threaded; allocation-free.
 */
public final class InputDispatcher
{
    /** Not one of our frames, or too short or of a template without a client: validation answers it. */
    public static final int OTHER = 0;
    /** A client input: carries a client id and client sequence. */
    public static final int CLIENT_INPUT = 1;
    /** A journaled session open, written by the gateway. */
    public static final int SESSION_OPENED = 2;
    /** A journaled session close, written by the gateway. */
    public static final int SESSION_CLOSED = 3;

    private static final int CLIENT_ID_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + FixtureDecoder.clientIdEncodingOffset();
    private static final int CLIENT_SEQUENCE_OFFSET =
        MessageHeaderDecoder.ENCODED_LENGTH + FixtureDecoder.clientSequenceEncodingOffset();
    private static final int CLIENT_FIELDS_END = CLIENT_SEQUENCE_OFFSET + FixtureDecoder.clientSequenceEncodingLength();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SessionOpenedDecoder sessionOpened = new SessionOpenedDecoder();
    private final SessionClosedDecoder sessionClosed = new SessionClosedDecoder();
    private final IngressValidator validator = new IngressValidator();
    private final BroadcastHandler[] handlers;
    private DirectBuffer frame;
    private int kind;

    /**
     * @param handlers run in this order on every valid input.
     */
    public InputDispatcher(final BroadcastHandler[] handlers)
    {
        this.handlers = handlers;
    }

    /**
     * Read the header of a frame and classify it.
     *
     * @param frame        holding the frame from offset 0.
     * @param storedLength bytes of it present.
     * @return {@link #OTHER}, {@link #CLIENT_INPUT}, {@link #SESSION_OPENED} or {@link #SESSION_CLOSED}.
     */
    public int wrap(final DirectBuffer frame, final int storedLength)
    {
        this.frame = frame;
        kind = OTHER;
        if (storedLength < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return kind;
        }
        header.wrap(frame, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return kind;
        }
        final int templateId = header.templateId();
        if (templateId >= FixtureDecoder.TEMPLATE_ID && templateId <= StatusRequestDecoder.TEMPLATE_ID &&
            storedLength >= CLIENT_FIELDS_END)
        {
            kind = CLIENT_INPUT;
        }
        else if (templateId == SessionOpenedDecoder.TEMPLATE_ID &&
            storedLength >= MessageHeaderDecoder.ENCODED_LENGTH + SessionOpenedDecoder.BLOCK_LENGTH)
        {
            sessionOpened.wrapAndApplyHeader(frame, 0, header);
            kind = SESSION_OPENED;
        }
        else if (templateId == SessionClosedDecoder.TEMPLATE_ID &&
            storedLength >= MessageHeaderDecoder.ENCODED_LENGTH + SessionClosedDecoder.BLOCK_LENGTH)
        {
            sessionClosed.wrapAndApplyHeader(frame, 0, header);
            kind = SESSION_CLOSED;
        }
        return kind;
    }

    /**
     * @return client id of a {@link #CLIENT_INPUT}.
     */
    public int clientId()
    {
        return frame.getInt(CLIENT_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * @return template id from the header of a frame classified other than {@link #OTHER}.
     */
    public int templateId()
    {
        return header.templateId();
    }

    /**
     * @return schema id from the header of a frame classified other than {@link #OTHER}.
     */
    public int schemaId()
    {
        return header.schemaId();
    }

    /**
     * @return schema version from the header of a frame classified other than {@link #OTHER}.
     */
    public int version()
    {
        return header.version();
    }

    /**
     * @return client sequence of a {@link #CLIENT_INPUT}.
     */
    public long clientSequence()
    {
        return frame.getLong(CLIENT_SEQUENCE_OFFSET, LITTLE_ENDIAN);
    }

    public SessionOpenedDecoder sessionOpened()
    {
        return sessionOpened;
    }

    public SessionClosedDecoder sessionClosed()
    {
        return sessionClosed;
    }

    /**
     * Validate the frame last wrapped.
     *
     * @param frameLength  as received.
     * @param storedLength bytes present.
     * @return {@link IngressValidator#VALID} or a {@code RejectReason} value.
     */
    public int validate(final int frameLength, final int storedLength)
    {
        return validator.validate(frame, frameLength, storedLength);
    }

    /**
     * @return the validator, holding the decoded input after a successful {@link #validate}.
     */
    public IngressValidator validator()
    {
        return validator;
    }

    /**
     * Run a validated input through every handler, in order.
     *
     * @param nowNs the tick's event time, ns since the Unix epoch.
     */
    public void dispatch(final long nowNs)
    {
        final IngressValidator validator = this.validator;
        final int templateId = validator.templateId();
        for (final BroadcastHandler handler : handlers)
        {
            handler.onTime(nowNs);
            switch (templateId)
            {
                case FixtureDecoder.TEMPLATE_ID -> handler.onFixture(validator.fixture());
                case MatchEventDecoder.TEMPLATE_ID -> handler.onMatchEvent(validator.matchEvent());
                case VideoFrameDecoder.TEMPLATE_ID -> handler.onVideoFrame(validator.videoFrame());
                case CameraSignalDecoder.TEMPLATE_ID -> handler.onCameraSignal(validator.cameraSignal());
                case DetectorScoreDecoder.TEMPLATE_ID ->
                    handler.onDetectorScore(validator.detectorScore());
                case BetRequestDecoder.TEMPLATE_ID -> handler.onBetRequest(validator.betRequest());
                case EntitlementGrantDecoder.TEMPLATE_ID ->
                    handler.onEntitlementGrant(validator.entitlementGrant());
                case LicenseRequestDecoder.TEMPLATE_ID ->
                    handler.onLicenseRequest(validator.licenseRequest());
                default -> handler.onStatusRequest(validator.statusRequest());
            }
        }
    }
}
