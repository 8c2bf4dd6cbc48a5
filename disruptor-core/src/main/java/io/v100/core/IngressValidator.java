package io.v100.core;

import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.BooleanType;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.RejectReason;
import io.v100.sbe.Selection;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.VideoFrameDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Checks an ingress frame before any handler decodes it, and leaves the matching decoder wrapped over it.
 * <p>
 * Follows the SBE sample {@code ExampleUsingGeneratedStub}: read the header, check schema id, version and
 * template id, then decode with the acting block length and version from the header. On top of that it checks
 * that the block and every repeating group lie inside the frame, that every enum holds one of its valid values
 * (the generated {@code get()} would throw otherwise) and that fields with a documented range are in it. The
 * result is a {@link RejectReason} value, never an exception, so a malformed frame costs a branch, not a stack
 * trace.
 * <p>
 * Every bound that the schema defines is read from the generated codecs, so a schema change cannot leave the
 * validator behind: the valid values of each enum come from the generated enum's {@code values()} (less its
 * {@code NULL_VAL}; the generated {@code get()} throws on an unknown value, so it is not called on the hot path),
 * root block lengths from {@code *Decoder.BLOCK_LENGTH}, the rendition group's header and block length from
 * {@code RenditionsDecoder.sbeHeaderSize()} / {@code sbeBlockLength()}, and the ingress template range from the
 * decoders' {@code TEMPLATE_ID}s. Bounds the schema does not express are the core's own rules, stated here:
 * <ul>
 *     <li>{@code timestampNs} &gt; 0 on every ingress message (time before the epoch is not an event time);</li>
 *     <li>a VideoFrame or DetectorScore PTS in {@code 0 .. }{@link #MAX_PTS}: an unwrapped 33-bit PTS
 *     (ISO/IEC 13818-1 §2.4.3.6) after at most 127 wraps, about 141 days of 90 kHz ticks. Any span of two such
 *     PTS fits an int64 with room to spare, so no duration derived from PTS can overflow; a frame outside it is
 *     {@link RejectReason#PTS_OUT_OF_RANGE};</li>
 *     <li>a MatchEvent period in {@code 1 .. }{@link #MAX_PERIOD} and a match clock &gt;= 0; Fixture goal rates in
 *     {@code (0, 20)} goals per 90 minutes and two different teams.</li>
 * </ul>
 */
public final class IngressValidator
{
    /** Result of {@link #validate(DirectBuffer, int, int)} for a frame handlers may decode. */
    public static final int VALID = 0;

    /** Highest schema version this build decodes. */
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;

    /** Largest PTS accepted on ingress, 90 kHz ticks: {@code 2^40 - 1}, an unwrapped 33-bit PTS of 128 spans. */
    public static final long MAX_PTS = (1L << 40) - 1;

    /** Highest MatchEvent period: 1, 2 halves; 3, 4 extra time; 5 penalty shoot-out. */
    public static final int MAX_PERIOD = 5;

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = VideoFrameDecoder.RenditionsDecoder.sbeHeaderSize();
    private static final int RENDITION_BLOCK_LENGTH = VideoFrameDecoder.RenditionsDecoder.sbeBlockLength();
    private static final int FIRST_INGRESS_TEMPLATE_ID = FixtureDecoder.TEMPLATE_ID;
    private static final int LAST_INGRESS_TEMPLATE_ID = StatusRequestDecoder.TEMPLATE_ID;
    private static final boolean[] VALID_MATCH_EVENT_TYPE = validValues(Arrays.stream(MatchEventType.values())
        .filter(v -> v != MatchEventType.NULL_VAL).mapToInt(MatchEventType::value));
    private static final boolean[] VALID_BOOLEAN = validValues(Arrays.stream(BooleanType.values())
        .filter(v -> v != BooleanType.NULL_VAL).mapToInt(BooleanType::value));
    private static final boolean[] VALID_MARKET = validValues(Arrays.stream(MarketType.values())
        .filter(v -> v != MarketType.NULL_VAL).mapToInt(MarketType::value));
    private static final boolean[] VALID_SELECTION = validValues(Arrays.stream(Selection.values())
        .filter(v -> v != Selection.NULL_VAL).mapToInt(Selection::value));

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final FixtureDecoder fixtureDecoder = new FixtureDecoder();
    private final MatchEventDecoder matchEventDecoder = new MatchEventDecoder();
    private final VideoFrameDecoder videoFrameDecoder = new VideoFrameDecoder();
    private final CameraSignalDecoder cameraSignalDecoder = new CameraSignalDecoder();
    private final DetectorScoreDecoder detectorScoreDecoder = new DetectorScoreDecoder();
    private final BetRequestDecoder betRequestDecoder = new BetRequestDecoder();
    private final EntitlementGrantDecoder entitlementGrantDecoder = new EntitlementGrantDecoder();
    private final LicenseRequestDecoder licenseRequestDecoder = new LicenseRequestDecoder();
    private final StatusRequestDecoder statusRequestDecoder = new StatusRequestDecoder();

    private int templateId;
    private int schemaId;
    private int version;
    private long timestampNs;

    /**
     * Validate one frame.
     *
     * @param buffer   holding the frame.
     * @param length   of the frame as received, in bytes.
     * @param capacity bytes of the frame actually present in the buffer.
     * @return {@link #VALID}, or the {@link RejectReason#value()} explaining the rejection.
     */
    public int validate(final DirectBuffer buffer, final int length, final int capacity)
    {
        templateId = 0;
        schemaId = 0;
        version = 0;
        timestampNs = 0;

        if (length > capacity)
        {
            readHeaderIfPresent(buffer, capacity);
            return RejectReason.FRAME_TOO_LARGE.value();
        }
        if (length < HEADER_LENGTH)
        {
            return RejectReason.TRUNCATED.value();
        }

        headerDecoder.wrap(buffer, 0);
        templateId = headerDecoder.templateId();
        schemaId = headerDecoder.schemaId();
        version = headerDecoder.version();
        final int blockLength = headerDecoder.blockLength();

        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return RejectReason.WRONG_SCHEMA.value();
        }
        if (version < 1 || version > SCHEMA_VERSION)
        {
            return RejectReason.UNSUPPORTED_VERSION.value();
        }

        if (isIngressTemplate(templateId) && !blockFits(length, blockLength, schemaBlockLength(templateId)))
        {
            return RejectReason.TRUNCATED.value();
        }

        switch (templateId)
        {
            case FixtureDecoder.TEMPLATE_ID:
                fixtureDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validFixture();

            case MatchEventDecoder.TEMPLATE_ID:
                matchEventDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validMatchEvent();

            case VideoFrameDecoder.TEMPLATE_ID:
                videoFrameDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validVideoFrame(buffer, length, blockLength);

            case CameraSignalDecoder.TEMPLATE_ID:
                cameraSignalDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validTimestamp(cameraSignalDecoder.timestampNs());

            case DetectorScoreDecoder.TEMPLATE_ID:
                detectorScoreDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                if (VALID != validPts(detectorScoreDecoder.pts()))
                {
                    return RejectReason.PTS_OUT_OF_RANGE.value();
                }
                return validTimestamp(detectorScoreDecoder.timestampNs());

            case BetRequestDecoder.TEMPLATE_ID:
                betRequestDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validBetRequest();

            case EntitlementGrantDecoder.TEMPLATE_ID:
                entitlementGrantDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validTimestamp(entitlementGrantDecoder.timestampNs());

            case LicenseRequestDecoder.TEMPLATE_ID:
                licenseRequestDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validTimestamp(licenseRequestDecoder.timestampNs());

            case StatusRequestDecoder.TEMPLATE_ID:
                statusRequestDecoder.wrap(buffer, HEADER_LENGTH, blockLength, version);
                return validTimestamp(statusRequestDecoder.timestampNs());

            default:
                return isEgressTemplate(templateId) ? RejectReason.NOT_INGRESS.value() :
                    RejectReason.UNKNOWN_TEMPLATE.value();
        }
    }

    /**
     * @return template id read from the last frame's header; 0 when it had no complete header.
     */
    public int templateId()
    {
        return templateId;
    }

    public int schemaId()
    {
        return schemaId;
    }

    public int version()
    {
        return version;
    }

    /**
     * @return event time of the last valid frame, ns since the Unix epoch.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    public FixtureDecoder fixture()
    {
        return fixtureDecoder;
    }

    public MatchEventDecoder matchEvent()
    {
        return matchEventDecoder;
    }

    /**
     * @return the video frame decoder rewound to the start of its block, so its group can be iterated again.
     */
    public VideoFrameDecoder videoFrame()
    {
        return videoFrameDecoder.sbeRewind();
    }

    public CameraSignalDecoder cameraSignal()
    {
        return cameraSignalDecoder;
    }

    public DetectorScoreDecoder detectorScore()
    {
        return detectorScoreDecoder;
    }

    public BetRequestDecoder betRequest()
    {
        return betRequestDecoder;
    }

    public EntitlementGrantDecoder entitlementGrant()
    {
        return entitlementGrantDecoder;
    }

    public LicenseRequestDecoder licenseRequest()
    {
        return licenseRequestDecoder;
    }

    public StatusRequestDecoder statusRequest()
    {
        return statusRequestDecoder;
    }

    private void readHeaderIfPresent(final DirectBuffer buffer, final int capacity)
    {
        if (capacity >= HEADER_LENGTH)
        {
            headerDecoder.wrap(buffer, 0);
            templateId = headerDecoder.templateId();
            schemaId = headerDecoder.schemaId();
            version = headerDecoder.version();
        }
    }

    private static boolean blockFits(final int length, final int actingBlockLength, final int schemaBlockLength)
    {
        return actingBlockLength >= schemaBlockLength && HEADER_LENGTH + actingBlockLength <= length;
    }

    private static int schemaBlockLength(final int templateId)
    {
        return switch (templateId)
        {
            case FixtureDecoder.TEMPLATE_ID -> FixtureDecoder.BLOCK_LENGTH;
            case MatchEventDecoder.TEMPLATE_ID -> MatchEventDecoder.BLOCK_LENGTH;
            case VideoFrameDecoder.TEMPLATE_ID -> VideoFrameDecoder.BLOCK_LENGTH;
            case CameraSignalDecoder.TEMPLATE_ID -> CameraSignalDecoder.BLOCK_LENGTH;
            case DetectorScoreDecoder.TEMPLATE_ID -> DetectorScoreDecoder.BLOCK_LENGTH;
            case BetRequestDecoder.TEMPLATE_ID -> BetRequestDecoder.BLOCK_LENGTH;
            case EntitlementGrantDecoder.TEMPLATE_ID -> EntitlementGrantDecoder.BLOCK_LENGTH;
            case LicenseRequestDecoder.TEMPLATE_ID -> LicenseRequestDecoder.BLOCK_LENGTH;
            default -> StatusRequestDecoder.BLOCK_LENGTH;
        };
    }

    private static boolean isIngressTemplate(final int templateId)
    {
        return templateId >= FIRST_INGRESS_TEMPLATE_ID && templateId <= LAST_INGRESS_TEMPLATE_ID;
    }

    /**
     * @param rawValues the raw values of a generated enum's constants, its NULL_VAL excluded.
     * @return a table indexed by the raw uint8 value: true exactly for those values.
     */
    private static boolean[] validValues(final IntStream rawValues)
    {
        final boolean[] valid = new boolean[256];
        rawValues.forEach(raw -> valid[raw & 0xFF] = true);
        return valid;
    }

    private static int validPts(final long pts)
    {
        return pts < 0 || pts > MAX_PTS ? RejectReason.PTS_OUT_OF_RANGE.value() : VALID;
    }

    private int validTimestamp(final long timestampNs)
    {
        if (timestampNs <= 0)
        {
            return RejectReason.INVALID_FIELD.value();
        }
        this.timestampNs = timestampNs;
        return VALID;
    }

    private int validFixture()
    {
        final float home = fixtureDecoder.homeGoalRate();
        final float away = fixtureDecoder.awayGoalRate();
        if (!(home > 0.0f && home < 20.0f && away > 0.0f && away < 20.0f) ||
            fixtureDecoder.homeTeamId() == fixtureDecoder.awayTeamId())
        {
            return RejectReason.INVALID_FIELD.value();
        }
        return validTimestamp(fixtureDecoder.timestampNs());
    }

    private int validMatchEvent()
    {
        if (!VALID_MATCH_EVENT_TYPE[matchEventDecoder.eventTypeRaw() & 0xFF])
        {
            return RejectReason.INVALID_ENUM.value();
        }
        final short period = matchEventDecoder.period();
        if (period < 1 || period > MAX_PERIOD || matchEventDecoder.matchClockMs() < 0)
        {
            return RejectReason.INVALID_FIELD.value();
        }
        return validTimestamp(matchEventDecoder.timestampNs());
    }

    private int validVideoFrame(final DirectBuffer buffer, final int length, final int blockLength)
    {
        if (!VALID_BOOLEAN[videoFrameDecoder.idrRaw() & 0xFF])
        {
            return RejectReason.INVALID_ENUM.value();
        }
        if (VALID != validPts(videoFrameDecoder.pts()))
        {
            return RejectReason.PTS_OUT_OF_RANGE.value();
        }

        final int groupOffset = HEADER_LENGTH + blockLength;
        if (groupOffset + GROUP_HEADER_LENGTH > length)
        {
            return RejectReason.TRUNCATED.value();
        }
        final int groupBlockLength = buffer.getShort(groupOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int numInGroup = buffer.getShort(groupOffset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (groupBlockLength < RENDITION_BLOCK_LENGTH ||
            groupOffset + GROUP_HEADER_LENGTH + (long)groupBlockLength * numInGroup > length)
        {
            return RejectReason.TRUNCATED.value();
        }
        return validTimestamp(videoFrameDecoder.timestampNs());
    }

    private int validBetRequest()
    {
        if (!VALID_MARKET[betRequestDecoder.marketRaw() & 0xFF] ||
            !VALID_SELECTION[betRequestDecoder.selectionRaw() & 0xFF])
        {
            return RejectReason.INVALID_ENUM.value();
        }
        return validTimestamp(betRequestDecoder.timestampNs());
    }

    private static boolean isEgressTemplate(final int templateId)
    {
        return templateId >= 50 && templateId <= 99;
    }
}
