package io.v100.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.v100.sbe.MatchEventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsBombMatchTest
{
    private static final int BARCELONA = 217;
    private static final int GIRONA = 211;
    private static StatsBombMatch real;

    @BeforeAll
    static void readRealMatch() throws IOException
    {
        real = FeedFixtures.realMatch();
    }

    @Test
    void shouldReadRealMatchWithLineUpOrderForHomeAndAway()
    {
        assertEquals(4027, real.rawEventCount());
        assertEquals(15986L, real.matchId());
        assertEquals(BARCELONA, real.homeTeamId());
        assertEquals(GIRONA, real.awayTeamId());
        assertEquals("Barcelona", real.teamName(BARCELONA));
        assertEquals("Girona", real.teamName(GIRONA));
        assertEquals(2, real.periods().length);
        assertEquals(((48 * 60) + 1) * 1_000_000_000L + 108_000_000L, real.periodDurationNs(1));
        assertEquals(((48 * 60) + 8) * 1_000_000_000L + 184_000_000L, real.periodDurationNs(2));
    }

    @Test
    void shouldFindTheGoalsAnIndependentScanOfTheFileFinds() throws IOException
    {
        final List<String> expected = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FeedFixtures.REAL_MATCH)))
        {
            for (final JsonNode event : new ObjectMapper().readTree(in))
            {
                final String type = event.path("type").path("name").asText();
                final boolean shotGoal = "Shot".equals(type) &&
                    "Goal".equals(event.path("shot").path("outcome").path("name").asText());
                if (shotGoal || "Own Goal For".equals(type))
                {
                    final String timestamp = event.get("timestamp").asText();
                    final long ms = (event.get("minute").asLong() * 60 + event.get("second").asLong()) * 1000 +
                        Long.parseLong(timestamp.substring(timestamp.length() - 3));
                    expected.add(event.path("team").path("id").asInt() + "@" + ms);
                }
            }
        }
        final List<String> actual = real.goals().stream()
            .map(goal -> goal.teamId() + "@" + goal.matchClockMs())
            .collect(Collectors.toList());
        assertEquals(expected, actual);

        assertEquals(List.of(
            BARCELONA + "@" + ((18 * 60 + 21) * 1000 + 121),
            GIRONA + "@" + ((44 * 60 + 29) * 1000 + 908),
            GIRONA + "@" + ((50 * 60 + 18) * 1000 + 479),
            BARCELONA + "@" + ((62 * 60 + 11) * 1000 + 272)), actual);
        assertEquals(2, real.goals().stream().filter(goal -> goal.teamId() == BARCELONA).count());
        assertEquals(2, real.goals().stream().filter(goal -> goal.teamId() == GIRONA).count());
        assertTrue(real.shootOutGoals().isEmpty());
        assertEquals(4, real.events().stream().filter(e -> e.type() == MatchEventType.GOAL).count());
    }

    @Test
    void shouldMapLengletRedCard()
    {
        final List<FeedMatchEvent> reds = real.events().stream()
            .filter(e -> e.type() == MatchEventType.RED_CARD)
            .collect(Collectors.toList());
        assertEquals(1, reds.size());
        final FeedMatchEvent red = reds.get(0);
        assertEquals(6826, red.playerId());
        assertEquals(BARCELONA, red.teamId());
        assertEquals(1, red.period());
        assertEquals(32 * 60 + 36, red.matchClockMs() / 1000);
    }

    @Test
    void shouldKeepOneHalfStartAndHalfEndPerPeriodAndOrderEvents()
    {
        assertEquals(2, real.events().stream().filter(e -> e.type() == MatchEventType.HALF_START).count());
        assertEquals(2, real.events().stream().filter(e -> e.type() == MatchEventType.HALF_END).count());
        FeedMatchEvent previous = null;
        for (final FeedMatchEvent e : real.events())
        {
            if (null != previous)
            {
                assertTrue(previous.period() < e.period() ||
                    (previous.period() == e.period() && previous.periodTimeNs() <= e.periodTimeNs()), e.toString());
            }
            assertTrue(e.type() == MatchEventType.BALL_EVENT ? !Float.isNaN(e.x()) : true);
            previous = e;
        }
        assertEquals(MatchEventType.HALF_START, real.events().get(0).type());
        assertEquals(MatchEventType.HALF_END, real.events().get(real.events().size() - 1).type());
    }

    @Test
    void shouldEmitOneOwnGoalCreditedToTheOtherTeam() throws IOException
    {
        final StatsBombMatch match = FeedFixtures.synthetic("own-goals.json");
        assertEquals(10, match.homeTeamId());
        assertEquals(20, match.awayTeamId());

        final List<FeedMatchEvent> ownGoals = match.events().stream()
            .filter(e -> e.type() == MatchEventType.OWN_GOAL)
            .collect(Collectors.toList());
        assertEquals(2, ownGoals.size());
        final FeedMatchEvent paired = ownGoals.get(0);
        assertEquals(10, paired.teamId());
        assertEquals(201, paired.playerId());
        assertEquals((10 * 60 + 5) * 1000 + 250, paired.matchClockMs());
        assertEquals(5.0f, paired.x());
        final FeedMatchEvent unpaired = ownGoals.get(1);
        assertEquals(20, unpaired.teamId());
        assertEquals(102, unpaired.playerId());

        assertEquals(2, match.goals().size());
        assertEquals(10, match.goals().get(0).teamId());
        assertTrue(match.goals().get(0).ownGoal());
        assertEquals(20, match.goals().get(1).teamId());
        assertEquals(0, match.events().stream().filter(e -> e.type() == MatchEventType.GOAL).count());
    }

    @Test
    void shouldMapFoulsCardsPenaltiesAndSkipEventsWithoutLocation() throws IOException
    {
        final List<String> mapped = FeedFixtures.synthetic("cards.json").events().stream()
            .map(e -> e.sourceIndex() + ":" + e.type() + ":" + e.teamId() + ":" + e.playerId())
            .collect(Collectors.toList());
        assertEquals(List.of(
            "3:HALF_START:30:0",
            "4:FOUL:40:401",
            "4:YELLOW_CARD:40:401",
            "5:FOUL:30:301",
            "6:FOUL:40:401",
            "6:SECOND_YELLOW:40:401",
            "7:RED_CARD:30:302",
            "9:PENALTY_AWARDED:30:304",
            "9:SHOT:30:304",
            "10:SUBSTITUTION:40:402",
            "11:HALF_END:30:0"), mapped);

        final FeedMatchEvent shot = FeedFixtures.synthetic("cards.json").events().get(8);
        assertEquals(0.7835f, shot.xg());
        assertEquals(108.0f, shot.x());
        assertEquals(40.0f, shot.y());
        final FeedMatchEvent red = FeedFixtures.synthetic("cards.json").events().get(6);
        assertTrue(Float.isNaN(red.x()));
    }

    @Test
    void shouldMapShootOutKicksToGoalsThatDoNotCountTowardsTheScore() throws IOException
    {
        final StatsBombMatch match = FeedFixtures.synthetic("extra-time-shootout.json");
        assertEquals(5, match.periods().length);

        final List<FeedMatchEvent> shootOut = match.events().stream()
            .filter(e -> e.period() == 5 && (e.type() == MatchEventType.GOAL || e.type() == MatchEventType.SHOT))
            .collect(Collectors.toList());
        assertEquals(3, shootOut.size());
        assertEquals(MatchEventType.GOAL, shootOut.get(0).type());
        assertEquals(MatchEventType.SHOT, shootOut.get(1).type());
        assertEquals(MatchEventType.GOAL, shootOut.get(2).type());
        assertEquals(0, match.events().stream()
            .filter(e -> e.type() == MatchEventType.PENALTY_AWARDED).count());

        assertEquals(2, match.goals().size());
        assertEquals(3, match.goals().get(0).period());
        assertEquals(4, match.goals().get(1).period());
        assertEquals(2, match.shootOutGoals().size());
        assertEquals(502, match.shootOutGoals().get(0).playerId());
        assertEquals(503, match.shootOutGoals().get(1).playerId());
    }

    @Test
    void shouldDetectGzipByMagicBytesNotByName(@TempDir final Path dir) throws IOException
    {
        final Path plain = dir.resolve("777-plain.json");
        final Path gzipped = dir.resolve("888-gzipped.json");
        try (InputStream in = StatsBombMatchTest.class.getResourceAsStream("/feed/cards.json"))
        {
            assertNotNull(in);
            final byte[] json = in.readAllBytes();
            Files.write(plain, json);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped)))
            {
                out.write(json);
            }
        }
        final StatsBombMatch fromPlain = StatsBombMatch.read(plain);
        final StatsBombMatch fromGzip = StatsBombMatch.read(gzipped);
        assertEquals(777L, fromPlain.matchId());
        assertEquals(888L, fromGzip.matchId());
        assertEquals(fromPlain.events().toString(), fromGzip.events().toString());
        assertEquals(11, fromGzip.rawEventCount());
    }

    @Test
    void shouldParseTimestampsAndFileNames()
    {
        assertEquals(((1 * 60 + 2) * 60 + 3) * 1_000_000_000L + 456_000_000L,
            StatsBombMatch.parseTimestampNs("01:02:03.456"));
        assertEquals(5_000_000_000L + 100_000_000L, StatsBombMatch.parseTimestampNs("00:00:05.1"));
        assertEquals(59_000_000_000L, StatsBombMatch.parseTimestampNs("00:00:59"));
        assertThrows(IllegalArgumentException.class, () -> StatsBombMatch.parseTimestampNs("00:5"));
        assertThrows(IllegalArgumentException.class, () -> StatsBombMatch.parseTimestampNs("00:00:0x.000"));
        assertEquals(15986L, StatsBombMatch.matchIdFromFileName("15986-events.json.gz"));
        assertEquals(StatsBombMatch.NO_MATCH_ID, StatsBombMatch.matchIdFromFileName("events.json"));
    }

    @Test
    void shouldRejectEventsWithoutPeriod() throws IOException
    {
        final byte[] json = "[{\"index\": 1, \"timestamp\": \"00:00:00.000\", \"type\": {\"name\": \"Pass\"}}]"
            .getBytes(StandardCharsets.UTF_8);
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> StatsBombMatch.read(new ByteArrayInputStream(json), 1L));
        assertFalse(error.getMessage().isEmpty());
    }
}
