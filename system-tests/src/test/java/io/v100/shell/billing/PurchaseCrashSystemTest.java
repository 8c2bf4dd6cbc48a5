package io.v100.shell.billing;

import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.gateway.CoreNode;
import io.v100.gateway.GatewayContext;
import io.aeron.driver.MediaDriver;
import io.v100.cli.CredentialFiles;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.gateway.CredentialStore;
import io.v100.sbe.SessionCode;
import java.io.OutputStream;
import java.io.PrintStream;
import io.v100.sbe.KeyRotationDecoder;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.LicenseResultDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.shell.gateway.DevSigningKey;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.ShellContext;
import io.v100.shell.gateway.Tier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell dies between the purchase's commit and the relay's send, and a restarted shell delivers the grant.
 * <p>
 * PostgreSQL (embedded) and the core (UDP ingress and egress) run in this JVM; the shell runs as a separate JVM
 * ({@code v100 serve --core-channel ... --credentials ... --db-url ...}). The first shell has
 * {@value BillingContext#RELAY_HALT_BEFORE_SEND_PROP_NAME} set, so its relay halts the JVM
 * ({@code Runtime.halt}, what {@code kill -9} does) after reading the committed outbox row and before sending it.
 * A second shell, started normally on the same database, sends the grant and marks it delivered once the core
 * acknowledged it. Then the shell is stopped (it holds the core's unicast egress endpoint) and a client here asks
 * the core for licences: the buyer is granted, a viewer who did not buy is refused, and the database holds one
 * purchase, one debit and one delivered grant.
 */
@Tag("slow")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
final class PurchaseCrashSystemTest
{
    private static final long EVENT_ID = 15_986L;

    @TempDir
    Path directory;

    private EmbeddedPostgres postgres;
    private CoreNode core;
    private Process shell;
    private V100Client licenceClient;
    private MediaDriver licenceDriver;
    private Path shellCredentials;
    private final AtomicReference<byte[]> currentKid = new AtomicReference<>();
    private final ConcurrentHashMap<Long, LicenseResultCode> results = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop()
    {
        if (null != shell)
        {
            shell.destroyForcibly();
        }
        CloseHelper.quietCloseAll(licenceClient, licenceDriver, core, postgres);
    }

    @Test
    void shouldGrantExactlyOnceAfterAKillBetweenCommitAndSend() throws Exception
    {
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pg")).start();
        final String dbUrl = postgres.getJdbcUrl(BillingContext.EMBEDDED_USER, BillingContext.EMBEDDED_USER);
        final String ingress = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final String egress = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final Path coreDir = directory.resolve("core");
        final CredentialStore credentials =
            CredentialFiles.ensure(coreDir, new PrintStream(OutputStream.nullOutputStream()));
        shellCredentials = CredentialFiles.shellFile(coreDir);
        core = CoreNode.launch(new GatewayContext().ingressChannel(ingress).egressChannel(egress)
                .credentials(credentials), new CoreContext()
                .waitStrategy(WaitStrategyKind.BLOCKING)
                .pollerIdle(ThreadingPlan.PollerIdle.BACKOFF)
                .affinity(ThreadingPlan.Affinity.NONE)
                .dataDirectory(coreDir),
            proxy -> BroadcastHandlers.withDefaults(proxy).inTickOrder());

        final Path shellDir = directory.resolve("shell");
        final DevSigningKey key = DevSigningKey.loadOrCreate(shellDir);
        final ShellContext tokens = new ShellContext();
        final String admin = key.issue(tokens.issuer(), tokens.audience(), "crash", Tier.PRO, Role.ADMIN, "ops",
            Duration.ofHours(1));
        final String buyer = key.issue(tokens.issuer(), tokens.audience(), "crash", Tier.PRO, Role.VIEWER, "buyer",
            Duration.ofHours(1));

        // First shell: the relay halts the JVM after the purchase commits and before the grant is sent.
        shell = startShell(shellDir, dbUrl, ingress, egress, true);
        final String url = baseUrl(shell, directory.resolve("shell-1.err"));
        assertEquals(200, send(url, "PUT", "/v1/events/" + EVENT_ID + "/price", admin, "price-1",
            "{\"priceMinor\": 300, \"currency\": \"USD\", \"partner\": \"club\", \"partnerShareBps\": 1000}"));
        assertEquals(200, send(url, "POST", "/v1/wallets/buyer/credits", admin, "credit-1", "{\"amountMinor\": 1000}"));
        // The relay may halt the JVM before the answer is written: the client then sees the connection drop.
        int bought;
        try
        {
            bought = send(url, "POST", "/v1/events/" + EVENT_ID + "/purchases", buyer, "buy-1", null);
        }
        catch (final IOException ex)
        {
            bought = 0;
        }
        assertTrue(201 == bought || 0 == bought, "purchase answered " + bought);
        assertTrue(shell.waitFor(60, TimeUnit.SECONDS), "the relay halted the shell");
        assertEquals(137, shell.exitValue());
        assertEquals(1, count(dbUrl, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"),
            "the grant was committed and not sent");

        // Second shell on the same database: its relay sends the grant; the core's Ack marks it delivered.
        shell = startShell(shellDir, dbUrl, ingress, egress, false);
        final String restartedUrl = baseUrl(shell, directory.resolve("shell-2.err"));
        awaitTrue(() -> 0 == count(dbUrl, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"), 60);
        // The client retries with the same Idempotency-Key and gets the stored answer, not a second purchase.
        assertEquals(201, send(restartedUrl, "POST", "/v1/events/" + EVENT_ID + "/purchases", buyer, "buy-1", null));
        shell.destroy();
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
        shell = null;

        assertEquals(1, count(dbUrl, "SELECT count(*) FROM purchases WHERE status = 'paid'"));
        assertEquals(1, count(dbUrl, "SELECT count(*) FROM ledger_transactions WHERE type = 'purchase'"));
        assertEquals(700, count(dbUrl, "SELECT b.balance_minor FROM accounts a JOIN account_balances b " +
            "USING (account_id) WHERE a.kind = 'wallet' AND a.owner = 'buyer'"));
        assertEquals(0, count(dbUrl, "SELECT postings_sum FROM ledger_invariant()"));
        assertEquals(0, count(dbUrl, "SELECT mismatched_accounts FROM ledger_invariant()"));

        // The shell is gone, so its unicast egress endpoint is free for a client here.
        licenceDriver = CoreNode.launchEmbeddedDriver();
        licenceClient = V100Client.connect(new ClientContext()
                .aeronDirectoryName(licenceDriver.aeronDirectoryName())
                .ingressChannel(ingress)
                .egressChannel(egress),
            this::onEgress);
        assertTrue(licenceClient.awaitConnected(20_000));
        // The shell's principal holds VIEWER_GATEWAY: the licence requests a player's gateway would send.
        assertEquals(SessionCode.OPEN,
            licenceClient.openSession(ClientCredentials.read(shellCredentials), 10_000));
        final long buyerId = ViewerIds.of("crash", "buyer");
        final long otherId = ViewerIds.of("crash", "not-a-buyer");
        // An hour ahead of the wall clock: a new key period, whose KeyRotation this client sees.
        final long licenceTimeNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) +
            TimeUnit.HOURS.toNanos(1);
        licence(otherId, new byte[16], licenceTimeNs, 1);
        awaitTrue(() -> null != currentKid.get(), 30);
        assertEquals(LicenseResultCode.GRANTED, licence(buyerId, currentKid.get(), licenceTimeNs, 2));
        assertEquals(LicenseResultCode.NO_ENTITLEMENT, licence(otherId, currentKid.get(), licenceTimeNs, 3));
    }

    private Process startShell(
        final Path shellDir, final String dbUrl, final String ingress, final String egress, final boolean halt)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx256m");
        command.add("-Dchronicle.analytics.disable=true");
        command.add("-D" + BillingContext.RELAY_HALT_BEFORE_SEND_PROP_NAME + "=" + halt);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.v100.cli.V100Main");
        command.addAll(List.of("serve", "--out", shellDir.toString(), "--port", "0",
            "--core-channel", ingress, "--egress-channel", egress, "--db-url", dbUrl,
            "--credentials", shellCredentials.toString(),
            "--match", matchFile().toString()));
        return new ProcessBuilder(command)
            .redirectError(directory.resolve(halt ? "shell-1.err" : "shell-2.err").toFile())
            .start();
    }

    private static Path matchFile()
    {
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("data/statsbomb/15986-events.json.gz");
            if (Files.isReadable(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("shipped match not found above " + Path.of("").toAbsolutePath());
    }

    private static String baseUrl(final Process process, final Path errors) throws IOException
    {
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while (null != (line = out.readLine()))
        {
            if (line.startsWith("http"))
            {
                return line.trim();
            }
        }
        throw new IllegalStateException("the shell exited before printing its URL:\n" +
            Files.readString(errors, StandardCharsets.UTF_8));
    }

    private int send(
        final String url, final String method, final String path, final String token, final String key,
        final String body) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Idempotency-Key", key)
            .method(method, null == body ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body));
        if (null != body)
        {
            request.header("Content-Type", "application/json");
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private LicenseResultCode licence(final long viewerId, final byte[] kid, final long timeNs, final long sequence)
        throws InterruptedException
    {
        results.remove(viewerId);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new LicenseRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientId(78)
            .clientSequence(sequence)
            .timestampNs(timeNs)
            .viewerId(viewerId)
            .sessionId(1)
            .putKid(kid, 0, 16)
            .encodedLength();
        assertTrue(licenceClient.send(buffer, 0, length, 5_000));
        awaitTrue(() -> results.containsKey(viewerId), 30);
        final LicenseResultCode code = results.get(viewerId);
        assertNotNull(code);
        return code;
    }

    private void onEgress(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder().wrap(buffer, offset);
        if (KeyRotationDecoder.TEMPLATE_ID == messageHeader.templateId())
        {
            final byte[] kid = new byte[16];
            new KeyRotationDecoder().wrapAndApplyHeader(buffer, offset, messageHeader).getKid(kid, 0, 16);
            currentKid.set(kid);
        }
        else if (LicenseResultDecoder.TEMPLATE_ID == messageHeader.templateId())
        {
            final LicenseResultDecoder result = new LicenseResultDecoder().wrapAndApplyHeader(buffer, offset, messageHeader);
            results.put(result.viewerId(), result.code());
        }
    }

    private void awaitTrue(final BooleanSupplier condition, final int seconds) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "condition not met within " + seconds + " s");
            if (null != licenceClient)
            {
                licenceClient.poll(16);
            }
            Thread.sleep(10);
        }
    }

    private static long count(final String dbUrl, final String sql)
    {
        try (Connection connection = java.sql.DriverManager.getConnection(dbUrl, BillingContext.EMBEDDED_USER, null);
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            return row.getLong(1);
        }
        catch (final java.sql.SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
