package io.v100.core;

import net.openhft.affinity.Affinity;
import net.openhft.affinity.AffinityLock;

import java.util.BitSet;

/**
 * Keeps a thread off the CPU the ring's consumer is pinned to.
 * <p>
 * Pinning the ring thread to a CPU does not stop the scheduler from putting other threads on that CPU too; when it
 * does, the spinning ring thread is time-sliced and an input waits milliseconds for its tick. On a machine without
 * isolated CPUs, the core's other threads (gateway poller, replay agent, embedded media driver, an in-process
 * client) therefore bind themselves to the CPUs the affinity library has not reserved.
 */
public final class CpuBinding
{
    private CpuBinding()
    {
    }

    /**
     * Bind the calling thread to the CPUs outside the affinity library's reserved set.
     *
     * @return true if bound; false (and nothing changed) if no unreserved CPU exists or affinity is unavailable.
     */
    public static boolean bindToUnreservedCpus()
    {
        final BitSet cpus = (BitSet)AffinityLock.BASE_AFFINITY.clone();
        cpus.andNot(AffinityLock.RESERVED_AFFINITY);
        if (cpus.isEmpty())
        {
            return false;
        }
        try
        {
            Affinity.setAffinity(cpus);
            return true;
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return false;
        }
    }

    /**
     * @param bind     whether to bind threads made by this factory to the unreserved CPUs.
     * @param name     of the threads.
     * @return a thread factory for the core's non-ring threads.
     */
    public static java.util.concurrent.ThreadFactory threadFactory(final boolean bind, final String name)
    {
        return runnable ->
        {
            final Thread thread = new Thread(() ->
            {
                if (bind)
                {
                    bindToUnreservedCpus();
                }
                runnable.run();
            }, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
