package io.v100.core.director;

import io.v100.sbe.ShotType;

/**
 * Settings of the {@link DirectorHandler}: camera plan, ball zones, scoring weights and shot timings.
 * <p>
 * <b>Default camera plan</b> (camera ids index arrays of length {@link #MAX_CAMERAS}; id 0 and 7..15 unused):
 * <table>
 *     <caption>cameras</caption>
 *     <tr><th>id</th><th>shot</th><th>position</th></tr>
 *     <tr><td>1</td><td>WIDE</td><td>main camera on the centre gantry</td></tr>
 *     <tr><td>2</td><td>TIGHT</td><td>follows play in the left half (x &lt; 60)</td></tr>
 *     <tr><td>3</td><td>TIGHT</td><td>follows play in the right half (x &gt;= 60)</td></tr>
 *     <tr><td>4</td><td>CLOSE_UP</td><td>behind the left goal (x = 0)</td></tr>
 *     <tr><td>5</td><td>CLOSE_UP</td><td>behind the right goal (x = 120)</td></tr>
 *     <tr><td>6</td><td>REPLAY</td><td>replay server output</td></tr>
 * </table>
 * <b>Ball zones</b> on the 120 x 80 StatsBomb pitch, by ball x only: {@link #ZONE_LEFT_BOX} x &lt; 18,
 * {@link #ZONE_LEFT_THIRD} 18 &lt;= x &lt; 40, {@link #ZONE_MIDDLE} 40 &lt;= x &lt; 80, {@link #ZONE_RIGHT_THIRD}
 * 80 &lt;= x &lt;= 102, {@link #ZONE_RIGHT_BOX} x &gt; 102. Until a location is known the zone is MIDDLE.
 * <p>
 * <b>Zone affinity</b> (0 = not a candidate in that zone; default values):
 * <table>
 *     <caption>affinity by zone and camera</caption>
 *     <tr><th>zone</th><th>cam 1</th><th>cam 2</th><th>cam 3</th><th>cam 4</th><th>cam 5</th></tr>
 *     <tr><td>LEFT_BOX</td><td>0.3</td><td>0.6</td><td>0</td><td>1.0</td><td>0</td></tr>
 *     <tr><td>LEFT_THIRD</td><td>0.6</td><td>1.0</td><td>0</td><td>0.3</td><td>0</td></tr>
 *     <tr><td>MIDDLE</td><td>1.0</td><td>0.5</td><td>0.5</td><td>0</td><td>0</td></tr>
 *     <tr><td>RIGHT_THIRD</td><td>0.6</td><td>0</td><td>1.0</td><td>0</td><td>0.3</td></tr>
 *     <tr><td>RIGHT_BOX</td><td>0.3</td><td>0</td><td>0.6</td><td>0</td><td>1.0</td></tr>
 * </table>
 * The replay camera is never an ordinary candidate. The score of camera {@code c} is
 * {@code zoneWeight * affinity[zone][c] + saliencyWeight * saliency[c] + framingWeight * framing[c]}.
 * <p>
 * The rules follow the cinematography guidelines for sports directing used by C. Chen, O. Wang, S. Heinzle,
 * P. Carr, A. Smolic and M. Gross, "Computational sports broadcasting: automated director assistance for live
 * sports", IEEE ICME 2013 (doi:10.1109/ICME.2013.6607445), and the shot-duration regularisation of J. Chen,
 * L. Meng and J. J. Little, "Camera selection for broadcasting soccer games", IEEE WACV 2018, 427-435
 * (doi:10.1109/WACV.2018.00053), reduced here to a minimum shot length plus a hysteresis margin. No formal
 * standard exists for these values; they are editorial defaults.
 * <p>
 * Setters return {@code this}; {@link #conclude()} validates and is called by the handler's constructor.
 * All durations are ns of event time.
 */
public final class DirectorContext
{
    /** Size of the per-camera arrays; camera ids run from 0 to this minus one. */
    public static final int MAX_CAMERAS = 16;

    /** Zone index: the left penalty box, x &lt; 18. */
    public static final int ZONE_LEFT_BOX = 0;
    /** Zone index: the rest of the left third, 18 &lt;= x &lt; 40. */
    public static final int ZONE_LEFT_THIRD = 1;
    /** Zone index: the middle third, 40 &lt;= x &lt; 80. */
    public static final int ZONE_MIDDLE = 2;
    /** Zone index: the rest of the right third, 80 &lt;= x &lt;= 102. */
    public static final int ZONE_RIGHT_THIRD = 3;
    /** Zone index: the right penalty box, x &gt; 102. */
    public static final int ZONE_RIGHT_BOX = 4;
    /** Number of zones. */
    public static final int ZONE_COUNT = 5;

