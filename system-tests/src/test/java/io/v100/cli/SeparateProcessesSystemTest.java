package io.v100.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code v100 core} in its own JVM and {@code v100 feed} in this one, over UDP on loopback, each with its own
 * embedded media driver: the feed's summary must equal the in-process IPC demo's, digest included.
 */
@Tag("slow")
@Timeout(300)
class SeparateProcessesSystemTest
{
    @TempDir
    Path dir;

    @Test
    void shouldGiveTheSameAnswersOverUdpBetweenProcessesAsTheDemoOverIpc() throws Exception
    {
        final int ingressPort = freeUdpPort();
        final int egressPort = freeUdpPort();
        final String ingress = "aeron:udp?endpoint=localhost:" + ingressPort;
        final String egress = "aeron:udp?endpoint=localhost:" + egressPort;

        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of(
            "-Daeron.dir=" + dir.resolve("aeron-core"),
            "-cp", System.getProperty("java.class.path"), V100Main.class.getName(),
            "core", "--out", dir.resolve("core").toString(), "--ingress-channel", ingress, "--egress-channel", egress,
            "--wait-strategy", "SLEEPING", "--affinity", "NONE"));
        final Path coreLog = dir.resolve("core.log");
        final Process core = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(coreLog.toFile())
            .start();
        try
        {
            final int feedExit = V100Main.commandLine().execute(
                "feed", "--match", ShippedMatch.FILE.toString(), "--out", dir.resolve("feed").toString(),
                "--ingress-channel", ingress, "--egress-channel", egress, "--rate", "0", "--connect-timeout", "60",
                "--credentials", dir.resolve("core").resolve("credentials").resolve("feed.credentials").toString());
            assertEquals(0, feedExit, () -> "feed failed; core log:\n" + read(coreLog));
        }
        finally
        {
            core.destroy();
            assertTrue(core.waitFor(60, TimeUnit.SECONDS), "core stops on SIGTERM");
        }
        assertTrue(core.exitValue() == 0 || core.exitValue() == 128 + 15, () -> "core log:\n" + read(coreLog));
        assertTrue(read(coreLog).contains("[core] stopped:"), () -> "core closed cleanly; log:\n" + read(coreLog));
        assertTrue(Files.size(dir.resolve("core").resolve("latency.hgrm")) > 0, "core wrote its latency on exit");
        assertTrue(read(coreLog).contains("v100 ring threading:"), "threading choice logged once at start");

        final int demoExit = V100Main.commandLine().execute(
            "demo", "--match", ShippedMatch.FILE.toString(), "--out", dir.resolve("demo").toString(), "--rate", "0",
            "--warmup", "0", "--wait-strategy", "SLEEPING", "--affinity", "NONE");
        assertEquals(0, demoExit);

        final ObjectMapper mapper = new ObjectMapper();
        final JsonNode feed = mapper.readTree(dir.resolve("feed").resolve("summary.json").toFile());
        final JsonNode demo = mapper.readTree(dir.resolve("demo").resolve("summary.json").toFile());
        for (final String key : List.of(
            "match.score", "match.goals", "events.published", "events.journaled", "events.processed",
            "wagering.suspensions", "wagering.betsAccepted", "wagering.betsRejected", "director.cuts",
            "abr.segments", "abr.dateRanges", "deepfake.alertsRaised", "drm.keyRotations", "drm.licensesGranted",
            "drm.licensesDenied", "egressDigest"))
        {
            assertEquals(demo.get(key), feed.get(key), key);
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }
}
