package io.v100.perf.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WrkOutput} on wrk 4.1 output captured on this project's machine with the {@code wrk-report.lua} script.
 */
class WrkOutputTest
{
    @Test
    void shouldParseARunWithTimeouts() throws IOException
    {
        final WrkOutput output = WrkOutput.parse(sample("wrk-timeouts.txt"));

        assertEquals(369, output.requests());
        assertEquals(4_310_543, output.durationUs());
        assertEquals(290_772, output.bytes());
        assertEquals(182, output.errors().get("timeout"));
        assertEquals(0, output.errors().get("status"));
        assertEquals(182, output.errorCount());
        assertEquals(1_648_596, output.latencyUs().get("p50"));
        assertEquals(1_996_777, output.latencyUs().get("p99"));
        assertEquals(1_998_707, output.latencyUs().get("p99.9"));
        assertEquals(1_998_707, output.latencyUs().get("max"));
        assertEquals(1_321_130.2, output.meanLatencyUs());
        assertEquals(85.6, output.requestsPerSecond(), 0.05);
    }

    @Test
    void shouldParseACleanRun() throws IOException
    {
        final String text = sample("wrk-clean.txt");
        final WrkOutput output = WrkOutput.parse(text);

        assertEquals(0, output.errorCount());
        assertTrue(output.requests() > 0);
        assertTrue(output.latencyUs().get("p50") <= output.latencyUs().get("p99"));
        assertTrue(output.latencyUs().get("p99") <= output.latencyUs().get("p99.9"));
        assertTrue(output.latencyUs().get("p99.9") <= output.latencyUs().get("max"));
        // wrk's own "Requests/sec:" line agrees with requests / duration.
        final double wrkRps = Double.parseDouble(text.lines().filter(l -> l.startsWith("Requests/sec:"))
            .findFirst().orElseThrow().substring("Requests/sec:".length()).strip());
        assertEquals(wrkRps, output.requestsPerSecond(), wrkRps * 0.001);
    }

    @Test
    void shouldRefuseOutputWithoutTheScriptLines()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse(
            "Running 1s test @ http://127.0.0.1:1/\n  1 threads and 1 connections\nRequests/sec: 10.00\n"));
        assertTrue(ex.getMessage().contains("wrk-report.lua"), ex.getMessage());
    }

    static String sample(final String name) throws IOException
    {
        try (InputStream in = WrkOutputTest.class.getResourceAsStream(name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
