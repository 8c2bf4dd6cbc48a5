package io.v100.protocol;

import io.v100.sbe.MatchEventType;

/**
 * The football rules the core's handlers and the feed share, in one place beside the codecs so that both reach
 * them without the feed depending on the core. Allocation-free: the handlers call it on the ring thread.
 * <ul>
 *     <li>Periods: 1 and 2 are the halves, 3 and 4 extra time, 5 the penalty shoot-out (StatsBomb's numbering,
 *     carried in {@code MatchEvent.period}).</li>
 *     <li>A goal is a {@code GOAL} or an {@code OWN_GOAL}. For {@code OWN_GOAL} the event's {@code teamId} is the
 *     team credited with the goal (the feed resolves StatsBomb's "Own Goal Against"/"Own Goal For" pair to it), so
 *     every consumer credits {@code teamId} whichever the kind of goal.</li>
 *     <li>Only goals in periods 1 to 4 change the score (IFAB Laws of the Game, Law 10: kicks from the penalty
 *     mark decide a tied match but are not goals scored); shoot-out kicks are goal events that do not count.</li>
 *     <li>A sending-off is a {@code RED_CARD} or a {@code SECOND_YELLOW} (Law 12: a second caution is a
 *     sending-off).</li>
 * </ul>
 */
public final class MatchRules
{
    /** First period of normal time. */
    public static final int FIRST_PERIOD = 1;

    /** Last period of normal time, the second half: the MATCH_RESULT market settles on the score then. */
    public static final int LAST_NORMAL_TIME_PERIOD = 2;

    /** Last period whose goals count towards the score: the second half of extra time. */
    public static final int LAST_SCORING_PERIOD = 4;

    /** The penalty shoot-out. */
    public static final int SHOOT_OUT_PERIOD = 5;

    private MatchRules()
    {
    }

    /**
     * @param type of a match event.
     * @return true for {@code GOAL} and {@code OWN_GOAL}, in any period.
     */
    public static boolean isGoal(final MatchEventType type)
    {
        return MatchEventType.GOAL == type || MatchEventType.OWN_GOAL == type;
    }

    /**
     * @param rawType {@code MatchEvent.eventType} as encoded (uint8).
     * @return as {@link #isGoal(MatchEventType)}.
     */
    public static boolean isGoal(final short rawType)
    {
        return MatchEventType.GOAL.value() == rawType || MatchEventType.OWN_GOAL.value() == rawType;
    }

    /**
     * @param type of a match event.
     * @return true for {@code RED_CARD} and {@code SECOND_YELLOW}.
     */
    public static boolean isSendingOff(final MatchEventType type)
    {
        return MatchEventType.RED_CARD == type || MatchEventType.SECOND_YELLOW == type;
    }

    /**
     * @param rawType {@code MatchEvent.eventType} as encoded (uint8).
     * @return as {@link #isSendingOff(MatchEventType)}.
     */
    public static boolean isSendingOff(final short rawType)
    {
        return MatchEventType.RED_CARD.value() == rawType || MatchEventType.SECOND_YELLOW.value() == rawType;
    }

    /**
     * @param period of a match event.
     * @return true for periods 1 to 4, whose goals count towards the score.
     */
    public static boolean isScoringPeriod(final int period)
    {
        return period >= FIRST_PERIOD && period <= LAST_SCORING_PERIOD;
    }

    /**
     * @param period of a match event.
     * @return true for periods 1 and 2, normal time.
     */
    public static boolean isNormalTime(final int period)
    {
        return period >= FIRST_PERIOD && period <= LAST_NORMAL_TIME_PERIOD;
    }

    /**
     * @param type   of a match event.
     * @param period of the event.
     * @return true when the event changes the score: a goal in periods 1 to 4. The team credited is the event's
     * {@code teamId}, own goals included.
     */
    public static boolean countsTowardsScore(final MatchEventType type, final int period)
    {
        return isGoal(type) && isScoringPeriod(period);
    }

    /**
     * @param rawType {@code MatchEvent.eventType} as encoded (uint8).
     * @param period  of the event.
     * @return as {@link #countsTowardsScore(MatchEventType, int)}.
     */
    public static boolean countsTowardsScore(final short rawType, final int period)
    {
        return isGoal(rawType) && isScoringPeriod(period);
    }
}
