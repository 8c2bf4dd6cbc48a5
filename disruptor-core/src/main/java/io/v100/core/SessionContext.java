package io.v100.core;

/**
 * Settings of sessions and sequencing: how many client ids the core can assign, and how often an operator may have
 * a snapshot taken.
 * <p>
 * Every setting reads its system property once at construction; {@link #conclude()} checks them all.
 */
public final class SessionContext
{
    /** System property: client ids the core can assign, one per principal (1..65,534). */
    public static final String MAX_CLIENTS_PROP_NAME = "v100.sessions.max.clients";
    /**
     * Default client capacity. Each client costs about 60 bytes of tables and one entry in every snapshot; the
     * snapshot's client group counts entries in a uint16, so the capacity stays below 65,535.
     */
    public static final int MAX_CLIENTS_DEFAULT = 1024;
    /** The most client ids the snapshot's uint16 group count can hold (65,535 is SBE's null value). */
    public static final int MAX_CLIENTS_LIMIT = 65_534;

    /** System property: inputs that must be journaled between two operator snapshot requests. */
    public static final String SNAPSHOT_MIN_INPUTS_PROP_NAME = "v100.sessions.snapshot.min.inputs";
    /** Default: one requested snapshot per 10,000 inputs at most, and never two pending at once. */
    public static final long SNAPSHOT_MIN_INPUTS_DEFAULT = 10_000;

    private int maxClients = Integer.getInteger(MAX_CLIENTS_PROP_NAME, MAX_CLIENTS_DEFAULT);
    private long snapshotMinInputs = Long.getLong(SNAPSHOT_MIN_INPUTS_PROP_NAME, SNAPSHOT_MIN_INPUTS_DEFAULT);

    /**
     * @param maxClients client ids the core can assign, 1..{@link #MAX_CLIENTS_LIMIT}.
     * @return this.
     */
    public SessionContext maxClients(final int maxClients)
    {
        this.maxClients = maxClients;
        return this;
    }

    public int maxClients()
    {
        return maxClients;
    }

    /**
     * @param snapshotMinInputs ring inputs between two snapshot requests an operator may make, &ge; 0.
     * @return this.
     */
    public SessionContext snapshotMinInputs(final long snapshotMinInputs)
    {
        this.snapshotMinInputs = snapshotMinInputs;
        return this;
    }

    public long snapshotMinInputs()
    {
        return snapshotMinInputs;
    }

    /**
     * @return this, once every setting is checked.
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public SessionContext conclude()
    {
        if (maxClients < 1 || maxClients > MAX_CLIENTS_LIMIT)
        {
            throw new IllegalArgumentException(
                MAX_CLIENTS_PROP_NAME + " must be 1.." + MAX_CLIENTS_LIMIT + ": " + maxClients);
        }
        if (snapshotMinInputs < 0)
        {
            throw new IllegalArgumentException(SNAPSHOT_MIN_INPUTS_PROP_NAME + " must be >= 0: " + snapshotMinInputs);
        }
        return this;
    }
}
