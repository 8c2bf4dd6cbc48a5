package io.v100.demo;

import io.v100.core.wagering.InPlayPricer;
import io.v100.core.wagering.WageringContext;
import io.v100.feed.FeedContext;
import io.v100.feed.FeedMatchEvent;
import io.v100.feed.MatchTimeline;
import io.v100.feed.OddsQuote;
import io.v100.feed.StatsBombMatch;
import io.v100.protocol.MatchRules;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.Selection;

import java.util.Arrays;
import java.util.List;

/**
 * The odds a viewer sees on screen: the core's price as it stood at the viewer's stream position.
 * <p>
 * It replays the match state (score, red cards, match clock of the latest event) up to the stream position and
 * prices it with the same {@link InPlayPricer} and settings as the wagering handler. The handler publishes on a
 * 60 s match-clock grid, so the shadow reproduces the published price exactly while the market is open. Used by
 * the feeder to fill {@code oddsTaken}; it plays no part in the core.
 */
public final class ShadowOddsQuote implements OddsQuote
{
    private final InPlayPricer pricer;
    private final double homeRate;
    private final double awayRate;
    private final long[] timestampNs;
    private final long[] matchClockMs;
    private final int[] homeGoals;
    private final int[] awayGoals;
    private final int[] homeReds;
    private final int[] awayReds;

    /**
     * @param match    the parsed match.
     * @param context  the feed settings (kick-off, breaks, pre-match goal rates).
     * @param wagering the wagering settings the core runs with.
     */
    public ShadowOddsQuote(final StatsBombMatch match, final FeedContext context, final WageringContext wagering)
    {
        pricer = new InPlayPricer(wagering);
        homeRate = context.homeGoalRate();
        awayRate = context.awayGoalRate();

        final MatchTimeline timeline = new MatchTimeline(match, context);
        final List<FeedMatchEvent> events = match.events();
        final int n = events.size();
        timestampNs = new long[n];
        matchClockMs = new long[n];
        homeGoals = new int[n];
        awayGoals = new int[n];
        homeReds = new int[n];
        awayReds = new int[n];

        int home = 0;
        int away = 0;
        int homeRed = 0;
        int awayRed = 0;
        for (int i = 0; i < n; i++)
        {
            final FeedMatchEvent event = events.get(i);
            final boolean isHome = event.teamId() == match.homeTeamId();
            final MatchEventType type = event.type();
            if (MatchRules.countsTowardsScore(type, event.period()))
            {
                if (isHome)
                {
                    home++;
                }
                else
                {
                    away++;
                }
            }
            else if (MatchRules.isSendingOff(type))
            {
                if (isHome)
                {
                    homeRed++;
                }
                else
                {
                    awayRed++;
                }
            }
            timestampNs[i] = timeline.timestampNs(event.period(), event.periodTimeNs());
            matchClockMs[i] = event.matchClockMs();
            homeGoals[i] = home;
            awayGoals[i] = away;
            homeReds[i] = homeRed;
            awayReds[i] = awayRed;
        }
    }

    /**
     * @param market           of the bet.
     * @param selection        within that market.
     * @param streamPositionNs what the viewer is watching, ns since the Unix epoch.
     * @return decimal odds in thousandths as published at that position; 0 if the selection is not in the market.
     */
    public int decimalOdds(final MarketType market, final Selection selection, final long streamPositionNs)
    {
        final int index = lastAtOrBefore(streamPositionNs);
        if (index < 0)
        {
            pricer.price(homeRate, awayRate, 0, 0, 0, 0, 0);
        }
        else
        {
            pricer.price(
                homeRate, awayRate, matchClockMs[index],
                homeGoals[index], awayGoals[index], homeReds[index], awayReds[index]);
        }
        return pricer.decimalOdds(market, selection);
    }

    private int lastAtOrBefore(final long positionNs)
    {
        int index = Arrays.binarySearch(timestampNs, positionNs);
        if (index < 0)
        {
            return -index - 2;
        }
        while (index + 1 < timestampNs.length && timestampNs[index + 1] == positionNs)
        {
            index++;
        }
        return index;
    }
}