    /** Default id of the WIDE main camera. */
    public static final int WIDE_CAMERA_DEFAULT = 1;
    /** Default id of the TIGHT camera of the left half. */
    public static final int LEFT_TIGHT_CAMERA_DEFAULT = 2;
    /** Default id of the TIGHT camera of the right half. */
    public static final int RIGHT_TIGHT_CAMERA_DEFAULT = 3;
    /** Default id of the CLOSE_UP camera behind the left goal; also the goal camera when the ball x is unknown. */
    public static final int LEFT_CLOSE_UP_CAMERA_DEFAULT = 4;
    /** Default id of the CLOSE_UP camera behind the right goal. */
    public static final int RIGHT_CLOSE_UP_CAMERA_DEFAULT = 5;
    /** Default id of the REPLAY camera (replay server). */
    public static final int REPLAY_CAMERA_DEFAULT = 6;

    /** Pitch length in StatsBomb units; the halfway line is at half of it. */
    public static final double PITCH_LENGTH = 120.0;
    /** Default x below which the ball is in the left box. */
    public static final double LEFT_BOX_X_DEFAULT = 18.0;
    /** Default x below which the ball is in the left third. */
    public static final double LEFT_THIRD_X_DEFAULT = 40.0;
    /** Default x from which the ball is in the right third. */
    public static final double RIGHT_THIRD_X_DEFAULT = 80.0;
    /** Default x above which the ball is in the right box. */
    public static final double RIGHT_BOX_X_DEFAULT = 102.0;

    /** Default minimum shot length before an ordinary cut: 3 s. */
    public static final long MIN_SHOT_NS_DEFAULT = 3_000_000_000L;
    /** Default hold of the current shot after a SHOT or PENALTY_AWARDED: 2 s. */
    public static final long DECISIVE_HOLD_NS_DEFAULT = 2_000_000_000L;
    /** Default time on the goal close-up before the replay: 6 s. */
    public static final long CELEBRATION_HOLD_NS_DEFAULT = 6_000_000_000L;
    /** Default replay length before returning to WIDE: 8 s. */
    public static final long REPLAY_LENGTH_NS_DEFAULT = 8_000_000_000L;
    /** Default margin by which a candidate's score must beat the current camera's. */
    public static final double HYSTERESIS_DEFAULT = 0.15;
    /** Default weight of zone affinity in a camera's score. */
    public static final double ZONE_WEIGHT_DEFAULT = 0.5;
    /** Default weight of saliency in a camera's score. */
    public static final double SALIENCY_WEIGHT_DEFAULT = 0.3;
    /** Default weight of framing in a camera's score. */
    public static final double FRAMING_WEIGHT_DEFAULT = 0.2;

    /** System property overriding {@link #MIN_SHOT_NS_DEFAULT}. */
    public static final String MIN_SHOT_NS_PROP_NAME = "v100.director.min.shot.ns";
    /** System property overriding {@link #HYSTERESIS_DEFAULT}. */
    public static final String HYSTERESIS_PROP_NAME = "v100.director.hysteresis";

    private final ShotType[] shotTypes = new ShotType[MAX_CAMERAS];
    private final double[][] zoneAffinity = new double[ZONE_COUNT][MAX_CAMERAS];

    private int wideCamera = WIDE_CAMERA_DEFAULT;
    private int leftTightCamera = LEFT_TIGHT_CAMERA_DEFAULT;
    private int rightTightCamera = RIGHT_TIGHT_CAMERA_DEFAULT;
    private int leftCloseUpCamera = LEFT_CLOSE_UP_CAMERA_DEFAULT;
    private int rightCloseUpCamera = RIGHT_CLOSE_UP_CAMERA_DEFAULT;
    private int replayCamera = REPLAY_CAMERA_DEFAULT;

    private double leftBoxX = LEFT_BOX_X_DEFAULT;
    private double leftThirdX = LEFT_THIRD_X_DEFAULT;
    private double rightThirdX = RIGHT_THIRD_X_DEFAULT;
    private double rightBoxX = RIGHT_BOX_X_DEFAULT;

