package io.v100.core;

import io.v100.core.abr.AbrContext;
import io.v100.core.abr.AbrSegmenterHandler;
import io.v100.core.deepfake.DeepfakeContext;
import io.v100.core.deepfake.DeepfakeHandler;
import io.v100.core.director.DirectorContext;
import io.v100.core.director.DirectorHandler;
import io.v100.core.drm.DrmContext;
import io.v100.core.drm.DrmHandler;
import io.v100.core.wagering.WageringContext;
import io.v100.core.wagering.WageringHandler;

/**
 * The five broadcast handlers in tick order, over one egress proxy.
 * <pre>
 *   wagering sync -> AI Director -> ABR segmentation -> deepfake detection -> DRM licensing
 * </pre>
 * Wagering runs first so that a goal's market suspension is the first output of its tick: a bettor's client sees
 * the suspension before the cut or the marker that reveal the goal.
 */
public final class BroadcastHandlers
{
    private final WageringHandler wagering;
    private final DirectorHandler director;
    private final AbrSegmenterHandler abr;
    private final DeepfakeHandler deepfake;
    private final DrmHandler drm;

    /**
     * @param egress    every handler emits through.
     * @param wagering  settings, validated here.
     * @param director  settings, validated here.
     * @param abr       settings, validated here.
     * @param deepfake  settings, validated here.
     * @param drm       settings, validated here.
     * @throws IllegalArgumentException if a setting is out of range.
     */
    public BroadcastHandlers(
        final EgressProxy egress,
        final WageringContext wagering,
        final DirectorContext director,
        final AbrContext abr,
        final DeepfakeContext deepfake,
        final DrmContext drm)
    {
        this.wagering = new WageringHandler(wagering.conclude(), egress);
        this.director = new DirectorHandler(director.conclude(), egress);
        this.abr = new AbrSegmenterHandler(abr.conclude(), egress);
        this.deepfake = new DeepfakeHandler(deepfake.conclude(), egress);
        this.drm = new DrmHandler(drm.conclude(), egress);
    }

    /**
     * @param egress every handler emits through.
     * @return the five handlers with default settings (system properties apply).
     */
    public static BroadcastHandlers withDefaults(final EgressProxy egress)
    {
        return new BroadcastHandlers(
            egress, new WageringContext(), new DirectorContext(), new AbrContext(), new DeepfakeContext(),
            new DrmContext());
    }

    /**
     * @return the handlers in the order the tick must run them.
     */
    public BroadcastHandler[] inTickOrder()
    {
        return new BroadcastHandler[]{ wagering, director, abr, deepfake, drm };
    }

    public WageringHandler wagering()
    {
        return wagering;
    }

    public DirectorHandler director()
    {
        return director;
    }

    public AbrSegmenterHandler abr()
    {
        return abr;
    }

    public DeepfakeHandler deepfake()
    {
        return deepfake;
    }

    public DrmHandler drm()
    {
        return drm;
    }
}
