package io.v100.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line as a new user meets it: every bad option or file gets exit code 2 and one line on stderr that
 * names it, before any warm-up and without writing anything; read-only tools never write into what they read.
 * Commands run in-process through {@link V100Main#commandLine()} with captured streams.
 */
class CommandLineErrorsTest
{
    /** The match shipped with the project, from this module's directory (surefire's working directory). */
    private static final Path SHIPPED_MATCH = Path.of("..", FeedOptions.SHIPPED_MATCH);

    @TempDir
    Path dir;

    @Test
    void missingMatchFile()
    {
        final Path missing = dir.resolve("no-such-match.json");
        final Result result = demo("--match", missing.toString());
        result.assertUsageError("--match " + missing, "no such file");
    }

    @Test
    void truncatedMatchFile() throws IOException
    {
        final Path truncated = dir.resolve("truncated.json.gz");
        try (InputStream in = Files.newInputStream(SHIPPED_MATCH))
        {
            Files.write(truncated, in.readNBytes(4096));
        }
        demo("--match", truncated.toString()).assertUsageError("--match " + truncated, "not a StatsBomb events file");
    }

    @Test
    void randomMatchFile() throws IOException
    {
        final Path random = dir.resolve("random.json");
        final byte[] bytes = new byte[8192];
        new Random(7).nextBytes(bytes);
        Files.write(random, bytes);
        demo("--match", random.toString()).assertUsageError("--match " + random, "not a StatsBomb events file");
    }

    @Test
    void emptyMatchFileIsRefused() throws IOException
    {
        final Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "[]");
        demo("--match", empty.toString()).assertUsageError("--match " + empty, "no match events of two teams");
    }

    @Test
    void unwritableOutputDirectory()
    {
        demo("--out", "/proc").assertUsageError("--out /proc", "cannot create a file in /proc");
    }

    @Test
    void negativeRate()
    {
        demo("--rate", "-5").assertUsageError("--rate -5", "must be 0");
    }

    @Test
    void ringSizeNotAPowerOfTwo()
    {
        demo("--ring-size", "1000").assertUsageError("--ring-size 1000", "power of two");
    }

    @Test
    void negativeViewers()
    {
        demo("--viewers", "-3").assertUsageError("--viewers -3", "must be 0 or more");
    }

    @Test
    void negativeWarmup()
    {
        demo("--warmup", "-1").assertUsageError("--warmup -1", "must be 0");
    }

    @Test
    void unknownRollCycle()
    {
        demo("--roll-cycle", "WEEKLY_ISH").assertUsageError("--roll-cycle WEEKLY_ISH", "roll cycle");
    }

    @Test
    void optionThatDoesNotParse()
    {
        demo("--rate", "fast").assertUsageError("--rate", "'fast'");
    }

    @Test
    void feedRejectsBadOptionsBeforeConnecting()
    {
        run("feed", "--rate", "-5", "--out", dir.resolve("feed-out").toString())
            .assertUsageError("--rate -5", "must be 0");
        run("feed", "--ingress-channel", "udp://localhost:1", "--out", dir.resolve("feed-out").toString())
            .assertUsageError("--ingress-channel udp://localhost:1", "not an Aeron channel");
        assertFalse(Files.exists(dir.resolve("feed-out")));
    }

    @Test
    void replayOnADirectoryWithoutAJournalWritesNothing() throws IOException
    {
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        run("replay", "--journal", empty.toString()).assertUsageError("--journal " + empty, "not a journal");
        assertEquals(List.of(), list(empty), "replay wrote into the directory it reads");
    }

    @Test
    void dumpOnADirectoryWithoutAJournalWritesNothing() throws IOException
    {
        final Path notJournal = Files.createDirectory(dir.resolve("not-a-journal"));
        Files.writeString(notJournal.resolve("notes.txt"), "not a journal");
        final Result result = run("dump", "--journal", notJournal.toString(), "--kind", "input");
        result.assertUsageError("--journal " + notJournal, "not a journal");
        assertEquals(List.of(notJournal.resolve("notes.txt")), list(notJournal));
    }

    @Test
    void failedStartLeavesNoAeronDirectory() throws IOException
    {
        final Path data = Files.createDirectory(dir.resolve("core"));
        Files.writeString(data.resolve("journal"), "a file where the journal directory should be");
        final Path aeronDir = dir.resolve("aeron");
        final String previous = System.getProperty("aeron.dir");
        System.setProperty("aeron.dir", aeronDir.toString());
        try
        {
            final Result result = run("core", "--out", data.toString(), "--ingress-channel", "aeron:ipc",
                "--egress-channel", "aeron:ipc", "--wait-strategy", "SLEEPING", "--affinity", "NONE");
            assertEquals(CommandErrors.EXIT_FAILED, result.exitCode, result.toString());
            assertEquals(1, result.errLines().size(), result.toString());
            assertTrue(result.err.startsWith("v100 core: failed: "), result.toString());
            assertNoStackTrace(result);
        }
        finally
        {
            if (null == previous)
            {
                System.clearProperty("aeron.dir");
            }
            else
            {
                System.setProperty("aeron.dir", previous);
            }
        }
        assertFalse(Files.exists(aeronDir), "the failed start left its Aeron directory at " + aeronDir);
    }

    @Test
    void topLevelHelpListsEveryCommandInWholeSentences()
    {
        final StringWriter help = new StringWriter();
        V100Main.commandLine().usage(new PrintWriter(help, true), CommandLine.Help.Ansi.OFF);
        final String text = help.toString();
        for (final String command : List.of("demo", "core", "feed", "replay", "dump", "perf", "help"))
        {
            assertTrue(text.lines().anyMatch(line -> line.trim().startsWith(command + " ")),
                "help lacks " + command + ":\n" + text);
        }
        // Each command's summary is one whole sentence: its line (and any wrapped continuation) ends with a period.
        final List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (Stream.of("demo ", "core ", "feed ", "replay ", "dump ", "perf ").anyMatch(line::startsWith))
            {
                final String last = i + 1 < lines.size() && lines.get(i + 1).startsWith("            ") ?
                    lines.get(i + 1).trim() : line;
                assertTrue(last.endsWith("."), "description stops mid-sentence: " + line);
            }
        }
        assertFalse(text.contains("\u001b"), "ANSI escape codes in the help");
    }

    @Test
    void perfFromThisJarSaysWhereTheHarnessIs()
    {
        run("perf", "sweep").assertUsageError("scripts/v100 perf", "own jar");
    }

    private static List<Path> list(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.sorted().toList();
        }
    }

    private static void assertNoStackTrace(final Result result)
    {
        assertFalse(result.err.contains("\tat ") || result.err.contains("Exception in"), result.toString());
    }

    private Result demo(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("demo"));
        if (!Arrays.asList(args).contains("--out"))
        {
            all.addAll(List.of("--out", dir.resolve("demo-out").toString()));
        }
        all.addAll(Arrays.asList(args));
        final Result result = run(all.toArray(new String[0]));
        assertFalse(Files.exists(dir.resolve("demo-out")), "a refused run created its output directory");
        assertFalse(result.stdout.contains("warm-up"), "refused after the warm-up started:\n" + result);
        return result;
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final PrintStream previousOut = System.out;
        final CommandLine commandLine = V100Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        final int exitCode;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try
        {
            exitCode = commandLine.execute(args);
        }
        finally
        {
            System.setOut(previousOut);
        }
        return new Result(exitCode, out.toString(), err.toString(), stdout.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err, String stdout)
    {
        List<String> errLines()
        {
            return err.lines().toList();
        }

        void assertUsageError(final String names, final String says)
        {
            assertEquals(CommandErrors.EXIT_USAGE, exitCode, toString());
            assertEquals(1, errLines().size(), "one line expected:\n" + this);
            assertTrue(err.contains(names), "the line does not name '" + names + "':\n" + this);
            assertTrue(err.contains(says), "the line does not say '" + says + "':\n" + this);
            assertNoStackTrace(this);
        }

        public String toString()
        {
            return "exit " + exitCode + "\nstderr:\n" + err + "stdout:\n" + out + stdout;
        }
    }
}