    private long minShotNs = Long.getLong(MIN_SHOT_NS_PROP_NAME, MIN_SHOT_NS_DEFAULT);
    private long decisiveHoldNs = DECISIVE_HOLD_NS_DEFAULT;
    private long celebrationHoldNs = CELEBRATION_HOLD_NS_DEFAULT;
    private long replayLengthNs = REPLAY_LENGTH_NS_DEFAULT;
    private double hysteresis = doubleProperty(HYSTERESIS_PROP_NAME, HYSTERESIS_DEFAULT);
    private double zoneWeight = ZONE_WEIGHT_DEFAULT;
    private double saliencyWeight = SALIENCY_WEIGHT_DEFAULT;
    private double framingWeight = FRAMING_WEIGHT_DEFAULT;

    /**
     * Create a context holding the default camera plan and zone affinities of the class description.
     */
    public DirectorContext()
    {
        shotTypes[WIDE_CAMERA_DEFAULT] = ShotType.WIDE;
        shotTypes[LEFT_TIGHT_CAMERA_DEFAULT] = ShotType.TIGHT;
        shotTypes[RIGHT_TIGHT_CAMERA_DEFAULT] = ShotType.TIGHT;
        shotTypes[LEFT_CLOSE_UP_CAMERA_DEFAULT] = ShotType.CLOSE_UP;
        shotTypes[RIGHT_CLOSE_UP_CAMERA_DEFAULT] = ShotType.CLOSE_UP;
        shotTypes[REPLAY_CAMERA_DEFAULT] = ShotType.REPLAY;

        affinity(ZONE_LEFT_BOX, 0.3, 0.6, 0.0, 1.0, 0.0);
        affinity(ZONE_LEFT_THIRD, 0.6, 1.0, 0.0, 0.3, 0.0);
        affinity(ZONE_MIDDLE, 1.0, 0.5, 0.5, 0.0, 0.0);
        affinity(ZONE_RIGHT_THIRD, 0.6, 0.0, 1.0, 0.0, 0.3);
        affinity(ZONE_RIGHT_BOX, 0.3, 0.0, 0.6, 0.0, 1.0);
    }

    /**
     * @param cameraId in [0, {@link #MAX_CAMERAS}).
     * @param shotType framing the camera delivers, or null when the camera is not in use.
     * @return this.
     */
    public DirectorContext shotType(final int cameraId, final ShotType shotType)
    {
        shotTypes[cameraId] = shotType;
        return this;
    }

    /**
     * @param cameraId in [0, {@link #MAX_CAMERAS}).
     * @return shot type of that camera, null when not in use.
     */
    public ShotType shotType(final int cameraId)
    {
        return shotTypes[cameraId];
    }

    /**
     * @param zone     one of the {@code ZONE_*} indices.
     * @param cameraId in [0, {@link #MAX_CAMERAS}).
     * @param affinity in [0, 1]; 0 removes the camera from that zone's candidates.
     * @return this.
     */
    public DirectorContext zoneAffinity(final int zone, final int cameraId, final double affinity)
    {
        zoneAffinity[zone][cameraId] = affinity;
        return this;
    }

    /**
     * @param zone     one of the {@code ZONE_*} indices.
     * @param cameraId in [0, {@link #MAX_CAMERAS}).
     * @return affinity of the camera for the zone, in [0, 1].
     */
    public double zoneAffinity(final int zone, final int cameraId)
    {
        return zoneAffinity[zone][cameraId];
    }

    /**
     * @param cameraId of the WIDE main camera: the period and post-replay shot.
     * @return this.
     */
    public DirectorContext wideCamera(final int cameraId)
    {
        wideCamera = cameraId;
        return this;
    }

    /**
     * @return id of the WIDE main camera.
     */
    public int wideCamera()
    {
        return wideCamera;
    }

    /**
     * @param cameraId of the TIGHT camera used for a red card in the left half.
     * @return this.
     */
    public DirectorContext leftTightCamera(final int cameraId)
    {
        leftTightCamera = cameraId;
        return this;
    }

    /**
     * @return id of the left-half TIGHT camera.
     */
    public int leftTightCamera()
    {
        return leftTightCamera;
    }

    /**
     * @param cameraId of the TIGHT camera used for a red card in the right half.
     * @return this.
     */
    public DirectorContext rightTightCamera(final int cameraId)
    {
        rightTightCamera = cameraId;
        return this;
    }

