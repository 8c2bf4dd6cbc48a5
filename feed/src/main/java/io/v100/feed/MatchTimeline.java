package io.v100.feed;

/**
 * Places a match's period-relative times on the wall clock.
 * <p>
 * StatsBomb timestamps restart at 0 each period, so {@code timestampNs = kickoff + periodStart(period) + timestamp}.
 * The first period present starts at kick-off; each later one starts at the previous period's start plus its
 * duration ({@link StatsBombMatch#periodDurationNs(int)}) plus the break before it
 * ({@link FeedContext#breakBeforePeriodNs(int)}: 15 min before period 2, 5 min before period 3, 1 min before
 * period 4, 5 min before period 5 by default). Wall time is therefore non-decreasing in (period, timestamp).
 */
public final class MatchTimeline
{
    private final long kickoffNs;
    private final int[] periods;
    private final long[] periodStartNs = new long[StatsBombMatch.MAX_PERIOD + 1];
    private final long[] periodEndNs = new long[StatsBombMatch.MAX_PERIOD + 1];
    private final boolean[] present = new boolean[StatsBombMatch.MAX_PERIOD + 1];
    private final long endOfPlayNs;
    private final long endOfNormalTimeNs;

    /**
     * @param match   the parsed match (its periods and their durations).
     * @param context kick-off and breaks.
     */
    public MatchTimeline(final StatsBombMatch match, final FeedContext context)
    {
        kickoffNs = context.kickoffNs();
        periods = match.periods();
        long start = kickoffNs;
        long end = kickoffNs;
        long normalEnd = kickoffNs;
        for (int i = 0; i < periods.length; i++)
        {
            final int period = periods[i];
            if (i > 0)
            {
                start = end + context.breakBeforePeriodNs(period);
            }
            end = start + match.periodDurationNs(period);
            present[period] = true;
            periodStartNs[period] = start;
            periodEndNs[period] = end;
            if (period <= 2)
            {
                normalEnd = end;
            }
        }
        endOfPlayNs = end;
        endOfNormalTimeNs = normalEnd;
    }

    /**
     * @return kick-off, ns since the Unix epoch.
     */
    public long kickoffNs()
    {
        return kickoffNs;
    }

    /**
     * @return periods present in the match, ascending (a copy).
     */
    public int[] periods()
    {
        return periods.clone();
    }

    /**
     * @param period 1..5.
     * @return true when the match has events in that period.
     */
    public boolean hasPeriod(final int period)
    {
        return period >= 1 && period <= StatsBombMatch.MAX_PERIOD && present[period];
    }

    /**
     * @param period a period present in the match.
     * @return wall time of its start, ns since the Unix epoch.
     * @throws IllegalArgumentException when the period is not present.
     */
    public long periodStartNs(final int period)
    {
        return periodStartNs[checkPresent(period)];
    }

    /**
     * @param period a period present in the match.
     * @return wall time of its end (its latest event), ns since the Unix epoch.
     * @throws IllegalArgumentException when the period is not present.
     */
    public long periodEndNs(final int period)
    {
        return periodEndNs[checkPresent(period)];
    }

    /**
     * @param period       a period present in the match.
     * @param periodTimeNs time since the start of that period, ns.
     * @return wall time, ns since the Unix epoch.
     * @throws IllegalArgumentException when the period is not present.
     */
    public long timestampNs(final int period, final long periodTimeNs)
    {
        return periodStartNs[checkPresent(period)] + periodTimeNs;
    }

    /**
     * @return wall time of the end of the last period, ns since the Unix epoch.
     */
    public long endOfPlayNs()
    {
        return endOfPlayNs;
    }

    /**
     * @return wall time of the end of the last of periods 1-2 present (normal time), kick-off when neither is.
     */
    public long endOfNormalTimeNs()
    {
        return endOfNormalTimeNs;
    }

    private int checkPresent(final int period)
    {
        if (!hasPeriod(period))
        {
            throw new IllegalArgumentException("period not in the match: " + period);
        }
        return period;
    }
}
