package io.v100.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output directory before a command starts any work, without creating it, so a bad {@code --out}
 * fails at once with one line and leaves nothing behind.
 */
final class OutputDirectory
{
    private OutputDirectory()
    {
    }

    /**
     * @param option    the option that named the directory, for the message.
     * @param directory to write into; it need not exist yet, but its nearest existing ancestor must be a
     *                  directory where a file can be created.
     * @throws UsageException naming the option and the directory when it cannot be written.
     */
    static void requireWritable(final String option, final Path directory)
    {
        Path existing = directory.toAbsolutePath().normalize();
        while (!Files.exists(existing))
        {
            existing = existing.getParent();
            if (null == existing)
            {
                throw new UsageException(option + " " + directory + ": no existing parent directory");
            }
        }
        if (!Files.isDirectory(existing))
        {
            throw new UsageException(option + " " + directory + ": " + existing + " is not a directory");
        }
        try
        {
            // A probe file, not Files.isWritable: root passes that check on read-only file systems such as /proc.
            final Path probe = Files.createTempFile(existing, ".v100-write-check", ".tmp");
            Files.delete(probe);
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            // The exception's own message is often just the probe's path: its type says what went wrong.
            throw new UsageException(option + " " + directory + ": cannot create a file in " + existing + " (" +
                ex.getClass().getSimpleName() + ")");
        }
    }
}
