package io.v100.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.v100.core.BroadcastHandler;
import io.v100.core.BroadcastRing;
import io.v100.core.BroadcastTick;
import io.v100.core.ClientSequencer;
import io.v100.core.CoreContext;
import io.v100.core.CpuBinding;
import io.v100.core.EgressProxy;
import io.v100.core.RingEvent;
import io.v100.core.JournaledEgressSink;
import io.v100.core.NodeCounters;
import io.v100.core.SessionContext;
import io.v100.core.SessionRegistry;
import io.v100.core.SnapshotRequestGate;
import io.v100.core.SnapshotStore;
import io.v100.core.TickRecovery;
import io.v100.journal.EgressJournal;
import io.v100.journal.EgressJournalReader;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalRepair;
import io.v100.journal.JournalRetention;
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
 * poller, the input journal, the ring with its five handlers, the egress journal and publication, snapshots, and
 * the replay agent.
 * <pre>
 *   client --ingress--> [GatewayAgent: poll, copy] --> ring --> BroadcastTick --> egress journal --> client
 *                         | replay requests               (input journal first)        |
 *                         +--> [ReplayAgent] <-- reads --------------------------------+  --replay stream--> client
 * </pre>
 * Every client opens a session first (see {@link IngressAdapter} for the rule that ties frames to sessions), so
 * a core needs a {@link CredentialStore} in its {@link GatewayContext}.
 * <p>
 * At start-up the core recovers before it takes any input: newest valid snapshot, then the journal tail (see
 * {@link TickRecovery}), so a restart after a crash carries on exactly where the journal ends.
 */
