package io.v100.feed;

import io.v100.sbe.MarketType;
import io.v100.sbe.Selection;

/**
 * The odds a viewer sees on screen: the price the core published for the match state at the viewer's stream
 * position. The application implements it by shadowing the core's pricer over the match events up to that
 * position; tests use a fake.
 * <p>
 * Calls come in the order bets are emitted, which is placement order: stream positions are NOT monotonic, since
 * each viewer has a different latency and past-posting attempts quote a position before a goal.
 */
@FunctionalInterface
public interface OddsQuote
{
    /**
     * @param market           the market of the bet.
     * @param selection        a selection of that market.
     * @param streamPositionNs wall time of the video the viewer was watching (EXT-X-PROGRAM-DATE-TIME, RFC 8216
     *                         §4.3.2.6), ns since the Unix epoch.
     * @return decimal odds in thousandths (2150 = 2.150).
     */
    int decimalOdds(MarketType market, Selection selection, long streamPositionNs);
}
