package io.v100.gateway;

import io.aeron.CommonContext;
import io.v100.client.ClientContext;
import io.v100.client.V100Client;
import io.v100.core.SessionRole;
import io.v100.demo.InMemoryCredentials;
import io.v100.sbe.SessionCode;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.journal.JournalRetention;
import io.v100.sbe.MatchEventEncoder;
import io.v100.sbe.MatchEventType;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a one-second roll cycle and frequent snapshots, journal cycles older than the newest snapshot minus the
 * kept count are deleted as the run goes on, so the number of journal files stays bounded; and a core restarted on
 * the pruned directory still recovers every input.
 */
@Tag("slow")
@Timeout(120)
class RetentionSystemTest
{
    private static final long T0 = 1_537_713_000_000_000_000L;
    private static final int KEEP_CYCLES = 1;

    @TempDir
    Path dir;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InMemoryCredentials credentials = InMemoryCredentials.of("source", SessionRole.ALL);

    @Test
    void shouldKeepJournalFilesBoundedAndStillRecover() throws Exception
    {
        final int seconds = 7;
        final int perSecond = 1_000;
        int maxFiles = 0;
        long sent = 0;
        final CoreNode node = CoreNode.launch(ipc(), context(), egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        try (V100Client client = V100Client.connect(new ClientContext()
            .aeronDirectoryName(node.aeronDirectoryName())
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL), (buffer, offset, length, h) -> { }))
        {
            assertTrue(client.awaitConnected(10_000));
            assertEquals(SessionCode.OPEN, client.openSession(credentials.client(0), 10_000));
            for (int second = 0; second < seconds; second++)
            {
                final long end = System.nanoTime() + 1_000_000_000L;
                for (int i = 0; i < perSecond; i++)
                {
                    sent++;
                    assertTrue(client.send(frame, 0, matchEvent(sent), 5_000));
                }
                while (System.nanoTime() < end)
                {
                    client.poll(256);
                    Thread.sleep(1);
                }
                maxFiles = Math.max(maxFiles, JournalRetention.cycleFiles(dir.resolve("journal")).size());
            }
        }
        finally
        {
            node.close();
        }

        assertTrue(node.snapshotStore().written() >= seconds - 1, "a snapshot about every second");
        assertTrue(maxFiles <= KEEP_CYCLES + 3, "journal files stayed bounded: at most " + maxFiles);
        assertTrue(JournalRetention.cycleFiles(dir.resolve("egress")).size() <= KEEP_CYCLES + 3);

        final CoreNode restarted = CoreNode.launch(
            ipc(), context(), egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        try
        {
            assertNotNull(restarted.recovery().snapshot(), "recovered from a snapshot, not the pruned start");
            assertEquals(sent, restarted.recovery().tick().nextRingSequence(), "every input recovered");
        }
        finally
        {
            restarted.close();
        }
    }

    private CoreContext context()
    {
        return new CoreContext()
            .dataDirectory(dir)
            .journalRollCycle("TEST_SECONDLY")
            .snapshotIntervalInputs(1_000)
            .keepCycles(KEEP_CYCLES)
            .waitStrategy(WaitStrategyKind.SLEEPING)
            .affinity(ThreadingPlan.Affinity.NONE)
            .ringSize(4096);
    }

    private GatewayContext ipc()
    {
        return new GatewayContext().ingressChannel(CommonContext.IPC_CHANNEL).egressChannel(CommonContext.IPC_CHANNEL)
            .credentials(credentials.store());
    }

    private int matchEvent(final long clientSequence)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new MatchEventEncoder().wrapAndApplyHeader(frame, 0, header)
            .clientId(5).clientSequence(clientSequence).timestampNs(T0 + clientSequence * 1_000_000L)
            .period((short)1).matchClockMs(clientSequence).eventType(MatchEventType.PASS).teamId(1).playerId(2)
            .x(60f).y(40f).xg(0f)
            .encodedLength();
    }
}
