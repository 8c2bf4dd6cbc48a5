package io.v100.cli;

import org.agrona.IoUtil;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * File chores around the journal directory.
 */
final class Journals
{
    private Journals()
    {
    }

    /** Suffix of Chronicle Queue's cycle files. */
    static final String JOURNAL_FILE_SUFFIX = ".cq4";

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
     * Check that a directory holds a Chronicle Queue journal before a read-only tool opens it: opening a queue
     * in a directory without one would create its metadata file there.
     *
     * @param option    the option that named the directory, for the message.
     * @param directory to read.
     * @throws UsageException naming the option and the directory when it is missing or holds no journal files.
     */
    static void requireJournal(final String option, final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new UsageException(option + " " + directory + ": no such directory");
        }
        try (Stream<Path> files = Files.list(directory))
        {
            if (files.noneMatch(file -> file.getFileName().toString().endsWith(JOURNAL_FILE_SUFFIX)))
            {
                throw new UsageException(option + " " + directory + ": not a journal (no *" + JOURNAL_FILE_SUFFIX +
                    " files)");
            }
        }
        catch (final IOException ex)
        {
            throw new UsageException(option + " " + directory + ": cannot list it (" + CommandErrors.describe(ex) + ")");
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
