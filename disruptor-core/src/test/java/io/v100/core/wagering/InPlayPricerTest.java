package io.v100.core.wagering;

import io.v100.sbe.MarketType;
import io.v100.sbe.Selection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InPlayPricerTest
{
    private static final double RHO = -0.13;
    private static final double MARGIN = 0.05;
    private static final int MAX_GOALS = 10;
    private static final double LAMBDA = 1.6;
    private static final double MU = 1.1;
    private static final long MINUTE_MS = 60_000L;

    private final InPlayPricer pricer = new InPlayPricer(new WageringContext()
        .rho(RHO).margin(MARGIN).maxGoals(MAX_GOALS).redCardOwnFactor(0.67).redCardOpponentFactor(1.20)
        .normalTimeMs(90 * MINUTE_MS));

    /**
     * Dixon &amp; Coles (1997) eq. (4.1)-(4.2) written out directly on the remaining-goal grid, with
     * x^k e^-x / k! and the tau cases spelled out; returns {home, draw, away, over, under}.
     */
    private static double[] directDixonColes(
        final double lambda, final double mu, final double rho, final int homeGoals, final int awayGoals)
    {
        final double[][] cell = new double[MAX_GOALS + 1][MAX_GOALS + 1];
        double total = 0;
        for (int x = 0; x <= MAX_GOALS; x++)
        {
            for (int y = 0; y <= MAX_GOALS; y++)
            {
                final double px = Math.pow(lambda, x) * Math.exp(-lambda) / factorial(x);
                final double py = Math.pow(mu, y) * Math.exp(-mu) / factorial(y);
                final double tau;
                if (x == 0 && y == 0)
                {
                    tau = 1 - lambda * mu * rho;
                }
                else if (x == 0 && y == 1)
                {
                    tau = 1 + lambda * rho;
                }
                else if (x == 1 && y == 0)
                {
                    tau = 1 + mu * rho;
                }
                else if (x == 1 && y == 1)
                {
                    tau = 1 - rho;
                }
                else
                {
                    tau = 1;
                }
                cell[x][y] = tau * px * py;
                total += cell[x][y];
            }
        }
        final double[] out = new double[5];
        for (int x = 0; x <= MAX_GOALS; x++)
        {
            for (int y = 0; y <= MAX_GOALS; y++)
            {
                final double p = cell[x][y] / total;
                final int h = homeGoals + x;
                final int a = awayGoals + y;
                out[h > a ? 0 : h == a ? 1 : 2] += p;
                out[h + a > 2 ? 3 : 4] += p;
            }
        }
        return out;
    }

    private static double factorial(final int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++)
        {
            f *= i;
        }
        return f;
    }

    private double[] priced()
    {
        return new double[] {
            pricer.probability(MarketType.MATCH_RESULT, Selection.HOME),
            pricer.probability(MarketType.MATCH_RESULT, Selection.DRAW),
            pricer.probability(MarketType.MATCH_RESULT, Selection.AWAY),
            pricer.probability(MarketType.TOTAL_GOALS_2_5, Selection.OVER),
            pricer.probability(MarketType.TOTAL_GOALS_2_5, Selection.UNDER) };
    }

    @Test
    void shouldMatchDirectDixonColesPreMatch()
    {
        pricer.price(LAMBDA, MU, 0, 0, 0, 0, 0);

        assertArrayEquals(directDixonColes(LAMBDA, MU, RHO, 0, 0), priced(), 1e-9);
    }

    @Test
    void shouldMatchDirectDixonColesInPlayWithScoreAndReducedTime()
    {
        pricer.price(LAMBDA, MU, 30 * MINUTE_MS, 2, 1, 0, 0);
        final double remaining = 60.0 / 90.0;

        assertArrayEquals(directDixonColes(LAMBDA * remaining, MU * remaining, RHO, 2, 1), priced(), 1e-9);
    }

    @Test
    void shouldHaveProbabilitiesSummingToOne()
    {
        pricer.price(LAMBDA, MU, 17 * MINUTE_MS, 1, 0, 0, 1);
        final double[] p = priced();

        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        assertEquals(1.0, p[3] + p[4], 1e-12);
    }

    @Test
    void shouldQuoteDecimalOddsAsInverseOfProbabilityWithMargin()
    {
        pricer.price(LAMBDA, MU, 0, 0, 0, 0, 0);
        final double[] p = directDixonColes(LAMBDA, MU, RHO, 0, 0);
        final Selection[] selections = { Selection.HOME, Selection.DRAW, Selection.AWAY, Selection.OVER,
            Selection.UNDER };

        for (int i = 0; i < selections.length; i++)
        {
            final MarketType market = i < 3 ? MarketType.MATCH_RESULT : MarketType.TOTAL_GOALS_2_5;
            final long expected = Math.round(1000.0 / (p[i] * (1.0 + MARGIN)));
            assertEquals(expected, pricer.decimalOdds(market, selections[i]), selections[i].name());
            assertEquals(Math.round(p[i] * 1e6), pricer.probabilityPpm(market, selections[i]));
        }
    }

    @Test
    void shouldReportOverroundOfStatedMarginWithinRounding()
    {
        pricer.price(LAMBDA, MU, 0, 0, 0, 0, 0);

        for (final MarketType market : new MarketType[] { MarketType.MATCH_RESULT, MarketType.TOTAL_GOALS_2_5 })
        {
            final int[] odds = pricer.decimalOdds(market);
            double implied = 0;
            double roundingBound = 0;
            for (final int o : odds)
            {
                implied += 1000.0 / o;
                roundingBound += 0.5 * 1000.0 / ((double)o * o);
            }
            assertEquals(Math.round((implied - 1.0) * 1e6), pricer.overroundPpm(market), market.name());
            assertEquals(MARGIN * 1e6, pricer.overroundPpm(market), roundingBound * 1e6 + 1, market.name());
        }
    }

    @Test
    void shouldMakeAwayWinLikelyAtNilOneLateInTheGame()
    {
        pricer.price(LAMBDA, MU, 85 * MINUTE_MS, 0, 1, 0, 0);

        assertTrue(pricer.probability(MarketType.MATCH_RESULT, Selection.AWAY) > 0.8);
        assertArrayEquals(directDixonColes(LAMBDA * 5 / 90.0, MU * 5 / 90.0, RHO, 0, 1), priced(), 1e-9);
    }

    @Test
    void shouldLowerWinProbabilityOfTeamWithRedCard()
    {
        pricer.price(LAMBDA, MU, 30 * MINUTE_MS, 0, 0, 0, 0);
        final double homeWithoutRed = pricer.probability(MarketType.MATCH_RESULT, Selection.HOME);

        pricer.price(LAMBDA, MU, 30 * MINUTE_MS, 0, 0, 1, 0);
        final double homeWithRed = pricer.probability(MarketType.MATCH_RESULT, Selection.HOME);

        assertTrue(homeWithRed < homeWithoutRed);
        final double remaining = 60.0 / 90.0;
        assertArrayEquals(
            directDixonColes(LAMBDA * remaining * 0.67, MU * remaining * 1.20, RHO, 0, 0), priced(), 1e-9);
    }

    @Test
    void shouldFloorMatchClockToTheMinute()
    {
        pricer.price(LAMBDA, MU, 59 * MINUTE_MS, 1, 1, 0, 0);
        final int[] oddsAt59 = pricer.decimalOdds(MarketType.MATCH_RESULT).clone();
        final double[] probabilitiesAt59 = priced();

        pricer.price(LAMBDA, MU, 59 * MINUTE_MS + 59_999, 1, 1, 0, 0);

        assertEquals(59 * MINUTE_MS, pricer.pricedClockMs());
        assertArrayEquals(oddsAt59, pricer.decimalOdds(MarketType.MATCH_RESULT));
        assertArrayEquals(probabilitiesAt59, priced(), 0.0);

        pricer.price(LAMBDA, MU, 60 * MINUTE_MS, 1, 1, 0, 0);
        assertTrue(priced()[1] > probabilitiesAt59[1]);
    }

    @Test
    void shouldClampOddsWhenNormalTimeIsOver()
    {
        pricer.price(LAMBDA, MU, 93 * MINUTE_MS, 1, 0, 0, 0);

        assertEquals(1.0, pricer.probability(MarketType.MATCH_RESULT, Selection.HOME), 0.0);
        assertEquals(InPlayPricer.MIN_DECIMAL_ODDS, pricer.decimalOdds(MarketType.MATCH_RESULT, Selection.HOME));
        assertEquals(InPlayPricer.MAX_DECIMAL_ODDS, pricer.decimalOdds(MarketType.MATCH_RESULT, Selection.DRAW));
        assertEquals(InPlayPricer.MAX_DECIMAL_ODDS, pricer.decimalOdds(MarketType.TOTAL_GOALS_2_5, Selection.OVER));
    }

    @Test
    void shouldReturnNoPriceForSelectionOutsideMarket()
    {
        pricer.price(LAMBDA, MU, 0, 0, 0, 0, 0);

        assertEquals(-1, InPlayPricer.selectionIndex(MarketType.MATCH_RESULT, Selection.OVER));
        assertEquals(0, pricer.decimalOdds(MarketType.TOTAL_GOALS_2_5, Selection.HOME));
    }
}
