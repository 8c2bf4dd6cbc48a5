package io.v100.core;

import io.v100.sbe.BetRequestDecoder;
import io.v100.sbe.CameraSignalDecoder;
import io.v100.sbe.DetectorScoreDecoder;
import io.v100.sbe.EntitlementGrantDecoder;
import io.v100.sbe.FixtureDecoder;
import io.v100.sbe.LicenseRequestDecoder;
import io.v100.sbe.MatchEventDecoder;
import io.v100.sbe.ReplayRequestDecoder;
import io.v100.sbe.SnapshotRequestDecoder;
import io.v100.sbe.StatusRequestDecoder;
import io.v100.sbe.VideoFrameDecoder;

/**
 * What a session may send: each role allows a fixed set of ingress templates, and a session holds any number of
 * roles. The bit of each role in a mask is its choice in the schema's {@code Roles} set.
 * <pre>
 *   MATCH_DATA      Fixture, MatchEvent
 *   VIDEO           VideoFrame, CameraSignal
 *   DETECTOR        DetectorScore
 *   COMMERCE        EntitlementGrant
 *   VIEWER_GATEWAY  BetRequest, LicenseRequest
 *   OPERATOR        StatusRequest, SnapshotRequest, ReplayRequest
 * </pre>
 * {@code SessionCloseRequest} needs no role: any session may close itself.
 */
public enum SessionRole
{
    MATCH_DATA,
    VIDEO,
    DETECTOR,
    COMMERCE,
    VIEWER_GATEWAY,
    OPERATOR;

    /** Mask with no role. */
    public static final int NONE = 0;

    /** Mask with every role. */
    public static final int ALL = (1 << values().length) - 1;

    /**
     * @return this role's bit in a roles mask.
     */
    public int bit()
    {
        return 1 << ordinal();
    }

    /**
     * @param templateId of an ingress message.
     * @return the role that allows it, or null for a template no role allows (session templates, egress ids,
     * unknown ids).
     */
    public static SessionRole requiredFor(final int templateId)
    {
        return switch (templateId)
        {
            case FixtureDecoder.TEMPLATE_ID, MatchEventDecoder.TEMPLATE_ID -> MATCH_DATA;
            case VideoFrameDecoder.TEMPLATE_ID, CameraSignalDecoder.TEMPLATE_ID -> VIDEO;
            case DetectorScoreDecoder.TEMPLATE_ID -> DETECTOR;
            case EntitlementGrantDecoder.TEMPLATE_ID -> COMMERCE;
            case BetRequestDecoder.TEMPLATE_ID, LicenseRequestDecoder.TEMPLATE_ID -> VIEWER_GATEWAY;
            case StatusRequestDecoder.TEMPLATE_ID, SnapshotRequestDecoder.TEMPLATE_ID,
                ReplayRequestDecoder.TEMPLATE_ID -> OPERATOR;
            default -> null;
        };
    }

    /**
     * @param roles     a roles mask.
     * @param templateId of an ingress message.
     * @return true if a session with these roles may send that template.
     */
    public static boolean allows(final int roles, final int templateId)
    {
        final SessionRole role = requiredFor(templateId);
        return null != role && 0 != (roles & role.bit());
    }

    /**
     * @param names role names separated by {@code ,} or {@code |}, e.g. {@code MATCH_DATA|VIDEO}; {@code ALL} for
     *              every role.
     * @return the mask.
     * @throws IllegalArgumentException naming an unknown role.
     */
    public static int parse(final String names)
    {
        int mask = NONE;
        for (final String name : names.split("[,|]"))
        {
            final String trimmed = name.trim();
            if (trimmed.isEmpty())
            {
                continue;
            }
            mask |= "ALL".equals(trimmed) ? ALL : valueOf(trimmed).bit();
        }
        return mask;
    }

    /**
     * @param roles a roles mask.
     * @return the names joined with {@code |}, in declaration order; empty for none.
     */
    public static String format(final int roles)
    {
        final StringBuilder text = new StringBuilder();
        for (final SessionRole role : values())
        {
            if (0 != (roles & role.bit()))
            {
                text.append(text.length() > 0 ? "|" : "").append(role.name());
            }
        }
        return text.toString();
    }
}