    /**
     * @return id of the right-half TIGHT camera.
     */
    public int rightTightCamera()
    {
        return rightTightCamera;
    }

    /**
     * @param cameraId of the CLOSE_UP camera behind the left goal, used for goals in the left half or when the
     *                 ball x is unknown.
     * @return this.
     */
    public DirectorContext leftCloseUpCamera(final int cameraId)
    {
        leftCloseUpCamera = cameraId;
        return this;
    }

    /**
     * @return id of the left goal CLOSE_UP camera.
     */
    public int leftCloseUpCamera()
    {
        return leftCloseUpCamera;
    }

    /**
     * @param cameraId of the CLOSE_UP camera behind the right goal.
     * @return this.
     */
    public DirectorContext rightCloseUpCamera(final int cameraId)
    {
        rightCloseUpCamera = cameraId;
        return this;
    }

    /**
     * @return id of the right goal CLOSE_UP camera.
     */
    public int rightCloseUpCamera()
    {
        return rightCloseUpCamera;
    }

    /**
     * @param cameraId of the replay server output.
     * @return this.
     */
    public DirectorContext replayCamera(final int cameraId)
    {
        replayCamera = cameraId;
        return this;
    }

    /**
     * @return id of the REPLAY camera.
     */
    public int replayCamera()
    {
        return replayCamera;
    }

    /**
     * @param leftBoxX    x below which the ball is in the left box.
     * @param leftThirdX  x below which the ball is in the left third.
     * @param rightThirdX x from which the ball is in the right third.
     * @param rightBoxX   x above which the ball is in the right box.
     * @return this.
     */
    public DirectorContext zoneBoundaries(
        final double leftBoxX, final double leftThirdX, final double rightThirdX, final double rightBoxX)
    {
        this.leftBoxX = leftBoxX;
        this.leftThirdX = leftThirdX;
        this.rightThirdX = rightThirdX;
        this.rightBoxX = rightBoxX;
        return this;
    }

    /**
     * @return x below which the ball is in the left box.
     */
    public double leftBoxX()
    {
        return leftBoxX;
    }

    /**
     * @return x below which the ball is in the left third.
     */
    public double leftThirdX()
    {
        return leftThirdX;
    }

    /**
     * @return x from which the ball is in the right third.
     */
    public double rightThirdX()
    {
        return rightThirdX;
    }

    /**
     * @return x above which the ball is in the right box.
     */
    public double rightBoxX()
    {
        return rightBoxX;
    }

    /**
     * @param minShotNs minimum time on a camera before an ordinary cut, ns, {@code >= 0}.
     * @return this.
     */
    public DirectorContext minShotNs(final long minShotNs)
    {
        this.minShotNs = minShotNs;
        return this;
    }

    /**
     * @return minimum shot length, ns.
     */
    public long minShotNs()
    {
        return minShotNs;
    }

    /**
     * @param decisiveHoldNs time the current shot is held after a SHOT or PENALTY_AWARDED, ns, {@code >= 0}.
     * @return this.
     */
    public DirectorContext decisiveHoldNs(final long decisiveHoldNs)
    {
        this.decisiveHoldNs = decisiveHoldNs;
        return this;
    }

    /**
     * @return decisive-action hold, ns.
     */
    public long decisiveHoldNs()
    {
        return decisiveHoldNs;
    }

    /**
     * @param celebrationHoldNs time on the goal close-up before the replay, ns, {@code >= 0}.
     * @return this.
     */
    public DirectorContext celebrationHoldNs(final long celebrationHoldNs)
    {
        this.celebrationHoldNs = celebrationHoldNs;
        return this;
    }

    /**
     * @return celebration hold, ns.
     */
    public long celebrationHoldNs()
    {
        return celebrationHoldNs;
    }

    /**
     * @param replayLengthNs time on the REPLAY camera before returning to WIDE, ns, {@code >= 0}.
     * @return this.
     */
    public DirectorContext replayLengthNs(final long replayLengthNs)
    {
        this.replayLengthNs = replayLengthNs;
        return this;
    }

    /**
     * @return replay length, ns.
     */
    public long replayLengthNs()
    {
        return replayLengthNs;
    }

