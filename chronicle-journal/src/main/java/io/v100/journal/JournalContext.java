package io.v100.journal;

import java.nio.file.Path;

/**
 * Settings of the input journal.
 * <p>
 * The roll cycle decides how often Chronicle Queue starts a new file; it uses the wall clock only to name files,
 * never to decide what is written, so it does not affect replay.
 */
public final class JournalContext
{
    /** System property naming the roll cycle (a {@code net.openhft.chronicle.queue.RollCycles} constant). */
    public static final String ROLL_CYCLE_PROP_NAME = "v100.journal.roll.cycle";

    /** One file per day: a whole match fits in one cycle. */
    public static final String ROLL_CYCLE_DEFAULT = "FAST_DAILY";

    private Path directory;
    private String rollCycle = System.getProperty(ROLL_CYCLE_PROP_NAME, ROLL_CYCLE_DEFAULT);

    /**
     * @param directory of the queue; created when missing.
     * @return this for a fluent API.
     */
    public JournalContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * @param rollCycle name of a {@code RollCycles} constant, e.g. FAST_DAILY, FAST_HOURLY, FIVE_MINUTELY.
     * @return this for a fluent API.
     */
    public JournalContext rollCycle(final String rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    public String rollCycle()
    {
        return rollCycle;
    }

    /**
     * Check the settings before a journal is opened.
     *
     * @return this.
     * @throws IllegalArgumentException naming {@link #ROLL_CYCLE_PROP_NAME} when the roll cycle is not a
     *                                  {@code RollCycles} (or {@code TestRollCycles}) constant.
     */
    public JournalContext conclude()
    {
        try
        {
            InputJournal.rollCycle(rollCycle);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ROLL_CYCLE_PROP_NAME + ": " + ex.getMessage() +
                " (use a RollCycles name such as FAST_DAILY, FAST_HOURLY, FIVE_MINUTELY)", ex);
        }
        return this;
    }
}
