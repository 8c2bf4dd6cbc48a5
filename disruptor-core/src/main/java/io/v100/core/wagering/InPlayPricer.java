package io.v100.core.wagering;

import io.v100.sbe.MarketType;
import io.v100.sbe.Selection;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * In-play prices of the 1X2 (MATCH_RESULT) and over/under 2.5 goals (TOTAL_GOALS_2_5) markets at the end of
 * normal time, from the Dixon-Coles model.
 * <p>
 * Model: Dixon &amp; Coles (1997), "Modelling association football scores and inefficiencies in the football
 * betting market", JRSS C 46(2):265-280, applied to the goals still to come. With {@code t = max(0, T - clock) / T}
 * the remaining fraction of normal time T, the remaining goals are {@code X ~ Poisson(l)} and
 * {@code Y ~ Poisson(m)} with {@code l = lambda * t * fHome} and {@code m = mu * t * fAway}, where lambda, mu are
 * the pre-match rates per 90 minutes and the red-card factors are
 * {@code fHome = own^homeReds * opponent^awayReds}, {@code fAway = own^awayReds * opponent^homeReds}
 * (see {@link WageringContext#RED_CARD_OWN_FACTOR_DEFAULT}). The joint probability of (x, y) is
 * {@code tau(x, y) P(X = x) P(Y = y)} with Dixon-Coles' low-score correction on the remaining-goal grid:
 * {@code tau(0,0) = 1 - l m rho}, {@code tau(0,1) = 1 + l rho}, {@code tau(1,0) = 1 + m rho},
 * {@code tau(1,1) = 1 - rho}, else 1. The grid holds 0..maxGoals remaining goals per team; the tail beyond it is
 * dropped and the grid renormalised to sum to 1. A cell whose tau would be negative (rho outside Dixon-Coles'
 * admissible range for these rates) is given weight 0. The final score is the current score plus (x, y).
 * <p>
 * Pricing grid: the match clock is FLOORED to the whole minute before pricing, so prices change on a 60 s grid
 * and a viewer-side shadow that runs this same class on the same inputs (pre-match rates widened from the
 * Fixture's float to double, floored clock, score, red cards) reproduces the published price exactly.
 * <p>
 * Decimal odds: {@code 1 / (p (1 + margin))} in thousandths rounded half up, clamped to [1.001, 1000.000], so the
 * margin is spread across the outcomes in proportion to their probabilities (DOMAIN notes, section 1). The
 * overround is the sum of implied probabilities {@code 1 / odds} minus 1, in parts per million: it equals the
 * margin up to the rounding of the odds, except where the clamp bites.
 * <p>
 * Pure and allocation-free after construction: every array is preallocated, and the accessors return views
 * that stay valid until the next {@link #price} call; callers must not modify them. Not thread-safe.
 */
public final class InPlayPricer
{
    /**
     * Smallest decimal odds published, thousandths (1.001).
     */
    public static final int MIN_DECIMAL_ODDS = 1_001;

    /**
     * Largest decimal odds published, thousandths (1000.000).
     */
    public static final int MAX_DECIMAL_ODDS = 1_000_000;

    /**
     * Width of the pricing grid on the match clock, ms.
     */
    public static final long PRICING_GRID_MS = 60_000L;

    /**
     * Bytes the last prices take in a snapshot: the priced clock, then per selection (MATCH_RESULT HOME, DRAW,
     * AWAY, then TOTAL_GOALS_2_5 OVER, UNDER) its probability, probability in ppm and decimal odds, then the two
     * overrounds.
     */
    static final int SNAPSHOT_LENGTH = 8 + 5 * (8 + 4 + 4) + 2 * 4;

    private static final int MATCH_RESULT_INDEX = 0;
    private static final int TOTAL_GOALS_INDEX = 1;
    private static final int HOME = 0;
    private static final int DRAW = 1;
    private static final int AWAY = 2;
    private static final int OVER = 0;
    private static final int UNDER = 1;

    private final double rho;
    private final double margin;
    private final int maxGoals;
    private final double redCardOwnFactor;
    private final double redCardOpponentFactor;
    private final long normalTimeMs;

    private final double[] homePmf;
    private final double[] awayPmf;
    private final Selection[][] selections = {
        { Selection.HOME, Selection.DRAW, Selection.AWAY },
        { Selection.OVER, Selection.UNDER } };
    private final double[][] probabilities = { new double[3], new double[2] };
    private final int[][] probabilityPpm = { new int[3], new int[2] };
    private final int[][] decimalOdds = { new int[3], new int[2] };
    private final int[] overroundPpm = new int[2];
    private long pricedClockMs;

    /**
     * @param context supplying rho, margin, max goals, red-card factors and normal-time length.
     */
    public InPlayPricer(final WageringContext context)
    {
        this(
            context.rho(),
            context.margin(),
            context.maxGoals(),
            context.redCardOwnFactor(),
            context.redCardOpponentFactor(),
            context.normalTimeMs());
    }

    /**
     * @param rho                   Dixon-Coles rho.
     * @param margin                margin as a fraction (0.05 = 5%), &gt;= 0.
     * @param maxGoals              remaining goals per team on the grid, &gt;= 2.
     * @param redCardOwnFactor      factor on a team's rate per red card it received.
     * @param redCardOpponentFactor factor on a team's rate per red card its opponent received.
     * @param normalTimeMs          length of normal time, ms of match clock, &gt; 0.
     * @throws IllegalArgumentException if maxGoals &lt; 2, margin &lt; 0 or normalTimeMs &lt;= 0.
     */
    public InPlayPricer(
        final double rho,
        final double margin,
        final int maxGoals,
        final double redCardOwnFactor,
        final double redCardOpponentFactor,
        final long normalTimeMs)
    {
        if (maxGoals < 2 || !(margin >= 0.0) || normalTimeMs <= 0)
        {
            throw new IllegalArgumentException("maxGoals >= 2, margin >= 0 and normalTimeMs > 0 are required");
        }
        this.rho = rho;
        this.margin = margin;
        this.maxGoals = maxGoals;
        this.redCardOwnFactor = redCardOwnFactor;
        this.redCardOpponentFactor = redCardOpponentFactor;
        this.normalTimeMs = normalTimeMs;
        this.homePmf = new double[maxGoals + 1];
        this.awayPmf = new double[maxGoals + 1];
    }

    /**
     * The match clock the prices are computed on: floored to the whole minute, negative clocks taken as 0.
     *
     * @param matchClockMs cumulative match clock, ms.
     * @return the clock on the 60 s pricing grid, ms.
     */
    public static long pricingClockMs(final long matchClockMs)
    {
        return matchClockMs <= 0 ? 0 : (matchClockMs / PRICING_GRID_MS) * PRICING_GRID_MS;
    }

    /**
     * Price both markets. Rates that are negative or NaN are taken as 0; rates above {@code maxGoals} per 90
     * minutes are clamped to it, since most of their mass would fall off the grid. Negative goal or card counts are
     * taken as 0.
     *
     * @param homeRate     pre-match expected home goals over normal time (Dixon-Coles lambda).
     * @param awayRate     pre-match expected away goals over normal time (Dixon-Coles mu).
     * @param matchClockMs cumulative match clock, ms; floored to the minute (see {@link #pricingClockMs(long)}).
     * @param homeGoals    current home score.
     * @param awayGoals    current away score.
     * @param homeReds     red cards shown to the home team so far.
     * @param awayReds     red cards shown to the away team so far.
     */
    public void price(
        final double homeRate,
        final double awayRate,
        final long matchClockMs,
        final int homeGoals,
        final int awayGoals,
        final int homeReds,
        final int awayReds)
    {
        pricedClockMs = pricingClockMs(matchClockMs);
        final double remaining = (double)Math.max(0L, normalTimeMs - pricedClockMs) / (double)normalTimeMs;
        final int hReds = Math.max(0, homeReds);
        final int aReds = Math.max(0, awayReds);
        final double homeFactor = Math.pow(redCardOwnFactor, hReds) * Math.pow(redCardOpponentFactor, aReds);
        final double awayFactor = Math.pow(redCardOwnFactor, aReds) * Math.pow(redCardOpponentFactor, hReds);
        final double l = clampRate(homeRate) * remaining * homeFactor;
        final double m = clampRate(awayRate) * remaining * awayFactor;
        poissonPmf(l, homePmf);
        poissonPmf(m, awayPmf);

        final int h = Math.max(0, homeGoals);
        final int a = Math.max(0, awayGoals);
        double total = 0.0;
        double homeWin = 0.0;
        double draw = 0.0;
        double awayWin = 0.0;
        double over = 0.0;
        for (int x = 0; x <= maxGoals; x++)
        {
            for (int y = 0; y <= maxGoals; y++)
            {
                final double w = Math.max(0.0, tau(x, y, l, m) * homePmf[x] * awayPmf[y]);
                total += w;
                final int finalHome = h + x;
                final int finalAway = a + y;
                if (finalHome > finalAway)
                {
                    homeWin += w;
                }
                else if (finalHome == finalAway)
                {
                    draw += w;
                }
                else
                {
                    awayWin += w;
                }
                if (finalHome + finalAway >= 3)
                {
                    over += w;
                }
            }
        }

        final double[] result = probabilities[MATCH_RESULT_INDEX];
        result[HOME] = homeWin / total;
        result[DRAW] = draw / total;
        result[AWAY] = awayWin / total;
        final double[] totals = probabilities[TOTAL_GOALS_INDEX];
        totals[OVER] = over / total;
        totals[UNDER] = (total - over) / total;

        quote(MATCH_RESULT_INDEX);
        quote(TOTAL_GOALS_INDEX);
    }

    /**
     * @return the match clock the last {@link #price} used, floored to the minute, ms.
     */
    public long pricedClockMs()
    {
        return pricedClockMs;
    }

    /**
     * @param market a market.
     * @return number of selections it prices: 3 for MATCH_RESULT, 2 for TOTAL_GOALS_2_5, 0 otherwise.
     */
    public static int priceCount(final MarketType market)
    {
        final int index = marketIndex(market);
        return index == MATCH_RESULT_INDEX ? 3 : index == TOTAL_GOALS_INDEX ? 2 : 0;
    }

    /**
     * @param market    a market.
     * @param selection a selection.
     * @return position of the selection in that market's arrays (HOME, DRAW, AWAY or OVER, UNDER), or -1 when the
     * selection does not belong to the market (e.g. OVER on MATCH_RESULT).
     */
    public static int selectionIndex(final MarketType market, final Selection selection)
    {
        final int index = marketIndex(market);
        if (index == MATCH_RESULT_INDEX)
        {
            switch (selection)
            {
                case HOME:
                    return HOME;
                case DRAW:
                    return DRAW;
                case AWAY:
                    return AWAY;
                default:
                    return -1;
            }
        }
        if (index == TOTAL_GOALS_INDEX)
        {
            switch (selection)
            {
                case OVER:
                    return OVER;
                case UNDER:
                    return UNDER;
                default:
                    return -1;
            }
        }
        return -1;
    }

    /**
     * @param market    a market.
     * @param selection a selection of that market.
     * @return decimal odds of the last {@link #price}, thousandths; 0 when the selection is not in the market.
     */
    public int decimalOdds(final MarketType market, final Selection selection)
    {
        final int index = selectionIndex(market, selection);
        return index < 0 ? 0 : decimalOdds[marketIndex(market)][index];
    }

    /**
     * @param market    a market.
     * @param selection a selection of that market.
     * @return model probability (no margin) of the last {@link #price}, parts per million rounded; 0 when the
     * selection is not in the market.
     */
    public int probabilityPpm(final MarketType market, final Selection selection)
    {
        final int index = selectionIndex(market, selection);
        return index < 0 ? 0 : probabilityPpm[marketIndex(market)][index];
    }

    /**
     * @param market    a market.
     * @param selection a selection of that market.
     * @return model probability (no margin) of the last {@link #price}; 0 when the selection is not in the market.
     */
    public double probability(final MarketType market, final Selection selection)
    {
        final int index = selectionIndex(market, selection);
        return index < 0 ? 0.0 : probabilities[marketIndex(market)][index];
    }

    /**
     * @param market MATCH_RESULT or TOTAL_GOALS_2_5.
     * @return the market's selections in price order (a view: do not modify).
     */
    public Selection[] selections(final MarketType market)
    {
        return selections[marketIndex(market)];
    }

    /**
     * @param market MATCH_RESULT or TOTAL_GOALS_2_5.
     * @return decimal odds in thousandths, in the order of {@link #selections(MarketType)} (a view: do not modify).
     */
    public int[] decimalOdds(final MarketType market)
    {
        return decimalOdds[marketIndex(market)];
    }

    /**
     * @param market MATCH_RESULT or TOTAL_GOALS_2_5.
     * @return probabilities in parts per million, in the order of {@link #selections(MarketType)} (a view).
     */
    public int[] probabilityPpm(final MarketType market)
    {
        return probabilityPpm[marketIndex(market)];
    }

    /**
     * @param market MATCH_RESULT or TOTAL_GOALS_2_5.
     * @return probabilities, in the order of {@link #selections(MarketType)} (a view: do not modify).
     */
    public double[] probabilities(final MarketType market)
    {
        return probabilities[marketIndex(market)];
    }

    /**
     * @param market MATCH_RESULT or TOTAL_GOALS_2_5.
     * @return sum of the implied probabilities {@code 1 / odds} minus 1, parts per million.
     */
    public int overroundPpm(final MarketType market)
    {
        return overroundPpm[marketIndex(market)];
    }

    /**
     * @param probability model probability of a selection, in [0, 1].
     * @param margin      margin as a fraction.
     * @return {@code 1 / (p (1 + margin))} in thousandths, rounded half up and clamped to [1001, 1000000].
     */
    public static int decimalOddsOf(final double probability, final double margin)
    {
        final long thousandths = Math.round(1000.0 / (probability * (1.0 + margin)));
        return (int)Math.max(MIN_DECIMAL_ODDS, Math.min(MAX_DECIMAL_ODDS, thousandths));
    }

    /**
     * Write the outputs of the last {@link #price} call, little-endian, in the order of {@link #SNAPSHOT_LENGTH}.
     * The outputs are stored rather than recomputed on load because the score and cards may have changed since the
     * last price (markets are suspended, not repriced, on a goal) while these prices still answer bets.
     *
     * @param buffer to write into; the caller has checked that {@link #SNAPSHOT_LENGTH} bytes fit.
     * @param offset where to start.
     * @return {@link #SNAPSHOT_LENGTH}.
     */
    int writeSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        int cursor = offset;
        buffer.putLong(cursor, pricedClockMs, ByteOrder.LITTLE_ENDIAN);
        cursor += 8;
        for (int m = 0; m < probabilities.length; m++)
        {
            for (int i = 0; i < probabilities[m].length; i++)
            {
                buffer.putDouble(cursor, probabilities[m][i], ByteOrder.LITTLE_ENDIAN);
                buffer.putInt(cursor + 8, probabilityPpm[m][i], ByteOrder.LITTLE_ENDIAN);
                buffer.putInt(cursor + 12, decimalOdds[m][i], ByteOrder.LITTLE_ENDIAN);
                cursor += 16;
            }
        }
        for (int m = 0; m < overroundPpm.length; m++)
        {
            buffer.putInt(cursor, overroundPpm[m], ByteOrder.LITTLE_ENDIAN);
            cursor += 4;
        }
        return cursor - offset;
    }

    /**
     * Restore the outputs written by {@link #writeSnapshot}; the caller has checked the length.
     *
     * @param buffer holding {@link #SNAPSHOT_LENGTH} bytes from offset.
     * @param offset where they start.
     */
    void loadSnapshot(final DirectBuffer buffer, final int offset)
    {
        int cursor = offset;
        pricedClockMs = buffer.getLong(cursor, ByteOrder.LITTLE_ENDIAN);
        cursor += 8;
        for (int m = 0; m < probabilities.length; m++)
        {
            for (int i = 0; i < probabilities[m].length; i++)
            {
                probabilities[m][i] = buffer.getDouble(cursor, ByteOrder.LITTLE_ENDIAN);
                probabilityPpm[m][i] = buffer.getInt(cursor + 8, ByteOrder.LITTLE_ENDIAN);
                decimalOdds[m][i] = buffer.getInt(cursor + 12, ByteOrder.LITTLE_ENDIAN);
                cursor += 16;
            }
        }
        for (int m = 0; m < overroundPpm.length; m++)
        {
            overroundPpm[m] = buffer.getInt(cursor, ByteOrder.LITTLE_ENDIAN);
            cursor += 4;
        }
    }

    private void quote(final int market)
    {
        final double[] p = probabilities[market];
        final int[] odds = decimalOdds[market];
        final int[] ppm = probabilityPpm[market];
        double implied = 0.0;
        for (int i = 0; i < p.length; i++)
        {
            odds[i] = decimalOddsOf(p[i], margin);
            ppm[i] = (int)Math.round(p[i] * 1_000_000.0);
            implied += 1000.0 / odds[i];
        }
        overroundPpm[market] = (int)Math.round((implied - 1.0) * 1_000_000.0);
    }

    private double tau(final int x, final int y, final double l, final double m)
    {
        if (x == 0 && y == 0)
        {
            return 1.0 - l * m * rho;
        }
        if (x == 0 && y == 1)
        {
            return 1.0 + l * rho;
        }
        if (x == 1 && y == 0)
        {
            return 1.0 + m * rho;
        }
        if (x == 1 && y == 1)
        {
            return 1.0 - rho;
        }
        return 1.0;
    }

    private double clampRate(final double rate)
    {
        return rate > 0.0 ? Math.min(rate, maxGoals) : 0.0;
    }

    private static void poissonPmf(final double rate, final double[] pmf)
    {
        double p = Math.exp(-rate);
        pmf[0] = p;
        for (int k = 1; k < pmf.length; k++)
        {
            p = p * rate / k;
            pmf[k] = p;
        }
    }

    private static int marketIndex(final MarketType market)
    {
        switch (market)
        {
            case MATCH_RESULT:
                return MATCH_RESULT_INDEX;
            case TOTAL_GOALS_2_5:
                return TOTAL_GOALS_INDEX;
            default:
                return -1;
        }
    }
}