    /**
     * @param hysteresis score margin a candidate must exceed over the current camera, {@code >= 0}.
     * @return this.
     */
    public DirectorContext hysteresis(final double hysteresis)
    {
        this.hysteresis = hysteresis;
        return this;
    }

    /**
     * @return hysteresis margin in score units.
     */
    public double hysteresis()
    {
        return hysteresis;
    }

    /**
     * @param zoneWeight     weight of zone affinity, {@code >= 0}.
     * @param saliencyWeight weight of saliency, {@code >= 0}.
     * @param framingWeight  weight of framing, {@code >= 0}.
     * @return this.
     */
    public DirectorContext weights(final double zoneWeight, final double saliencyWeight, final double framingWeight)
    {
        this.zoneWeight = zoneWeight;
        this.saliencyWeight = saliencyWeight;
        this.framingWeight = framingWeight;
        return this;
    }

    /**
     * @return weight of zone affinity.
     */
    public double zoneWeight()
    {
        return zoneWeight;
    }

    /**
     * @return weight of saliency.
     */
    public double saliencyWeight()
    {
        return saliencyWeight;
    }

    /**
     * @return weight of framing.
     */
    public double framingWeight()
    {
        return framingWeight;
    }

    /**
     * Validate the settings.
     *
     * @return this.
     * @throws IllegalArgumentException when a role camera is out of range or has no shot type, a camera with a
     *                                  positive affinity has no shot type, an affinity or weight is outside its
     *                                  range, the zone boundaries are not increasing, or a duration is negative.
     */
    public DirectorContext conclude()
    {
        checkRoleCamera(wideCamera);
        checkRoleCamera(leftTightCamera);
        checkRoleCamera(rightTightCamera);
        checkRoleCamera(leftCloseUpCamera);
        checkRoleCamera(rightCloseUpCamera);
        checkRoleCamera(replayCamera);

        for (int zone = 0; zone < ZONE_COUNT; zone++)
        {
            for (int camera = 0; camera < MAX_CAMERAS; camera++)
            {
                final double affinity = zoneAffinity[zone][camera];
                if (!(affinity >= 0.0 && affinity <= 1.0))
                {
                    throw new IllegalArgumentException(
                        "affinity must be in [0, 1]: zone " + zone + " camera " + camera);
                }
                if (affinity > 0.0 && (null == shotTypes[camera] || camera == replayCamera))
                {
                    throw new IllegalArgumentException("camera " + camera + " cannot be a zone candidate");
                }
            }
        }

        if (!(leftBoxX <= leftThirdX && leftThirdX <= rightThirdX && rightThirdX <= rightBoxX))
        {
            throw new IllegalArgumentException("zone boundaries must be increasing");
        }
        if (minShotNs < 0 || decisiveHoldNs < 0 || celebrationHoldNs < 0 || replayLengthNs < 0)
        {
            throw new IllegalArgumentException("durations must be >= 0");
        }
        if (!(hysteresis >= 0.0) || !(zoneWeight >= 0.0) || !(saliencyWeight >= 0.0) || !(framingWeight >= 0.0) ||
            !Double.isFinite(hysteresis + zoneWeight + saliencyWeight + framingWeight))
        {
            throw new IllegalArgumentException("hysteresis and weights must be finite and >= 0");
        }
        return this;
    }

    private void checkRoleCamera(final int cameraId)
    {
        if (cameraId < 0 || cameraId >= MAX_CAMERAS || null == shotTypes[cameraId])
        {
            throw new IllegalArgumentException("role camera out of range or without a shot type: " + cameraId);
        }
    }

    private void affinity(
        final int zone, final double wide, final double leftTight, final double rightTight,
        final double leftCloseUp, final double rightCloseUp)
    {
        zoneAffinity[zone][WIDE_CAMERA_DEFAULT] = wide;
        zoneAffinity[zone][LEFT_TIGHT_CAMERA_DEFAULT] = leftTight;
        zoneAffinity[zone][RIGHT_TIGHT_CAMERA_DEFAULT] = rightTight;
        zoneAffinity[zone][LEFT_CLOSE_UP_CAMERA_DEFAULT] = leftCloseUp;
        zoneAffinity[zone][RIGHT_CLOSE_UP_CAMERA_DEFAULT] = rightCloseUp;
    }

    private static double doubleProperty(final String name, final double defaultValue)
    {
        final String value = System.getProperty(name);
        return null == value ? defaultValue : Double.parseDouble(value);
    }
}
