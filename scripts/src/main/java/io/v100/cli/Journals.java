package io.v100.cli;

import org.agrona.IoUtil;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * File chores around the journal directory.
 */
final class Journals
{
    private Journals()
    {
    }

    /** The subdirectories a core keeps under its data directory. */
    static final String[] DATA_SUBDIRECTORIES = { "journal", "egress", "snapshots" };

    /**
     * Delete a previous run's journals and snapshots so a new run starts from ring sequence 0, saying so.
     *
     * @param dataDirectory holding them.
     * @param out           where to say it.
     * @throws IOException if they cannot be deleted.
     */
    static void deleteData(final Path dataDirectory, final PrintStream out) throws IOException
    {
        for (final String name : DATA_SUBDIRECTORIES)
        {
            deleteIfPresent(dataDirectory.resolve(name), out);
        }
    }

    /**
     * Delete a previous run's journal so a new run starts from ring sequence 0, saying so.
     *
     * @param journal directory.
     * @param out     where to say it.
     * @throws IOException if it cannot be deleted.
     */
    static void deleteIfPresent(final Path journal, final PrintStream out) throws IOException
    {
        if (!Files.exists(journal))
        {
            return;
        }
        out.println("deleting the previous run's " + journal);
        IoUtil.delete(journal.toFile(), false);
    }
}
