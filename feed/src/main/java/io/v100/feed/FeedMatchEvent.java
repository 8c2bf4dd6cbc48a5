package io.v100.feed;

import io.v100.sbe.MatchEventType;

/**
 * One match event as mapped from a StatsBomb event, ready to be encoded as a MatchEvent frame.
 * <p>
 * One StatsBomb event may yield two of these (a foul and its card, a penalty award and its shot); {@link #order()}
 * keeps them in that order at the same time.
 */
public final class FeedMatchEvent
{
    private final int sourceIndex;
    private final int order;
    private final int period;
    private final long periodTimeNs;
    private final long matchClockMs;
    private final MatchEventType type;
    private final int teamId;
    private final int playerId;
    private final float x;
    private final float y;
    private final float xg;

    /**
     * @param sourceIndex  StatsBomb {@code index} of the source event.
     * @param order        0 for the first event mapped from that source, 1 for the second.
     * @param period       1, 2 halves; 3, 4 extra time; 5 penalty shoot-out.
     * @param periodTimeNs time since the start of the period, ns (StatsBomb {@code timestamp}).
     * @param matchClockMs cumulative match clock, ms.
     * @param type         mapped type.
     * @param teamId       StatsBomb team id; for OWN_GOAL the team credited with the goal.
     * @param playerId     StatsBomb player id, 0 when none.
     * @param x            ball x on the 120 x 80 pitch, NaN when unknown.
     * @param y            ball y on the 120 x 80 pitch, NaN when unknown.
     * @param xg           StatsBomb xG of a shot, 0 otherwise.
     */
    public FeedMatchEvent(
        final int sourceIndex,
        final int order,
        final int period,
        final long periodTimeNs,
        final long matchClockMs,
        final MatchEventType type,
        final int teamId,
        final int playerId,
        final float x,
        final float y,
        final float xg)
    {
        this.sourceIndex = sourceIndex;
        this.order = order;
        this.period = period;
        this.periodTimeNs = periodTimeNs;
        this.matchClockMs = matchClockMs;
        this.type = type;
        this.teamId = teamId;
        this.playerId = playerId;
        this.x = x;
        this.y = y;
        this.xg = xg;
    }

    /**
     * @return StatsBomb {@code index} of the source event.
     */
    public int sourceIndex()
    {
        return sourceIndex;
    }

    /**
     * @return 0 for the first event mapped from the source event, 1 for the second.
     */
    public int order()
    {
        return order;
    }

    /**
     * @return period 1..5.
     */
    public int period()
    {
        return period;
    }

    /**
     * @return time since the start of the period, ns.
     */
    public long periodTimeNs()
    {
        return periodTimeNs;
    }

    /**
     * @return cumulative match clock, ms.
     */
    public long matchClockMs()
    {
        return matchClockMs;
    }

    /**
     * @return the mapped type.
     */
    public MatchEventType type()
    {
        return type;
    }

    /**
     * @return StatsBomb team id (for OWN_GOAL the credited team).
     */
    public int teamId()
    {
        return teamId;
    }

    /**
     * @return StatsBomb player id, 0 when none.
     */
    public int playerId()
    {
        return playerId;
    }

    /**
     * @return ball x on the 120 x 80 pitch, NaN when unknown.
     */
    public float x()
    {
        return x;
    }

    /**
     * @return ball y on the 120 x 80 pitch, NaN when unknown.
     */
    public float y()
    {
        return y;
    }

    /**
     * @return StatsBomb xG of a shot, 0 otherwise.
     */
    public float xg()
    {
        return xg;
    }

    /**
     * @return a readable form for test messages.
     */
    public String toString()
    {
        return "FeedMatchEvent{index=" + sourceIndex + ", period=" + period + ", periodTimeNs=" + periodTimeNs +
            ", matchClockMs=" + matchClockMs + ", type=" + type + ", teamId=" + teamId + ", playerId=" + playerId + '}';
    }
}
