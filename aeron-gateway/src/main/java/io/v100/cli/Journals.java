package io.v100.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File chores around the journal directory.
 */
final class Journals
{
    private Journals()
    {
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
        out.println("replacing the previous journal in " + journal);
        try (Stream<Path> paths = Files.walk(journal))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
