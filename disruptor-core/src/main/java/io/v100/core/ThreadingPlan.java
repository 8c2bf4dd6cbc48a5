package io.v100.core;

/**
 * Decides how the core's threads wait, so that busy-spinning threads never outnumber cores.
 * <p>
 * The core runs two threads of its own: the ring consumer (the tick) and the gateway poller that copies Aeron
 * fragments into the ring. A spinning thread owns a core; the media driver, the JIT, GC and the OS need what is
 * left. So with {@code AUTO}:
 * <ul>
 *     <li>1 core: nothing spins (ring BLOCKING, poller backs off to parking);</li>
 *     <li>2 or 3 cores: the ring consumer busy-spins, pinned to its own CPU, and the poller yields: it never
 *     parks (a park costs tens of µs to a ms before a frame is seen) but gives its CPU up whenever another
 *     thread there is runnable. Two spinning threads on two cores: none outnumbers them;</li>
 *     <li>4 or more: both busy-spin, still leaving at least two cores for the driver and the rest.</li>
 * </ul>
 * When the ring thread is pinned, the core's other threads bind to the remaining CPUs (see {@link CpuBinding}).
 * An explicit choice that would spin more threads than there are cores is refused, not silently changed.
 */
public final class ThreadingPlan
{
    private final int cores;
    private final WaitStrategyKind ringWait;
    private final boolean pollerSpins;
    private final boolean pollerYields;
    private final boolean pinRingThread;

    private ThreadingPlan(
        final int cores,
        final WaitStrategyKind ringWait,
        final boolean pollerSpins,
        final boolean pollerYields,
        final boolean pinRingThread)
    {
        this.cores = cores;
        this.ringWait = ringWait;
        this.pollerSpins = pollerSpins;
        this.pollerYields = pollerYields;
        this.pinRingThread = pinRingThread;
    }

    /**
     * @param cores     available to this JVM ({@code Runtime.availableProcessors()}).
     * @param requested wait strategy for the ring, or AUTO.
     * @param affinity  whether to pin the ring thread; AUTO pins it when it spins and a core is left over.
     * @return the plan.
     * @throws IllegalArgumentException if the request would spin more threads than there are cores.
     */
    public static ThreadingPlan resolve(final int cores, final WaitStrategyKind requested, final Affinity affinity)
    {
        final WaitStrategyKind ringWait = requested != WaitStrategyKind.AUTO ? requested :
            cores >= 2 ? WaitStrategyKind.BUSY_SPIN : WaitStrategyKind.BLOCKING;
        final boolean pollerSpins = cores >= 4;
        final boolean pollerYields = !pollerSpins && cores >= 2 && cores >= (ringWait.spins() ? 2 : 1);
        final int spinning = (ringWait.spins() ? 1 : 0) + (pollerSpins || pollerYields ? 1 : 0);
        if (spinning > cores)
        {
            throw new IllegalArgumentException(
                "wait strategy " + requested + " would busy-spin " + spinning + " threads on " + cores +
                " core(s); choose SLEEPING or BLOCKING");
        }

        final boolean pin = switch (affinity)
        {
            case PIN -> true;
            case NONE -> false;
            case AUTO -> ringWait.spins() && cores >= 2;
        };
        return new ThreadingPlan(cores, ringWait, pollerSpins, pollerYields, pin);
    }

    public int cores()
    {
        return cores;
    }

    /**
     * @return the resolved ring wait strategy (never AUTO).
     */
    public WaitStrategyKind ringWait()
    {
        return ringWait;
    }

    /**
     * @return true if the gateway poller should busy-spin; otherwise it backs off to parking when idle.
     */
    public boolean pollerSpins()
    {
        return pollerSpins;
    }

    /**
     * @return true if the gateway poller should yield rather than park when idle (it then counts as spinning).
     */
    public boolean pollerYields()
    {
        return pollerYields;
    }

    /**
     * @return true if the ring consumer thread should be bound to a CPU.
     */
    public boolean pinRingThread()
    {
        return pinRingThread;
    }

    /**
     * @return number of threads of the core that spin.
     */
    public int spinningThreads()
    {
        return (ringWait.spins() ? 1 : 0) + (pollerSpins || pollerYields ? 1 : 0);
    }

    public String toString()
    {
        return "cores=" + cores +
            " ringWait=" + ringWait +
            " ringPinned=" + pinRingThread +
            " pollerIdle=" + (pollerSpins ? "BUSY_SPIN" : pollerYields ? "YIELDING" : "BACKOFF") +
            " spinningThreads=" + spinningThreads();
    }

    /**
     * CPU affinity choice for the ring consumer thread.
     */
    public enum Affinity
    {
        /** Pin when the thread spins and there is more than one core. */
        AUTO,
        /** Always pin. */
        PIN,
        /** Never pin. */
        NONE
    }
}
