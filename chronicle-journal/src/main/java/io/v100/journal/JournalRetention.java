package io.v100.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes journal cycle files that a snapshot has made unnecessary, keeping a configurable number of older
 * cycles, so disk use stays bounded over a long run.
 * <p>
 * Chronicle Queue writes one file per roll cycle and names them so they sort in cycle order. The file holding the
 * snapshot's last input is found through Chronicle (its cycle's store); files before it, less the
 * {@code keepCycles} nearest, are deleted. Chronicle's own persisted directory listing is deliberately not
 * consulted: after files are deleted it can still name them until every open queue refreshes it.
 */
public final class JournalRetention
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);
    private static final String CYCLE_SUFFIX = ".cq4";

    private JournalRetention()
    {
    }

    /**
     * @param context    the journal to prune.
     * @param index      journal index of the newest snapshot's last input.
     * @param keepCycles cycle files before that input's file to keep anyway.
     * @return files deleted.
     */
    public static int prune(final JournalContext context, final long index, final int keepCycles)
    {
        final Path directory = context.directory();
        final Path keepFrom;
        try (ChronicleQueue queue = InputJournal.open(context))
        {
            final SingleChronicleQueue single = (SingleChronicleQueue)queue;
            final int cycle = single.rollCycle().toCycle(index);
            final SingleChronicleQueueStore store = single.storeForCycle(cycle, single.epoch(), false, null);
            if (null == store)
            {
                LOG.warn("retention skipped for {}: no file for cycle {}", directory, cycle);
                return 0;
            }
            keepFrom = store.file().toPath().toAbsolutePath();
            store.close();
        }

        final List<Path> files = cycleFiles(directory);
        int position = -1;
        for (int i = 0; i < files.size(); i++)
        {
            if (files.get(i).toAbsolutePath().equals(keepFrom))
            {
                position = i;
            }
        }
        int deleted = 0;
        try
        {
            for (int i = 0; i < position - keepCycles; i++)
            {
                Files.deleteIfExists(files.get(i));
                deleted++;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prune journal " + directory, ex);
        }
        return deleted;
    }

    /**
     * Keep only the newest cycle files of a journal that has no snapshot of its own (the egress journal, pruned in
     * step with the input journal it answers).
     *
     * @param context of the journal.
     * @param keep    newest cycle files to keep.
     * @return files deleted.
     */
    public static int pruneToCount(final JournalContext context, final int keep)
    {
        final List<Path> files = cycleFiles(context.directory());
        int deleted = 0;
        try
        {
            for (int i = 0; i < files.size() - Math.max(1, keep); i++)
            {
                Files.deleteIfExists(files.get(i));
                deleted++;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prune journal " + context.directory(), ex);
        }
        return deleted;
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
