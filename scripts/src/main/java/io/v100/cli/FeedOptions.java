package io.v100.cli;

import io.v100.demo.DemoFeed;
import io.v100.feed.FeedContext;
import io.v100.feed.StatsBombMatch;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Feed options shared by {@code demo} and {@code feed}.
 */
public final class FeedOptions
{
    /** The match shipped with the project, relative to the project root. */
    public static final String SHIPPED_MATCH = "data/statsbomb/15986-events.json.gz";

    /** Set by {@code scripts/v100} to the project root so the shipped match is found from any directory. */
    public static final String HOME_PROP_NAME = "v100.home";

    @Option(names = "--match", paramLabel = "FILE",
        description = "StatsBomb events file, .json or .json.gz (default: the shipped match, " + SHIPPED_MATCH +
            ": Barcelona v Girona, La Liga 2018/19; Data: StatsBomb Open Data).")
    Path match;

    @Option(names = "--kickoff", paramLabel = "ISO-8601",
        description = "Kick-off instant the match's event times are built from, e.g. 2018-09-23T14:30:00Z " +
            "(default: 2018-09-23T14:30:00Z).")
    Instant kickoff;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "100",
        description = "Seed of the generated streams: video, cameras, detector scores, viewers, bets " +
            "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--viewers", paramLabel = "N", defaultValue = "2000",
        description = "Viewers who join, buy (most of them), request licences and bet (default: ${DEFAULT-VALUE}).")
    int viewers;

    @Option(names = "--rate", paramLabel = "FRAMES_PER_S", defaultValue = "100000",
        description = "Send rate, open loop: frame i is due at start + i/rate, so a stall shows as latency rather " +
            "than slowing the sender. 0 sends as fast as the core takes them, which measures queueing, not " +
            "service time (default: ${DEFAULT-VALUE}).")
    long rate;

    /**
     * Check the options that need no file: {@code --rate}, {@code --viewers}, and the feed settings they make.
     *
     * @throws UsageException naming the first bad option.
     */
    void validate()
    {
        if (rate < 0)
        {
            throw new UsageException("--rate " + rate + ": must be 0 (as fast as the core takes them) or more frames/s");
        }
        if (viewers < 0)
        {
            throw new UsageException("--viewers " + viewers + ": must be 0 or more");
        }
        try
        {
            toContext().conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("feed settings: " + CommandErrors.describe(ex));
        }
    }

    /**
     * Read and parse the match, so a bad file is refused before anything starts.
     *
     * @param context the feed settings.
     * @param out     where the one-line description of the match goes.
     * @return the parsed match and its stream.
     * @throws UsageException naming the file when it is missing, unreadable, not a StatsBomb events file, or
     *                        holds no events of two teams (an empty array, say).
     */
    MatchFeed openMatch(final FeedContext context, final PrintStream out)
    {
        final Path file = matchFile();
        final String option = null != match ? "--match " : "shipped match ";
        final StatsBombMatch match;
        try
        {
            match = StatsBombMatch.read(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new UsageException(option + file + ": not a StatsBomb events file (" + CommandErrors.describe(ex) + ")");
        }
        if (!MatchFeed.isPlayable(match))
        {
            throw new UsageException(option + file + ": no match events of two teams (" + match.rawEventCount() +
                " events read)");
        }
        return MatchFeed.of(file, match, context, out);
    }

    Path matchFile()
    {
        if (null != match)
        {
            if (!Files.isRegularFile(match))
            {
                throw new UsageException("--match " + match + ": no such file");
            }
            if (!Files.isReadable(match))
            {
                throw new UsageException("--match " + match + ": not readable");
            }
            return match;
        }
        final Path home = Path.of(System.getProperty(HOME_PROP_NAME, "."));
        final Path shipped = home.resolve(SHIPPED_MATCH);
        if (!Files.isReadable(shipped))
        {
            throw new UsageException(
                "shipped match not found at " + shipped.toAbsolutePath() + "; run from the project root or pass --match");
        }
        return shipped;
    }

    FeedContext toContext()
    {
        final FeedContext context = DemoFeed.context().seed(seed);
        context.viewers().viewerCount(viewers);
        if (null != kickoff)
        {
            context.kickoffNs(TimeUnit.SECONDS.toNanos(kickoff.getEpochSecond()) + kickoff.getNano());
        }
        return context;
    }
}
