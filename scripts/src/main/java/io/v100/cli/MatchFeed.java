package io.v100.cli;

import io.v100.demo.DemoFeed;
import io.v100.feed.FeedContext;
import io.v100.feed.IngressStream;
import io.v100.feed.StatsBombMatch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A parsed match and the ingress stream generated from it, as {@code demo} and {@code feed} both need.
 *
 * @param match   the parsed StatsBomb file.
 * @param context the feed settings.
 * @param stream  the generated ingress stream.
 */
record MatchFeed(StatsBombMatch match, FeedContext context, IngressStream stream)
{
    static MatchFeed open(final Path file, final FeedContext context, final PrintStream out) throws IOException
    {
        return of(file, StatsBombMatch.read(file), context, out);
    }

    /**
     * @param match a parsed match.
     * @return whether it holds match events of two teams, as a feed needs.
     */
    static boolean isPlayable(final StatsBombMatch match)
    {
        return !match.events().isEmpty() && 0 != match.homeTeamId() && 0 != match.awayTeamId();
    }

    /**
     * @param file    the match was read from, for the description line.
     * @param match   parsed from it, {@link #isPlayable playable}.
     * @param context the feed settings.
     * @param out     where the one-line description goes.
     * @return the match and its stream.
     * @throws IllegalArgumentException when the match is not playable.
     */
    static MatchFeed of(final Path file, final StatsBombMatch match, final FeedContext context, final PrintStream out)
    {
        if (!isPlayable(match))
        {
            throw new IllegalArgumentException(
                file + ": no match events of two teams (" + match.rawEventCount() + " events read)");
        }
        final IngressStream stream = newStream(match, context);
        out.printf("match %s: %s v %s, %,d events read, %,d frames to send%n",
            file.getFileName(),
            match.teamName(match.homeTeamId()),
            match.teamName(match.awayTeamId()),
            match.rawEventCount(),
            stream.totalFrames());
        return new MatchFeed(match, context, stream);
    }

    /**
     * @return a fresh stream of the same match and settings, identical frame for frame to {@link #stream()}.
     */
    IngressStream newStream()
    {
        return newStream(match, context);
    }

    private static IngressStream newStream(final StatsBombMatch match, final FeedContext context)
    {
        return DemoFeed.stream(match, context);
    }
}
