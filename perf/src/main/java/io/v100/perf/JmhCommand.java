package io.v100.perf;

import io.v100.perf.jmh.JvmFlags;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code perf jmh}: the JMH benchmarks, always with the GC profiler.
 */
@Command(
    name = "jmh",
    mixinStandardHelpOptions = true,
    description = {
        "JMH benchmarks of the tick, each handler, SBE and the journal, with -prof gc.",
        "The GC profiler reports allocation per operation (gc.alloc.rate.norm, B/op)",
        "is reported next to each time:",
        "  TickBenchmark.event    per input over the match's real feed; kind = fused (five handlers), wagering,",
        "                         director, abr, deepfake, drm (one handler), validate (no handler)",
        "  JournalBenchmark.append Chronicle Queue journal append of each input",
        "  SbeBenchmark.*         SBE encode/decode of VideoFrame, BetRequest, BetResult",
        "Forks get the JVM flags the project needs. The full JMH command line is also available:",
        "  java -cp perf/target/v100-perf.jar org.openjdk.jmh.Main -prof gc [JMH options]" })
public final class JmhCommand implements Callable<Integer>
{
    @Option(names = "--include", paramLabel = "REGEX", split = ",", defaultValue = "io.v100.perf.jmh.",
        description = "Benchmarks to run, regular expressions over the class and method names " +
            "(default: ${DEFAULT-VALUE}, all of them).")
    List<String> includes;

    @Option(names = "--kinds", paramLabel = "KIND[,KIND...]", split = ",",
        description = "TickBenchmark kinds to run (default: all: fused, wagering, director, abr, deepfake, drm, " +
            "validate).")
    List<String> kinds;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1",
        description = "Forks per benchmark (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup-iterations", paramLabel = "N", defaultValue = "3",
        description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmupIterations;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
        description = "Measurement iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--time", paramLabel = "MS", defaultValue = "1000",
        description = "Length of each warm-up and measurement iteration, ms (default: ${DEFAULT-VALUE}).")
    long iterationMs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-out/jmh",
        description = "Directory for jmh-result.json (JMH's JSON result format) (default: ${DEFAULT-VALUE}).")
    Path out;

    public Integer call() throws Exception
    {
        Files.createDirectories(out);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .addProfiler(GCProfiler.class)
            .forks(forks)
            .warmupIterations(warmupIterations)
            .measurementIterations(iterations)
            .warmupTime(TimeValue.milliseconds(iterationMs))
            .measurementTime(TimeValue.milliseconds(iterationMs))
            .jvmArgsAppend(JvmFlags.FLAGS)
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("jmh-result.json").toString());
        for (final String include : includes)
        {
            options.include(include);
        }
        if (null != kinds && !kinds.isEmpty())
        {
            options.param("kind", kinds.toArray(new String[0]));
        }
        final String home = System.getProperty(MatchFrames.HOME_PROP_NAME);
        if (null != home)
        {
            options.jvmArgsAppend(concat(JvmFlags.FLAGS, "-D" + MatchFrames.HOME_PROP_NAME + "=" + home));
        }
        System.out.printf("machine: %s%n", MachineInfo.describe());
        new Runner(options.build()).run();
        System.out.printf("wrote %s%n", out.resolve("jmh-result.json"));
        return 0;
    }

    private static String[] concat(final String[] flags, final String extra)
    {
        final String[] all = new String[flags.length + 1];
        System.arraycopy(flags, 0, all, 0, flags.length);
        all[flags.length] = extra;
        return all;
    }
}
