package io.v100.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.v100.journal.EgressJournal;
import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import io.v100.journal.JournalKind;
import io.v100.tools.SbeFrames;
import io.v100.tools.TestSchemaIr;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpCommandTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final long[] inputIndices = new long[5];

    @Test
    void shouldPrintOneJsonLinePerInputWithEveryFieldDecoded() throws IOException
    {
        final Path journal = writeInputJournal();

        assertEquals(0, dump("--journal", journal.toString()), err.toString());
        final List<JsonNode> lines = lines();
        assertEquals(5, lines.size());

        final JsonNode goal = lines.get(0);
        assertEquals(List.of("index", "ringSequence", "timestampNs", "message", "fields"), names(goal));
        assertEquals(inputIndices[0], goal.get("index").asLong());
        assertEquals(0, goal.get("ringSequence").asLong());
        assertEquals(T0 + 10, goal.get("timestampNs").asLong());
        assertEquals("MatchEvent", goal.get("message").asText());
        assertEquals("GOAL", goal.get("fields").get("eventType").asText());
        assertEquals(7, goal.get("fields").get("teamId").asInt());
        assertEquals(T0, goal.get("fields").get("timestampNs").asLong());

        final JsonNode license = lines.get(1);
        assertEquals("LicenseRequest", license.get("message").asText());
        assertEquals("00112233445566778899aabbccddeeff", license.get("fields").get("kid").asText());

        final JsonNode video = lines.get(2);
        assertEquals("VideoFrame", video.get("message").asText());
        assertEquals(2, video.get("fields").get("renditions").size());
        assertEquals(120_000, video.get("fields").get("renditions").get(1).get("frameBytes").asInt());

        final JsonNode malformed = lines.get(3);
        assertEquals(inputIndices[3], malformed.get("index").asLong());
        assertEquals(3, malformed.get("ringSequence").asLong());
        assertEquals("MatchEvent", malformed.get("message").asText());
        assertTrue(malformed.get("error").asText().startsWith("truncated"), malformed.toString());
        assertFalse(malformed.has("fields"));

        assertEquals("MatchEvent", lines.get(4).get("message").asText());
        assertEquals(4, lines.get(4).get("ringSequence").asLong());
    }

    @Test
    void shouldFilterByTypeInAnyCase() throws IOException
    {
        final Path journal = writeInputJournal();

        assertEquals(0, dump("--journal", journal.toString(), "--type", "matchevent"), err.toString());
        final List<JsonNode> lines = lines();
        assertEquals(List.of(0L, 3L, 4L), ringSequences(lines));
    }

    @Test
    void shouldStopAtTheLimitAfterTheTypeFilter() throws IOException
    {
        final Path journal = writeInputJournal();

        assertEquals(0, dump("--journal", journal.toString(), "--type", "MatchEvent", "--limit", "2"), err.toString());
        assertEquals(List.of(0L, 3L), ringSequences(lines()));
    }

    @Test
    void shouldStartAtTheGivenIndex() throws IOException
    {
        final Path journal = writeInputJournal();

        assertEquals(0, dump("--journal", journal.toString(), "--from", Long.toString(inputIndices[2])), err.toString());
        final List<JsonNode> lines = lines();
        assertEquals(List.of(2L, 3L, 4L), ringSequences(lines));
        assertEquals(inputIndices[2], lines.get(0).get("index").asLong());
    }

    @Test
    void shouldRefuseAnIndexNotInTheJournal() throws IOException
    {
        final Path journal = writeInputJournal();

        assertEquals(DumpCommand.EXIT_ERROR, dump("--journal", journal.toString(), "--from", Long.toString(inputIndices[4] + 1)));
        assertTrue(err.toString().contains("no entry at index " + (inputIndices[4] + 1)), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void shouldListTheValidTypesForAnUnknownType() throws IOException
    {
        final Path journal = writeInputJournal();

        assertEquals(DumpCommand.EXIT_ERROR, dump("--journal", journal.toString(), "--type", "Goal"));
        assertTrue(err.toString().contains("unknown message type 'Goal'"), err.toString());
        assertTrue(err.toString().contains("GoalScored"), err.toString());
        assertTrue(err.toString().contains("MatchEvent"), err.toString());
    }

    @Test
    void shouldRefuseAMissingDirectoryWithoutCreatingIt()
    {
        final Path missing = dir.resolve("missing");

        assertEquals(DumpCommand.EXIT_ERROR, dump("--journal", missing.toString()));
        assertTrue(err.toString().contains("no journal directory at " + missing), err.toString());
        assertFalse(Files.exists(missing));
    }

    @Test
    void shouldAskForTheKindWhenTheMarkerIsMissingOrUnreadable() throws IOException
    {
        final Path journal = writeInputJournal();
        Files.delete(journal.resolve(JournalKind.MARKER_FILE));

        assertEquals(DumpCommand.EXIT_ERROR, dump("--journal", journal.toString()));
        assertTrue(err.toString().contains("pass --kind input|egress"), err.toString());

        Files.writeString(journal.resolve(JournalKind.MARKER_FILE), "kind=sideways\n");
        assertEquals(DumpCommand.EXIT_ERROR, dump("--journal", journal.toString()));
        assertTrue(err.toString().contains("cannot read the journal marker"), err.toString());

        assertEquals(0, dump("--journal", journal.toString(), "--kind", "INPUT"), err.toString());
        assertEquals(5, lines().size());
    }

    @Test
    void shouldPrintOneLinePerEgressMessageWithItsPositionInTheTick() throws IOException
    {
        final Path journal = dir.resolve("egress");
        final long[] ticks = writeEgressJournal(journal);

        assertEquals(0, dump("--journal", journal.toString()), err.toString());
        final List<JsonNode> lines = lines();
        assertEquals(3, lines.size());

        final JsonNode odds = lines.get(0);
        assertEquals(List.of("index", "position", "ringSequence", "timestampNs", "message", "fields"), names(odds));
        assertEquals(ticks[0], odds.get("index").asLong());
        assertEquals(0, odds.get("position").asInt());
        assertEquals(5, odds.get("ringSequence").asLong());
        assertEquals(T0 + 500, odds.get("timestampNs").asLong());
        assertEquals("OddsUpdate", odds.get("message").asText());
        assertEquals("DRAW", odds.get("fields").get("prices").get(1).get("selection").asText());
        assertEquals(3400, odds.get("fields").get("prices").get(1).get("decimalOdds").asInt());

        final JsonNode status = lines.get(1);
        assertEquals(ticks[0], status.get("index").asLong());
        assertEquals(1, status.get("position").asInt());
        assertEquals("MarketStatus", status.get("message").asText());
        assertEquals("SUSPENDED", status.get("fields").get("state").asText());

        final JsonNode later = lines.get(2);
        assertEquals(ticks[1], later.get("index").asLong());
        assertEquals(0, later.get("position").asInt());
        assertEquals(6, later.get("ringSequence").asLong());
        assertEquals(T0 + 600, later.get("timestampNs").asLong());
    }

    @Test
    void shouldStartAnEgressDumpAtATick() throws IOException
    {
        final Path journal = dir.resolve("egress");
        final long[] ticks = writeEgressJournal(journal);

        assertEquals(0, dump("--journal", journal.toString(), "--from", Long.toString(ticks[1])), err.toString());
        final List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        assertEquals(6, lines.get(0).get("ringSequence").asLong());

        assertEquals(DumpCommand.EXIT_ERROR, dump("--journal", journal.toString(), "--from", Long.toString(ticks[1] + 1)));
        assertTrue(err.toString().contains("no tick at index " + (ticks[1] + 1)), err.toString());
    }

    @Test
    void shouldDescribeEveryOptionInItsHelp()
    {
        assertEquals(0, dump("--help"));
        final String help = out.toString();
        for (final String option : Arrays.asList("--journal", "--from", "--limit", "--type", "--kind"))
        {
            assertTrue(help.contains(option), help);
        }
    }

    private Path writeInputJournal()
    {
        final Path journal = dir.resolve("input");
        final byte[] truncated = SbeFrames.matchEvent(4, T0 + 3);
        final byte[][] frames = {
            SbeFrames.matchEvent(1, T0),
            SbeFrames.licenseRequest(2, T0 + 1),
            SbeFrames.videoFrame(3, T0 + 2),
            Arrays.copyOf(truncated, truncated.length - 6),
            SbeFrames.matchEvent(5, T0 + 4),
        };
        try (InputJournal input = new InputJournal(new JournalContext().directory(journal)))
        {
            for (int i = 0; i < frames.length; i++)
            {
                final UnsafeBuffer frame = new UnsafeBuffer(frames[i]);
                inputIndices[i] = input.append(i, T0 + 10 + i, frame, 0, frames[i].length, frames[i].length);
            }
        }
        return journal;
    }

    private static long[] writeEgressJournal(final Path journal)
    {
        final byte[] odds = SbeFrames.oddsUpdate(5, T0 + 500, 2150, 3400, 3900);
        final byte[] status = SbeFrames.marketStatus(5, T0 + 500);
        final byte[] later = SbeFrames.marketStatus(6, T0 + 600);
        final byte[] tick = new byte[odds.length + status.length];
        System.arraycopy(odds, 0, tick, 0, odds.length);
        System.arraycopy(status, 0, tick, odds.length, status.length);
        try (EgressJournal egress = new EgressJournal(new JournalContext().directory(journal)))
        {
            final long first = egress.appendTick(5, new UnsafeBuffer(tick), new int[]{ 0, odds.length },
                new int[]{ odds.length, status.length }, 2);
            final long second = egress.appendTick(6, new UnsafeBuffer(later), new int[]{ 0 },
                new int[]{ later.length }, 1);
            return new long[]{ first, second };
        }
    }

    private int dump(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final CommandLine commandLine = new CommandLine(new DumpCommand(TestSchemaIr::load));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private List<JsonNode> lines() throws IOException
    {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.toString().split("\n"))
        {
            if (!line.isEmpty())
            {
                lines.add(MAPPER.readTree(line));
            }
        }
        return lines;
    }

    private static List<Long> ringSequences(final List<JsonNode> lines)
    {
        final List<Long> sequences = new ArrayList<>();
        for (final JsonNode line : lines)
        {
            sequences.add(line.get("ringSequence").asLong());
        }
        return sequences;
    }

    private static List<String> names(final JsonNode object)
    {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
