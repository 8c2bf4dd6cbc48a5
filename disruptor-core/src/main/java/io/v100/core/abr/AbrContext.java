package io.v100.core.abr;

/**
 * Settings of the {@link AbrSegmenterHandler}, with documented defaults, read once at construction.
 * <p>
 * Each default can be overridden by the system property named next to it. Setters return {@code this} for
 * chaining; {@link #conclude()} validates the whole set and is called by the handler's constructor.
 */
public final class AbrContext
{
    /** EXT-X-TARGETDURATION in whole seconds (RFC 8216 §4.3.3.1); 6 s is Apple's recommended live value. */
    public static final int TARGET_DURATION_S_DEFAULT = 6;

    /** System property overriding {@link #TARGET_DURATION_S_DEFAULT}. */
    public static final String TARGET_DURATION_S_PROP_NAME = "v100.abr.target.duration.s";

    /** Nominal segment duration in 90 kHz ticks; 0 means "equal to the target duration". */
    public static final long SEGMENT_DURATION_90K_DEFAULT = 0;

    /** System property overriding {@link #SEGMENT_DURATION_90K_DEFAULT}. */
    public static final String SEGMENT_DURATION_90K_PROP_NAME = "v100.abr.segment.duration.90k";

    /**
     * Longest GOP the encoder is configured to produce, in 90 kHz ticks: 2 s, the IDR interval recommended by
     * the Apple HLS Authoring Specification. The segmenter predicts the next GOP as the larger of this and the
     * longest recently observed GOP.
     */
    public static final long MAX_GOP_DURATION_90K_DEFAULT = 2 * HlsRules.PTS_HZ;

    /** System property overriding {@link #MAX_GOP_DURATION_90K_DEFAULT}. */
    public static final String MAX_GOP_DURATION_90K_PROP_NAME = "v100.abr.max.gop.duration.90k";

    /** Number of most recent GOP lengths remembered for the prediction. */
    public static final int GOP_HISTORY_LENGTH_DEFAULT = 8;

    /** System property overriding {@link #GOP_HISTORY_LENGTH_DEFAULT}. */
    public static final String GOP_HISTORY_LENGTH_PROP_NAME = "v100.abr.gop.history.length";

    /** Renditions tracked; valid rendition ids are {@code 0 .. maxRenditions - 1}. */
    public static final int MAX_RENDITIONS_DEFAULT = 8;

    /** System property overriding {@link #MAX_RENDITIONS_DEFAULT}. */
    public static final String MAX_RENDITIONS_PROP_NAME = "v100.abr.max.renditions";

    /** Upper bound on {@link #maxRenditions()}: the rendition id is a uint8 on the wire. */
    public static final int MAX_RENDITIONS_LIMIT = 256;

    private int targetDurationS = Integer.getInteger(TARGET_DURATION_S_PROP_NAME, TARGET_DURATION_S_DEFAULT);
    private long segmentDuration90k = Long.getLong(SEGMENT_DURATION_90K_PROP_NAME, SEGMENT_DURATION_90K_DEFAULT);
    private long maxGopDuration90k = Long.getLong(MAX_GOP_DURATION_90K_PROP_NAME, MAX_GOP_DURATION_90K_DEFAULT);
    private int gopHistoryLength = Integer.getInteger(GOP_HISTORY_LENGTH_PROP_NAME, GOP_HISTORY_LENGTH_DEFAULT);
    private int maxRenditions = Integer.getInteger(MAX_RENDITIONS_PROP_NAME, MAX_RENDITIONS_DEFAULT);

    /**
     * Validate the settings and resolve defaults that depend on others.
     *
     * @return this.
     * @throws IllegalArgumentException if a value is out of range: target duration outside 1..255 s (uint8 on
     *                                  the wire), a negative or over-target segment duration, a negative maximum
     *                                  GOP, a GOP history below 1, or max renditions outside 1..256.
     */
    public AbrContext conclude()
    {
        if (targetDurationS < 1 || targetDurationS > 255)
        {
            throw new IllegalArgumentException("targetDurationS must be 1..255: " + targetDurationS);
        }
        if (segmentDuration90k == 0)
        {
            segmentDuration90k = targetDurationS * HlsRules.PTS_HZ;
        }
        if (segmentDuration90k < 0 || !HlsRules.extinfWithinTarget(segmentDuration90k, targetDurationS))
        {
            throw new IllegalArgumentException("segmentDuration90k must be > 0 and round to <= target: " +
                segmentDuration90k);
        }
        if (maxGopDuration90k < 0)
        {
            throw new IllegalArgumentException("maxGopDuration90k must be >= 0: " + maxGopDuration90k);
        }
        if (gopHistoryLength < 1)
        {
            throw new IllegalArgumentException("gopHistoryLength must be >= 1: " + gopHistoryLength);
        }
        if (maxRenditions < 1 || maxRenditions > MAX_RENDITIONS_LIMIT)
        {
            throw new IllegalArgumentException("maxRenditions must be 1..256: " + maxRenditions);
        }

        return this;
    }

    /**
     * @return EXT-X-TARGETDURATION in seconds.
     */
    public int targetDurationS()
    {
        return targetDurationS;
    }

    /**
     * @param targetDurationS EXT-X-TARGETDURATION in seconds, 1..255.
     * @return this.
     */
    public AbrContext targetDurationS(final int targetDurationS)
    {
        this.targetDurationS = targetDurationS;
        return this;
    }

    /**
     * @return nominal segment duration in 90 kHz ticks; 0 until {@link #conclude()} resolves the default.
     */
    public long segmentDuration90k()
    {
        return segmentDuration90k;
    }

    /**
     * @param segmentDuration90k nominal segment duration in 90 kHz ticks: a segment closes at the first IDR at
     *                           or after it; 0 for the target duration.
     * @return this.
     */
    public AbrContext segmentDuration90k(final long segmentDuration90k)
    {
        this.segmentDuration90k = segmentDuration90k;
        return this;
    }

    /**
     * @return longest GOP the encoder is configured to produce, 90 kHz ticks.
     */
    public long maxGopDuration90k()
    {
        return maxGopDuration90k;
    }

    /**
     * @param maxGopDuration90k longest GOP the encoder is configured to produce (its maximum key frame
     *                          interval), 90 kHz ticks; 0 to rely on observed GOPs only.
     * @return this.
     */
    public AbrContext maxGopDuration90k(final long maxGopDuration90k)
    {
        this.maxGopDuration90k = maxGopDuration90k;
        return this;
    }

    /**
     * @return number of recent GOP lengths remembered.
     */
    public int gopHistoryLength()
    {
        return gopHistoryLength;
    }

    /**
     * @param gopHistoryLength number of recent GOP lengths remembered for the prediction, at least 1.
     * @return this.
     */
    public AbrContext gopHistoryLength(final int gopHistoryLength)
    {
        this.gopHistoryLength = gopHistoryLength;
        return this;
    }

    /**
     * @return number of renditions tracked; ids at or above it are ignored.
     */
    public int maxRenditions()
    {
        return maxRenditions;
    }

    /**
     * @param maxRenditions number of renditions tracked, 1..256; rendition ids are {@code 0 .. maxRenditions-1}.
     * @return this.
     */
    public AbrContext maxRenditions(final int maxRenditions)
    {
        this.maxRenditions = maxRenditions;
        return this;
    }
}
