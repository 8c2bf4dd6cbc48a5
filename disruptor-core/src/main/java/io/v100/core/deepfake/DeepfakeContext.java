package io.v100.core.deepfake;

/**
 * Settings of the {@link DeepfakeHandler}'s per-camera CUSUM (E. S. Page, Biometrika 41 (1954) 100-115).
 * <p>
 * Detector scores are probabilities in [0, 1]. The defaults assume an in-control mean score of
 * {@value #IN_CONTROL_MEAN_DEFAULT} and aim at a shift to a manipulated mean of about 0.40, so the allowance
 * {@code k} is half that shift, {@value #ALLOWANCE_DEFAULT}.
 * <p>
 * Trade-off: for a sustained manipulated mean {@code mu1 > mu0 + k}, the expected detection delay is about
 * {@code h / (mu1 - mu0 - k)} samples (the drift of {@code S_n} per sample, ignoring the overshoot of {@code h}):
 * with the defaults, roughly 13 samples at {@code mu1 = 0.40} and 4 samples at {@code mu1 = 0.80}. The in-control
 * average run length ARL0 (mean samples between false alarms) is governed by {@code h} and {@code k}: it grows
 * roughly exponentially with {@code h} and increases with {@code k}, while both lengthen the detection delay.
 * Siegmund's approximation gives ARL0 in closed form for Gaussian samples; detector scores are not Gaussian, so
 * no ARL0 figure is claimed here. Scores that never exceed {@code mu0 + k} can never raise an alarm.
 * <p>
 * Setters return {@code this} for chaining; {@link #conclude()} validates and is called by the handler.
 */
public final class DeepfakeContext
{
    /** Largest number of cameras; camera ids run from 0 to this minus one. */
    public static final int MAX_CAMERAS = 16;

    /** Default in-control mean detector score {@code mu0}. */
    public static final double IN_CONTROL_MEAN_DEFAULT = 0.10;

    /** Default allowance {@code k}: half the shift from 0.10 to a manipulated mean of about 0.40. */
    public static final double ALLOWANCE_DEFAULT = 0.15;

    /** Default decision interval {@code h} for raising an alert. */
    public static final double THRESHOLD_DEFAULT = 2.0;

    /** Default decision interval {@code h_clear} of the return-to-normal CUSUM. */
    public static final double CLEAR_THRESHOLD_DEFAULT = 2.0;

    /** System property overriding {@link #IN_CONTROL_MEAN_DEFAULT}. */
    public static final String IN_CONTROL_MEAN_PROP_NAME = "v100.deepfake.in.control.mean";

    /** System property overriding {@link #ALLOWANCE_DEFAULT}. */
    public static final String ALLOWANCE_PROP_NAME = "v100.deepfake.allowance";

    /** System property overriding {@link #THRESHOLD_DEFAULT}. */
    public static final String THRESHOLD_PROP_NAME = "v100.deepfake.threshold";

    /** System property overriding {@link #CLEAR_THRESHOLD_DEFAULT}. */
    public static final String CLEAR_THRESHOLD_PROP_NAME = "v100.deepfake.clear.threshold";

    private double inControlMean = doubleProperty(IN_CONTROL_MEAN_PROP_NAME, IN_CONTROL_MEAN_DEFAULT);
    private double allowance = doubleProperty(ALLOWANCE_PROP_NAME, ALLOWANCE_DEFAULT);
    private double threshold = doubleProperty(THRESHOLD_PROP_NAME, THRESHOLD_DEFAULT);
    private double clearThreshold = doubleProperty(CLEAR_THRESHOLD_PROP_NAME, CLEAR_THRESHOLD_DEFAULT);

    /**
     * @param inControlMean {@code mu0}, mean detector score of a genuine stream, in [0, 1].
     * @return this.
     */
    public DeepfakeContext inControlMean(final double inControlMean)
    {
        this.inControlMean = inControlMean;
        return this;
    }

    /**
     * @return {@code mu0}.
     */
    public double inControlMean()
    {
        return inControlMean;
    }

    /**
     * @param allowance {@code k}, score units, {@code >= 0}.
     * @return this.
     */
    public DeepfakeContext allowance(final double allowance)
    {
        this.allowance = allowance;
        return this;
    }

    /**
     * @return {@code k}.
     */
    public double allowance()
    {
        return allowance;
    }

    /**
     * @param threshold {@code h}, score units, {@code > 0}.
     * @return this.
     */
    public DeepfakeContext threshold(final double threshold)
    {
        this.threshold = threshold;
        return this;
    }

    /**
     * @return {@code h}.
     */
    public double threshold()
    {
        return threshold;
    }

    /**
     * @param clearThreshold {@code h_clear}, score units, {@code > 0}.
     * @return this.
     */
    public DeepfakeContext clearThreshold(final double clearThreshold)
    {
        this.clearThreshold = clearThreshold;
        return this;
    }

    /**
     * @return {@code h_clear}.
     */
    public double clearThreshold()
    {
        return clearThreshold;
    }

    /**
     * Validate the settings.
     *
     * @return this.
     * @throws IllegalArgumentException when {@code mu0} is outside [0, 1], {@code k < 0}, or a threshold is not
     *                                  a positive finite number.
     */
    public DeepfakeContext conclude()
    {
        if (!(inControlMean >= 0.0 && inControlMean <= 1.0))
        {
            throw new IllegalArgumentException("inControlMean must be in [0, 1]: " + inControlMean);
        }
        if (!(allowance >= 0.0) || !Double.isFinite(allowance))
        {
            throw new IllegalArgumentException("allowance must be >= 0: " + allowance);
        }
        if (!(threshold > 0.0) || !Double.isFinite(threshold))
        {
            throw new IllegalArgumentException("threshold must be > 0: " + threshold);
        }
        if (!(clearThreshold > 0.0) || !Double.isFinite(clearThreshold))
        {
            throw new IllegalArgumentException("clearThreshold must be > 0: " + clearThreshold);
        }
        return this;
    }

    private static double doubleProperty(final String name, final double defaultValue)
    {
        final String value = System.getProperty(name);
        return null == value ? defaultValue : Double.parseDouble(value);
    }
}
