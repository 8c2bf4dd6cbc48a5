package io.v100.feed;

import io.v100.protocol.MatchRules;
import io.v100.sbe.MatchEventType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A match read from a StatsBomb events file and mapped to {@link MatchEventType}s.
 * <p>
 * Follows the StatsBomb Open Data events specification (v4.0.0, https://github.com/statsbomb/open-data/tree/master/doc):
 * {@code period} 1, 2 halves, 3, 4 extra time, 5 penalty shoot-out; {@code timestamp} "HH:MM:SS.mmm" since the
 * start of the period; {@code minute}/{@code second} the cumulative match clock; {@code location} [x, y] on a
 * 120 x 80 pitch, oriented so that the team in possession attacks towards x = 120. Mapping:
 * <ul>
 *     <li>"Half Start"/"Half End": HALF_START/HALF_END once per period (StatsBomb records one per team; the first
 *     of each period is kept so the core sees each boundary once);</li>
 *     <li>"Pass": PASS; "Shot": GOAL when {@code shot.outcome.name} is "Goal" (period 5 included: the core does not
 *     count shoot-out kicks towards the score), SHOT otherwise. A shot whose {@code shot.type.name} is "Penalty"
 *     in periods 1-4 is preceded, at the same time, by a PENALTY_AWARDED of the shooting team: StatsBomb has no
 *     separate award event and the foul that led to it is not linked to the shot. Shoot-out kicks are not awarded
 *     penalties and get none;</li>
 *     <li>"Own Goal Against" (team = the conceding team, player = the scorer) paired with "Own Goal For" (team = the
 *     credited team) in the same period within 5 s: ONE OWN_GOAL with the credited team and the scorer; an
 *     unpaired "Against" is credited to the other team, an unpaired "For" yields an OWN_GOAL without player;</li>
 *     <li>"Foul Committed": FOUL, plus the card event when {@code foul_committed.card} is present;
 *     "Bad Behaviour" with {@code bad_behaviour.card}: the card event. "Yellow Card": YELLOW_CARD,
 *     "Second Yellow": SECOND_YELLOW, "Red Card": RED_CARD;</li>
 *     <li>"Substitution": SUBSTITUTION;</li>
 *     <li>anything else with a {@code location}: BALL_EVENT (its team and player are kept); anything else without
 *     one ("Starting XI", "Tactical Shift", ...) is skipped.</li>
 * </ul>
 * The home team is the team of the first "Starting XI" event, kloppy's convention for StatsBomb data (StatsBomb
 * lists the home line-up first); the away team is the other line-up. Without line-ups the teams are taken in order
 * of first appearance. A period lasts until its latest event, which is its "Half End" in well-formed files.
 * <p>
 * Events are ordered by (period, timestamp, index), then by their order within one source event.
 */
public final class StatsBombMatch
{
    /** {@link #matchId()} when the file name carries no digits. */
    public static final long NO_MATCH_ID = -1L;
    /** Highest period number of the StatsBomb specification (penalty shoot-out). */
    public static final int MAX_PERIOD = MatchRules.SHOOT_OUT_PERIOD;

    private static final long OWN_GOAL_PAIRING_NS = 5_000_000_000L;

    private final long matchId;
    private final int rawEventCount;
    private final int homeTeamId;
    private final int awayTeamId;
    private final Map<Integer, String> teamNames;
    private final List<FeedMatchEvent> events;
    private final List<Goal> goals;
    private final List<Goal> shootOutGoals;
    private final long[] periodDurationNs;
    private final int[] periods;

