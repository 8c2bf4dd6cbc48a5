package io.v100.shell.gateway;

import java.math.BigDecimal;
import java.util.List;

/**
 * One event as the shell serves it: an immutable snapshot of the projection, rendered to JSON as it stands.
 *
 * @param eventId      the event's id.
 * @param version      ring sequence of the last egress message that changed it; 0 before any.
 * @param timestampNs  event time of that message, ns since the Unix epoch.
 * @param home         home team and its score.
 * @param away         away team and its score.
 * @param period       1 and 2 the halves, 3 and 4 extra time, 5 penalties; 0 before kick-off.
 * @param matchClockMs match clock, ms.
 * @param markets      every market with its state and current prices.
 * @param camera       the program camera the director cut to last; null before the first cut.
 * @param alerts       deepfake alerts currently raised, one per camera.
 */
public record EventView(
    long eventId,
    long version,
    long timestampNs,
    Team home,
    Team away,
    int period,
    long matchClockMs,
    List<Market> markets,
    Camera camera,
    List<Alert> alerts)
{
    /**
     * @param id       team id.
     * @param name     display name.
     * @param goals    goals scored.
     * @param redCards red cards shown.
     */
    public record Team(int id, String name, int goals, int redCards)
    {
    }

    /**
     * @param market       market type, e.g. MATCH_RESULT.
     * @param state        OPEN, SUSPENDED or CLOSED; null before the core says.
     * @param reason       why it last changed state.
     * @param priceVersion of the current prices; 0 before any.
     * @param overroundPpm sum of implied probabilities minus one, parts per million.
     * @param prices       current decimal odds per selection.
     */
    public record Market(
        String market, String state, String reason, int priceVersion, int overroundPpm, List<Price> prices)
    {
    }

    /**
     * @param selection      e.g. HOME, DRAW, AWAY.
     * @param decimalOdds    decimal odds (European), three decimals.
     * @param probabilityPpm the model's probability, parts per million.
     */
    public record Price(String selection, BigDecimal decimalOdds, int probabilityPpm)
    {
    }

    /**
     * @param cameraId program camera.
     * @param shot     shot type.
     * @param reason   why the director cut to it.
     */
    public record Camera(int cameraId, String shot, String reason)
    {
    }

    /**
     * @param cameraId  camera whose feed looks manipulated.
     * @param pts       90 kHz ticks of the frame that raised the alert.
     * @param statistic the CUSUM statistic when it was raised.
     */
    public record Alert(int cameraId, long pts, float statistic)
    {
    }
}
