package io.v100.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.stream.Stream;

/**
 * Deletes journal cycle files that a snapshot has made unnecessary, keeping a configurable number of older
 * cycles, so disk use stays bounded over a long run.
 * <p>
 * Chronicle Queue writes one file per roll cycle and names files so they sort in cycle order; the n-th file in
 * name order holds the n-th cycle the queue lists. A cycle file is deleted only when every cycle it holds is older
 * than the snapshot's cycle minus {@code keepCycles}; the file being appended to is never older than that.
 */
public final class JournalRetention
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);
    private static final String CYCLE_SUFFIX = ".cq4";

    private JournalRetention()
    {
    }

    /**
     * @param context      the journal to prune.
     * @param cycle        roll cycle of the newest snapshot's journal index.
     * @param keepCycles   cycles older than that to keep anyway.
     * @return files deleted.
     */
    public static int prune(final JournalContext context, final int cycle, final int keepCycles)
    {
        final Path directory = context.directory();
        try (ChronicleQueue queue = InputJournal.open(context))
        {
            final SingleChronicleQueue single = (SingleChronicleQueue)queue;
            final NavigableSet<Long> cycles = single.listCyclesBetween(single.firstCycle(), single.lastCycle());
            final List<Path> files = cycleFiles(directory);
            if (cycles.size() != files.size())
            {
                LOG.warn("retention skipped for {}: {} cycles listed but {} files", directory, cycles.size(),
                    files.size());
                return 0;
            }

            int deleted = 0;
            int i = 0;
            for (final long fileCycle : cycles)
            {
                if (fileCycle < (long)cycle - keepCycles)
                {
                    Files.deleteIfExists(files.get(i));
                    deleted++;
                }
                i++;
            }
            if (deleted > 0)
            {
                single.refreshDirectoryListing();
            }
            return deleted;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prune journal " + directory, ex);
        }
    }

    /**
     * @param context of a journal.
     * @param index   a Chronicle Queue index in it.
     * @return the roll cycle that index belongs to.
     */
    public static int cycleOf(final JournalContext context, final long index)
    {
        try (ChronicleQueue queue = InputJournal.open(context))
        {
            return queue.rollCycle().toCycle(index);
        }
    }

    /**
     * @param directory of a journal.
     * @return its cycle files in name (= cycle) order.
     */
    public static List<Path> cycleFiles(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory))
        {
            final List<Path> files = new ArrayList<>(paths
                .filter(path -> path.getFileName().toString().endsWith(CYCLE_SUFFIX))
                .sorted()
                .toList());
            return files;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
    }
}
