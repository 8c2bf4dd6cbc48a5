package io.v100.client;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client library has no path to the media driver, the Disruptor or Chronicle: the classpath this module's
 * tests run with is the library's resolved dependency set (plus JUnit), so neither the server's jars nor its
 * classes may be on it. The build checks the same with the enforcer's {@code bannedDependencies}.
 */
class ClientDependencyTest
{
    /** Class names, one per component the client must not reach. */
    private static final List<String> SERVER_CLASSES = List.of(
        "io.aeron.driver.MediaDriver",
        "com.lmax.disruptor.RingBuffer",
        "net.openhft.chronicle.queue.ChronicleQueue",
        "io.v100.core.BroadcastTick",
        "io.v100.journal.InputJournal",
        "io.v100.gateway.CoreNode");

    /** Jar name prefixes of the same components. */
    private static final List<String> SERVER_JARS = List.of(
        "aeron-driver", "aeron-all", "disruptor", "chronicle", "affinity", "disruptor-core", "chronicle-journal",
        "aeron-gateway");

    @Test
    void serverClassesAreNotOnTheClientClasspath()
    {
        for (final String className : SERVER_CLASSES)
        {
            assertThrows(
                ClassNotFoundException.class,
                () -> Class.forName(className, false, ClientDependencyTest.class.getClassLoader()),
                className + " is reachable from the client library");
        }
    }

    @Test
    void resolvedDependenciesAreTheCodecsAndTheAeronClientOnly()
    {
        final List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        final List<String> banned = new ArrayList<>();
        for (final String entry : entries)
        {
            final String name = new File(entry).getName();
            for (final String prefix : SERVER_JARS)
            {
                if (name.startsWith(prefix + "-") && name.endsWith(".jar"))
                {
                    banned.add(name);
                }
            }
        }
        assertEquals(List.of(), banned, "server jars on the client's classpath");

        // The dependencies it does have: the codecs, the Aeron client and Agrona.
        assertTrue(entries.stream().anyMatch(e -> e.contains("aeron-client")), "aeron-client: " + entries);
        assertTrue(entries.stream().anyMatch(e -> e.contains("agrona")), "agrona: " + entries);
        assertTrue(entries.stream().anyMatch(e -> e.contains("sbe-schemas")), "sbe-schemas: " + entries);
    }
}
