package io.v100.core.abr;

/**
 * Pure HLS timing rules shared by the segmenter, its tests and the playlist writer of the services shell.
 * <p>
 * Durations are PTS differences in 90 kHz ticks (ISO/IEC 13818-1 §2.4.3.6); target durations are whole seconds
 * as written in EXT-X-TARGETDURATION (RFC 8216 §4.3.3.1).
 */
public final class HlsRules
{
    /** PTS clock rate: ticks per second. */
    public static final long PTS_HZ = 90_000L;

    private HlsRules()
    {
    }

    /**
     * EXTINF duration rounded to the nearest whole second, halves rounded up.
     * <p>
     * RFC 8216 §4.3.3.1 says "rounded to the nearest integer" without a tie rule; rounding halves up is the
     * stricter reading (6.5 s counts as 7 s), so a segment that passes here passes under any tie rule.
     *
     * @param duration90k segment duration in 90 kHz ticks, {@code >= 0}.
     * @return whole seconds; for a negative duration the floor-based result, which is never positive.
     */
    public static long roundedSeconds(final long duration90k)
    {
        return Math.floorDiv(duration90k + PTS_HZ / 2, PTS_HZ);
    }

    /**
     * The EXT-X-TARGETDURATION rule of RFC 8216 §4.3.3.1: the EXTINF duration of every media segment, rounded
     * to the nearest integer, MUST be less than or equal to the target duration.
     *
     * @param duration90k     segment duration in 90 kHz ticks.
     * @param targetDurationS EXT-X-TARGETDURATION in seconds.
     * @return true when the rounded duration does not exceed the target; false for a negative duration, which
     * no real segment has.
     */
    public static boolean extinfWithinTarget(final long duration90k, final int targetDurationS)
    {
        return duration90k >= 0 && roundedSeconds(duration90k) <= targetDurationS;
    }

    /**
     * The EXTINF value as a decimal-floating-point number of seconds with millisecond precision
     * (RFC 8216 §4.3.2.1), e.g. 540000 ticks gives {@code "6.000"}. Allocates: for documentation, tests and the
     * playlist writer, never the hot path.
     *
     * @param duration90k segment duration in 90 kHz ticks, {@code >= 0}.
     * @return seconds with three decimals, milliseconds rounded half up.
     * @throws IllegalArgumentException if the duration is negative.
     */
    public static String formatExtinf(final long duration90k)
    {
        if (duration90k < 0)
        {
            throw new IllegalArgumentException("negative duration: " + duration90k);
        }

        final long millis = (duration90k + 45) / 90;
        final long fraction = millis % 1000;
        final String fractionText = fraction < 10 ? "00" + fraction : fraction < 100 ? "0" + fraction : "" + fraction;

        return (millis / 1000) + "." + fractionText;
    }
}