    private StatsBombMatch(
        final long matchId,
        final int rawEventCount,
        final int homeTeamId,
        final int awayTeamId,
        final Map<Integer, String> teamNames,
        final List<FeedMatchEvent> events,
        final List<Goal> goals,
        final List<Goal> shootOutGoals,
        final long[] periodDurationNs,
        final int[] periods)
    {
        this.matchId = matchId;
        this.rawEventCount = rawEventCount;
        this.homeTeamId = homeTeamId;
        this.awayTeamId = awayTeamId;
        this.teamNames = teamNames;
        this.events = events;
        this.goals = goals;
        this.shootOutGoals = shootOutGoals;
        this.periodDurationNs = periodDurationNs;
        this.periods = periods;
    }

    /**
     * Reads a {@code .json} or gzip-compressed events file; gzip is detected by its magic bytes 1f 8b
     * (RFC 1952 §2.3.1), not by the file name.
     *
     * @param path events file; the first run of digits in its name is the match id (StatsBomb names the file
     *             {@code <matchId>.json}), {@link #NO_MATCH_ID} when there is none.
     * @return the parsed match.
     * @throws IOException              when the file cannot be read or is not JSON.
     * @throws IllegalArgumentException when an event lacks {@code index}, {@code period} (1..5),
     *                                  {@code timestamp} or {@code type.name}, or the root is not an array.
     */
    public static StatsBombMatch read(final Path path) throws IOException
    {
        final Path fileName = path.getFileName();
        try (InputStream in = Files.newInputStream(path))
        {
            return read(in, null == fileName ? NO_MATCH_ID : matchIdFromFileName(fileName.toString()));
        }
    }

    /**
     * Reads events from a stream, plain or gzip-compressed (detected by magic bytes). Does not close the stream.
     *
     * @param in      the events JSON array.
     * @param matchId match id to report, {@link #NO_MATCH_ID} when unknown.
     * @return the parsed match.
     * @throws IOException              when the stream cannot be read or is not JSON.
     * @throws IllegalArgumentException as {@link #read(Path)}.
     */
    public static StatsBombMatch read(final InputStream in, final long matchId) throws IOException
    {
        final BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(2);
        final int b0 = buffered.read();
        final int b1 = buffered.read();
        buffered.reset();
        final InputStream json = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
        return build(StatsBombEventReader.read(json), matchId);
    }

    /**
     * @param fileName a file name such as {@code 15986-events.json.gz}.
     * @return the first run of digits as a number, {@link #NO_MATCH_ID} when none (or longer than 18 digits).
     */
    public static long matchIdFromFileName(final String fileName)
    {
        int start = 0;
        while (start < fileName.length() && !Character.isDigit(fileName.charAt(start)))
        {
            start++;
        }
        int end = start;
        while (end < fileName.length() && Character.isDigit(fileName.charAt(end)))
        {
            end++;
        }
        if (end == start || end - start > 18)
        {
            return NO_MATCH_ID;
        }
        return Long.parseLong(fileName.substring(start, end));
    }

