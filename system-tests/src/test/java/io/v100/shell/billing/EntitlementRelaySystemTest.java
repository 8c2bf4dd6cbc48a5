package io.v100.shell.billing;

import io.aeron.CommonContext;
import io.v100.client.V100Client;
import io.v100.core.BroadcastHandlers;
import io.v100.core.CoreContext;
import io.v100.core.ThreadingPlan;
import io.v100.core.WaitStrategyKind;
import io.v100.gateway.CoreNode;
import io.v100.gateway.GatewayContext;
import io.v100.client.ClientContext;
import io.v100.core.SessionRole;
import io.v100.demo.InMemoryCredentials;
import io.v100.sbe.SessionCode;
import io.v100.sbe.KeyRotationDecoder;
import io.v100.sbe.LicenseRequestEncoder;
import io.v100.sbe.LicenseResultCode;
import io.v100.sbe.LicenseResultDecoder;
import io.v100.sbe.MessageHeaderDecoder;
import io.v100.sbe.MessageHeaderEncoder;
import io.v100.shell.gateway.Principal;
import io.v100.shell.gateway.Role;
import io.v100.shell.gateway.Tier;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Purchases become entitlements in a real core: billing on the embedded PostgreSQL with its outbox relay, a core
 * over IPC with the default handlers, and a client that sends {@code LicenseRequest}s and reads the core's
 * {@code LicenseResult}s. A buyer is granted, a viewer who did not buy is refused, sending every grant again
 * changes nothing, and a refund revokes.
 */
