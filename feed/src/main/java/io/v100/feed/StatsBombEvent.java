package io.v100.feed;

import io.v100.sbe.MatchEventType;

/**
 * The fields of one StatsBomb event that the feeder maps (StatsBomb Open Data events specification v4.0.0).
 */
final class StatsBombEvent
{
    final int index;
    final int period;
    final long periodTimeNs;
    final long matchClockMs;
    final String typeName;
    final int teamId;
    final String teamName;
    final int playerId;
    final float x;
    final float y;
    final String shotOutcome;
    final String shotType;
    final float xg;
    final String foulCard;
    final String badBehaviourCard;

    /**
     * @throws IllegalArgumentException when {@code index}, {@code period} (1..5), {@code timestamp} or
     *                                  {@code type.name} is missing or malformed.
     */
    StatsBombEvent(
        final int index,
        final int period,
        final String timestamp,
        final long minute,
        final long second,
        final String typeName,
        final int teamId,
        final String teamName,
        final int playerId,
        final float x,
        final float y,
        final String shotOutcome,
        final String shotType,
        final float xg,
        final String foulCard,
        final String badBehaviourCard)
    {
        if (index < 0)
        {
            throw new IllegalArgumentException("event without index");
        }
        if (period < 1 || period > StatsBombMatch.MAX_PERIOD)
        {
            throw new IllegalArgumentException("event " + index + ": period must be 1..5");
        }
        if (null == timestamp)
        {
            throw new IllegalArgumentException("event " + index + ": no timestamp");
        }
        if (null == typeName)
        {
            throw new IllegalArgumentException("event " + index + ": no type.name");
        }
        this.index = index;
        this.period = period;
        this.periodTimeNs = StatsBombMatch.parseTimestampNs(timestamp);
        this.matchClockMs = (minute * 60 + second) * 1000 + (periodTimeNs / 1_000_000L) % 1000;
        this.typeName = typeName;
        this.teamId = teamId;
        this.teamName = teamName;
        this.playerId = playerId;
        this.x = x;
        this.y = y;
        this.shotOutcome = shotOutcome;
        this.shotType = shotType;
        this.xg = xg;
        this.foulCard = foulCard;
        this.badBehaviourCard = badBehaviourCard;
    }

    boolean hasLocation()
    {
        return !Float.isNaN(x);
    }

    FeedMatchEvent toFeed(
        final int order, final MatchEventType type, final int teamId, final int playerId, final float xg)
    {
        return new FeedMatchEvent(index, order, period, periodTimeNs, matchClockMs, type, teamId, playerId, x, y, xg);
    }
}
