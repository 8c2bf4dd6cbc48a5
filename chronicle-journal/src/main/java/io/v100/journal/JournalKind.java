package io.v100.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which layout a journal directory holds, recorded in a marker file beside the queue files so tools such as
 * {@code v100 dump} can read a directory without being told.
 */
public enum JournalKind
{
    /** Raw ingress frames, one per input: {@link InputJournal}. */
    INPUT,
    /** Egress messages, one document per tick: {@link EgressJournal}. */
    EGRESS;

    /** Name of the marker file inside the journal directory. */
    public static final String MARKER_FILE = "v100-journal.properties";

    /**
     * Write the marker unless it is already there with this kind.
     *
     * @param directory of the journal, created if missing.
     * @throws IllegalStateException if the directory is marked as the other kind.
     */
    void mark(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final JournalKind existing = read(directory);
            if (null == existing)
            {
                Files.writeString(directory.resolve(MARKER_FILE), "kind=" + name().toLowerCase(Locale.ROOT) + "\n");
            }
            else if (existing != this)
            {
                throw new IllegalStateException(directory + " holds a " + existing + " journal, not " + this);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot mark journal directory " + directory, ex);
        }
    }

    /**
     * @param directory of a journal.
     * @return the kind recorded there, or null when there is no marker.
     * @throws IOException if the marker exists but cannot be read.
     */
    public static JournalKind read(final Path directory) throws IOException
    {
        final Path marker = directory.resolve(MARKER_FILE);
        if (!Files.exists(marker))
        {
            return null;
        }
        for (final String line : Files.readAllLines(marker))
        {
            if (line.startsWith("kind="))
            {
                return JournalKind.valueOf(line.substring("kind=".length()).trim().toUpperCase(Locale.ROOT));
            }
        }
        return null;
    }
}
