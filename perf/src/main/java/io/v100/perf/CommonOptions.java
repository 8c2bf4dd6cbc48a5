package io.v100.perf;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Options every measuring command takes.
 */
public final class CommonOptions
{
    @Option(names = "--match", paramLabel = "FILE",
        description = "StatsBomb events file whose generated feed is sent (default: the shipped match, " +
            MatchFrames.SHIPPED_MATCH + ", 563,896 frames).")
    Path match;

    @Option(names = "--warmup", paramLabel = "FRAMES", defaultValue = "200000",
        description = "Frames through a throwaway in-process ring and a throwaway core over IPC before anything " +
            "is measured, so the JIT has compiled the whole path; 0 skips it (default: ${DEFAULT-VALUE}).")
    int warmupFrames;

    @Option(names = "--config-warmup", paramLabel = "DURATION", defaultValue = "500ms",
        converter = DurationConverter.class,
        description = "Schedule run on a throwaway instance of each configuration, at its rate, before its " +
            "measured run (default: ${DEFAULT-VALUE}).")
    Duration configWarmup;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
        description = "Length of the interval histograms in the .hlog files (default: ${DEFAULT-VALUE}).")
    Duration interval;

    /**
     * @param out progress.
     * @return the frames of the chosen match.
     * @throws IOException if the match cannot be read.
     */
    MatchFrames loadFrames(final java.io.PrintStream out) throws IOException
    {
        final Path file = null != match ? match : MatchFrames.shippedMatch();
        if (!Files.isReadable(file))
        {
            throw new IllegalArgumentException("match file not readable: " + file);
        }
        final long startNs = System.nanoTime();
        final MatchFrames frames = MatchFrames.load(file);
        out.printf("match %s: %,d frames encoded (%,d BetRequest/LicenseRequest answered in their own tick), %.1f s%n",
            file.getFileName(), frames.count(), frames.answeredCount(), (System.nanoTime() - startNs) / 1e9);
        out.printf("machine: %s%n", MachineInfo.describe());
        return frames;
    }

    Harness harness(final MatchFrames frames, final java.io.PrintStream out)
    {
        return new Harness(frames, out, interval.toNanos());
    }
}
