package io.v100.core.deepfake;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Page's one-sided upper CUSUM with a second, downward CUSUM that decides when the alarm may be cleared.
 * <p>
 * Follows E. S. Page, "Continuous inspection schemes", Biometrika 41 (1954) 100-115. With reference value
 * {@code r = mu0 + k}:
 * <ul>
 *     <li>in control: {@code S_n = max(0, S_{n-1} + x_n - r)}; the alarm is RAISED when {@code S_n > h};</li>
 *     <li>while raised: {@code C_n = max(0, C_{n-1} + r - x_n)}; the alarm is CLEARED when {@code C_n > hClear},
 *     after which both statistics restart from zero. {@code S} is not updated while raised: the return to
 *     normal is judged by {@code C} alone.</li>
 * </ul>
 * One instance watches one stream. It holds only primitives, so {@link #update(double)} allocates nothing; it
 * does not validate its input, which is the caller's job (see {@link DeepfakeHandler}).
 */
public final class Cusum
{
    /** {@link #update(double)} result: the state did not change. */
    public static final int NO_CHANGE = 0;

    /** {@link #update(double)} result: the alarm was raised by this sample. */
    public static final int RAISED = 1;

    /** {@link #update(double)} result: the alarm was cleared by this sample. */
    public static final int CLEARED = 2;

    /**
     * Bytes written by {@link #writeSnapshot(MutableDirectBuffer, int)}: float64 {@code S}, float64 {@code C},
     * float64 last statistic, uint8 raised flag (0 or 1), little-endian.
     */
    public static final int SNAPSHOT_LENGTH = 3 * Double.BYTES + 1;

    private final double reference;
    private final double threshold;
    private final double clearThreshold;

    private double upper;
    private double lower;
    private boolean raised;
    private double lastStatistic;

    /**
     * @param inControlMean  {@code mu0}, the mean of the monitored value when nothing is wrong.
     * @param allowance      {@code k}, usually half the shift to detect; must be {@code >= 0}.
     * @param threshold      {@code h}, decision interval for raising; must be {@code > 0}.
     * @param clearThreshold {@code h_clear}, decision interval for clearing; must be {@code > 0}.
     * @throws IllegalArgumentException when a parameter is NaN, infinite or out of range (construction only).
     */
    public Cusum(
        final double inControlMean, final double allowance, final double threshold, final double clearThreshold)
    {
        if (!Double.isFinite(inControlMean) || !(allowance >= 0.0) || !Double.isFinite(allowance) ||
            !(threshold > 0.0) || !Double.isFinite(threshold) ||
            !(clearThreshold > 0.0) || !Double.isFinite(clearThreshold))
        {
            throw new IllegalArgumentException("invalid CUSUM parameters");
        }
        this.reference = inControlMean + allowance;
        this.threshold = threshold;
        this.clearThreshold = clearThreshold;
    }

    /**
     * Feed one sample.
     *
     * @param x the sample, expected finite (the caller filters invalid values).
     * @return {@link #NO_CHANGE}, {@link #RAISED} or {@link #CLEARED}; {@link #lastStatistic()} then holds the
     * statistic that crossed its threshold ({@code S_n} or {@code C_n}).
     */
    public int update(final double x)
    {
        if (!raised)
        {
            upper = Math.max(0.0, upper + x - reference);
            lastStatistic = upper;
            if (upper > threshold)
            {
                raised = true;
                lower = 0.0;
                return RAISED;
            }
        }
        else
        {
            lower = Math.max(0.0, lower + reference - x);
            lastStatistic = lower;
            if (lower > clearThreshold)
            {
                raised = false;
                upper = 0.0;
                lower = 0.0;
                return CLEARED;
            }
        }
        return NO_CHANGE;
    }

    /**
     * @return true between a {@link #RAISED} and the following {@link #CLEARED}.
     */
    public boolean isRaised()
    {
        return raised;
    }

    /**
     * @return the upward statistic {@code S_n}; frozen at its alarm value while raised, zero after a clear.
     */
    public double upper()
    {
        return upper;
    }

    /**
     * @return the downward statistic {@code C_n}; zero unless raised.
     */
    public double lower()
    {
        return lower;
    }

    /**
     * @return the statistic computed by the last {@link #update(double)}: {@code S_n} when in control,
     * {@code C_n} when raised (its value before the reset on a clear).
     */
    public double lastStatistic()
    {
        return lastStatistic;
    }

    /**
     * Write the evolving state ({@code S}, {@code C}, last statistic, raised flag) in
     * {@link #SNAPSHOT_LENGTH} bytes, little-endian; the parameters are not written, they come from the
     * configuration. Doubles are written bit for bit, so a restored instance continues exactly.
     *
     * @param buffer to write into, with at least {@link #SNAPSHOT_LENGTH} bytes from {@code offset}.
     * @param offset where to start.
     * @return {@link #SNAPSHOT_LENGTH}.
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putDouble(offset, upper, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + 8, lower, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + 16, lastStatistic, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(offset + 24, (byte)(raised ? 1 : 0));
        return SNAPSHOT_LENGTH;
    }

    /**
     * Check, without changing anything, that {@link #SNAPSHOT_LENGTH} bytes at {@code offset} hold a state
     * this class can be in: finite non-negative statistics, a flag of 0 or 1, and {@code C = 0} unless raised.
     *
     * @param buffer holding the state.
     * @param offset where it starts; the caller has checked the bytes lie inside the buffer.
     * @return true when {@link #loadSnapshot(DirectBuffer, int)} would accept it.
     */
    public static boolean isValidSnapshot(final DirectBuffer buffer, final int offset)
    {
        final double upper = buffer.getDouble(offset, ByteOrder.LITTLE_ENDIAN);
        final double lower = buffer.getDouble(offset + 8, ByteOrder.LITTLE_ENDIAN);
        final double lastStatistic = buffer.getDouble(offset + 16, ByteOrder.LITTLE_ENDIAN);
        final byte raised = buffer.getByte(offset + 24);

        return isFiniteNonNegative(upper) && isFiniteNonNegative(lower) && isFiniteNonNegative(lastStatistic) &&
            (raised == 1 || (raised == 0 && lower == 0.0));
    }

    /**
     * Restore the state written by {@link #writeSnapshot(MutableDirectBuffer, int)}.
     *
     * @param buffer holding the state.
     * @param offset where it starts.
     * @throws IllegalArgumentException if {@link #isValidSnapshot(DirectBuffer, int)} is false; nothing changes.
     */
    public void loadSnapshot(final DirectBuffer buffer, final int offset)
    {
        if (!isValidSnapshot(buffer, offset))
        {
            throw new IllegalArgumentException("invalid CUSUM state");
        }
        upper = buffer.getDouble(offset, ByteOrder.LITTLE_ENDIAN);
        lower = buffer.getDouble(offset + 8, ByteOrder.LITTLE_ENDIAN);
        lastStatistic = buffer.getDouble(offset + 16, ByteOrder.LITTLE_ENDIAN);
        raised = buffer.getByte(offset + 24) == 1;
    }

    /**
     * Forget all evidence: both statistics to zero and the alarm down.
     */
    public void reset()
    {
        upper = 0.0;
        lower = 0.0;
        lastStatistic = 0.0;
        raised = false;
    }

    private static boolean isFiniteNonNegative(final double value)
    {
        return value >= 0.0 && value <= Double.MAX_VALUE;
    }
}
