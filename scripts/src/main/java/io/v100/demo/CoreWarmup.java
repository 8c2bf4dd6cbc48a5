package io.v100.demo;

import io.aeron.CommonContext;
import io.v100.client.FeedRunner;
import io.v100.client.ClientContext;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.SessionRole;
import io.v100.sbe.SessionCode;
import io.v100.core.CoreContext;
import io.v100.feed.IngressStream;
import io.v100.gateway.CoreNode;
import io.v100.gateway.GatewayContext;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs frames through a throwaway core (its own media driver, journal in a temporary directory, handlers and
 * client) so the JIT has compiled the whole path, from the gateway poll through the journal append and the five
 * handlers to the egress offer, before the measured run.
 * <p>
 * Without it the first second of a run executes interpreted, the ring falls behind the feed, and that backlog
 * dominates the latency percentiles of the whole run. Nothing of the warm-up survives: its journal is deleted and
 * its core, with all its state, is closed, so the measured run's state, egress and digest are exactly what they
 * would be without it.
 */
public final class CoreWarmup
{
    private CoreWarmup()
    {
    }

    /**
     * @param stream  a stream of its own (not the one the run will send).
     * @param frames  how many frames to run through.
     * @param context ring settings of the run, so the warm-up exercises the same wait strategy.
     * @return frames actually run (fewer if the stream ends first).
     * @throws IOException if the temporary journal cannot be created or deleted.
     */
    public static long run(final IngressStream stream, final long frames, final CoreContext context) throws IOException
    {
        if (frames <= 0)
        {
            return 0;
        }
        final Path journal = Files.createTempDirectory("v100-warmup-journal");
        final InMemoryCredentials credentials = InMemoryCredentials.of("warmup", SessionRole.ALL);
        final GatewayContext ipc = new GatewayContext()
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL)
            .credentials(credentials.store());
        final long[] sent = { 0 };
        try (CoreNode node = CoreNode.launch(
            ipc,
            new CoreContext()
                .waitStrategy(context.waitStrategy())
                .pollerIdle(context.pollerIdle())
                .affinity(context.affinity())
                .ringSize(context.ringSize())
                .journalDirectory(journal),
            egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
            V100Client client = V100Client.connect(
                new ClientContext()
                    .aeronDirectoryName(node.aeronDirectoryName())
                    .ingressChannel(CommonContext.IPC_CHANNEL)
                    .egressChannel(CommonContext.IPC_CHANNEL),
                (buffer, offset, length, header) -> { }))
        {
            if (!client.awaitConnected(10_000))
            {
                throw new IllegalStateException("warm-up client could not connect over IPC within 10 s");
            }
            if (client.openSession(credentials.client(0), 10_000) != SessionCode.OPEN)
            {
                throw new IllegalStateException("warm-up core refused the warm-up session");
            }
            while (sent[0] < frames && stream.next((buffer, offset, length) ->
            {
                if (!client.send(buffer, offset, length, FeedRunner.SEND_TIMEOUT_MS))
                {
                    throw new IllegalStateException("warm-up core stopped taking frames");
                }
                if ((++sent[0] & 0xFF) == 0)
                {
                    client.poll(1024);
                }
            }))
            {
                Thread.onSpinWait();
            }
        }
        finally
        {
            IoUtil.delete(journal.toFile(), false);
        }
        return sent[0];
    }
}
