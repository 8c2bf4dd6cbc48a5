package io.v100.tools;

import io.v100.sbe.BooleanType;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.MarketState;
import io.v100.sbe.MarketStatusEncoder;
import io.v100.sbe.MarketStatusReason;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.sbe.OddsUpdateEncoder;
import io.v100.sbe.Selection;
import io.v100.sbe.SnapshotEncoder;
import io.v100.sbe.VideoFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Frames encoded with the generated SBE encoders, each returned as exactly its bytes (header included).
 */
public final class SbeFrames
{
    /** KID used by the fixtures: bytes 0x00, 0x11, ..., 0xff. */
    public static final byte[] KID = new byte[16];

    static
    {
        for (int i = 0; i < KID.length; i++)
        {
            KID[i] = (byte)(i * 0x11);
        }
    }

    private SbeFrames()
    {
    }

    /**
     * @return a MatchEvent: GOAL by team 7, player 42, second half, 61 min 5 s, ball at (110.5, 40.25), xG 0.375.
     */
    public static byte[] matchEvent(final long clientSequence, final long timestampNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MatchEventEncoder encoder = new MatchEventEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientId(3)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .period((short)2)
            .matchClockMs(3_665_000L)
            .eventType(MatchEventType.GOAL)
            .teamId(7)
            .playerId(42)
            .x(110.5f)
            .y(40.25f)
            .xg(0.375f);
        return bytes(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * @return a LicenseRequest for {@link #KID}, viewer 9001, session 77.
     */
    public static byte[] licenseRequest(final long clientSequence, final long timestampNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final LicenseRequestEncoder encoder = new LicenseRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientId(5)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .viewerId(9001)
            .sessionId(77)
            .putKid(KID, 0, KID.length);
        return bytes(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * @return an IDR VideoFrame at PTS 900000 with renditions (1, 50000) and (2, 120000).
     */
    public static byte[] videoFrame(final long clientSequence, final long timestampNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final VideoFrameEncoder encoder = new VideoFrameEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientId(4)
            .clientSequence(clientSequence)
            .timestampNs(timestampNs)
            .pts(900_000L)
            .idr(BooleanType.TRUE);
        encoder.renditionsCount(2)
            .next().renditionId((short)1).frameBytes(50_000)
            .next().renditionId((short)2).frameBytes(120_000);
        return bytes(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * @param decimalOdds of HOME, DRAW, AWAY in thousandths.
     * @return an OddsUpdate of the match result market, price version 4, score 1-0.
     */
    public static byte[] oddsUpdate(final long ringSequence, final long timestampNs, final int... decimalOdds)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final OddsUpdateEncoder encoder = new OddsUpdateEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .market(MarketType.MATCH_RESULT)
            .priceVersion(4)
            .matchClockMs(3_665_000L)
            .homeGoals((short)1)
            .awayGoals((short)0)
            .overroundPpm(50_000);
        final Selection[] selections = { Selection.HOME, Selection.DRAW, Selection.AWAY };
        final OddsUpdateEncoder.PricesEncoder prices = encoder.pricesCount(decimalOdds.length);
        for (int i = 0; i < decimalOdds.length; i++)
        {
            prices.next().selection(selections[i]).decimalOdds(decimalOdds[i]).probabilityPpm(1_000_000_000 / decimalOdds[i]);
        }
        return bytes(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * @return a MarketStatus: the total goals market suspended for a goal.
     */
    public static byte[] marketStatus(final long ringSequence, final long timestampNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MarketStatusEncoder encoder = new MarketStatusEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .ringSequence(ringSequence)
            .timestampNs(timestampNs)
            .market(MarketType.TOTAL_GOALS_2_5)
            .state(MarketState.SUSPENDED)
            .reason(MarketStatusReason.GOAL);
        return bytes(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * @param wagering bytes of the wagering var data field; the other var data fields are empty.
     * @return a Snapshot with one client (3, sequence 12).
     */
    public static byte[] snapshot(final byte[] wagering)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final SnapshotEncoder encoder = new SnapshotEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .nextRingSequence(13)
            .journalIndex(-1)
            .nowNs(5)
            .eventsProcessed(12)
            .eventsRejected(1);
        encoder.clientsCount(1).next().clientId(3).clientSequence(12);
        encoder.putWagering(wagering, 0, wagering.length)
            .putDirector(new byte[0], 0, 0)
            .putAbr(new byte[0], 0, 0)
            .putDeepfake(new byte[0], 0, 0)
            .putDrm(new byte[0], 0, 0);
        return bytes(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int length)
    {
        return Arrays.copyOf(buffer.byteArray(), length);
    }
}
