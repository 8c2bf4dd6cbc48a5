package io.v100.shell.billing;

import io.v100.client.OrderedEgress;
import io.v100.client.V100Client;
import io.v100.client.ClientContext;
import io.v100.client.ClientCredentials;
import io.v100.sbe.SessionCode;
import io.v100.sbe.EntitlementGrantEncoder;
import io.v100.sbe.MessageHeaderEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The outbox relay: sends each undelivered outbox row to the core as an {@code EntitlementGrant} over its own
 * client connection, and marks the row delivered only once the core's {@code Ack} covers the client sequence the
 * grant went out with, that is once the core has journaled it. Rows go one at a time in outbox order, so a
 * purchase's revoke never overtakes its grant.
 * <p>
 * Exactly once in effect: the relay may send a row more than once (a crash after the send and before the row is
 * marked, or no Ack within {@link #RESEND_AFTER_NS}), and the core's DRM handler holds one entitlement per viewer
 * id, set by the grant's expiry. A repeated grant writes the same expiry again, so the core's state after any
 * number of copies equals its state after one. A revoke is a grant with an expiry of 1 ns (in the past), which
 * the DRM handler answers with {@code EXPIRED}; it is only sent after the grant it revokes was acknowledged.
 * <p>
 * The grant's {@code timestampNs} is 1: the core's clock is the largest input timestamp, and a grant is not an
 * event-time input, so it must not move that clock. The relay runs on its own thread (JDBC blocks).
 */
public final class EntitlementRelayAgent implements Agent
{
    /** Resend a row when its Ack has not come within this time. */
    public static final long RESEND_AFTER_NS = TimeUnit.SECONDS.toNanos(2);

    private static final Logger LOG = LoggerFactory.getLogger(EntitlementRelayAgent.class);
    private static final long RECONNECT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long SESSION_TIMEOUT_MS = 5_000;

    private final DataSource dataSource;
    private final ClientContext clientContext;
    private final ClientCredentials credentials;
    private final boolean haltBeforeSend;
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EntitlementGrantEncoder grant = new EntitlementGrantEncoder();

    private V100Client client;
    private OrderedEgress egress;
    private long clientSequence;
    private boolean sessionOpen;
    private long lastConnectAttemptNs;
    private long inFlightOutboxId = -1;
    private long inFlightSequence;
    private long inFlightSentNs;
    private volatile long delivered;

    /**
     * @param dataSource     the billing database.
     * @param clientContext  the core's channels and the directory of a running media driver.
     * @param credentials    a principal with the {@code COMMERCE} role.
     * @param haltBeforeSend test-only: halt the JVM after reading a row and before sending it.
     */
    public EntitlementRelayAgent(
        final DataSource dataSource,
        final ClientContext clientContext,
        final ClientCredentials credentials,
        final boolean haltBeforeSend)
    {
        this.dataSource = dataSource;
        this.clientContext = clientContext;
        this.credentials = credentials;
        this.haltBeforeSend = haltBeforeSend;
    }

    public String roleName()
    {
        return "v100-entitlement-relay";
    }

    /**
     * @return outbox rows marked delivered by this relay.
     */
    public long delivered()
    {
        return delivered;
    }

    public int doWork() throws SQLException
    {
        final long nowNs = System.nanoTime();
        if (null == client)
        {
            if (nowNs - lastConnectAttemptNs < RECONNECT_NS)
            {
                return 0;
            }
            lastConnectAttemptNs = nowNs;
            return connect() ? 1 : 0;
        }
        int work = client.poll(16);
        if (!client.isConnected())
        {
            return work;
        }
        if (egress.takeReplayNeeded())
        {
            // A new core incarnation, or egress this relay read too slowly: the relay keeps no egress state but
            // its Acks, so it connects afresh rather than replaying; the row in flight is sent again.
            CloseHelper.quietClose(client);
            client = null;
            return work;
        }
        if (!sessionOpen)
        {
            // Open the session (the core assigns the client id) and carry on from the client sequence the core
            // expects; the row in flight, if any, is sent again.
            if (SessionCode.OPEN != client.openSession(credentials, SESSION_TIMEOUT_MS))
            {
                LOG.warn("the core refused the relay's session for {}", credentials.principal());
                CloseHelper.quietClose(client);
                client = null;
                return work;
            }
            egress.session(client.clientId(), client.sequenceBase());
            clientSequence = client.nextClientSequence() - 1;
            inFlightOutboxId = -1;
            sessionOpen = true;
            return work + 1;
        }
        if (inFlightOutboxId >= 0)
        {
            if (egress.ackedClientSequence() >= inFlightSequence)
            {
                markDelivered(inFlightOutboxId);
                inFlightOutboxId = -1;
                return work + 1;
            }
            if (nowNs - inFlightSentNs < RESEND_AFTER_NS)
            {
                return work;
            }
        }
        return work + sendNext(nowNs);
    }

    public void onClose()
    {
        CloseHelper.quietClose(client);
    }

    private boolean connect()
    {
        try
        {
            egress = new OrderedEgress((buffer, offset, length) -> { }, 0);
            sessionOpen = false;
            client = V100Client.connect(clientContext, egress.liveHandler(), egress.replayHandler(),
                error -> LOG.warn("relay Aeron client: {}", error.toString()));
            return true;
        }
        catch (final RuntimeException ex)
        {
            LOG.debug("relay cannot reach the core's media driver yet: {}", ex.toString());
            client = null;
            return false;
        }
    }

    private int sendNext(final long nowNs) throws SQLException
    {
        final long outboxId;
        final long viewerId;
        final long eventId;
        final long expiryNs;
        try (Connection connection = dataSource.getConnection();
            PreparedStatement next = connection.prepareStatement("SELECT * FROM outbox_next()"))
        {
            try (ResultSet row = next.executeQuery())
            {
                if (!row.next())
                {
                    connection.rollback();
                    return 0;
                }
                outboxId = row.getLong("outbox_id");
                viewerId = row.getLong("viewer_id");
                eventId = row.getLong("event_id");
                expiryNs = row.getLong("expiry_ns");
            }
            connection.rollback();
        }
        if (haltBeforeSend)
        {
            LOG.warn("halting before sending outbox row {} ({} set)", outboxId,
                BillingContext.RELAY_HALT_BEFORE_SEND_PROP_NAME);
            Runtime.getRuntime().halt(137);
        }
        final long sequence = clientSequence + 1;
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + grant
            .wrapAndApplyHeader(sendBuffer, 0, header)
            .clientId(client.clientId())
            .clientSequence(sequence)
            .timestampNs(1)
            .viewerId(viewerId)
            .eventId(eventId)
            .expiryNs(expiryNs)
            .encodedLength();
        if (!client.send(sendBuffer, 0, length, 100))
        {
            return 0;
        }
        clientSequence = sequence;
        inFlightOutboxId = outboxId;
        inFlightSequence = sequence;
        inFlightSentNs = nowNs;
        return 1;
    }

    private void markDelivered(final long outboxId) throws SQLException
    {
        try (Connection connection = dataSource.getConnection();
            PreparedStatement mark = connection.prepareStatement("SELECT outbox_delivered(?)"))
        {
            mark.setLong(1, outboxId);
            mark.execute();
            connection.commit();
        }
        delivered++;
    }
}
