package io.v100.perf.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GatewayReport} from two captured wrk outputs: the full/bare ratio, and the JSON and markdown it writes.
 */
class GatewayReportTest
{
    @Test
    void shouldWriteRunsAndTheFullOverBareRatio(@TempDir final Path dir) throws Exception
    {
        final WrkOutput bare = WrkOutput.parse(WrkOutputTest.sample("wrk-clean.txt"));
        final WrkOutput full = WrkOutput.parse(WrkOutputTest.sample("wrk-timeouts.txt"));
        final GatewayReport report = new GatewayReport()
            .put("machine", Map.of("cores", 2))
            .add(new GatewayReport.Run("bare", 50, bare))
            .add(new GatewayReport.Run("full", 50, full));
        report.write(dir);

        final JsonNode json = new ObjectMapper().readTree(dir.resolve("gateway.json").toFile());
        assertEquals(2, json.get("machine").get("cores").asInt());
        assertEquals(2, json.get("runs").size());
        assertEquals("bare", json.get("runs").get(0).get("target").asText());
        assertEquals(1648.596, json.get("runs").get(1).get("latencyMs").get("p50").asDouble(), 1e-9);
        assertEquals(182, json.get("runs").get(1).get("errors").get("timeout").asLong());
        final double ratio = full.requestsPerSecond() / bare.requestsPerSecond();
        assertEquals(ratio, report.rpsRatio(50), 1e-12);
        assertEquals(50, json.get("ratios").get(0).get("connections").asInt());
        assertEquals(Math.round(ratio * 1000) / 1000.0, json.get("ratios").get(0).get("rpsFullOverBare").asDouble());
        assertTrue(Double.isNaN(report.rpsRatio(200)));

        final String md = Files.readString(dir.resolve("gateway.md"));
        assertTrue(md.contains("| full | 50 | 86 | 1648.60 | 1996.78 | 1998.71 | 1998.71 | 182 |"), md);
        assertTrue(md.contains("closed loop"), md);
    }
}
