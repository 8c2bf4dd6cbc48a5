package io.v100.core;

import io.v100.sbe.BetRequestEncoder;
import io.v100.sbe.DetectorScoreEncoder;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.Selection;
import io.v100.sbe.StatusRequestEncoder;
import io.v100.sbe.VideoFrameEncoder;
import io.v100.sbe.BooleanType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IngressValidatorTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RingEvent.FRAME_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final IngressValidator validator = new IngressValidator();

    private int matchEvent()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .clientId(1).clientSequence(1).timestampNs(1_000L)
            .period((short)1).matchClockMs(0).eventType(MatchEventType.PASS)
            .teamId(1).playerId(2).x(60f).y(40f).xg(0f)
            .encodedLength();
    }

    private int validate(final int length)
    {
        return validator.validate(buffer, length, RingEvent.FRAME_CAPACITY);
    }

    @Test
    void shouldAcceptAWellFormedMatchEvent()
    {
        assertEquals(IngressValidator.VALID, validate(matchEvent()));
        assertEquals(MatchEventEncoder.TEMPLATE_ID, validator.templateId());
        assertEquals(1_000L, validator.timestampNs());
    }

    @Test
    void shouldRejectAFrameShorterThanAHeader()
    {
        matchEvent();
        assertEquals(RejectReason.TRUNCATED.value(), validate(5));
        assertEquals(0, validator.templateId());
    }

    @Test
    void shouldRejectAFrameShorterThanItsBlock()
    {
        final int length = matchEvent();
        assertEquals(RejectReason.TRUNCATED.value(), validate(length - 1));
        assertEquals(MatchEventEncoder.TEMPLATE_ID, validator.templateId());
    }

    @Test
    void shouldRejectABlockLengthBelowTheSchema()
    {
        final int length = matchEvent();
        header.wrap(buffer, 0).blockLength(MatchEventEncoder.BLOCK_LENGTH - 4);
        assertEquals(RejectReason.TRUNCATED.value(), validate(length));
    }

    @Test
    void shouldRejectAWrongSchemaId()
    {
        final int length = matchEvent();
        header.wrap(buffer, 0).schemaId(99);
        assertEquals(RejectReason.WRONG_SCHEMA.value(), validate(length));
        assertEquals(99, validator.schemaId());
    }

    @Test
    void shouldRejectAnUnsupportedVersion()
    {
        final int length = matchEvent();
        header.wrap(buffer, 0).version(IngressValidator.SCHEMA_VERSION + 1);
        assertEquals(RejectReason.UNSUPPORTED_VERSION.value(), validate(length));
        header.wrap(buffer, 0).version(0);
        assertEquals(RejectReason.UNSUPPORTED_VERSION.value(), validate(length));
    }

    @Test
    void shouldRejectAnUnknownTemplateAndAnEgressTemplate()
    {
        final int length = matchEvent();
        header.wrap(buffer, 0).templateId(42);
        assertEquals(RejectReason.UNKNOWN_TEMPLATE.value(), validate(length));
        header.wrap(buffer, 0).templateId(52);
        assertEquals(RejectReason.NOT_INGRESS.value(), validate(length));
    }

    @Test
    void shouldRejectAnOutOfRangeEnum()
    {
        final int length = matchEvent();
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MatchEventEncoder.eventTypeEncodingOffset(), (byte)77);
        assertEquals(RejectReason.INVALID_ENUM.value(), validate(length));

        final int betLength = MessageHeaderEncoder.ENCODED_LENGTH + new BetRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .clientId(1).clientSequence(2).timestampNs(5L).betId(1).accountId(1)
            .market(MarketType.MATCH_RESULT).selection(Selection.HOME).stakeMinor(100).oddsTaken(2000)
            .streamPositionNs(1L)
            .encodedLength();
        assertEquals(IngressValidator.VALID, validate(betLength));
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + BetRequestEncoder.selectionEncodingOffset(), (byte)9);
        assertEquals(RejectReason.INVALID_ENUM.value(), validate(betLength));
    }

    @Test
    void shouldRejectOutOfRangeFields()
    {
        int length = matchEvent();
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MatchEventEncoder.periodEncodingOffset(), (byte)6);
        assertEquals(RejectReason.INVALID_FIELD.value(), validate(length));

        length = MessageHeaderEncoder.ENCODED_LENGTH + new StatusRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header).clientId(1).clientSequence(1).timestampNs(0).correlationId(1)
            .encodedLength();
        assertEquals(RejectReason.INVALID_FIELD.value(), validate(length));
    }

    @Test
    void shouldRejectAGroupThatRunsPastTheFrame()
    {
        final VideoFrameEncoder encoder = new VideoFrameEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(1).clientSequence(1).timestampNs(10L).pts(0).idr(BooleanType.TRUE);
        final VideoFrameEncoder.RenditionsEncoder renditions = encoder.renditionsCount(4);
        for (int i = 0; i < 4; i++)
        {
            renditions.next().renditionId((short)i).frameBytes(1000);
        }
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        assertEquals(IngressValidator.VALID, validate(length));
        assertEquals(RejectReason.TRUNCATED.value(), validate(length - 3));
    }

    @Test
    void shouldRejectAFrameLargerThanASlot()
    {
        matchEvent();
        assertEquals(
            RejectReason.FRAME_TOO_LARGE.value(),
            validator.validate(buffer, RingEvent.FRAME_CAPACITY + 1, RingEvent.FRAME_CAPACITY));
        assertEquals(MatchEventEncoder.TEMPLATE_ID, validator.templateId());
    }

    @Test
    void shouldRejectAVideoFramePtsOutsideTheStatedRange()
    {
        assertEquals(IngressValidator.VALID, validate(videoFrame(0)));
        assertEquals(IngressValidator.VALID, validate(videoFrame(IngressValidator.MAX_PTS)));
        assertEquals(RejectReason.PTS_OUT_OF_RANGE.value(), validate(videoFrame(IngressValidator.MAX_PTS + 1)));
        assertEquals(RejectReason.PTS_OUT_OF_RANGE.value(), validate(videoFrame(Long.MAX_VALUE)));
        assertEquals(RejectReason.PTS_OUT_OF_RANGE.value(), validate(videoFrame(-1)));
    }

    @Test
    void shouldRejectADetectorScorePtsOutsideTheStatedRange()
    {
        assertEquals(IngressValidator.VALID, validate(detectorScore(IngressValidator.MAX_PTS)));
        assertEquals(RejectReason.PTS_OUT_OF_RANGE.value(), validate(detectorScore(Long.MAX_VALUE)));
        assertEquals(RejectReason.PTS_OUT_OF_RANGE.value(), validate(detectorScore(Long.MIN_VALUE)));
    }

    @Test
    void shouldTakeEveryEnumValueTheGeneratedCodecsDefineAndNothingElse()
    {
        for (int raw = 0; raw < 256; raw++)
        {
            final int length = matchEvent();
            final int typeOffset = MessageHeaderEncoder.ENCODED_LENGTH + MatchEventEncoder.eventTypeEncodingOffset();
            buffer.putByte(typeOffset, (byte)raw);
            final short value = (short)raw;
            final boolean defined = value != MatchEventType.NULL_VAL.value() &&
                Arrays.stream(MatchEventType.values()).anyMatch(v -> v.value() == value);
            assertEquals(defined ? IngressValidator.VALID : RejectReason.INVALID_ENUM.value(), validate(length),
                "eventType " + raw);
        }
    }

    private int videoFrame(final long pts)
    {
        final VideoFrameEncoder encoder = new VideoFrameEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(1).clientSequence(1).timestampNs(1_000L).pts(pts).idr(BooleanType.TRUE);
        encoder.renditionsCount(1).next().renditionId((short)0).frameBytes(100);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int detectorScore(final long pts)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new DetectorScoreEncoder().wrapAndApplyHeader(buffer, 0, header)
            .clientId(1).clientSequence(1).timestampNs(1_000L).cameraId((short)3).pts(pts).score(0.1f)
            .encodedLength();
    }
}
