package io.v100.perf;

import io.v100.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code v100 perf}: the performance harness. JMH benchmarks with the GC profiler, the open-loop rate sweep over
 * Aeron, the baselines (ArrayBlockingQueue pipeline, HTTP services, Aeron echo floor), the layout and
 * wait-strategy comparison and the HTTP gateway benchmark (wrk), each writing HdrHistogram reports, a percentile plot and a JSON summary.
 */
@Command(
    name = "perf",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "V100 performance harness. Every measuring command records the machine (cores, CPU model, JDK, JVM",
        "flags, load average) with each run, sends the shipped match's mixed feed open loop (each frame's",
        "latency counts from its planned send time, so stalls cannot hide) and writes .hgrm, .hlog, a PNG",
        "percentile plot and summary.json." },
    subcommands = {
        SweepCommand.class,
        BaselinesCommand.class,
        LayoutsCommand.class,
        JmhCommand.class,
        SmokeCommand.class,
        io.v100.perf.gateway.GatewayCommand.class,
        CommandLine.HelpCommand.class })
public final class PerfMain implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        disableUnlessSet("chronicle.analytics.disable");
        disableUnlessSet("chronicle.announcer.disable");
        System.exit(new CommandLine(new PerfMain()).execute(args));
    }

    /**
     * Chronicle reads these when its classes load, so setting them before any run keeps a {@code java -jar} run
     * from trying to reach the network, as {@code scripts/v100} does with its flags.
     */
    private static void disableUnlessSet(final String name)
    {
        if (null == System.getProperty(name))
        {
            System.setProperty(name, "true");
        }
    }

    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
