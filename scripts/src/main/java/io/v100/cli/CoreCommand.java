package io.v100.cli;

import io.v100.core.BroadcastHandlers;
import io.v100.gateway.CoreNode;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code v100 core}: the core alone, serving clients over Aeron until interrupted.
 */
@Command(
    name = "core",
    mixinStandardHelpOptions = true,
    description = {
        "Run the core alone, serving Aeron clients until Ctrl-C or SIGTERM; restarted, it recovers.",
        "Clients open a session with credentials from DIR/credentials/core.credentials, created on first run",
        "with a fresh secret for the feed in DIR/credentials/feed.credentials.",
        "It journals and processes whatever clients send on the ingress channel and answers on the egress",
        "channel. Default channels are UDP on loopback, to pair",
        "with `v100 feed` in another terminal. On exit it writes DIR/latency.hgrm (microseconds).",
        "Progress (inputs received and egress sent) is printed every 5 s. Stopped by a signal, it exits with",
        "the shell's 128 + signal number (130 for Ctrl-C, 143 for SIGTERM) once the journal is closed." })
public final class CoreCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "core-out",
        description = "Data directory: DIR/journal (inputs), DIR/egress (egress journal), DIR/snapshots, " +
            "DIR/credentials, and " +
            "DIR/latency.hgrm on exit. A core started on an existing directory recovers from it: newest valid " +
            "snapshot, then the journal tail (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--fresh",
        description = "Delete DIR's journals and snapshots first, so ring sequences start again at 0.")
    boolean fresh;

    @Mixin
    AeronOptions aeronOptions;

    @Mixin
    CoreOptions coreOptions;

    public Integer call() throws Exception
    {
        final PrintStream console = System.out;
        aeronOptions.validate();
        coreOptions.validate();
        OutputDirectory.requireWritable("--out", out);
        Files.createDirectories(out);
        if (fresh)
        {
            Journals.deleteData(out, console);
        }

        // The barrier's shutdown hook holds the JVM's exit until the barrier is closed, so the journal and the
        // latency file are complete before the process goes.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final CoreNode node = CoreNode.launch(
                aeronOptions.toContext().credentials(CredentialFiles.ensure(out, console)),
                coreOptions.toContext(out),
                egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
            final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable ->
            {
                final Thread thread = new Thread(runnable, "v100-core-progress");
                thread.setDaemon(true);
                return thread;
            });
            progress.scheduleAtFixedRate(
                () -> console.printf(
                    "[core] %,d inputs received, %,d egress messages sent, %,d dropped (replayable from the egress journal)%n",
                    node.ring().cursor() + 1, node.egressSink().sent(), node.egressSink().dropped()),
                5, 5, TimeUnit.SECONDS);
            if (null != node.recovery() && node.recovery().tick().nextRingSequence() > 0)
            {
                console.printf("[core] recovered %,d inputs from %s (snapshot %s, %,d journal entries replayed)%n",
                    node.recovery().tick().nextRingSequence(), out,
                    null == node.recovery().snapshot() ? "none" : node.recovery().snapshot().file().getFileName(),
                    node.recovery().replayedInputs());
            }
            console.printf("[core] ready: ingress %s, egress %s; Ctrl-C to stop%n",
                aeronOptions.ingressChannel, aeronOptions.egressChannel);

            barrier.await();
            progress.shutdownNow();
            node.close();
            LatencyFiles.writeHgrm(node.tick().latency(), out.resolve("latency.hgrm"));
            console.printf(
                "[core] stopped: %,d journaled, %,d processed, %,d rejected; wrote %s%n",
                node.tick().eventsJournaled(), node.tick().eventsProcessed(), node.tick().eventsRejected(),
                out.resolve("latency.hgrm"));
        }
        return 0;
    }
}
