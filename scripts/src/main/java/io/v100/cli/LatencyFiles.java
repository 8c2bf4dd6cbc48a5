package io.v100.cli;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes HdrHistogram percentile distributions.
 */
final class LatencyFiles
{
    private LatencyFiles()
    {
    }

    /**
     * @param histogram of latencies in ns.
     * @param file      written as an HdrHistogram percentile distribution with values in microseconds.
     * @throws IOException if it cannot be written.
     */
    static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        if (null != file.getParent())
        {
            Files.createDirectories(file.getParent());
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
        }
    }
}
