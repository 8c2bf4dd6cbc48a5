package io.v100.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What the shipped StatsBomb file says, read here with a plain Jackson tree scan, independently of the feeder,
 * so the system tests compare the core's answers with the data rather than with the code under test.
 */
final class ShippedMatch
{
    static final Path FILE = Path.of("..", FeedOptions.SHIPPED_MATCH);

    final List<String> goals = new ArrayList<>();
    int redCards;
    int penaltiesInPlay;

    static ShippedMatch read() throws IOException
    {
        final ShippedMatch match = new ShippedMatch();
        final JsonNode events;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FILE)))
        {
            events = new ObjectMapper().readTree(in);
        }
        for (final JsonNode event : events)
        {
            final String type = event.path("type").path("name").asText();
            final int period = event.path("period").asInt();
            final String timestamp = event.path("timestamp").asText();
            final long clockMs = (event.path("minute").asLong() * 60 + event.path("second").asLong()) * 1000 +
                Long.parseLong(timestamp.substring(timestamp.indexOf('.') + 1));
            final String team = event.path("team").path("name").asText();
            if (period <= 4 && type.equals("Shot") &&
                event.path("shot").path("outcome").path("name").asText().equals("Goal"))
            {
                match.goals.add(team + "/" + period + "/" + clockMs + "/false");
            }
            if (period <= 4 && type.equals("Own Goal For"))
            {
                match.goals.add(team + "/" + period + "/" + clockMs + "/true");
            }
            if (period <= 4 && type.equals("Shot") &&
                event.path("shot").path("type").path("name").asText().equals("Penalty"))
            {
                match.penaltiesInPlay++;
            }
            final String card = event.path("foul_committed").path("card").path("name").asText(
                event.path("bad_behaviour").path("card").path("name").asText());
            if (card.equals("Red Card") || card.equals("Second Yellow"))
            {
                match.redCards++;
            }
        }
        return match;
    }

    /**
     * @param team name.
     * @return goals credited to that team.
     */
    long goalsOf(final String team)
    {
        return goals.stream().filter(goal -> goal.startsWith(team + "/")).count();
    }
}
