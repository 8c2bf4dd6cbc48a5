package io.v100.shell.gateway;

import io.v100.client.EgressListener;
import io.v100.sbe.AlertState;
import io.v100.sbe.CoreCountersDecoder;
import io.v100.sbe.DeepfakeAlertDecoder;
import io.v100.sbe.DirectorCutDecoder;
import io.v100.sbe.GoalScoredDecoder;
import io.v100.sbe.MarketStatusDecoder;
import io.v100.sbe.MarketType;
import io.v100.sbe.MatchScoreDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.OddsUpdateDecoder;
import org.agrona.DirectBuffer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The shell's view of the core: a projection of the egress stream into one {@link EventView} per event.
 * <p>
 * Messages arrive on the core connection's thread, once each and in ring order (through {@code OrderedEgress}),
 * and update mutable per-event state there; {@link #publish()}, called after each poll that delivered
 * something, turns every changed event into a fresh immutable {@link EventView} that HTTP threads read without
 * locks, and reports each changed event id so caches drop what they hold for it.
 * <p>
 * The period and red cards come from {@code MatchScore} (the core's answer to a status request, which
 * {@code GET /v1/status} sends) and {@code GoalScored}; odds updates carry the score and match clock.
 * <p>
 * The egress does not carry an event id yet (the core runs one match), so every message is attributed to the
 * event the projection was created for; the state is kept per event so more can be added when it does.
 */
public final class EventProjection implements EgressListener
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarketStatusDecoder marketStatus = new MarketStatusDecoder();
    private final OddsUpdateDecoder oddsUpdate = new OddsUpdateDecoder();
    private final DirectorCutDecoder directorCut = new DirectorCutDecoder();
    private final DeepfakeAlertDecoder deepfakeAlert = new DeepfakeAlertDecoder();
    private final MatchScoreDecoder matchScore = new MatchScoreDecoder();
    private final GoalScoredDecoder goalScored = new GoalScoredDecoder();
    private final CoreCountersDecoder coreCounters = new CoreCountersDecoder();

    private final Map<Long, EventState> states = new TreeMap<>();
    private final Map<Long, EventView> views = new ConcurrentHashMap<>();
    private final EventState current;
    private volatile LongConsumer changeListener = id -> { };
    private volatile Consumer<CoreCounters> countersListener = counters -> { };
    private long unknownMessages;

    /**
     * @param events the events the core carries; the egress is attributed to the first.
     */
    public EventProjection(final List<EventInfo> events)
    {
        if (events.isEmpty())
        {
            throw new IllegalArgumentException("at least one event is required");
        }
        for (final EventInfo info : events)
        {
            final EventState state = new EventState(info);
            states.put(info.eventId(), state);
            views.put(info.eventId(), state.view());
        }
        current = states.get(events.get(0).eventId());
    }

    /**
     * @param listener told the id of each event that changed, on the core connection's thread, after the new view
     *                 is visible.
     */
    public void changeListener(final LongConsumer listener)
    {
        this.changeListener = listener;
    }

    /**
     * @param listener told each {@code CoreCounters} answer, on the core connection's thread.
     */
    public void countersListener(final Consumer<CoreCounters> listener)
    {
        this.countersListener = listener;
    }

    /**
     * @param eventId of the event.
     * @return its latest published view, or null when the core carries no such event.
     */
    public EventView view(final long eventId)
    {
        return views.get(eventId);
    }

    /**
     * @return every event's latest published view.
     */
    public Collection<EventView> views()
    {
        return views.values();
    }

    /**
     * @return egress messages of templates the projection does not use (acks, bets, licences...): counted, ignored.
     */
    public long unknownMessages()
    {
        return unknownMessages;
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            unknownMessages++;
            return;
        }
        switch (header.templateId())
        {
            case MarketStatusDecoder.TEMPLATE_ID -> onMarketStatus(buffer, offset);
            case OddsUpdateDecoder.TEMPLATE_ID -> onOddsUpdate(buffer, offset);
            case DirectorCutDecoder.TEMPLATE_ID -> onDirectorCut(buffer, offset);
            case DeepfakeAlertDecoder.TEMPLATE_ID -> onDeepfakeAlert(buffer, offset);
            case MatchScoreDecoder.TEMPLATE_ID -> onMatchScore(buffer, offset);
            case GoalScoredDecoder.TEMPLATE_ID -> onGoalScored(buffer, offset);
            case CoreCountersDecoder.TEMPLATE_ID -> onCoreCounters(buffer, offset);
            default -> unknownMessages++;
        }
    }

    /**
     * Publish a new view of every event changed since the last call and tell the change listener.
     *
     * @return events published.
     */
    public int publish()
    {
        int published = 0;
        for (final EventState state : states.values())
        {
            if (state.dirty)
            {
                state.dirty = false;
                views.put(state.info.eventId(), state.view());
                changeListener.accept(state.info.eventId());
                published++;
            }
        }
        return published;
    }

    private void onMarketStatus(final DirectBuffer buffer, final int offset)
    {
        marketStatus.wrapAndApplyHeader(buffer, offset, header);
        final MarketState market = current.market(marketStatus.market());
        market.state = marketStatus.state().name();
        market.reason = marketStatus.reason().name();
        current.touch(marketStatus.ringSequence(), marketStatus.timestampNs());
    }

    private void onOddsUpdate(final DirectBuffer buffer, final int offset)
    {
        oddsUpdate.wrapAndApplyHeader(buffer, offset, header);
        final MarketState market = current.market(oddsUpdate.market());
        market.priceVersion = oddsUpdate.priceVersion();
        market.overroundPpm = oddsUpdate.overroundPpm();
        final List<EventView.Price> prices = new ArrayList<>();
        for (final OddsUpdateDecoder.PricesDecoder price : oddsUpdate.prices())
        {
            prices.add(new EventView.Price(
                price.selection().name(), BigDecimal.valueOf(price.decimalOdds(), 3), price.probabilityPpm()));
        }
        market.prices = List.copyOf(prices);
        current.matchClockMs = oddsUpdate.matchClockMs();
        current.homeGoals = oddsUpdate.homeGoals();
        current.awayGoals = oddsUpdate.awayGoals();
        current.touch(oddsUpdate.ringSequence(), oddsUpdate.timestampNs());
    }

    private void onDirectorCut(final DirectBuffer buffer, final int offset)
    {
        directorCut.wrapAndApplyHeader(buffer, offset, header);
        current.camera = new EventView.Camera(
            directorCut.cameraId(), directorCut.shot().name(), directorCut.reason().name());
        current.touch(directorCut.ringSequence(), directorCut.timestampNs());
    }

    private void onDeepfakeAlert(final DirectBuffer buffer, final int offset)
    {
        deepfakeAlert.wrapAndApplyHeader(buffer, offset, header);
        final int cameraId = deepfakeAlert.cameraId();
        if (deepfakeAlert.state() == AlertState.RAISED)
        {
            current.alerts.put(cameraId, new EventView.Alert(cameraId, deepfakeAlert.pts(), deepfakeAlert.statistic()));
        }
        else
        {
            current.alerts.remove(cameraId);
        }
        current.touch(deepfakeAlert.ringSequence(), deepfakeAlert.timestampNs());
    }

    private void onMatchScore(final DirectBuffer buffer, final int offset)
    {
        matchScore.wrapAndApplyHeader(buffer, offset, header);
        current.homeGoals = matchScore.homeGoals();
        current.awayGoals = matchScore.awayGoals();
        current.homeRedCards = matchScore.homeRedCards();
        current.awayRedCards = matchScore.awayRedCards();
        current.period = matchScore.period();
        current.matchClockMs = matchScore.matchClockMs();
        current.touch(matchScore.ringSequence(), matchScore.timestampNs());
    }

    private void onGoalScored(final DirectBuffer buffer, final int offset)
    {
        goalScored.wrapAndApplyHeader(buffer, offset, header);
        current.homeGoals = goalScored.homeGoals();
        current.awayGoals = goalScored.awayGoals();
        current.period = goalScored.period();
        current.matchClockMs = goalScored.matchClockMs();
        current.touch(goalScored.ringSequence(), goalScored.timestampNs());
    }

    private void onCoreCounters(final DirectBuffer buffer, final int offset)
    {
        coreCounters.wrapAndApplyHeader(buffer, offset, header);
        countersListener.accept(new CoreCounters(
            coreCounters.ringSequence(),
            coreCounters.correlationId(),
            coreCounters.eventsJournaled(),
            coreCounters.eventsProcessed(),
            coreCounters.eventsRejected()));
    }

    private static final class MarketState
    {
        private final MarketType type;
        private String state;
        private String reason;
        private int priceVersion;
        private int overroundPpm;
        private List<EventView.Price> prices = List.of();

        MarketState(final MarketType type)
        {
            this.type = type;
        }

        EventView.Market view()
        {
            return new EventView.Market(type.name(), state, reason, priceVersion, overroundPpm, prices);
        }
    }

    private static final class EventState
    {
        private final EventInfo info;
        private final Map<MarketType, MarketState> markets = new EnumMap<>(MarketType.class);
        private final Map<Integer, EventView.Alert> alerts = new TreeMap<>();
        private EventView.Camera camera;
        private long version;
        private long timestampNs;
        private int homeGoals;
        private int awayGoals;
        private int homeRedCards;
        private int awayRedCards;
        private int period;
        private long matchClockMs;
        private boolean dirty;

        EventState(final EventInfo info)
        {
            this.info = info;
        }

        MarketState market(final MarketType type)
        {
            return markets.computeIfAbsent(type, MarketState::new);
        }

        void touch(final long ringSequence, final long eventTimestampNs)
        {
            version = ringSequence;
            timestampNs = eventTimestampNs;
            dirty = true;
        }

        EventView view()
        {
            final List<EventView.Market> marketViews = new ArrayList<>(markets.size());
            for (final MarketState market : markets.values())
            {
                marketViews.add(market.view());
            }
            return new EventView(
                info.eventId(),
                version,
                timestampNs,
                new EventView.Team(info.homeTeamId(), info.homeTeamName(), homeGoals, homeRedCards),
                new EventView.Team(info.awayTeamId(), info.awayTeamName(), awayGoals, awayRedCards),
                period,
                matchClockMs,
                List.copyOf(marketViews),
                camera,
                List.copyOf(alerts.values()));
        }
    }
}
