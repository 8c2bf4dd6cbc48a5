package io.v100.perf.jmh;

import io.v100.core.BroadcastHandler;
import io.v100.core.BroadcastHandlers;
import io.v100.core.BroadcastTick;
import io.v100.core.EgressProxy;
import io.v100.core.RingEvent;
import io.v100.core.abr.AbrContext;
import io.v100.core.abr.AbrSegmenterHandler;
import io.v100.core.deepfake.DeepfakeContext;
import io.v100.core.deepfake.DeepfakeHandler;
import io.v100.core.director.DirectorContext;
import io.v100.core.director.DirectorHandler;
import io.v100.core.drm.DrmContext;
import io.v100.core.drm.DrmHandler;
import io.v100.core.wagering.WageringContext;
import io.v100.core.wagering.WageringHandler;
import io.v100.perf.MatchFrames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of the tick and of each handler, over the shipped match's real mixed feed.
 * <p>
 * One operation is one input: copy the frame into a ring slot (as the gateway does), validate it, then for each
 * handler {@code onTime} and the message's {@code on<Message>}, with egress encoded into a blackhole sink.
 * {@code kind}: {@code fused} = the five handlers in tick order (the product's tick, without the journal, which
 * {@link JournalBenchmark} measures); {@code wagering}, {@code director}, {@code abr}, {@code deepfake}, {@code drm}
 * = one handler alone; {@code validate} = the tick with no handler (copy, validation, dispatch, the two histogram
 * records), the floor under every other kind.
 * <p>
 * The handlers are stateful and the match is finite (563,896 frames), so each pass over the match runs on a fresh
 * handler set. The sets are all built, and each has had the match's Fixture, before measurement starts (enough for the
 * run's iteration settings at {@link #FASTEST_NS_PER_OP}, within {@link #POOL_HEAP_FRACTION} of the heap), so the measured loop allocates nothing of
 * its own; a run that outlasts the pool builds more sets, which would show in {@code gc.alloc.rate.norm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "-Xms1g", "-Xmx4g" })
public class TickBenchmark
{
    /** Lower bound on the time per input of any kind, ns, from which the pool is sized for the run's length. */
    static final double FASTEST_NS_PER_OP = 25.0;

    /** Share of the heap the pool may take; a run that outlasts a smaller pool builds more sets as it goes. */
    static final double POOL_HEAP_FRACTION = 0.6;

    @Param({ "fused", "wagering", "director", "abr", "deepfake", "drm", "validate" })
    public String kind;

    private MatchFrames frames;
    private final BlackholeSink sink = new BlackholeSink();
    private final RingEvent event = new RingEvent();
    private BroadcastTick[] pool;
    private int poolIndex;
    private BroadcastTick tick;
    private int next;
    private int count;
    private long extraSets;

    /**
     * Load the match, time one pass, and build enough fresh handler sets for every iteration of the run.
     *
     * @param params    the run's settings, for its length.
     * @param blackhole consumes the egress.
     * @throws IOException if the match cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params, final Blackhole blackhole) throws IOException
    {
        sink.blackhole(blackhole);
        frames = MatchFrames.load(MatchFrames.shippedMatch());
        count = frames.count();

        final double seconds =
            params.getWarmup().getCount() * params.getWarmup().getTime().convertTo(TimeUnit.MILLISECONDS) / 1e3 +
            params.getMeasurement().getCount() * params.getMeasurement().getTime().convertTo(TimeUnit.MILLISECONDS) /
            1e3;
        final int wanted = (int)Math.ceil(seconds * 1e9 / FASTEST_NS_PER_OP / count) + 2;
        final Runtime runtime = Runtime.getRuntime();
        final BroadcastTick[] built = new BroadcastTick[wanted];
        int sets = 0;
        while (sets < wanted &&
            runtime.totalMemory() - runtime.freeMemory() < runtime.maxMemory() * POOL_HEAP_FRACTION)
        {
            built[sets++] = newTick();
        }
        pool = java.util.Arrays.copyOf(built, sets);
        poolIndex = 0;
        tick = pool[0];
        next = 1;
    }

    /**
     * Report handler sets built during measurement, if any (none expected).
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (extraSets > 0)
        {
            System.err.printf("TickBenchmark %s: %d handler sets pre-built, %d more built during the run%n",
                kind, pool.length, extraSets);
        }
    }

    /**
     * One input through the tick.
     *
     * @return the tick's processed count, consumed so the call cannot be eliminated.
     */
    @Benchmark
    public long event()
    {
        if (next == count)
        {
            nextSet();
        }
        final int i = next++;
        event.set(frames.buffer(), frames.offset(i), frames.length(i), 0, 0);
        tick.onEvent(event, i, true);
        return tick.eventsProcessed();
    }

    private void nextSet()
    {
        if (++poolIndex < pool.length)
        {
            tick = pool[poolIndex];
            pool[poolIndex - 1] = null;
        }
        else
        {
            extraSets++;
            tick = newTick();
        }
        next = 1;
    }

    private BroadcastTick newTick()
    {
        final EgressProxy egress = new EgressProxy(sink);
        final BroadcastTick built = new BroadcastTick(null, egress, handlers(egress));
        event.set(frames.buffer(), frames.offset(0), frames.length(0), 0, 0);
        built.onEvent(event, 0, true);
        return built;
    }

    private BroadcastHandler[] handlers(final EgressProxy egress)
    {
        return switch (kind)
        {
            case "fused" -> BroadcastHandlers.withDefaults(egress).inTickOrder();
            case "wagering" -> new BroadcastHandler[]{ new WageringHandler(new WageringContext().conclude(), egress) };
            case "director" -> new BroadcastHandler[]{ new DirectorHandler(new DirectorContext().conclude(), egress) };
            case "abr" -> new BroadcastHandler[]{ new AbrSegmenterHandler(new AbrContext().conclude(), egress) };
            case "deepfake" -> new BroadcastHandler[]{ new DeepfakeHandler(new DeepfakeContext().conclude(), egress) };
            case "drm" -> new BroadcastHandler[]{ new DrmHandler(new DrmContext().conclude(), egress) };
            case "validate" -> new BroadcastHandler[0];
            default -> throw new IllegalArgumentException("unknown kind: " + kind);
        };
    }

}
