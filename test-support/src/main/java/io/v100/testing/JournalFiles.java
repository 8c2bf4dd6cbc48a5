package io.v100.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The bytes of a Chronicle Queue journal on disk, for tests that damage it as a crash or a power cut would: its
 * newest cycle file, where its written data ends, and where a byte pattern (a frame's client id and sequence, a
 * marker) lies in it.
 */
public final class JournalFiles
{
    private JournalFiles()
    {
    }

    /**
     * @param directory a queue directory.
     * @return its newest {@code .cq4} cycle file.
     * @throws IOException if the directory cannot be listed.
     * @throws java.util.NoSuchElementException if it holds none.
     */
    public static Path newestCycle(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).max(Path::compareTo).orElseThrow();
        }
    }

    /**
     * @param file a cycle file (memory-mapped files are zero past what was written).
     * @return position of its last non-zero byte, -1 if none.
     * @throws IOException if it cannot be read.
     */
    public static long lastNonZero(final Path file) throws IOException
    {
        long last = -1;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            final byte[] chunk = new byte[1 << 20];
            long position = 0;
            int read;
            while ((read = raf.read(chunk)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (0 != chunk[i])
                    {
                        last = position + i;
                    }
                }
                position += read;
            }
        }
        return last;
    }

    /**
     * @param file    to search.
     * @param pattern bytes to find.
     * @param last    true for the last occurrence, false for the first.
     * @return its position, -1 if absent.
     * @throws IOException if the file cannot be read.
     */
    public static long find(final Path file, final byte[] pattern, final boolean last) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final int end = bytes.length - pattern.length;
        for (int n = 0; n <= end; n++)
        {
            final int i = last ? end - n : n;
            if (matchesAt(bytes, i, pattern))
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(final byte[] bytes, final int at, final byte[] pattern)
    {
        for (int j = 0; j < pattern.length; j++)
        {
            if (bytes[at + j] != pattern[j])
            {
                return false;
            }
        }
        return true;
    }
}
