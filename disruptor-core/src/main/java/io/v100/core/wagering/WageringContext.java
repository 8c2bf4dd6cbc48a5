package io.v100.core.wagering;

import java.util.concurrent.TimeUnit;

/**
 * Settings of the wagering sync handler and of its {@link InPlayPricer}, with documented defaults.
 * <p>
 * Each setting has a {@code *_DEFAULT} constant and a {@code *_PROP_NAME} system property read once when the
 * context is constructed; the fluent setters override both. Setters validate their argument and throw
 * {@link IllegalArgumentException} on a value outside its documented range: this happens at configuration time,
 * never on the hot path. A context is read by the handler's constructor only, so it may be reused or discarded
 * afterwards.
 * <p>
 * Model parameters that are assumptions (not measured on our data) say so below, with the source they were
 * taken from.
 */
public final class WageringContext
{
    /**
     * Dixon-Coles low-score dependence parameter rho. The value is an ASSUMPTION of the typical magnitude reported
     * for English league football by Dixon &amp; Coles (1997), "Modelling association football scores and
     * inefficiencies in the football betting market", JRSS C 46(2):265-280, not a fit to our data. Negative rho
     * makes 0-0 and 1-1 more likely and 1-0 / 0-1 less likely than independent Poisson.
     */
    public static final double RHO_DEFAULT = -0.13;

    /**
     * System property overriding {@link #RHO_DEFAULT}.
     */
    public static final String RHO_PROP_NAME = "v100.wagering.rho";

    /**
     * Bookmaker margin (overround): each selection's probability is scaled by {@code 1 + margin}, so the implied
     * probabilities of a market sum to {@code 1 + margin}. 0.05 = 5% spread proportionally across outcomes.
     */
    public static final double MARGIN_DEFAULT = 0.05;

    /**
     * System property overriding {@link #MARGIN_DEFAULT}.
     */
    public static final String MARGIN_PROP_NAME = "v100.wagering.margin";

    /**
     * Bet delay in ns: how long an in-play bet is held before it is accepted. 8 s is the common football delay
     * (Smarkets 8 s, Betfair historically 8 s; see DOMAIN notes, section 1). It must cover the viewers'
     * glass-to-glass latency plus the data-feed latency, otherwise a bet placed after an event could be accepted
     * before the event reaches the core.
     */
    public static final long BET_DELAY_NS_DEFAULT = TimeUnit.SECONDS.toNanos(8);

    /**
     * System property overriding {@link #BET_DELAY_NS_DEFAULT}.
     */
    public static final String BET_DELAY_NS_PROP_NAME = "v100.wagering.bet.delay.ns";

