package io.v100.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke run of {@code perf smoke} writes every kind of report, and each parses with the tool its format
 * belongs to: {@code .hlog} with HdrHistogram's {@link HistogramLogReader}, {@code .hgrm} as HdrHistogram's
 * percentile distribution, {@code summary.json} with Jackson, {@code latency.png} with ImageIO. No timing is
 * asserted.
 */
@Tag("slow")
@Timeout(180)
class SmokeRunTest
{
    private static final Pattern HGRM_ROW = Pattern.compile(
        "^\\s*([0-9.]+)\\s+([0-9.]+)\\s+(\\d+)\\s+([0-9.]+|Infinity)\\s*$");

    @Test
    void shouldWriteEveryReportAndEachShouldParse(@TempDir final Path out) throws Exception
    {
        final int exit = new CommandLine(new PerfMain()).execute(
            "smoke", "--out", out.toString(), "--frames", "600", "--rate", "3000", "--warmup", "5000",
            "--interval", "100ms");
        assertEquals(0, exit);

        final List<Path> files;
        try (Stream<Path> list = Files.list(out))
        {
            files = list.sorted().toList();
        }
        final List<Path> hgrms = files.stream().filter(f -> f.toString().endsWith(".hgrm")).toList();
        final List<Path> hlogs = files.stream().filter(f -> f.toString().endsWith(".hlog")).toList();
        assertTrue(hgrms.size() >= 8, "hgrm files: " + hgrms);
        assertEquals(8, hlogs.size(), "one hlog per run: " + hlogs);

        for (final Path hgrm : hgrms)
        {
            shouldParseHgrm(hgrm);
        }
        for (final Path hlog : hlogs)
        {
            shouldParseHlog(hlog);
        }

        final JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("machine").get("cores").asInt() > 0);
        assertTrue(summary.get("machine").get("loadAverage").isTextual());
        assertEquals(8, summary.get("runs").size());
        for (final JsonNode run : summary.get("runs"))
        {
            assertTrue(run.get("frames").asLong() > 0, run.toString());
            assertTrue(run.get("latency").size() > 0, run.toString());
            run.get("latency").forEach(metric -> assertTrue(metric.get("count").asLong() > 0, run.toString()));
        }
        final JsonNode ringIpc = summary.get("runs").get(0);
        assertEquals("ring-ipc", ringIpc.get("name").asText());
        assertEquals(ringIpc.get("answeredFrames").asLong(), ringIpc.get("latency").get("rtt").get("count").asLong(),
            "every BetRequest and LicenseRequest answered and matched by ring sequence");
        assertTrue(ringIpc.get("answeredFrames").asLong() > 0);

        final BufferedImage image = ImageIO.read(out.resolve("latency.png").toFile());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    }

    @Test
    void shouldDocumentEveryOptionInHelp()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CommandLine commandLine = new CommandLine(new PerfMain());
        commandLine.setOut(new java.io.PrintWriter(bytes, true));
        for (final String sub : List.of("sweep", "baselines", "layouts", "jmh", "smoke", "gateway"))
        {
            final CommandLine.Model.CommandSpec spec = commandLine.getSubcommands().get(sub).getCommandSpec();
            for (final CommandLine.Model.OptionSpec option : spec.options())
            {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    sub + " " + option.longestName() + " has no description");
            }
            assertEquals(0, commandLine.execute(sub, "--help"));
        }
        final String help = bytes.toString();
        assertTrue(help.contains("--rates") && help.contains("--wait-strategies") && help.contains("--kinds"));
        assertTrue(help.contains("--connections") && help.contains("--header"));
    }

    private static void shouldParseHgrm(final Path file) throws Exception
    {
        final List<String> lines = Files.readAllLines(file);
        int rows = 0;
        double lastPercentile = -1;
        for (final String line : lines)
        {
            final Matcher m = HGRM_ROW.matcher(line);
            if (m.matches())
            {
                final double percentile = Double.parseDouble(m.group(2));
                assertTrue(percentile >= lastPercentile, file + ": percentiles must not decrease");
                lastPercentile = percentile;
                rows++;
            }
        }
        assertTrue(rows > 0, file + " has no percentile rows");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[Mean")), file + " has no footer");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[Max")), file + " has no max");
    }

    private static void shouldParseHlog(final Path file) throws Exception
    {
        final HistogramLogReader reader = new HistogramLogReader(file.toFile());
        long total = 0;
        int intervals = 0;
        EncodableHistogram histogram;
        while (null != (histogram = reader.nextIntervalHistogram()))
        {
            assertFalse(null == histogram.getTag() || histogram.getTag().isEmpty(), file + ": untagged interval");
            total += ((Histogram)histogram).getTotalCount();
            intervals++;
        }
        reader.close();
        assertTrue(intervals > 0 && total > 0, file + ": " + intervals + " intervals, " + total + " values");
    }
}
