package io.v100.perf.jmh;

import io.v100.journal.InputJournal;
import io.v100.journal.JournalContext;
import io.v100.perf.MatchFrames;
import io.v100.perf.TempDirs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The journal append the tick makes before any handler runs: one Chronicle Queue document per input (ring
 * sequence, receipt time, lengths, the frame), over the shipped match's frames in order, into a queue in a
 * temporary directory. Any allocation reported here is Chronicle Queue's (cycle files and file growth are
 * amortised over the appends), not the tick's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true" })
public class JournalBenchmark
{
    private MatchFrames frames;
    private Path directory;
    private InputJournal journal;
    private int next;
    private long sequence;

    /**
     * @throws IOException if the match cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        frames = MatchFrames.load(MatchFrames.shippedMatch());
        directory = TempDirs.create("v100-jmh-journal");
        journal = new InputJournal(new JournalContext().directory(directory));
    }

    /**
     * Close and delete the queue.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        journal.close();
        TempDirs.delete(directory);
    }

    /**
     * @return the queue index of the entry.
     */
    @Benchmark
    public long append()
    {
        if (next == frames.count())
        {
            next = 0;
        }
        final int i = next++;
        return journal.append(sequence++, 0, frames.buffer(), frames.offset(i), frames.length(i), frames.length(i));
    }
}