public final class CoreNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CoreNode.class);

    private final MediaDriver driver;
    private final Aeron aeron;
    private final Subscription ingress;
    private final ExclusivePublication egress;
    private final ExclusivePublication replay;
    private final InputJournal journal;
    private final EgressJournal egressJournal;
    private final SnapshotStore snapshotStore;
    private final ReplayAgent replayAgent;
    private final AgentRunner replayRunner;
    private final TickRecovery.Result recovery;
    private final JournalRepair.Result repair;
    private final java.util.concurrent.ThreadFactory threadFactory;
    private final AeronEgressSink egressSink;
    private final NodeCounters counters;
    private final BroadcastTick tick;
    private final BroadcastRing ring;
    private final IngressAdapter ingressAdapter;
    private final SessionRegistry registry;
    private final SnapshotRequestGate snapshotGate;
    private final AgentRunner gatewayRunner;
    private boolean closed;

    private CoreNode(
        final MediaDriver driver,
        final Aeron aeron,
        final GatewayContext gatewayContext,
        final CoreContext coreContext,
        final Function<EgressProxy, BroadcastHandler[]> handlerFactory)
    {
        if (null == gatewayContext.credentials())
        {
            throw new IllegalStateException("a core needs credentials: GatewayContext.credentials(...)");
        }
        final SessionContext sessions = gatewayContext.sessions().conclude();
        registry = new SessionRegistry(sessions.maxClients());
        snapshotGate = new SnapshotRequestGate(sessions.snapshotMinInputs());
        final boolean bindAway = coreContext.threadingPlan().bindOthersAway();
        this.driver = driver;
        this.aeron = aeron;
        ingress = aeron.addSubscription(gatewayContext.ingressChannel(), gatewayContext.ingressStreamId());
        egress = aeron.addExclusivePublication(gatewayContext.egressChannel(), gatewayContext.egressStreamId());

        replay = aeron.addExclusivePublication(gatewayContext.egressChannel(), gatewayContext.replayStreamId());

        final JournalContext inputContext = journalContext(coreContext, coreContext.journalDirectory());
        final JournalContext egressContext = journalContext(coreContext, coreContext.egressJournalDirectory());
        repair = null == inputContext ? null : JournalRepair.repair(inputContext, egressContext, RingEvent.FRAME_CAPACITY);
        final int snapshotsDropped = null == repair || null == coreContext.snapshotDirectory() ?
            0 : SnapshotStore.discardBeyond(coreContext.snapshotDirectory(), repair.nextRingSequence());
        journal = null == inputContext ? null : new InputJournal(inputContext);
        egressJournal = null == egressContext ? null : new EgressJournal(egressContext);
        counters = new NodeCounters(aeron::addCounter);
        if (null != repair)
        {
            counters.journalTorn().setRelease(1);
        }
        egressSink = new AeronEgressSink(egress, counters);
        final EgressProxy egressProxy = new EgressProxy(new JournaledEgressSink(egressJournal, egressSink));

        if (null == inputContext)
        {
            recovery = null;
            tick = new BroadcastTick(null, egressProxy, registry, handlerFactory.apply(egressProxy));
        }
        else
        {
            final long lastRecordedEgress = null == egressContext ? Long.MAX_VALUE : lastRecordedEgress(egressContext);
            recovery = TickRecovery.recover(
                journal, inputContext, coreContext.snapshotDirectory(), lastRecordedEgress, egressProxy, registry,
                () -> handlerFactory.apply(egressProxy));
            tick = recovery.tick();
        }
        if (null != repair)
        {
            LOG.warn(repairLine(repair, snapshotsDropped, tick));
        }
        tick.counters(counters);

        if (null != journal)
        {
            journal.transferToNextThread();
        }
        if (null != egressJournal)
        {
            egressJournal.transferToNextThread();
        }

        snapshotStore = null == coreContext.snapshotDirectory() ? null : new SnapshotStore(
            coreContext.snapshotDirectory(),
            coreContext.keepSnapshots(),
            (nextRingSequence, journalIndex) -> prune(inputContext, egressContext, journalIndex, coreContext.keepCycles()),
            CpuBinding.threadFactory(bindAway, "v100-snapshot-writer"));
        if (null != snapshotStore)
        {
            tick.snapshotter(snapshotStore, coreContext.snapshotIntervalInputs());
        }

        ring = new BroadcastRing(coreContext, tick);
        replayAgent = null == egressContext ? null : new ReplayAgent(egressContext, replay, counters);
        replayRunner = null == replayAgent ? null : new AgentRunner(
            new BackoffIdleStrategy(100, 10, 1_000, 1_000_000),
            ex -> LOG.error("replay agent error", ex),
            null,
            replayAgent);
        tick.snapshotGate(snapshotGate);
        ingressAdapter = new IngressAdapter(
            ring, replayAgent, registry, gatewayContext.credentials(), snapshotGate, newIncarnation());

        final IdleStrategy pollerIdle = ring.plan().pollerSpins() ? new BusySpinIdleStrategy() :
            ring.plan().pollerYields() ? new YieldingIdleStrategy() : new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        threadFactory = CpuBinding.threadFactory(bindAway, "v100-gateway");
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
     * @throws IllegalArgumentException naming the property of a bad setting, before anything is started.
     */
    public static CoreNode launch(
        final GatewayContext gatewayContext,
        final CoreContext coreContext,
        final Function<EgressProxy, BroadcastHandler[]> handlerFactory)
    {
        gatewayContext.conclude();
        coreContext.conclude();
        final boolean bindAway = coreContext.threadingPlan().bindOthersAway();
        final MediaDriver driver = null == gatewayContext.aeronDirectoryName() ? launchEmbeddedDriver(bindAway) : null;
        Aeron aeron = null;
        final CoreNode node;
        try
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(null != driver ? driver.aeronDirectoryName() : gatewayContext.aeronDirectoryName())
                .threadFactory(CpuBinding.threadFactory(bindAway, "v100-aeron-client")));
            node = new CoreNode(driver, aeron, gatewayContext, coreContext, handlerFactory);
        }
        catch (final RuntimeException | Error ex)
        {
            // A failed start leaves nothing behind: the client goes first (else it outlives the driver and exits
            // the JVM on its driver timeout), then the embedded driver, which deletes its directory on close.
            CloseHelper.quietCloseAll(aeron, driver);
            throw ex;
        }
        node.ring.start();
        AgentRunner.startOnThread(node.gatewayRunner, node.threadFactory);
        if (null != node.replayRunner)
        {
            AgentRunner.startOnThread(node.replayRunner, node.threadFactory);
        }
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

    /**
     * @return the node's counters, which live in the media driver's CnC file.
     */
    public NodeCounters counters()
    {
        return counters;
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
        CloseHelper.closeAll(gatewayRunner, replayRunner);
        if (!ring.drainAndStop(30_000))
        {
            LOG.warn("ring did not drain within 30 s; stopped with inputs unprocessed");
        }
        CloseHelper.closeAll(snapshotStore, journal, egressJournal, replay, egress, ingress, aeron, driver);
    }

    /**
     * @return what recovery did at start-up, or null when the core runs without a journal.
     */
    public TickRecovery.Result recovery()
    {
        return recovery;
    }

    /**
     * @return what the start-up check of the input journal cut away, or null when the journal was whole.
     */
    public JournalRepair.Result repair()
    {
        return repair;
    }

    /**
     * The one line a repair logs: where the journal broke, what was cut, and where each client resumes. The
     * clients' acknowledged inputs after those points are lost; each client learns it from its next Ack.
     */
    static String repairLine(final JournalRepair.Result repair, final int snapshotsDropped, final BroadcastTick tick)
    {
        final StringBuilder clients = new StringBuilder();
        final ClientSequencer sequencer = tick.sequencer();
        for (int clientId = 1, limit = sequencer.clientIdLimit(); clientId <= limit; clientId++)
        {
            if (sequencer.inUse(clientId))
            {
                clients.append(clients.length() == 0 ? "" : ", ").append("client ").append(clientId)
                    .append(" at client sequence ").append(sequencer.lastClientSequence(clientId));
            }
        }
        return String.format(
            "input journal damaged at index %d (%s): cut back to %,d whole entries (next ring sequence %,d); " +
            "dropped %,d journal document(s) from there on, %,d egress tick(s)%s and %d snapshot(s) covering them; " +
            "damaged journal kept in %s; inputs after these points are lost and must be resent: %s",
            repair.damagedIndex(), repair.reason(), repair.keptEntries(), repair.nextRingSequence(),
            repair.droppedDocuments(), repair.egressTicksDropped(),
            repair.egressTicksDropped() > 0 ?
                " (ring sequences " + repair.nextRingSequence() + " to " + repair.lastDroppedEgress() + ")" : "",
            snapshotsDropped, repair.damagedInput(), clients.length() == 0 ? "no client" : clients);
    }

    /**
     * @return the snapshot store, or null when snapshots are off.
     */
    public SnapshotStore snapshotStore()
    {
        return snapshotStore;
    }

    /**
     * @return a random, non-zero incarnation, so connection ids of this run never equal those of an earlier one.
     */
    private static int newIncarnation()
    {
        final java.security.SecureRandom random = new java.security.SecureRandom();
        int incarnation;
        do
        {
            incarnation = random.nextInt();
        }
        while (0 == incarnation);
        return incarnation;
    }

    /**
     * @return the session bindings the gateway checks frames against.
     */
    public SessionRegistry sessionRegistry()
    {
        return registry;
    }

    private static long lastRecordedEgress(final JournalContext egressContext)
    {
        try (EgressJournalReader reader = new EgressJournalReader(egressContext, EgressProxy.MAX_MESSAGE_LENGTH))
        {
            return reader.lastRingSequence();
        }
    }

    private static void prune(
        final JournalContext input, final JournalContext egress, final long journalIndex, final int keepCycles)
    {
        if (null == input || journalIndex < 0)
        {
            return;
        }
        final int inputDeleted = JournalRetention.prune(input, journalIndex, keepCycles);
        final int egressDeleted = null == egress ? 0 : JournalRetention.pruneToCount(
            egress, JournalRetention.cycleFiles(input.directory()).size());
        if (inputDeleted + egressDeleted > 0)
        {
            LOG.info("retention: deleted {} input and {} egress journal cycle file(s)", inputDeleted, egressDeleted);
        }
    }

    private static JournalContext journalContext(final CoreContext coreContext, final java.nio.file.Path directory)
    {
        if (null == directory)
        {
            return null;
        }
        final JournalContext context = new JournalContext().directory(directory);
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
        return launchEmbeddedDriver(false);
    }

    /**
     * @param bindAway keep the driver's thread off the CPU reserved for the ring's consumer.
     * @return the driver, in a fresh directory deleted on shutdown.
     */
    public static MediaDriver launchEmbeddedDriver(final boolean bindAway)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .sharedThreadFactory(CpuBinding.threadFactory(bindAway, "v100-media-driver"))
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(100, 10, 1_000, 1_000_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }
}
