package io.v100.tools;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;

/**
 * Prints every counter in a media driver's CnC file, one line each, in {@code AeronStat}'s layout
 * ({@code id: value - label}), optionally only those whose label contains a filter. {@code AeronStat} itself lives
 * in {@code aeron-samples}, which Maven Central last published at 1.46.8; this reads the same file through the
 * {@code aeron-client} 1.51 classes ({@link CncFileDescriptor}, {@link CountersReader}).
 * <p>
 * Usage: {@code java -cp v100.jar io.v100.tools.CounterStat [AERON_DIR] [LABEL_FILTER]}; the directory defaults to
 * {@code aeron.dir} or Aeron's default.
 */
public final class CounterStat
{
    private CounterStat()
    {
    }

    /**
     * @param args optional Aeron directory, then an optional label filter.
     */
    public static void main(final String[] args)
    {
        final String directory = args.length > 0 ? args[0] : CommonContext.getAeronDirectoryName();
        final String filter = args.length > 1 ? args[1] : "";
        final int printed = print(new File(directory), filter, System.out);
        if (printed < 0)
        {
            System.err.println("no media driver CnC file in " + directory);
            System.exit(1);
        }
    }

    /**
     * @param aeronDirectory of a running media driver.
     * @param filter         print only counters whose label contains this; "" for all.
     * @param out            where the lines go.
     * @return counters printed, or -1 if the directory holds no CnC file.
     */
    public static int print(final File aeronDirectory, final String filter, final PrintStream out)
    {
        final File cncFile = new File(aeronDirectory, CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists())
        {
            return -1;
        }
        final MappedByteBuffer cnc = IoUtil.mapExistingFile(cncFile, "cnc");
        try
        {
            final DirectBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            final CountersReader reader = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
            final int[] printed = { 0 };
            reader.forEach((value, counterId, label) ->
            {
                if (label.contains(filter))
                {
                    out.printf("%3d: %,20d - %s%n", counterId, value, label);
                    printed[0]++;
                }
            });
            return printed[0];
        }
        finally
        {
            IoUtil.unmap(cnc);
        }
    }
}
