package io.v100.cli;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.Subscription;
import io.v100.client.ClientContext;
import io.v100.client.EgressTally;
import io.v100.client.FeedRunner;
import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.core.SessionRole;
import io.v100.demo.DemoFeed;
import io.v100.demo.InMemoryCredentials;
import io.v100.feed.FeedContext;
import io.v100.gateway.AeronEgressSink;
import io.v100.gateway.CoreNode;
import io.v100.gateway.GatewayContext;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second subscriber on the egress stream never polls while the whole shipped match streams through the core.
 * The egress term is small (64 KB) so the publication is back-pressured within a few hundred messages. The
 * stopped subscriber is untethered (Aeron's {@code tether=false}, with short window-limit and resting timeouts),
 * so Aeron drops it from flow control after 200 ms and lets it rejoin 500 ms later, again and again for the whole
 * match (set on the embedded driver here, with its timer running every 10 ms so it checks that often). The core must never wait for it: each message is offered at most
 * {@link AeronEgressSink#MAX_OFFER_ATTEMPTS} times, then dropped and counted, and an {@code EgressGap} tells the
 * subscribers that do poll to catch up from the egress journal. The feed must finish with the uninterrupted
 * digest.
 */
@Tag("slow")
@Timeout(300)
class SlowSubscriberSystemTest
{
    private static final Map<String, String> DRIVER_PROPERTIES = Map.of(
        "aeron.timer.interval", "10ms",
        "aeron.untethered.window.limit.timeout", "200ms",
        "aeron.untethered.resting.timeout", "500ms");
    private static final String EGRESS = "aeron:ipc?term-length=65536";
    private static final String STOPPED_SUBSCRIBER = "aeron:ipc?tether=false";

    @TempDir
    Path dir;

    @Test
    void shouldFinishTheMatchWithTheUninterruptedDigestWhileASubscriberNeverPolls() throws Exception
    {
        final FeedContext feedContext = DemoFeed.context();
        final MatchFeed feed = MatchFeed.open(
            ShippedMatch.FILE, feedContext, new PrintStream(OutputStream.nullOutputStream()));
        final EgressTally tally = new EgressTally();
        final OrderedEgress ordered = new OrderedEgress(tally, feedContext.clientId());
        final InMemoryCredentials credentials = InMemoryCredentials.of("feed", SessionRole.ALL);
        final GatewayContext gateway = new GatewayContext()
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(EGRESS)
            .credentials(credentials.store());
        final CoreContext core = new CoreContext()
            .waitStrategy(WaitStrategyKind.SLEEPING)
            .affinity(ThreadingPlan.Affinity.NONE)
            .dataDirectory(dir.resolve("core"));

        // The embedded driver reads these when the core launches it: the driver's timer (which checks untethered
        // subscriptions) every 10 ms instead of every second, an untethered subscriber dropped after 200 ms behind
        // and let back in after 500 ms, so the stopped subscriber blocks the stream many times during the match.
        final Map<String, String> previous = new HashMap<>();
        DRIVER_PROPERTIES.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        final CoreNode node;
        try
        {
            node = CoreNode.launch(gateway, core, egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        }
        finally
        {
            previous.forEach((name, value) ->
            {
                if (null == value)
                {
                    System.clearProperty(name);
                }
                else
                {
                    System.setProperty(name, value);
                }
            });
        }
        Aeron stoppedAeron = null;
        final FeedRunner runner;
        final long sent;
        final long backPressured;
        final long dropped;
        final long droppedCounter;
        final long gapsAnnounced;
        try
        {
            stoppedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(node.aeronDirectoryName()));
            final Subscription neverPolled = stoppedAeron.addSubscription(STOPPED_SUBSCRIBER, gateway.egressStreamId());
            try (V100Client client = V100Client.connect(
                new ClientContext()
                    .aeronDirectoryName(node.aeronDirectoryName())
                    .ingressChannel(CommonContext.IPC_CHANNEL)
                    .egressChannel(EGRESS),
                ordered.liveHandler(),
                ordered.replayHandler()))
            {
                assertTrue(client.awaitConnected(10_000), "client connects");
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!neverPolled.isConnected())
                {
                    assertTrue(System.nanoTime() < deadline, "the stopped subscriber joins the egress stream");
                    Thread.sleep(1);
                }
                runner = new FeedRunner(client, ordered, tally, System.out, "slow-sub", 100_000, credentials.client(0));
                runner.run(feed.stream(), feedContext.kickoffNs(), 1, 120_000);
            }
            // Read while the node's Aeron client is open: its counters live in the CnC file.
            sent = node.egressSink().sent();
            backPressured = node.egressSink().backPressured();
            dropped = node.egressSink().dropped();
            droppedCounter = node.counters().egressDropped().get();
            gapsAnnounced = node.egressSink().gaps();
        }
        finally
        {
            CloseHelper.close(stoppedAeron);
            node.close();
        }

        System.out.printf("egress: %,d sent, %,d back-pressured offers, %,d dropped, %,d gaps announced; " +
            "client: %,d gaps, %,d replays%n", sent, backPressured, dropped, gapsAnnounced, ordered.gaps(),
            ordered.replays());
        assertTrue(dropped > 0, "the stopped subscriber made the core drop egress");
        assertEquals(dropped, droppedCounter);
        assertTrue(gapsAnnounced > 0, "drops were announced");
        assertTrue(ordered.gaps() > 0 && ordered.replays() > 0, "the polling client caught up from the journal");
        assertEquals(feed.stream().totalFrames() + 1, runner.published());
        assertEquals(TornJournalSystemTest.SHIPPED_MATCH_DIGEST, tally.digestHex(),
            "egress digest of the uninterrupted shipped match");
    }
}
