package io.v100.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageJsonTest
{
    private final MessageJson json = new MessageJson(TestSchemaIr.load());

    @Test
    void shouldDecodeEveryFieldOfAMatchEventWithTheEnumByName()
    {
        final ObjectNode decoded = decode(SbeFrames.matchEvent(11, 1_700_000_000_000_000_000L));

        assertEquals("MatchEvent", decoded.get(MessageJson.MESSAGE).asText());
        final JsonNode fields = decoded.get(MessageJson.FIELDS);
        assertEquals(List.of("clientId", "clientSequence", "timestampNs", "period", "matchClockMs", "eventType",
            "teamId", "playerId", "x", "y", "xg"), names(fields));
        assertEquals(3, fields.get("clientId").asInt());
        assertEquals(11, fields.get("clientSequence").asLong());
        assertEquals(1_700_000_000_000_000_000L, fields.get("timestampNs").asLong());
        assertEquals(2, fields.get("period").asInt());
        assertEquals(3_665_000L, fields.get("matchClockMs").asLong());
        assertEquals("GOAL", fields.get("eventType").asText());
        assertEquals(7, fields.get("teamId").asInt());
        assertEquals(42, fields.get("playerId").asInt());
        assertEquals(110.5, fields.get("x").asDouble());
        assertEquals(40.25, fields.get("y").asDouble());
        assertEquals(0.375, fields.get("xg").asDouble());
        assertFalse(decoded.has("trailingBytes"));
    }

    @Test
    void shouldWriteAKidAsHex()
    {
        final JsonNode fields = decode(SbeFrames.licenseRequest(1, 2)).get(MessageJson.FIELDS);

        final StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            expected.append(Character.forDigit(i, 16)).append(Character.forDigit(i, 16));
        }
        assertEquals(expected.toString(), fields.get("kid").asText());
        assertEquals(9001, fields.get("viewerId").asLong());
    }

    @Test
    void shouldWriteARepeatingGroupAsAnArrayOfObjects()
    {
        final JsonNode fields = decode(SbeFrames.videoFrame(1, 2)).get(MessageJson.FIELDS);

        assertEquals("TRUE", fields.get("idr").asText());
        assertEquals(900_000L, fields.get("pts").asLong());
        final JsonNode renditions = fields.get("renditions");
        assertTrue(renditions.isArray());
        assertEquals(2, renditions.size());
        assertEquals(1, renditions.get(0).get("renditionId").asInt());
        assertEquals(50_000, renditions.get(0).get("frameBytes").asInt());
        assertEquals(2, renditions.get(1).get("renditionId").asInt());
        assertEquals(120_000, renditions.get(1).get("frameBytes").asInt());
    }

    @Test
    void shouldWriteVarDataAsLengthAndHexUpToTheLimit()
    {
        final JsonNode fields = decode(SbeFrames.snapshot(new byte[]{ (byte)0xca, (byte)0xfe, 0x01 })).get(MessageJson.FIELDS);

        assertEquals(3, fields.get("wagering").get("length").asInt());
        assertEquals("cafe01", fields.get("wagering").get("hex").asText());
        assertEquals(0, fields.get("drm").get("length").asInt());
        assertEquals(3, fields.get("clients").get(0).get("clientId").asInt());

        final byte[] large = new byte[MessageJson.VAR_DATA_HEX_LIMIT_DEFAULT + 1];
        final JsonNode wagering = decode(SbeFrames.snapshot(large)).get(MessageJson.FIELDS).get("wagering");
        assertEquals(large.length, wagering.get("length").asInt());
        assertFalse(wagering.has("hex"));
    }

    @Test
    void shouldWriteAnEnumValueOutsideTheSchemaAsItsRawNumber()
    {
        final byte[] frame = SbeFrames.matchEvent(1, 2);
        final int eventTypeOffset = MessageHeaderEncoder.ENCODED_LENGTH + 4 + 8 + 8 + 1 + 8;
        frame[eventTypeOffset] = (byte)200;

        assertEquals(200, decode(frame).get(MessageJson.FIELDS).get("eventType").asInt());
    }

    @Test
    void shouldReportATruncatedFrameAsAnErrorObject()
    {
        final byte[] frame = SbeFrames.videoFrame(1, 2);
        final ObjectNode decoded = decode(Arrays.copyOf(frame, frame.length - 3));

        assertEquals("VideoFrame", decoded.get(MessageJson.MESSAGE).asText());
        assertTrue(decoded.get(MessageJson.ERROR).asText().startsWith("truncated"), decoded.toString());
        assertFalse(decoded.has(MessageJson.FIELDS));
    }

    @Test
    void shouldReportAFrameShorterThanAHeaderAsAnErrorObject()
    {
        final ObjectNode decoded = decode(new byte[]{ 1, 2, 3 });

        assertTrue(decoded.get(MessageJson.ERROR).asText().contains("shorter than the 8-byte message header"));
    }

    @Test
    void shouldReportAnUnknownTemplateAndAWrongSchemaAsErrorObjects()
    {
        final byte[] unknown = SbeFrames.matchEvent(1, 2);
        new UnsafeBuffer(unknown).putShort(2, (short)49, ByteOrder.LITTLE_ENDIAN);
        final ObjectNode unknownDecoded = decode(unknown);
        assertEquals("unknown template id 49", unknownDecoded.get(MessageJson.ERROR).asText());
        assertEquals(49, unknownDecoded.get("templateId").asInt());
        assertFalse(unknownDecoded.has(MessageJson.MESSAGE));

        final byte[] otherSchema = SbeFrames.matchEvent(1, 2);
        new UnsafeBuffer(otherSchema).putShort(4, (short)7, ByteOrder.LITTLE_ENDIAN);
        assertEquals("wrong schema id 7, expected 100", decode(otherSchema).get(MessageJson.ERROR).asText());
    }

    @Test
    void shouldReportABlockLengthShorterThanTheSchemasAsAnErrorObject()
    {
        final byte[] frame = SbeFrames.matchEvent(1, 2);
        new UnsafeBuffer(frame).putShort(0, (short)10, ByteOrder.LITTLE_ENDIAN);

        assertTrue(decode(frame).get(MessageJson.ERROR).asText().startsWith("block length 10 is shorter"));
    }

    @Test
    void shouldCountTrailingBytes()
    {
        final byte[] frame = SbeFrames.matchEvent(1, 2);

        final ObjectNode decoded = decode(Arrays.copyOf(frame, frame.length + 5));
        assertEquals(5, decoded.get("trailingBytes").asInt());
        assertEquals("GOAL", decoded.get(MessageJson.FIELDS).get("eventType").asText());
    }

    @Test
    void shouldDecodeAtAnOffsetWithoutReadingPastTheLength()
    {
        final byte[] frame = SbeFrames.marketStatus(5, 6);
        final byte[] padded = new byte[frame.length + 20];
        System.arraycopy(frame, 0, padded, 7, frame.length);

        final ObjectNode decoded = json.decode(new UnsafeBuffer(padded), 7, frame.length);
        assertEquals("MarketStatus", decoded.get(MessageJson.MESSAGE).asText());
        assertEquals("SUSPENDED", decoded.get(MessageJson.FIELDS).get("state").asText());
        assertEquals("TOTAL_GOALS_2_5", decoded.get(MessageJson.FIELDS).get("market").asText());
        assertFalse(decoded.has("trailingBytes"));
    }

    private ObjectNode decode(final byte[] frame)
    {
        return json.decode(new UnsafeBuffer(frame), 0, frame.length);
    }

    private static List<String> names(final JsonNode object)
    {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
