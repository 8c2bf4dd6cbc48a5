package io.v100.shell.gateway;

import java.util.Locale;

/**
 * What a caller may do within its tenant: viewers read; admins also manage the tenant's API keys.
 */
public enum Role
{
    VIEWER, ADMIN;

    /**
     * @param value as written in a token claim or a command line: viewer or admin, any case.
     * @return the role, or null when the value names none.
     */
    public static Role parse(final String value)
    {
        if (null == value)
        {
            return null;
        }
        for (final Role role : values())
        {
            if (role.name().equalsIgnoreCase(value))
            {
                return role;
            }
        }
        return null;
    }

    /**
     * @return the claim value: lower case.
     */
    public String claim()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
