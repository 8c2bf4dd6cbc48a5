package io.v100.demo;

import io.v100.client.ClientCredentials;
import io.v100.gateway.CredentialStore;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Credentials made in memory for a core and its clients that live in one process and one run (the warm-up core,
 * the perf harness, tests): fresh random secrets, never written anywhere.
 *
 * @param store   what the core checks session opens against.
 * @param clients each principal's own credentials, in the order asked for.
 */
public record InMemoryCredentials(CredentialStore store, List<ClientCredentials> clients)
{
    /**
     * @param principalsAndRoles pairs of principal and roles mask (see {@code SessionRole}), e.g.
     *                           {@code "feed", SessionRole.ALL}.
     * @return a store holding a salted hash of each fresh secret, and the clients' credentials.
     */
    public static InMemoryCredentials of(final Object... principalsAndRoles)
    {
        final SecureRandom random = new SecureRandom();
        final List<CredentialStore.Entry> entries = new ArrayList<>();
        final List<ClientCredentials> clients = new ArrayList<>();
        for (int i = 0; i < principalsAndRoles.length; i += 2)
        {
            final ClientCredentials client = ClientCredentials.generate((String)principalsAndRoles[i], random);
            clients.add(client);
            entries.add(CredentialStore.entry(client.principal(), (Integer)principalsAndRoles[i + 1], client.secret(),
                random));
        }
        return new InMemoryCredentials(new CredentialStore(entries), List.copyOf(clients));
    }

    /**
     * @param index in the order given to {@link #of}.
     * @return that principal's credentials.
     */
    public ClientCredentials client(final int index)
    {
        return clients.get(index);
    }
}
