package io.v100.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a measurement ran on: core count, CPU model, JDK, JVM flags and the load average, recorded with every run
 * because on a small shared machine the same code measures differently when other work is running.
 */
public final class MachineInfo
{
    private MachineInfo()
    {
    }

    /**
     * @return cores, CPU model (from {@code /proc/cpuinfo}), OS, JDK, JVM input arguments and the load average.
     */
    public static Map<String, Object> describe()
    {
        final Map<String, Object> info = new LinkedHashMap<>();
        info.put("cores", Runtime.getRuntime().availableProcessors());
        info.put("cpuModel", cpuModel());
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        info.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        info.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        info.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        info.put("loadAverage", loadAverage());
        return info;
    }

    /**
     * @return the first three fields of {@code /proc/loadavg} (1, 5 and 15 minute load), or "unknown" where the
     * file does not exist.
     */
    public static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }

    private static String cpuModel()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (final String line : lines)
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
        return "unknown";
    }
}
