package io.v100.perf;

import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories for the journals of measured cores, deleted after each run.
 */
public final class TempDirs
{
    private TempDirs()
    {
    }

    /**
     * @param prefix of the directory name.
     * @return a new empty directory under the system temporary directory.
     */
    public static Path create(final String prefix)
    {
        try
        {
            return Files.createTempDirectory(prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param dir deleted with everything under it; nothing happens if it is null or absent.
     */
    public static void delete(final Path dir)
    {
        if (null == dir || !Files.exists(dir))
        {
            return;
        }
        IoUtil.delete(dir.toFile(), false);
    }
}