    /**
     * Parses a StatsBomb timestamp.
     *
     * @param timestamp "HH:MM:SS" with an optional fraction of up to 9 digits.
     * @return ns since the start of the period.
     * @throws IllegalArgumentException when malformed.
     */
    public static long parseTimestampNs(final String timestamp)
    {
        final int c1 = timestamp.indexOf(':');
        final int c2 = c1 < 0 ? -1 : timestamp.indexOf(':', c1 + 1);
        if (c1 <= 0 || c2 <= c1 + 1)
        {
            throw new IllegalArgumentException("bad timestamp: " + timestamp);
        }
        final int dot = timestamp.indexOf('.', c2 + 1);
        final int secondsEnd = dot < 0 ? timestamp.length() : dot;
        final long hours = digits(timestamp, 0, c1);
        final long minutes = digits(timestamp, c1 + 1, c2);
        final long seconds = digits(timestamp, c2 + 1, secondsEnd);
        long fractionNs = 0;
        if (dot >= 0)
        {
            final int fractionDigits = timestamp.length() - dot - 1;
            if (fractionDigits < 1 || fractionDigits > 9)
            {
                throw new IllegalArgumentException("bad timestamp: " + timestamp);
            }
            fractionNs = digits(timestamp, dot + 1, timestamp.length());
            for (int i = fractionDigits; i < 9; i++)
            {
                fractionNs *= 10;
            }
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000L + fractionNs;
    }

    private static long digits(final String text, final int start, final int end)
    {
        if (end <= start || end - start > 9)
        {
            throw new IllegalArgumentException("bad timestamp: " + text);
        }
        long value = 0;
        for (int i = start; i < end; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                throw new IllegalArgumentException("bad timestamp: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StatsBombMatch build(final List<StatsBombEvent> fileOrder, final long matchId)
    {
        final int count = fileOrder.size();
        final List<StatsBombEvent> raw = new ArrayList<>(fileOrder);
        final Map<Integer, String> teamNames = new LinkedHashMap<>();
        for (final StatsBombEvent event : fileOrder)
        {
            if (event.teamId != 0)
            {
                teamNames.putIfAbsent(event.teamId, event.teamName);
            }
        }
        raw.sort(Comparator.comparingInt((StatsBombEvent e) -> e.period)
            .thenComparingLong(e -> e.periodTimeNs)
            .thenComparingInt(e -> e.index));

        final int[] teams = homeAndAway(raw, teamNames);
        final long[] durations = new long[MAX_PERIOD + 1];
        final boolean[] present = new boolean[MAX_PERIOD + 1];
        final List<StatsBombEvent> ownGoalsFor = new ArrayList<>();
        for (final StatsBombEvent event : raw)
        {
            present[event.period] = true;
            durations[event.period] = Math.max(durations[event.period], event.periodTimeNs);
            if ("Own Goal For".equals(event.typeName))
            {
                ownGoalsFor.add(event);
            }
        }

        final List<FeedMatchEvent> events = new ArrayList<>(count);
        final List<Goal> goals = new ArrayList<>();
        final List<Goal> shootOutGoals = new ArrayList<>();
        final boolean[] halfStartSeen = new boolean[MAX_PERIOD + 1];
        final boolean[] halfEndSeen = new boolean[MAX_PERIOD + 1];
        final boolean[] ownGoalForUsed = new boolean[ownGoalsFor.size()];
        for (final StatsBombEvent e : raw)
        {
            switch (e.typeName)
            {
                case "Half Start":
                    if (!halfStartSeen[e.period])
                    {
                        halfStartSeen[e.period] = true;
                        events.add(e.toFeed(0, MatchEventType.HALF_START, e.teamId, e.playerId, 0f));
                    }
                    break;

                case "Half End":
                    if (!halfEndSeen[e.period])
                    {
                        halfEndSeen[e.period] = true;
                        events.add(e.toFeed(0, MatchEventType.HALF_END, e.teamId, e.playerId, 0f));
                    }
                    break;

                case "Pass":
                    events.add(e.toFeed(0, MatchEventType.PASS, e.teamId, e.playerId, 0f));
                    break;

                case "Shot":
                {
                    final boolean scored = "Goal".equals(e.shotOutcome);
                    final boolean penalty = "Penalty".equals(e.shotType);
                    final float xg = e.xg;
                    int order = 0;
                    if (penalty && MatchRules.isScoringPeriod(e.period))
                    {
                        events.add(e.toFeed(order++, MatchEventType.PENALTY_AWARDED, e.teamId, e.playerId, 0f));
                    }
                    events.add(e.toFeed(order, scored ? MatchEventType.GOAL : MatchEventType.SHOT, e.teamId, e.playerId, xg));
                    if (scored)
                    {
                        (MatchRules.isScoringPeriod(e.period) ? goals : shootOutGoals).add(
                            new Goal(e.teamId, e.playerId, e.period, e.periodTimeNs, e.matchClockMs, false));
                    }
                    break;
                }

                case "Own Goal Against":
                {
                    final int pair = findOwnGoalFor(e, ownGoalsFor, ownGoalForUsed);
                    final int credited;
                    if (pair >= 0)
                    {
                        ownGoalForUsed[pair] = true;
                        credited = ownGoalsFor.get(pair).teamId;
                    }
                    else
                    {
                        credited = e.teamId == teams[0] ? teams[1] : teams[0];
                    }
                    addOwnGoal(e, credited, e.playerId, events, goals, shootOutGoals);
                    break;
                }

                case "Own Goal For":
                    break;

                case "Foul Committed":
                {
                    events.add(e.toFeed(0, MatchEventType.FOUL, e.teamId, e.playerId, 0f));
                    final MatchEventType card = cardType(e.foulCard);
                    if (null != card)
                    {
                        events.add(e.toFeed(1, card, e.teamId, e.playerId, 0f));
                    }
                    break;
                }

                case "Bad Behaviour":
                {
                    final MatchEventType card = cardType(e.badBehaviourCard);
                    if (null != card)
                    {
                        events.add(e.toFeed(0, card, e.teamId, e.playerId, 0f));
                    }
                    else if (e.hasLocation())
                    {
                        events.add(e.toFeed(0, MatchEventType.BALL_EVENT, e.teamId, e.playerId, 0f));
                    }
                    break;
                }

                case "Substitution":
                    events.add(e.toFeed(0, MatchEventType.SUBSTITUTION, e.teamId, e.playerId, 0f));
                    break;

                default:
                    if (e.hasLocation())
                    {
                        events.add(e.toFeed(0, MatchEventType.BALL_EVENT, e.teamId, e.playerId, 0f));
                    }
                    break;
            }
        }
        for (int i = 0; i < ownGoalsFor.size(); i++)
        {
            if (!ownGoalForUsed[i])
            {
                final StatsBombEvent e = ownGoalsFor.get(i);
                addOwnGoal(e, e.teamId, 0, events, goals, shootOutGoals);
            }
        }
        events.sort(Comparator.comparingInt(FeedMatchEvent::period)
            .thenComparingLong(FeedMatchEvent::periodTimeNs)
            .thenComparingInt(FeedMatchEvent::sourceIndex)
            .thenComparingInt(FeedMatchEvent::order));
        final Comparator<Goal> goalOrder = Comparator.comparingInt(Goal::period).thenComparingLong(Goal::periodTimeNs);
        goals.sort(goalOrder);
        shootOutGoals.sort(goalOrder);

        int periodCount = 0;
        for (int p = 1; p <= MAX_PERIOD; p++)
        {
            periodCount += present[p] ? 1 : 0;
        }
        final int[] periods = new int[periodCount];
        for (int p = 1, i = 0; p <= MAX_PERIOD; p++)
        {
            if (present[p])
            {
                periods[i++] = p;
            }
        }

        return new StatsBombMatch(
            matchId,
            count,
            teams[0],
            teams[1],
            Collections.unmodifiableMap(teamNames),
            Collections.unmodifiableList(events),
            Collections.unmodifiableList(goals),
            Collections.unmodifiableList(shootOutGoals),
            durations,
            periods);
    }

    private static void addOwnGoal(
        final StatsBombEvent e,
        final int creditedTeamId,
        final int playerId,
        final List<FeedMatchEvent> events,
        final List<Goal> goals,
        final List<Goal> shootOutGoals)
    {
        events.add(e.toFeed(0, MatchEventType.OWN_GOAL, creditedTeamId, playerId, 0f));
        (MatchRules.isScoringPeriod(e.period) ? goals : shootOutGoals).add(
            new Goal(creditedTeamId, playerId, e.period, e.periodTimeNs, e.matchClockMs, true));
    }

    private static int findOwnGoalFor(final StatsBombEvent against, final List<StatsBombEvent> ownGoalsFor, final boolean[] used)
    {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < ownGoalsFor.size(); i++)
        {
            final StatsBombEvent candidate = ownGoalsFor.get(i);
            final long distance = Math.abs(candidate.periodTimeNs - against.periodTimeNs);
            if (!used[i] && candidate.period == against.period && candidate.teamId != against.teamId &&
                distance <= OWN_GOAL_PAIRING_NS && distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static MatchEventType cardType(final String name)
    {
        if (null == name)
        {
            return null;
        }
        switch (name)
        {
            case "Yellow Card":
                return MatchEventType.YELLOW_CARD;
            case "Second Yellow":
                return MatchEventType.SECOND_YELLOW;
            case "Red Card":
                return MatchEventType.RED_CARD;
            default:
                return null;
        }
    }

    private static int[] homeAndAway(final List<StatsBombEvent> events, final Map<Integer, String> teamNames)
    {
        final int home = firstLineUpTeam(events, 0);
        final int away = firstLineUpTeam(events, home);
        int fallbackHome = home;
        int fallbackAway = away;
        for (final Integer teamId : teamNames.keySet())
        {
            if (fallbackHome == 0)
            {
                fallbackHome = teamId;
            }
            else if (fallbackAway == 0 && teamId != fallbackHome)
            {
                fallbackAway = teamId;
            }
        }
        return new int[]{ fallbackHome, fallbackAway };
    }

    private static int firstLineUpTeam(final List<StatsBombEvent> events, final int excludedTeamId)
    {
        StatsBombEvent first = null;
        for (final StatsBombEvent e : events)
        {
            if ("Starting XI".equals(e.typeName) && e.teamId != 0 && e.teamId != excludedTeamId &&
                (null == first || e.index < first.index))
            {
                first = e;
            }
        }
        return null == first ? 0 : first.teamId;
    }

    /**
     * @return match id from the file name, {@link #NO_MATCH_ID} when it had no digits.
     */
    public long matchId()
    {
        return matchId;
    }

    /**
     * @return number of StatsBomb events in the file, mapped or not.
     */
    public int rawEventCount()
    {
        return rawEventCount;
    }

    /**
     * @return StatsBomb id of the home team (first "Starting XI"), 0 when the file names no team.
     */
    public int homeTeamId()
    {
        return homeTeamId;
    }

    /**
     * @return StatsBomb id of the away team, 0 when the file names only one team.
     */
    public int awayTeamId()
    {
        return awayTeamId;
    }

    /**
     * @param teamId StatsBomb team id.
     * @return the team's name as in {@code team.name}, or null when the team does not appear.
     */
    public String teamName(final int teamId)
    {
        return teamNames.get(teamId);
    }

    /**
     * @return unmodifiable map of team id to name, in order of first appearance.
     */
    public Map<Integer, String> teamNames()
    {
        return teamNames;
    }

    /**
     * @return unmodifiable list of mapped events in (period, timestamp, index, order) order.
     */
    public List<FeedMatchEvent> events()
    {
        return events;
    }

    /**
     * @return unmodifiable list of the goals that count towards the score (periods 1-4), own goals included,
     * in time order.
     */
    public List<Goal> goals()
    {
        return goals;
    }

    /**
     * @return unmodifiable list of the scored kicks of a penalty shoot-out (period 5), in time order.
     */
    public List<Goal> shootOutGoals()
    {
        return shootOutGoals;
    }

    /**
     * @return the periods present, ascending (a copy).
     */
    public int[] periods()
    {
        return periods.clone();
    }

    /**
     * @param period 1..5.
     * @return the time of the period's latest event (its "Half End" in a well-formed file), ns; 0 when absent.
     * @throws IllegalArgumentException when the period is outside 1..5.
     */
    public long periodDurationNs(final int period)
    {
        if (period < 1 || period > MAX_PERIOD)
        {
            throw new IllegalArgumentException("period must be 1..5: " + period);
        }
        return periodDurationNs[period];
    }
}
