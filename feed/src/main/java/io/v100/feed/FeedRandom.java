package io.v100.feed;

import java.util.SplittableRandom;

/**
 * Seeded draws built only on {@link SplittableRandom#nextDouble()} and {@link StrictMath}, so a seed gives the
 * same numbers on every JVM (the JDK's own {@code nextGaussian} is allowed to change between releases).
 */
final class FeedRandom
{
    private FeedRandom()
    {
    }

    /**
     * Standard normal draw by the Marsaglia polar method (Marsaglia and Bray, SIAM Review 6(3), 1964).
     *
     * @param random source.
     * @return N(0, 1).
     */
    static double gaussian(final SplittableRandom random)
    {
        double u;
        double v;
        double s;
        do
        {
            u = 2.0 * random.nextDouble() - 1.0;
            v = 2.0 * random.nextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        return u * StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
    }

    /**
     * Exponential waiting time by inversion.
     *
     * @param random      source.
     * @param meanNs      mean waiting time, ns.
     * @return the waiting time, ns, at least 1.
     */
    static long exponentialNs(final SplittableRandom random, final double meanNs)
    {
        final double draw = -StrictMath.log(1.0 - random.nextDouble()) * meanNs;
        return Math.max(1L, (long)draw);
    }

    /**
     * @param value any value.
     * @return the value clamped to [0, 1] as a float.
     */
    static float clamp01(final double value)
    {
        return (float)Math.max(0.0, Math.min(1.0, value));
    }
}
