package io.v100.shell.gateway;

import java.util.Locale;

/**
 * Billing tier of a tenant; it sets the tenant's rate limit.
 */
public enum Tier
{
    FREE, PRO, ENTERPRISE;

    /**
     * @param value as written in a token claim or a command line: free, pro or enterprise, any case.
     * @return the tier, or null when the value names none.
     */
    public static Tier parse(final String value)
    {
        if (null == value)
        {
            return null;
        }
        for (final Tier tier : values())
        {
            if (tier.name().equalsIgnoreCase(value))
            {
                return tier;
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
