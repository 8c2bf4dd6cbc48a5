package io.v100.perf;

/**
 * Where the five handlers run.
 */
public enum Layout
{
    /** All five in one tick on the ring's one consumer thread (the product's layout). */
    FUSED,
    /** One consumer thread per handler, each gated on the one before it (Disruptor handler chain). */
    STAGED;

    /**
     * @return lower-case name for file names and labels.
     */
    public String id()
    {
        return name().toLowerCase();
    }
}
