package io.v100.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.v100.client.EgressTally;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} of a run, built from what the core sent back, never from what the feeder intended:
 * the score and goals are those the wagering handler held, the counters those the core answered.
 * <p>
 * Keys use dotted names ({@code "wagering.betsAccepted"}) at the top level, as the issue specifies them, in a
 * stable order.
 */
public final class RunSummary
{
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /**
     * @param teamNames team id to name, home first.
     * @param published frames the client sent, the closing status request included.
     * @param tally     of the egress stream, holding the answer to the closing status request.
     * @return the summary.
     * @throws IllegalStateException if the tally has no status answer or no score.
     */
    public static RunSummary of(final Map<Integer, String> teamNames, final long published, final EgressTally tally)
    {
        final EgressTally.Counters counters = tally.counters();
        final EgressTally.Latency latency = tally.latency();
        final EgressTally.Score score = tally.score();
        if (null == counters || null == score)
        {
            throw new IllegalStateException("the core has not answered the status request");
        }

        final RunSummary summary = new RunSummary();
        final Map<String, Object> f = summary.fields;
        f.put("match.teams", new ArrayList<>(teamNames.values()));
        final Map<String, Integer> scoreByName = new LinkedHashMap<>();
        scoreByName.put(name(teamNames, score.homeTeamId()), score.homeGoals());
        scoreByName.put(name(teamNames, score.awayTeamId()), score.awayGoals());
        f.put("match.score", scoreByName);
        final List<Map<String, Object>> goals = new ArrayList<>();
        for (final EgressTally.Goal goal : tally.goals())
        {
            final Map<String, Object> g = new LinkedHashMap<>();
            g.put("team", name(teamNames, goal.teamId()));
            g.put("period", goal.period());
            g.put("matchClockMs", goal.matchClockMs());
            g.put("ownGoal", goal.ownGoal());
            goals.add(g);
        }
        f.put("match.goals", goals);
        final Map<String, Integer> redCards = new LinkedHashMap<>();
        redCards.put(name(teamNames, score.homeTeamId()), score.homeRedCards());
        redCards.put(name(teamNames, score.awayTeamId()), score.awayRedCards());
        f.put("match.redCards", redCards);

        f.put("events.published", published);
        f.put("events.journaled", counters.eventsJournaled());
        f.put("events.processed", counters.eventsProcessed());
        f.put("events.rejected", counters.eventsRejected());
        f.put("events.rejectedByReason", names(tally.rejections()));

        f.put("wagering.suspensions", tally.suspensions());
        f.put("wagering.betsAccepted", tally.betsAccepted());
        final Map<String, Long> betsRejected = new LinkedHashMap<>();
        tally.betResults().forEach((code, count) ->
        {
            if (code != io.v100.sbe.BetResultCode.ACCEPTED && code != io.v100.sbe.BetResultCode.HELD)
            {
                betsRejected.put(code.name(), count);
            }
        });
        f.put("wagering.betsRejected", betsRejected);
        f.put("wagering.betsHeld", tally.betResults().getOrDefault(io.v100.sbe.BetResultCode.HELD, 0L));

        f.put("director.cuts", tally.directorCuts());
        f.put("abr.segments", tally.segments());
        f.put("abr.segmentMessages", tally.segmentMessages());
        f.put("abr.dateRanges", tally.dateRanges());
        f.put("deepfake.alertsRaised", tally.alertsRaised());
        f.put("deepfake.alertsCleared", tally.alertsCleared());
        f.put("drm.keyRotations", tally.keyRotations());
        f.put("drm.licensesGranted", tally.licenseResults().getOrDefault(io.v100.sbe.LicenseResultCode.GRANTED, 0L));
        final Map<String, Long> denied = new LinkedHashMap<>();
        tally.licenseResults().forEach((code, count) ->
        {
            if (code != io.v100.sbe.LicenseResultCode.GRANTED)
            {
                denied.put(code.name(), count);
            }
        });
        f.put("drm.licensesDenied", denied);

        if (null != latency)
        {
            final Map<String, Long> latencyNs = new LinkedHashMap<>();
            latencyNs.put("count", latency.count());
            latencyNs.put("p50", latency.p50Ns());
            latencyNs.put("p99", latency.p99Ns());
            latencyNs.put("p999", latency.p999Ns());
            latencyNs.put("max", latency.maxNs());
            f.put("latencyNs", latencyNs);
            final Map<String, Long> tickNs = new LinkedHashMap<>();
            tickNs.put("p50", latency.tickP50Ns());
            tickNs.put("p99", latency.tickP99Ns());
            tickNs.put("p999", latency.tickP999Ns());
            tickNs.put("max", latency.tickMaxNs());
            f.put("tickNs", tickNs);
        }
        else
        {
            // The latency report is measured, so it is not journaled: if the core restarted after answering the
            // status request, the replay that restored the rest of the answer cannot bring it back.
            f.put("latencyNs", null);
            f.put("tickNs", null);
        }
        f.put("egress.messages", tally.digestedMessages());
        f.put("egressDigest", tally.digestHex());
        return summary;
    }

    /**
     * Add or replace a field, e.g. the run time or the threading plan.
     *
     * @param key   dotted name.
     * @param value any JSON-serialisable value.
     * @return this.
     */
    public RunSummary put(final String key, final Object value)
    {
        fields.put(key, value);
        return this;
    }

    /**
     * @return the fields, in order; the map is live.
     */
    public Map<String, Object> fields()
    {
        return fields;
    }

    /**
     * @return the summary as indented JSON.
     */
    public String toJson()
    {
        try
        {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("summary is not serialisable", ex);
        }
    }

    /**
     * @param file to write, parent directories created.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        if (null != file.getParent())
        {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    private static String name(final Map<Integer, String> teamNames, final int teamId)
    {
        return teamNames.getOrDefault(teamId, "team " + teamId);
    }

    private static <E extends Enum<E>> Map<String, Long> names(final Map<E, Long> counts)
    {
        final Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((key, value) -> byName.put(key.name(), value));
        return byName;
    }
}
