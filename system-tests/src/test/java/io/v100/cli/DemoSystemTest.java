package io.v100.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole shipped match through the core over Aeron IPC, as {@code scripts/v100 demo} runs it, checked against
 * an independent reading of the data; then again at another send rate, which must not change a byte of egress.
 */
@Tag("slow")
@Timeout(300)
class DemoSystemTest
{
    @TempDir
    Path dir;

    @Test
    void shouldBroadcastTheShippedMatchAndReproduceTheSameEgressDigest() throws IOException
    {
        final ShippedMatch expected = ShippedMatch.read();

        final JsonNode first = demo(dir.resolve("first"), "0");
        assertEquals(List.of("Barcelona", "Girona"), names(first.get("match.teams")));
        assertEquals(expected.goalsOf("Barcelona"), first.get("match.score").get("Barcelona").asLong());
        assertEquals(expected.goalsOf("Girona"), first.get("match.score").get("Girona").asLong());
        final List<String> goals = new ArrayList<>();
        for (final JsonNode goal : first.get("match.goals"))
        {
            goals.add(goal.get("team").asText() + "/" + goal.get("period").asInt() + "/" +
                goal.get("matchClockMs").asLong() + "/" + goal.get("ownGoal").asBoolean());
        }
        assertEquals(expected.goals, goals);

        final long published = first.get("events.published").asLong();
        assertTrue(published > 500_000, "a whole match of video, signals, viewers and bets: " + published);
        assertEquals(published, first.get("events.journaled").asLong());
        assertEquals(
            published, first.get("events.processed").asLong() + first.get("events.rejected").asLong());
        assertEquals(0, first.get("events.rejected").asLong());
        assertEquals(
            expected.goals.size() + expected.redCards + expected.penaltiesInPlay,
            first.get("wagering.suspensions").asLong());
        assertEquals(expected.goals.size() + expected.redCards, first.get("abr.dateRanges").asLong());
        assertTrue(first.get("wagering.betsAccepted").asLong() > 0);
        assertTrue(first.get("wagering.betsRejected").has("PAST_POSTING"), first.get("wagering.betsRejected").toString());
        assertTrue(first.get("wagering.betsRejected").has("MARKET_SUSPENDED"));
        assertTrue(first.get("director.cuts").asLong() > 0);
        assertEquals(1, first.get("deepfake.alertsRaised").asLong());
        assertTrue(first.get("drm.keyRotations").asLong() >= 20, "a 5-minute key period over two hours");
        assertTrue(first.get("drm.licensesGranted").asLong() > 0);
        assertTrue(first.get("drm.licensesDenied").has("NO_ENTITLEMENT"));
        assertTrue(first.get("drm.licensesDenied").has("UNKNOWN_KID"));
        final long segments = first.get("abr.segments").asLong();
        assertEquals(4 * segments, first.get("abr.segmentMessages").asLong(), "one message per rendition per span");
        assertTrue(first.get("latencyNs").get("p50").asLong() > 0);
        assertTrue(Files.size(dir.resolve("first").resolve("latency.hgrm")) > 0);
        assertTrue(Files.list(dir.resolve("first").resolve("journal")).anyMatch(p -> p.toString().endsWith(".cq4")));
        assertTrue(first.get("egressDigest").asText().matches("[0-9a-f]{64}"));

        final JsonNode second = demo(dir.resolve("second"), "200000");
        assertEquals(first.get("egressDigest").asText(), second.get("egressDigest").asText());
        assertEquals(first.get("egress.messages").asLong(), second.get("egress.messages").asLong());
    }

    private static JsonNode demo(final Path out, final String rate) throws IOException
    {
        final int exit = V100Main.commandLine().execute(
            "demo", "--match", ShippedMatch.FILE.toString(), "--out", out.toString(), "--rate", rate,
            "--warmup", "20000", "--wait-strategy", "SLEEPING", "--affinity", "NONE");
        assertEquals(0, exit);
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    private static List<String> names(final JsonNode array)
    {
        final List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asText()));
        return names;
    }
}
