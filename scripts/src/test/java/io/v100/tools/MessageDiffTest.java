package io.v100.tools;

import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MessageDiffTest
{
    private final MessageDiff diff = new MessageDiff(TestSchemaIr.load());

    @Test
    void shouldFindNoDifferenceBetweenIdenticalMessages()
    {
        assertNull(compare(SbeFrames.oddsUpdate(9, 100, 2150, 3400, 3900), SbeFrames.oddsUpdate(9, 100, 2150, 3400, 3900)));
    }

    @Test
    void shouldNameTheGroupFieldPathOfAChangedDecimalOdds()
    {
        final MessageDiff.Difference difference = compare(
            SbeFrames.oddsUpdate(9, 100, 2150, 3400, 3900),
            SbeFrames.oddsUpdate(9, 100, 2150, 3450, 3900));

        assertEquals(new MessageDiff.Difference("OddsUpdate", "prices[1].decimalOdds", "3400", "3450"), difference);
    }

    @Test
    void shouldReportTheFirstDifferenceInWireOrder()
    {
        final MessageDiff.Difference difference = compare(
            SbeFrames.oddsUpdate(9, 100, 2150, 3400, 3900),
            SbeFrames.oddsUpdate(9, 101, 2150, 3450, 3900));

        assertEquals(new MessageDiff.Difference("OddsUpdate", "timestampNs", "100", "101"), difference);
    }

    @Test
    void shouldReportADifferentEntryCountBeforeTheEntries()
    {
        final MessageDiff.Difference difference = compare(
            SbeFrames.oddsUpdate(9, 100, 2150, 3400, 3900),
            SbeFrames.oddsUpdate(9, 100, 2200, 3400));

        assertEquals(new MessageDiff.Difference("OddsUpdate", "prices.numInGroup", "3", "2"), difference);
    }

    @Test
    void shouldReportTheMessageTypeWhenTemplatesDiffer()
    {
        final MessageDiff.Difference difference = compare(
            SbeFrames.oddsUpdate(9, 100, 2150, 3400, 3900),
            SbeFrames.marketStatus(9, 100));

        assertEquals(new MessageDiff.Difference("OddsUpdate", MessageDiff.MESSAGE_TYPE, "OddsUpdate", "MarketStatus"),
            difference);
    }

    @Test
    void shouldReportAnEnumChangeByName()
    {
        final byte[] a = SbeFrames.marketStatus(9, 100);
        final byte[] b = a.clone();
        final int stateOffset = MessageHeaderEncoder.ENCODED_LENGTH + 8 + 8 + 1;
        b[stateOffset] = 3;

        assertEquals(new MessageDiff.Difference("MarketStatus", "state", "SUSPENDED", "CLOSED"), compare(a, b));
    }

    @Test
    void shouldReportAFrameThatNoLongerDecodes()
    {
        final byte[] a = SbeFrames.videoFrame(1, 2);
        final byte[] b = Arrays.copyOf(a, a.length - 2);

        final MessageDiff.Difference difference = compare(a, b);
        assertEquals("VideoFrame", difference.messageName());
        assertEquals(MessageJson.ERROR, difference.fieldPath());
        assertEquals("decoded", difference.valueA());
    }

    @Test
    void shouldFallBackToTheBytesWhenTheValuesDecodeAlike()
    {
        final byte[] a = SbeFrames.matchEvent(1, 2);
        final byte[] b = a.clone();
        final int xOffset = MessageHeaderEncoder.ENCODED_LENGTH + 4 + 8 + 8 + 1 + 8 + 1 + 4 + 4;
        new UnsafeBuffer(a).putInt(xOffset, 0x7fc00000);
        new UnsafeBuffer(b).putInt(xOffset, 0x7fc00001);

        assertEquals(new MessageDiff.Difference("MatchEvent", "bytes[" + xOffset + "]", "00", "01"), compare(a, b));
    }

    private MessageDiff.Difference compare(final byte[] a, final byte[] b)
    {
        return diff.compare(new UnsafeBuffer(a), 0, a.length, new UnsafeBuffer(b), 0, b.length);
    }
}
