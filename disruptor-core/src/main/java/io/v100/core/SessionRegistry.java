package io.v100.core;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which Aeron connection each client id is bound to, and with which roles: written by the ring's consumer when it
 * processes a journaled session open or close, read by the gateway poller for every frame it takes.
 * <p>
 * The rule the gateway enforces with it: a frame is taken only if the client id it names is bound to the
 * connection it arrived on, and that client's roles allow its template. The binding is made only by a session
 * open whose secret the gateway checked, so a second connection cannot send under someone else's client id:
 * whatever it declares, its frames arrive on a connection no other session is bound to.
 * <p>
 * One writer (the ring thread), any number of readers. Roles are written before the connection with release
 * semantics, and readers read the connection first, so a reader that sees a binding sees its roles. Fixed size,
 * allocated up front: {@code maxClients + 1} entries, index 0 unused.
 */
public final class SessionRegistry
{
    /** Connection id of a client id bound to no connection. */
    public static final long NO_CONNECTION = 0;

    private final int maxClients;
    private final AtomicLongArray connections;
    private final AtomicIntegerArray roles;

    /**
     * @param maxClients client ids that can be assigned, 1..maxClients.
     */
    public SessionRegistry(final int maxClients)
    {
        this.maxClients = maxClients;
        connections = new AtomicLongArray(maxClients + 1);
        roles = new AtomicIntegerArray(maxClients + 1);
    }

    /**
     * @return client ids that can be assigned.
     */
    public int maxClients()
    {
        return maxClients;
    }

    /**
     * @param clientId     1..maxClients.
     * @param connectionId of the connection the session was opened on.
     * @param roleMask     the session's roles.
     */
    void bind(final int clientId, final long connectionId, final int roleMask)
    {
        roles.setRelease(clientId, roleMask);
        connections.setRelease(clientId, connectionId);
    }

    /**
     * @param clientId whose session closed.
     */
    void unbind(final int clientId)
    {
        connections.setRelease(clientId, NO_CONNECTION);
        roles.setRelease(clientId, SessionRole.NONE);
    }

    /**
     * @param clientId any value.
     * @return the connection it is bound to, {@link #NO_CONNECTION} if none or out of range.
     */
    public long connection(final int clientId)
    {
        return clientId < 1 || clientId > maxClients ? NO_CONNECTION : connections.getAcquire(clientId);
    }

    /**
     * @param clientId 1..maxClients.
     * @return its roles mask; read after {@link #connection(int)}.
     */
    public int roles(final int clientId)
    {
        return clientId < 1 || clientId > maxClients ? SessionRole.NONE : roles.getAcquire(clientId);
    }

    /**
     * @param connectionId of a connection.
     * @return the client id bound to it, 0 if none. Linear in maxClients: for rare events only.
     */
    public int clientOf(final long connectionId)
    {
        for (int clientId = 1; clientId <= maxClients; clientId++)
        {
            if (connections.getAcquire(clientId) == connectionId)
            {
                return clientId;
            }
        }
        return 0;
    }
}
