package io.v100.core;

/**
 * Decides how the core's threads wait, so that busy-spinning threads never outnumber cores.
 * <p>
 * The core runs two threads of its own: the ring consumer (the tick) and the gateway poller that copies Aeron
 * fragments into the ring. A spinning thread owns a core; the media driver, the JIT, GC and the OS need what is
 * left. So with {@code AUTO}:
 * <ul>
 *     <li>1 core: nothing spins (ring BLOCKING, poller backs off to parking);</li>
 *     <li>2 or 3 cores: only the ring consumer spins (BUSY_SPIN, pinned); the poller backs off to parking,
 *     leaving a core for the driver, the JIT, GC and any client on the machine. A YIELDING poller
 *     ({@link PollerIdle#YIELDING}) sees a frame sooner at low rates (round-trip median 39 µs to 3.4 µs over IPC
 *     at 10,000 frames/s on 2 cores) but, with the demo's feeder in the same process, raised the ingress-to-egress
 *     p99 from about 1 ms to 4-14 ms; it suits a core with the machine to itself;</li>
 *     <li>4 or more: both busy-spin, still leaving at least two cores for the driver and the rest.</li>
 * </ul>
 * With 4 or more cores and the ring thread pinned, the core's other threads bind to the remaining CPUs (see
 * {@link CpuBinding}). On 2 or 3 cores they do not: measured with the demo on 2 cores, crowding the poller, the
 * media driver and an in-process client onto the one remaining CPU raised the ingress-to-egress p99 about
 * fivefold, while leaving them to the scheduler did not.
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
        return resolve(cores, requested, PollerIdle.AUTO, affinity);
    }

    /**
     * @param cores      available to this JVM ({@code Runtime.availableProcessors()}).
     * @param requested  wait strategy for the ring, or AUTO.
     * @param pollerIdle how the gateway poller idles, or AUTO.
     * @param affinity   whether to pin the ring thread; AUTO pins it when it spins and a core is left over.
     * @return the plan.
     * @throws IllegalArgumentException if the request would spin more threads than there are cores.
     */
    public static ThreadingPlan resolve(
        final int cores, final WaitStrategyKind requested, final PollerIdle pollerIdle, final Affinity affinity)
    {
        final WaitStrategyKind ringWait = requested != WaitStrategyKind.AUTO ? requested :
            cores >= 2 ? WaitStrategyKind.BUSY_SPIN : WaitStrategyKind.BLOCKING;
        final boolean pollerSpins = pollerIdle == PollerIdle.BUSY_SPIN || (pollerIdle == PollerIdle.AUTO && cores >= 4);
        final boolean pollerYields = pollerIdle == PollerIdle.YIELDING;
        final int spinning = (ringWait.spins() ? 1 : 0) + (pollerSpins || pollerYields ? 1 : 0);
        if (spinning > cores)
        {
            throw new IllegalArgumentException(
                "wait strategy " + requested + " with poller " + pollerIdle + " would busy-spin " + spinning +
                " threads on " + cores + " core(s); choose SLEEPING or BLOCKING, or a BACKOFF poller");
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
     * @return true if the core's other threads should keep off the ring thread's CPU.
     */
    public boolean bindOthersAway()
    {
        return pinRingThread && cores >= 4;
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

    /**
     * @param ringCpu the CPU the ring consumer actually holds, -1 for none.
     * @return this plan as it ran: {@code ringPinned} from the CPU held, not from the plan.
     */
    public String describe(final int ringCpu)
    {
        return "cores=" + cores +
            " ringWait=" + ringWait +
            " ringPinned=" + (ringCpu >= 0) +
            (ringCpu >= 0 ? " ringCpu=" + ringCpu : pinRingThread ? " (pinning asked, no CPU reserved)" : "") +
            " pollerIdle=" + (pollerSpins ? "BUSY_SPIN" : pollerYields ? "YIELDING" : "BACKOFF") +
            " spinningThreads=" + spinningThreads();
    }

    /**
     * @return the plan: {@code ringPin} says whether pinning the ring consumer is asked for (see
     * {@link #describe(int)} for what happened).
     */
    public String toString()
    {
        return "cores=" + cores +
            " ringWait=" + ringWait +
            " ringPin=" + pinRingThread +
            " pollerIdle=" + (pollerSpins ? "BUSY_SPIN" : pollerYields ? "YIELDING" : "BACKOFF") +
            " spinningThreads=" + spinningThreads();
    }

    /**
     * How the gateway poller waits when no fragment is there.
     */
    public enum PollerIdle
    {
        /** BUSY_SPIN with 4+ cores, BACKOFF with fewer. */
        AUTO,
        /** Spin: the lowest latency, a whole core. */
        BUSY_SPIN,
        /** Spin but give the CPU up whenever another thread there is runnable; counts as spinning. */
        YIELDING,
        /** Spin, yield, then park up to 1 ms: cheapest when idle, up to a millisecond before a frame is seen. */
        BACKOFF
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