    /**
     * How long, in ns of event time, markets stay suspended after a material event before they are repriced and
     * reopened.
     */
    public static final long REOPEN_DELAY_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);

    /**
     * System property overriding {@link #REOPEN_DELAY_NS_DEFAULT}.
     */
    public static final String REOPEN_DELAY_NS_PROP_NAME = "v100.wagering.reopen.delay.ns";

    /**
     * Odds tolerance for a "material change" of price: a bet's {@code oddsTaken} is still good while
     * {@code currentOdds * (1 + tolerance) >= oddsTaken}. 0.02 = 2%.
     */
    public static final double ODDS_TOLERANCE_DEFAULT = 0.02;

    /**
     * System property overriding {@link #ODDS_TOLERANCE_DEFAULT}.
     */
    public static final String ODDS_TOLERANCE_PROP_NAME = "v100.wagering.odds.tolerance";

    /**
     * Largest stake accepted, in minor currency units (100 000.00 in major units).
     */
    public static final long MAX_STAKE_MINOR_DEFAULT = 100_000_00L;

    /**
     * System property overriding {@link #MAX_STAKE_MINOR_DEFAULT}.
     */
    public static final String MAX_STAKE_MINOR_PROP_NAME = "v100.wagering.max.stake.minor";

    /**
     * Capacity of the pending-bet ring: bets held inside their bet delay at once; more are rejected
     * {@code TOO_MANY_PENDING}.
     */
    public static final int MAX_PENDING_BETS_DEFAULT = 4096;

    /**
     * System property overriding {@link #MAX_PENDING_BETS_DEFAULT}.
     */
    public static final String MAX_PENDING_BETS_PROP_NAME = "v100.wagering.max.pending.bets";

    /**
     * Largest number of REMAINING goals per team on the pricing grid, which is
     * {@code (maxGoals + 1) x (maxGoals + 1)} cells. The tail beyond it is dropped and the grid renormalised.
     */
    public static final int MAX_GOALS_DEFAULT = 10;

    /**
     * System property overriding {@link #MAX_GOALS_DEFAULT}.
     */
    public static final String MAX_GOALS_PROP_NAME = "v100.wagering.max.goals";

    /**
     * Factor on the remaining scoring rate of a team, per red card it has received. ASSUMPTION, of the size
     * reported by Vecer, Kopriva &amp; Ichiba (2009), "Estimating the effect of the red card in soccer: when to
     * commit an offense in exchange for preventing a goal opportunity", JQAS 5(1), not a fit to our data.
     */
    public static final double RED_CARD_OWN_FACTOR_DEFAULT = 0.67;

    /**
     * System property overriding {@link #RED_CARD_OWN_FACTOR_DEFAULT}.
     */
    public static final String RED_CARD_OWN_FACTOR_PROP_NAME = "v100.wagering.red.card.own.factor";

    /**
     * Factor on the remaining scoring rate of a team, per red card its opponent has received. ASSUMPTION, same
     * source as {@link #RED_CARD_OWN_FACTOR_DEFAULT}.
     */
    public static final double RED_CARD_OPPONENT_FACTOR_DEFAULT = 1.20;

    /**
     * System property overriding {@link #RED_CARD_OPPONENT_FACTOR_DEFAULT}.
     */
    public static final String RED_CARD_OPPONENT_FACTOR_PROP_NAME = "v100.wagering.red.card.opponent.factor";

    /**
     * Length of normal time in ms of match clock (90 minutes): both markets settle on the score at its end.
     */
    public static final long NORMAL_TIME_MS_DEFAULT = TimeUnit.MINUTES.toMillis(90);

    /**
     * System property overriding {@link #NORMAL_TIME_MS_DEFAULT}.
     */
    public static final String NORMAL_TIME_MS_PROP_NAME = "v100.wagering.normal.time.ms";

    private double rho = Double.parseDouble(System.getProperty(RHO_PROP_NAME, Double.toString(RHO_DEFAULT)));
    private double margin = Double.parseDouble(
        System.getProperty(MARGIN_PROP_NAME, Double.toString(MARGIN_DEFAULT)));
    private long betDelayNs = Long.getLong(BET_DELAY_NS_PROP_NAME, BET_DELAY_NS_DEFAULT);
    private long reopenDelayNs = Long.getLong(REOPEN_DELAY_NS_PROP_NAME, REOPEN_DELAY_NS_DEFAULT);
    private double oddsTolerance = Double.parseDouble(
        System.getProperty(ODDS_TOLERANCE_PROP_NAME, Double.toString(ODDS_TOLERANCE_DEFAULT)));
    private long maxStakeMinor = Long.getLong(MAX_STAKE_MINOR_PROP_NAME, MAX_STAKE_MINOR_DEFAULT);
    private int maxPendingBets = Integer.getInteger(MAX_PENDING_BETS_PROP_NAME, MAX_PENDING_BETS_DEFAULT);
    private int maxGoals = Integer.getInteger(MAX_GOALS_PROP_NAME, MAX_GOALS_DEFAULT);
    private double redCardOwnFactor = Double.parseDouble(
        System.getProperty(RED_CARD_OWN_FACTOR_PROP_NAME, Double.toString(RED_CARD_OWN_FACTOR_DEFAULT)));
    private double redCardOpponentFactor = Double.parseDouble(System.getProperty(
        RED_CARD_OPPONENT_FACTOR_PROP_NAME, Double.toString(RED_CARD_OPPONENT_FACTOR_DEFAULT)));
    private long normalTimeMs = Long.getLong(NORMAL_TIME_MS_PROP_NAME, NORMAL_TIME_MS_DEFAULT);

    /**
     * @return Dixon-Coles rho, dimensionless.
     */
    public double rho()
    {
        return rho;
    }

    /**
     * @param rho Dixon-Coles rho, finite, in [-1, 1].
     * @return this for chaining.
     */
    public WageringContext rho(final double rho)
    {
        require(rho >= -1.0 && rho <= 1.0, "rho must be in [-1, 1]");
        this.rho = rho;
        return this;
    }

    /**
     * @return margin as a fraction (0.05 = 5% overround).
     */
    public double margin()
    {
        return margin;
    }

    /**
     * @param margin as a fraction, in [0, 1).
     * @return this for chaining.
     */
    public WageringContext margin(final double margin)
    {
        require(margin >= 0.0 && margin < 1.0, "margin must be in [0, 1)");
        this.margin = margin;
        return this;
    }

    /**
     * @return bet delay in ns.
     */
    public long betDelayNs()
    {
        return betDelayNs;
    }

    /**
     * @param betDelayNs in ns, &gt;= 0.
     * @return this for chaining.
     */
    public WageringContext betDelayNs(final long betDelayNs)
    {
        require(betDelayNs >= 0, "bet delay must be >= 0");
        this.betDelayNs = betDelayNs;
        return this;
    }

    /**
     * @return reopen delay after a suspension, ns of event time.
     */
    public long reopenDelayNs()
    {
        return reopenDelayNs;
    }

    /**
     * @param reopenDelayNs in ns, &gt;= 0.
     * @return this for chaining.
     */
    public WageringContext reopenDelayNs(final long reopenDelayNs)
    {
        require(reopenDelayNs >= 0, "reopen delay must be >= 0");
        this.reopenDelayNs = reopenDelayNs;
        return this;
    }

    /**
     * @return odds tolerance as a fraction (0.02 = 2%).
     */
    public double oddsTolerance()
    {
        return oddsTolerance;
    }

    /**
     * @param oddsTolerance as a fraction, in [0, 1].
     * @return this for chaining.
     */
    public WageringContext oddsTolerance(final double oddsTolerance)
    {
        require(oddsTolerance >= 0.0 && oddsTolerance <= 1.0, "odds tolerance must be in [0, 1]");
        this.oddsTolerance = oddsTolerance;
        return this;
    }

    /**
     * @return largest stake in minor currency units.
     */
    public long maxStakeMinor()
    {
        return maxStakeMinor;
    }

    /**
     * @param maxStakeMinor in minor currency units, &gt; 0.
     * @return this for chaining.
     */
    public WageringContext maxStakeMinor(final long maxStakeMinor)
    {
        require(maxStakeMinor > 0, "max stake must be > 0");
        this.maxStakeMinor = maxStakeMinor;
        return this;
    }

    /**
     * @return capacity of the pending-bet ring.
     */
    public int maxPendingBets()
    {
        return maxPendingBets;
    }

    /**
     * @param maxPendingBets capacity, in [1, 2^24].
     * @return this for chaining.
     */
    public WageringContext maxPendingBets(final int maxPendingBets)
    {
        require(maxPendingBets >= 1 && maxPendingBets <= (1 << 24), "max pending bets must be in [1, 2^24]");
        this.maxPendingBets = maxPendingBets;
        return this;
    }

    /**
     * @return largest number of remaining goals per team on the pricing grid.
     */
    public int maxGoals()
    {
        return maxGoals;
    }

    /**
     * @param maxGoals in [2, 100]: at least 2 so that every over/under 2.5 outcome is on the grid.
     * @return this for chaining.
     */
    public WageringContext maxGoals(final int maxGoals)
    {
        require(maxGoals >= 2 && maxGoals <= 100, "max goals must be in [2, 100]");
        this.maxGoals = maxGoals;
        return this;
    }

    /**
     * @return factor on a team's remaining scoring rate per red card it received.
     */
    public double redCardOwnFactor()
    {
        return redCardOwnFactor;
    }

    /**
     * @param redCardOwnFactor in (0, 10].
     * @return this for chaining.
     */
    public WageringContext redCardOwnFactor(final double redCardOwnFactor)
    {
        require(redCardOwnFactor > 0.0 && redCardOwnFactor <= 10.0, "red card own factor must be in (0, 10]");
        this.redCardOwnFactor = redCardOwnFactor;
        return this;
    }

    /**
     * @return factor on a team's remaining scoring rate per red card its opponent received.
     */
    public double redCardOpponentFactor()
    {
        return redCardOpponentFactor;
    }

    /**
     * @param redCardOpponentFactor in (0, 10].
     * @return this for chaining.
     */
    public WageringContext redCardOpponentFactor(final double redCardOpponentFactor)
    {
        require(
            redCardOpponentFactor > 0.0 && redCardOpponentFactor <= 10.0,
            "red card opponent factor must be in (0, 10]");
        this.redCardOpponentFactor = redCardOpponentFactor;
        return this;
    }

    /**
     * @return length of normal time in ms of match clock.
     */
    public long normalTimeMs()
    {
        return normalTimeMs;
    }

    /**
     * @param normalTimeMs in ms, &gt; 0 and a whole number of minutes so that the 60 s pricing grid fits it.
     * @return this for chaining.
     */
    public WageringContext normalTimeMs(final long normalTimeMs)
    {
        require(normalTimeMs > 0 && normalTimeMs % 60_000L == 0, "normal time must be a positive whole minute count");
        this.normalTimeMs = normalTimeMs;
        return this;
    }

    /**
     * Check every setting, including those read from system properties.
     *
     * @return this for chaining.
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public WageringContext conclude()
    {
        rho(rho);
        margin(margin);
        betDelayNs(betDelayNs);
        reopenDelayNs(reopenDelayNs);
        oddsTolerance(oddsTolerance);
        maxStakeMinor(maxStakeMinor);
        maxPendingBets(maxPendingBets);
        maxGoals(maxGoals);
        redCardOwnFactor(redCardOwnFactor);
        redCardOpponentFactor(redCardOpponentFactor);
        normalTimeMs(normalTimeMs);
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
