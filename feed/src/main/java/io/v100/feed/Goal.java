package io.v100.feed;

/**
 * A goal found in the events file: a Shot with outcome "Goal" or an own goal (StatsBomb Open Data events
 * specification v4: "Shot" and "Own Goal Against"/"Own Goal For").
 */
public final class Goal
{
    private final int teamId;
    private final int playerId;
    private final int period;
    private final long periodTimeNs;
    private final long matchClockMs;
    private final boolean ownGoal;

    /**
     * @param teamId       team CREDITED with the goal (for an own goal: the opponent of the scorer's team).
     * @param playerId     the player who put the ball in the net, 0 when unknown.
     * @param period       1..5 (5 is a shoot-out kick, which does not count towards the score).
     * @param periodTimeNs time since the start of the period, ns.
     * @param matchClockMs cumulative match clock, ms.
     * @param ownGoal      true for an own goal.
     */
    public Goal(
        final int teamId,
        final int playerId,
        final int period,
        final long periodTimeNs,
        final long matchClockMs,
        final boolean ownGoal)
    {
        this.teamId = teamId;
        this.playerId = playerId;
        this.period = period;
        this.periodTimeNs = periodTimeNs;
        this.matchClockMs = matchClockMs;
        this.ownGoal = ownGoal;
    }

    /**
     * @return team credited with the goal.
     */
    public int teamId()
    {
        return teamId;
    }

    /**
     * @return the player who put the ball in the net, 0 when unknown.
     */
    public int playerId()
    {
        return playerId;
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
     * @return true for an own goal.
     */
    public boolean ownGoal()
    {
        return ownGoal;
    }

    /**
     * @return a readable form for test messages.
     */
    public String toString()
    {
        return "Goal{teamId=" + teamId + ", playerId=" + playerId + ", period=" + period +
            ", matchClockMs=" + matchClockMs + ", ownGoal=" + ownGoal + '}';
    }
}
