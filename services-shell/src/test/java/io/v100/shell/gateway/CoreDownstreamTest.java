package io.v100.shell.gateway;

import io.aeron.CommonContext;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CoreDownstreamTest
{
    private static final ClientCredentials CREDENTIALS =
        ClientCredentials.generate("shell", new java.security.SecureRandom());

    @TempDir
    Path directory;

    @Test
    void shouldShareOneStatusRequestBetweenConcurrentCallersAndBoundItInTime()
    {
        // A connection that is never started: its status requests stay unanswered, as with a core that hangs.
        final CoreConnection connection = new CoreConnection(
            new ClientContext().ingressChannel(CommonContext.IPC_CHANNEL).egressChannel(CommonContext.IPC_CHANNEL),
            CREDENTIALS, new EventProjection(List.of(new EventInfo(1, 10, "Home", 20, "Away", 0))));
        final CoreDownstream core = new CoreDownstream(connection, new ShellContext()
            .dataDirectory(directory)
            .coreTimeoutMs(200));

        final CompletableFuture<CoreCounters> first = core.status().toCompletableFuture();
        final CompletableFuture<CoreCounters> second = core.status().toCompletableFuture();
        assertSame(first, second);
        assertEquals(1, core.statusRequests());
        assertEquals(1, core.statusCoalesced());

        final CompletionException failure = assertThrows(CompletionException.class, first::join);
        final ApiException api = (ApiException)failure.getCause();
        assertEquals(503, api.status());
        assertEquals("downstream_timeout", api.code());
        assertTrue(api.retryAfterS() >= 1);

        core.status().toCompletableFuture().handle((counters, ex) -> null).join();
        assertEquals(2, core.statusRequests(), "a new request once the last one is done");
    }

    @Test
    void shouldRefuseAtOnceWhileNotConnected()
    {
        final CoreConnection connection = new CoreConnection(
            new ClientContext(), CREDENTIALS, new EventProjection(List.of(new EventInfo(1, 10, "Home", 20, "Away", 0))));
        final CoreDownstream core = new CoreDownstream(connection, new ShellContext().dataDirectory(directory));
        final ApiException refused = assertThrows(ApiException.class, core::ensureAvailable);
        assertEquals(503, refused.status());
        assertEquals(1, refused.retryAfterS());
    }
}
