package io.v100.core.abr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HlsRulesTest
{
    @Test
    void shouldApplyRoundHalfUpTargetDurationRule()
    {
        assertTrue(HlsRules.extinfWithinTarget(6 * 90_000L, 6));
        assertTrue(HlsRules.extinfWithinTarget(6 * 90_000L + 44_999, 6));
        assertFalse(HlsRules.extinfWithinTarget(6 * 90_000L + 45_000, 6));
        assertFalse(HlsRules.extinfWithinTarget(-1, 6));
        assertTrue(HlsRules.extinfWithinTarget(0, 6));
    }

    @Test
    void shouldAgreeWithDirectRoundingOverAWideRange()
    {
        for (long d = 0; d < 20 * 90_000L; d += 997)
        {
            final long expected = (long)Math.floor(d / 90_000.0 + 0.5);
            assertEquals(expected, HlsRules.roundedSeconds(d), "duration " + d);
            assertEquals(expected <= 6, HlsRules.extinfWithinTarget(d, 6), "duration " + d);
        }
    }

    @Test
    void shouldFormatExtinfWithMillisecondPrecision()
    {
        assertEquals("6.000", HlsRules.formatExtinf(540_000));
        assertEquals("0.000", HlsRules.formatExtinf(44));
        assertEquals("0.001", HlsRules.formatExtinf(45));
        assertEquals("5.960", HlsRules.formatExtinf(536_400));
        assertEquals("12.040", HlsRules.formatExtinf(1_083_600));
        assertThrows(IllegalArgumentException.class, () -> HlsRules.formatExtinf(-1));
    }
}
