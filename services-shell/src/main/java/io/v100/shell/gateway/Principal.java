package io.v100.shell.gateway;

import java.util.regex.Pattern;

/**
 * Who a request runs as: every authenticated request has one, and every tenant-owned resource is looked up with
 * its {@code tenant}.
 *
 * @param tenant  tenant id, {@link #TENANT_PATTERN}.
 * @param tier    billing tier, which sets the rate limit.
 * @param role    what the caller may do within the tenant.
 * @param subject the viewer's or user's id (a token's {@code sub}), or the API key id.
 * @param method  how the caller proved it: {@code jwt} or {@code api-key}.
 */
public record Principal(String tenant, Tier tier, Role role, String subject, String method)
{
    /** Tenant ids: lower-case letters, digits and dashes, 1 to 63 characters. */
    public static final Pattern TENANT_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Subjects: printable ASCII without spaces or quotes, 1 to 128 characters. */
    public static final Pattern SUBJECT_PATTERN = Pattern.compile("[A-Za-z0-9._:@|+-]{1,128}");
}
