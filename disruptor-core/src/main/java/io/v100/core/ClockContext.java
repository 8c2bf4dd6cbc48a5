package io.v100.core;

import java.util.concurrent.TimeUnit;

/**
 * Settings of the {@link CoreClock}: how far an input's own {@code timestampNs} may lie from the core clock.
 * <p>
 * Each setting has a {@code *_DEFAULT} and a {@code *_PROP_NAME} system property read once when the context is
 * created; setters return {@code this}; {@link #conclude()} validates the set and is called by the clock.
 */
public final class ClockContext
{
    /**
     * Largest step, ns, by which one input may move the core clock forward: 20 minutes. The longest legitimate
     * silence of a match-data feed is the half-time interval, at most 15 minutes (IFAB Laws of the Game, Law 7.3);
     * the shipped match's feed has a 900 s gap there between its last first-half and first second-half match
     * event. 5 minutes of margin on top. A frame stamped further ahead is rejected and never touches the clock.
     */
    public static final long MAX_AHEAD_NS_DEFAULT = TimeUnit.MINUTES.toNanos(20);

    /** System property overriding {@link #MAX_AHEAD_NS_DEFAULT}. */
    public static final String MAX_AHEAD_NS_PROP_NAME = "v100.core.clock.max.ahead.ns";

    /**
     * Furthest, ns, an input's stamp may lie behind the core clock: 5 minutes, room for a client whose inputs
     * interleave with a faster one's. The shipped match's feed never stamps an input behind the clock. A frame
     * stamped further behind is rejected, so no handler decides on a time long past.
     */
    public static final long MAX_BEHIND_NS_DEFAULT = TimeUnit.MINUTES.toNanos(5);

    /** System property overriding {@link #MAX_BEHIND_NS_DEFAULT}. */
    public static final String MAX_BEHIND_NS_PROP_NAME = "v100.core.clock.max.behind.ns";

    private long maxAheadNs = Long.getLong(MAX_AHEAD_NS_PROP_NAME, MAX_AHEAD_NS_DEFAULT);
    private long maxBehindNs = Long.getLong(MAX_BEHIND_NS_PROP_NAME, MAX_BEHIND_NS_DEFAULT);

    /**
     * Validate the settings.
     *
     * @return this.
     * @throws IllegalArgumentException if a window is negative.
     */
    public ClockContext conclude()
    {
        if (maxAheadNs < 0)
        {
            throw new IllegalArgumentException(MAX_AHEAD_NS_PROP_NAME + " must be >= 0: " + maxAheadNs);
        }
        if (maxBehindNs < 0)
        {
            throw new IllegalArgumentException(MAX_BEHIND_NS_PROP_NAME + " must be >= 0: " + maxBehindNs);
        }
        return this;
    }

    /**
     * @param maxAheadNs see {@link #MAX_AHEAD_NS_DEFAULT}.
     * @return this.
     */
    public ClockContext maxAheadNs(final long maxAheadNs)
    {
        this.maxAheadNs = maxAheadNs;
        return this;
    }

    /**
     * @return see {@link #MAX_AHEAD_NS_DEFAULT}.
     */
    public long maxAheadNs()
    {
        return maxAheadNs;
    }

    /**
     * @param maxBehindNs see {@link #MAX_BEHIND_NS_DEFAULT}.
     * @return this.
     */
    public ClockContext maxBehindNs(final long maxBehindNs)
    {
        this.maxBehindNs = maxBehindNs;
        return this;
    }

    /**
     * @return see {@link #MAX_BEHIND_NS_DEFAULT}.
     */
    public long maxBehindNs()
    {
        return maxBehindNs;
    }
}
