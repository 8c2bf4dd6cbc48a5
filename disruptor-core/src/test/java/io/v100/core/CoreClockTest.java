package io.v100.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoreClockTest
{
    private static final long KICKOFF_NS = 1_537_713_000_000_000_000L;
    private static final long YEAR_2100_NS = 4_102_444_800_000_000_000L;
    private static final long MINUTE_NS = 60_000_000_000L;

    private final CoreClock clock =
        new CoreClock(new ClockContext().maxAheadNs(20 * MINUTE_NS).maxBehindNs(5 * MINUTE_NS));

    @Test
    void shouldLetTheFirstInputEstablishTheClock()
    {
        assertEquals(CoreClock.NOT_ESTABLISHED, clock.nowNs());
        assertTrue(clock.admits(KICKOFF_NS));
        assertEquals(KICKOFF_NS, clock.advance(KICKOFF_NS));
    }

    @Test
    void shouldRefuseAFarFutureStampAndKeepTheClock()
    {
        clock.advance(KICKOFF_NS);
        assertFalse(clock.admits(YEAR_2100_NS));
        assertFalse(clock.admits(Long.MAX_VALUE));
        assertFalse(clock.admits(KICKOFF_NS + 20 * MINUTE_NS + 1));
        assertEquals(KICKOFF_NS, clock.nowNs());
    }

    @Test
    void shouldAdmitAHalfTimeGapAndStampsAtTheEdgesOfTheWindow()
    {
        clock.advance(KICKOFF_NS);
        assertTrue(clock.admits(KICKOFF_NS + 15 * MINUTE_NS));
        assertTrue(clock.admits(KICKOFF_NS + 20 * MINUTE_NS));
        assertTrue(clock.admits(KICKOFF_NS - 5 * MINUTE_NS));
        assertFalse(clock.admits(KICKOFF_NS - 5 * MINUTE_NS - 1));
        assertFalse(clock.admits(1));
    }

    @Test
    void shouldNeverGoBackwards()
    {
        clock.advance(KICKOFF_NS);
        assertEquals(KICKOFF_NS, clock.advance(KICKOFF_NS - MINUTE_NS));
        assertEquals(KICKOFF_NS + MINUTE_NS, clock.advance(KICKOFF_NS + MINUTE_NS));
    }

    @Test
    void shouldRefuseNegativeWindows()
    {
        assertThrows(IllegalArgumentException.class, () -> new CoreClock(new ClockContext().maxAheadNs(-1)));
        assertThrows(IllegalArgumentException.class, () -> new CoreClock(new ClockContext().maxBehindNs(-1)));
    }
}