@Tag("slow")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class EntitlementRelaySystemTest
{
    private static final long EVENT_ID = 3_869_685L;
    private static final long LICENCE_TIME_NS =
        TimeUnit.SECONDS.toNanos(Instant.parse("2018-09-23T14:30:00Z").getEpochSecond());

    @TempDir
    Path dataDirectory;

    /** The relay's principal holds COMMERCE alone; the test's own client plays the match data and the player. */
    private static final InMemoryCredentials CREDENTIALS = InMemoryCredentials.of(
        "commerce", SessionRole.COMMERCE.bit(), "viewer-gateway", SessionRole.ALL);

    private CoreNode core;
    private BillingStack billing;
    private V100Client viewerClient;
    private final AtomicReference<byte[]> currentKid = new AtomicReference<>();
    private final ConcurrentHashMap<Long, LicenseResultCode> results = new ConcurrentHashMap<>();
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private long clientSequence;

    @BeforeEach
    void start() throws Exception
    {
        core = CoreNode.launch(new GatewayContext()
                .ingressChannel(CommonContext.IPC_CHANNEL)
                .egressChannel(CommonContext.IPC_CHANNEL)
                .credentials(CREDENTIALS.store()), new CoreContext()
                .waitStrategy(WaitStrategyKind.BLOCKING)
                .pollerIdle(ThreadingPlan.PollerIdle.BACKOFF)
                .affinity(ThreadingPlan.Affinity.NONE)
                .dataDirectory(dataDirectory.resolve("core")),
            egress -> BroadcastHandlers.withDefaults(egress).inTickOrder());
        billing = BillingStack.start(
            new BillingContext().embeddedDirectory(dataDirectory.resolve("postgres")).poolSize(4),
            ipc(core.aeronDirectoryName()), CREDENTIALS.client(0));
        viewerClient = V100Client.connect(ipc(core.aeronDirectoryName()), this::onEgress);
        assertTrue(viewerClient.awaitConnected(10_000));
        assertEquals(SessionCode.OPEN, viewerClient.openSession(CREDENTIALS.client(1), 10_000));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.quietCloseAll(viewerClient, billing, core);
    }

    @Test
    void shouldGrantBuyersOnceAndRevokeOnRefund() throws Exception
    {
        final String tenant = "ppv-" + UUID.randomUUID().toString().substring(0, 8);
        final Principal admin = new Principal(tenant, Tier.PRO, Role.ADMIN, "admin", "jwt");
        final Principal buyer = new Principal(tenant, Tier.PRO, Role.VIEWER, "buyer", "jwt");
        final Principal other = new Principal(tenant, Tier.PRO, Role.VIEWER, "other", "jwt");
        final BillingService service = billing.service();
        service.setPrice(admin, EVENT_ID, 500, "USD", "club", 2_000, key(), "fp");
        service.credit(admin, buyer.subject(), 500, key(), "fp", "r1");
        final BillingAnswer bought = service.purchase(buyer, EVENT_ID, key(), "fp", "r2");
        assertEquals(201, bought.status(), bought.body());
        final long purchaseId = BillingService.JSON.readTree(bought.body()).get("purchaseId").asLong();

        awaitTrue(() -> undelivered() == 0 && billing.relay().delivered() >= 1);
        final long buyerId = ViewerIds.of(tenant, buyer.subject());
        final long otherId = ViewerIds.of(tenant, other.subject());
        assertTrue(buyerId >= ViewerIds.SHELL_VIEWER_ID_BASE);

        // The first licence request moves the core's clock into match time, which releases that period's key.
        licence(otherId, new byte[16]);
        awaitTrue(() -> null != currentKid.get());
        assertEquals(LicenseResultCode.GRANTED, licence(buyerId, currentKid.get()));
        assertEquals(LicenseResultCode.NO_ENTITLEMENT, licence(otherId, currentKid.get()));

        // What a relay does after a crash between the send and the mark: send every grant again.
        final long deliveredBefore = billing.relay().delivered();
        assertEquals(1, billing.redeliverAll());
        awaitTrue(() -> undelivered() == 0 && billing.relay().delivered() > deliveredBefore);
        assertEquals(LicenseResultCode.GRANTED, licence(buyerId, currentKid.get()));
        assertEquals(LicenseResultCode.NO_ENTITLEMENT, licence(otherId, currentKid.get()));
        assertEquals(1, countRows("SELECT count(*) FROM purchases WHERE status = 'paid'"));

        final BillingAnswer refunded = service.refund(admin, purchaseId, key(), "fp", "r3");
        assertEquals(200, refunded.status(), refunded.body());
        awaitTrue(() -> undelivered() == 0);
        assertEquals(LicenseResultCode.EXPIRED, licence(buyerId, currentKid.get()));
    }

    private LicenseResultCode licence(final long viewerId, final byte[] kid) throws InterruptedException
    {
        results.remove(viewerId);
        final LicenseRequestEncoder request = new LicenseRequestEncoder();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + request
            .wrapAndApplyHeader(sendBuffer, 0, new MessageHeaderEncoder())
            .clientId(77)
            .clientSequence(++clientSequence)
            .timestampNs(LICENCE_TIME_NS)
            .viewerId(viewerId)
            .sessionId(1)
            .putKid(kid, 0, 16)
            .encodedLength();
        assertTrue(viewerClient.send(sendBuffer, 0, length, 5_000));
        awaitTrue(() -> results.containsKey(viewerId));
        final LicenseResultCode code = results.get(viewerId);
        assertNotNull(code);
        return code;
    }

    private void onEgress(
        final org.agrona.DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder().wrap(buffer, offset);
        if (KeyRotationDecoder.TEMPLATE_ID == messageHeader.templateId())
        {
            final KeyRotationDecoder rotation = new KeyRotationDecoder().wrapAndApplyHeader(buffer, offset, messageHeader);
            final byte[] kid = new byte[16];
            rotation.getKid(kid, 0, 16);
            currentKid.set(kid);
        }
        else if (LicenseResultDecoder.TEMPLATE_ID == messageHeader.templateId())
        {
            final LicenseResultDecoder result = new LicenseResultDecoder().wrapAndApplyHeader(buffer, offset, messageHeader);
            results.put(result.viewerId(), result.code());
        }
    }

    private void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "condition not met within 30 s");
            viewerClient.poll(16);
            Thread.sleep(5);
        }
    }

    private long undelivered()
    {
        try
        {
            return countRows("SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private long countRows(final String sql) throws Exception
    {
        try (Connection connection = billing.database().dataSource().getConnection();
            Statement statement = connection.createStatement();
            ResultSet row = statement.executeQuery(sql))
        {
            row.next();
            final long count = row.getLong(1);
            connection.rollback();
            return count;
        }
    }

    private static String key()
    {
        return UUID.randomUUID().toString();
    }

    private static ClientContext ipc(final String aeronDirectoryName)
    {
        return new ClientContext()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel(CommonContext.IPC_CHANNEL)
            .egressChannel(CommonContext.IPC_CHANNEL);
    }
}
