package io.v100.core.deepfake;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CusumTest
{
    @Test
    void shouldDetectSustainedShiftWithinTheDocumentedDelay()
    {
        final double mu0 = 0.10;
        final double k = 0.15;
        final double h = 2.0;
        final double mu1 = 0.40;
        final Cusum cusum = new Cusum(mu0, k, h, h);

        // S_n = n * (mu1 - mu0 - k) exceeds h first at n = floor(h / 0.15) + 1 = 14; the approximation says ~13.3.
        final int expected = (int)Math.floor(h / (mu1 - mu0 - k)) + 1;
        int n = 0;
        int change = Cusum.NO_CHANGE;
        while (Cusum.NO_CHANGE == change && n < 1_000)
        {
            change = cusum.update(mu1);
            n++;
        }

        assertEquals(Cusum.RAISED, change);
        assertEquals(14, expected);
        assertEquals(expected, n);
        assertEquals(expected * (mu1 - mu0 - k), cusum.lastStatistic(), 1e-9);
    }

    @Test
    void shouldNeverRaiseWhenSamplesStayAtOrBelowTheReference()
    {
        final Cusum cusum = new Cusum(0.10, 0.15, 2.0, 2.0);
        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(Cusum.NO_CHANGE, cusum.update(0.25 * (i % 2)));
        }
        assertEquals(0.0, cusum.upper(), 0.0);
    }

    @Test
    void shouldResetBothStatisticsOnClear()
    {
        final Cusum cusum = new Cusum(0.10, 0.15, 2.0, 1.0);
        for (int i = 0; i < 3; i++)
        {
            cusum.update(1.0);
        }
        assertTrue(cusum.isRaised());

        // C grows by 0.25 per zero sample: 0.25, 0.5, 0.75, 1.0, 1.25 > 1.0 on the 5th.
        for (int i = 0; i < 4; i++)
        {
            assertEquals(Cusum.NO_CHANGE, cusum.update(0.0));
        }
        assertEquals(Cusum.CLEARED, cusum.update(0.0));
        assertEquals(1.25, cusum.lastStatistic(), 1e-9);
        assertFalse(cusum.isRaised());
        assertEquals(0.0, cusum.upper(), 0.0);
        assertEquals(0.0, cusum.lower(), 0.0);
    }

    @Test
    void shouldRejectInvalidParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new Cusum(Double.NaN, 0.15, 2.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new Cusum(0.1, -0.1, 2.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new Cusum(0.1, 0.15, 0.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new Cusum(0.1, 0.15, 2.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new DeepfakeContext().inControlMean(1.5).conclude());
    }
}
