package io.v100.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.v100.core.BroadcastHandler;
import io.v100.core.BroadcastRing;
import io.v100.core.BroadcastTick;
import io.v100.core.CoreContext;
import io.v100.core.EgressProxy;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * A running core: media driver (embedded unless an external one is named), ingress subscription, the gateway
 * poller, the journal, the ring with its five handlers, and the egress publication.
 * <pre>
 *   client --ingress--> [GatewayAgent: poll, copy] --> ring --> BroadcastTick --egress--> client
 *                                                               (journal first)
 * </pre>
 */
public final class CoreNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CoreNode.class);

    private final MediaDriver driver;
    private final Aeron aeron;
    private final Subscription ingress;
    private final ExclusivePublication egress;
    private final InputJournal journal;
    private final AeronEgressSink egressSink;
    private final BroadcastTick tick;
    private final BroadcastRing ring;
    private final IngressAdapter ingressAdapter;
    private final AgentRunner gatewayRunner;
    private boolean closed;

    private CoreNode(
        final GatewayContext gatewayContext,
        final CoreContext coreContext,
        final Function<EgressProxy, BroadcastHandler[]> handlerFactory)
    {
        driver = null == gatewayContext.aeronDirectoryName() ? launchEmbeddedDriver() : null;
        final String aeronDir = null != driver ?
            driver.aeronDirectoryName() : gatewayContext.aeronDirectoryName();
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        ingress = aeron.addSubscription(gatewayContext.ingressChannel(), gatewayContext.ingressStreamId());
        egress = aeron.addExclusivePublication(gatewayContext.egressChannel(), gatewayContext.egressStreamId());

        journal = null == coreContext.journalDirectory() ? null : new InputJournal(journalContext(coreContext));
        egressSink = new AeronEgressSink(egress, new YieldingIdleStrategy());
        final EgressProxy egressProxy = new EgressProxy(egressSink);
        tick = new BroadcastTick(journal, egressProxy, handlerFactory.apply(egressProxy));
        ring = new BroadcastRing(coreContext, tick);
        ingressAdapter = new IngressAdapter(ring);

        final IdleStrategy pollerIdle = ring.plan().pollerSpins() ?
            new BusySpinIdleStrategy() : new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        gatewayRunner = new AgentRunner(
            pollerIdle,
            ex -> LOG.error("gateway poller error", ex),
            null,
            new GatewayAgent(ingress, ingressAdapter, gatewayContext.fragmentLimit()));
    }

    /**
     * Start a core.
     *
     * @param gatewayContext Aeron settings.
     * @param coreContext    ring and journal settings.
     * @param handlerFactory creating the five handlers, in tick order, over the egress proxy.
     * @return the running core.
     */
    public static CoreNode launch(
        final GatewayContext gatewayContext,
        final CoreContext coreContext,
        final Function<EgressProxy, BroadcastHandler[]> handlerFactory)
    {
        final CoreNode node = new CoreNode(gatewayContext, coreContext, handlerFactory);
        node.ring.start();
        AgentRunner.startOnThread(node.gatewayRunner);
        LOG.info(
            "v100 core up: ingress {} stream {}, egress {} stream {}, aeron dir {}, journal {}",
            gatewayContext.ingressChannel(), gatewayContext.ingressStreamId(),
            gatewayContext.egressChannel(), gatewayContext.egressStreamId(),
            node.aeron.context().aeronDirectoryName(),
            null == coreContext.journalDirectory() ? "none" : coreContext.journalDirectory());
        return node;
    }

    /**
     * @return the Aeron directory in use, for in-process clients to share the embedded driver.
     */
    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    /**
     * @return the tick; read its counters and histogram only after {@link #close()}.
     */
    public BroadcastTick tick()
    {
        return tick;
    }

    public BroadcastRing ring()
    {
        return ring;
    }

    public AeronEgressSink egressSink()
    {
        return egressSink;
    }

    public IngressAdapter ingressAdapter()
    {
        return ingressAdapter;
    }

    /**
     * Stop polling, process what the ring holds, then release the journal, Aeron and the driver.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.close(gatewayRunner);
        if (!ring.drainAndStop(30_000))
        {
            LOG.warn("ring did not drain within 30 s; stopped with inputs unprocessed");
        }
        CloseHelper.closeAll(journal, egress, ingress, aeron, driver);
    }

    private static JournalContext journalContext(final CoreContext coreContext)
    {
        final JournalContext context = new JournalContext().directory(coreContext.journalDirectory());
        if (null != coreContext.journalRollCycle())
        {
            context.rollCycle(coreContext.journalRollCycle());
        }
        return context;
    }

    /**
     * An embedded media driver in SHARED threading mode: one thread for conductor, sender and receiver, which
     * backs off to parking when idle so it does not compete with the ring's spinning thread on small machines.
     *
     * @return the driver, in a fresh directory deleted on shutdown.
     */
    public static MediaDriver launchEmbeddedDriver()
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(100, 10, 1_000, 1_000_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }
}
