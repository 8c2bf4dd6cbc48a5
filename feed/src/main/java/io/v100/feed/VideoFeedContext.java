package io.v100.feed;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.v100.feed.FeedProperties.doubleProperty;
import static io.v100.feed.FeedProperties.intListProperty;
import static io.v100.feed.FeedProperties.require;

/**
 * Settings of the generated video, camera and detector streams and the injected manipulation, part of {@link
 * FeedContext} ({@code FeedContext.video()}).
 * <p>
 * Units as in {@link FeedContext}: ns, kbit/s, minor units, fractions in [0, 1]. Every setting has a system
 * property ({@code *_PROP_NAME}), read when the context is created; setters override it. The values are modelling
 * assumptions chosen to exercise the core, not market or audience data.
 */
public final class VideoFeedContext
{
    /** Video starts this long before kick-off. */
    public static final String VIDEO_PREROLL_NS_PROP_NAME = "v100.feed.video.preroll.ns";
    public static final long VIDEO_PREROLL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(60);
    /** Video runs on this long after the end of the last period. */
    public static final String VIDEO_POSTROLL_NS_PROP_NAME = "v100.feed.video.postroll.ns";
    public static final long VIDEO_POSTROLL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);
    /** Frames per second of the program feed. */
    public static final String VIDEO_FPS_PROP_NAME = "v100.feed.video.fps";
    public static final int VIDEO_FPS_DEFAULT = 25;
    /** Frames from one IDR frame to the next: 2 s GOPs at 25 fps. */
    public static final String IDR_INTERVAL_FRAMES_PROP_NAME = "v100.feed.idr.interval.frames";
    public static final int IDR_INTERVAL_FRAMES_DEFAULT = 50;
    /** Rendition ladder, kbit/s, rendition id = index: 1080p 6000, 720p 3000, 540p 1500, 360p 700. */
    public static final String RENDITION_BITRATES_KBPS_PROP_NAME = "v100.feed.rendition.bitrates.kbps";
    private static final int[] RENDITION_BITRATES_KBPS_DEFAULT = { 6000, 3000, 1500, 700 };
    /** An IDR frame is this many times the size of a predicted frame. */
    public static final String IDR_SIZE_FACTOR_PROP_NAME = "v100.feed.idr.size.factor";
    public static final double IDR_SIZE_FACTOR_DEFAULT = 5.0;
    /** Frame sizes vary uniformly by up to this fraction either side of their mean. */
    public static final String FRAME_SIZE_VARIATION_PROP_NAME = "v100.feed.frame.size.variation";
    public static final double FRAME_SIZE_VARIATION_DEFAULT = 0.2;
    /** Each camera sends a CameraSignal this often. */
    public static final String CAMERA_INTERVAL_NS_PROP_NAME = "v100.feed.camera.interval.ns";
    public static final long CAMERA_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(200);
    /** The deepfake detector scores each camera this often. */
    public static final String DETECTOR_INTERVAL_NS_PROP_NAME = "v100.feed.detector.interval.ns";
    public static final long DETECTOR_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(200);
    /** Camera whose detector scores are raised during the injected manipulation (0 disables it). */
    public static final String MANIPULATED_CAMERA_ID_PROP_NAME = "v100.feed.manipulated.camera.id";
    public static final int MANIPULATED_CAMERA_ID_DEFAULT = 3;
    /** Start of the injected manipulation after kick-off (wall time, breaks included). */
    public static final String MANIPULATED_START_AFTER_KICKOFF_NS_PROP_NAME = "v100.feed.manipulated.start.after.kickoff.ns";
    public static final long MANIPULATED_START_AFTER_KICKOFF_NS_DEFAULT = TimeUnit.MINUTES.toNanos(20);
    /** Length of the injected manipulation. */
    public static final String MANIPULATED_DURATION_NS_PROP_NAME = "v100.feed.manipulated.duration.ns";
    public static final long MANIPULATED_DURATION_NS_DEFAULT = TimeUnit.MINUTES.toNanos(1);

    private long videoPrerollNs = Long.getLong(VIDEO_PREROLL_NS_PROP_NAME, VIDEO_PREROLL_NS_DEFAULT);
    private long videoPostrollNs = Long.getLong(VIDEO_POSTROLL_NS_PROP_NAME, VIDEO_POSTROLL_NS_DEFAULT);
    private int videoFps = Integer.getInteger(VIDEO_FPS_PROP_NAME, VIDEO_FPS_DEFAULT);
    private int idrIntervalFrames = Integer.getInteger(IDR_INTERVAL_FRAMES_PROP_NAME, IDR_INTERVAL_FRAMES_DEFAULT);
    private int[] renditionBitratesKbps =
        intListProperty(RENDITION_BITRATES_KBPS_PROP_NAME, RENDITION_BITRATES_KBPS_DEFAULT);
    private double idrSizeFactor = doubleProperty(IDR_SIZE_FACTOR_PROP_NAME, IDR_SIZE_FACTOR_DEFAULT);
    private double frameSizeVariation =
        doubleProperty(FRAME_SIZE_VARIATION_PROP_NAME, FRAME_SIZE_VARIATION_DEFAULT);
    private long cameraIntervalNs = Long.getLong(CAMERA_INTERVAL_NS_PROP_NAME, CAMERA_INTERVAL_NS_DEFAULT);
    private long detectorIntervalNs = Long.getLong(DETECTOR_INTERVAL_NS_PROP_NAME, DETECTOR_INTERVAL_NS_DEFAULT);
    private int manipulatedCameraId =
        Integer.getInteger(MANIPULATED_CAMERA_ID_PROP_NAME, MANIPULATED_CAMERA_ID_DEFAULT);
    private long manipulatedStartAfterKickoffNs =
        Long.getLong(MANIPULATED_START_AFTER_KICKOFF_NS_PROP_NAME, MANIPULATED_START_AFTER_KICKOFF_NS_DEFAULT);
    private long manipulatedDurationNs =
        Long.getLong(MANIPULATED_DURATION_NS_PROP_NAME, MANIPULATED_DURATION_NS_DEFAULT);

    /**
     * Checks every setting; {@link FeedContext#conclude()} calls it.
     *
     * @return this.
     * @throws IllegalArgumentException naming the property of the first setting out of range.
     */
    public VideoFeedContext conclude()
    {
        require(videoPrerollNs >= 0 && videoPostrollNs >= 0,
            VIDEO_PREROLL_NS_PROP_NAME + "/" + VIDEO_POSTROLL_NS_PROP_NAME);
        require(videoFps > 0 && videoFps <= 1000, VIDEO_FPS_PROP_NAME);
        require(idrIntervalFrames > 0, IDR_INTERVAL_FRAMES_PROP_NAME);
        require(renditionBitratesKbps.length > 0 && renditionBitratesKbps.length <= 255,
            RENDITION_BITRATES_KBPS_PROP_NAME);
        for (final int kbps : renditionBitratesKbps)
        {
            require(kbps > 0, RENDITION_BITRATES_KBPS_PROP_NAME);
        }
        require(idrSizeFactor >= 1.0, IDR_SIZE_FACTOR_PROP_NAME);
        require(frameSizeVariation >= 0.0 && frameSizeVariation < 1.0, FRAME_SIZE_VARIATION_PROP_NAME);
        require(cameraIntervalNs > 0, CAMERA_INTERVAL_NS_PROP_NAME);
        require(detectorIntervalNs > 0, DETECTOR_INTERVAL_NS_PROP_NAME);
        require(manipulatedCameraId >= 0 && manipulatedCameraId <= CameraSignalSource.CAMERA_COUNT,
            MANIPULATED_CAMERA_ID_PROP_NAME);
        require(manipulatedDurationNs >= 0, MANIPULATED_DURATION_NS_PROP_NAME);
        return this;
    }

    /**
     * @return how long video runs before kick-off, ns; default {@link #VIDEO_PREROLL_NS_DEFAULT}.
     */
    public long videoPrerollNs()
    {
        return videoPrerollNs;
    }

    /**
     * @param videoPrerollNs how long video runs before kick-off, ns.
     * @return this.
     */
    public VideoFeedContext videoPrerollNs(final long videoPrerollNs)
    {
        this.videoPrerollNs = videoPrerollNs;
        return this;
    }

    /**
     * @return how long video runs after the last period, ns; default {@link #VIDEO_POSTROLL_NS_DEFAULT}.
     */
    public long videoPostrollNs()
    {
        return videoPostrollNs;
    }

    /**
     * @param videoPostrollNs how long video runs after the last period, ns.
     * @return this.
     */
    public VideoFeedContext videoPostrollNs(final long videoPostrollNs)
    {
        this.videoPostrollNs = videoPostrollNs;
        return this;
    }

    /**
     * @return frames per second; default {@link #VIDEO_FPS_DEFAULT}.
     */
    public int videoFps()
    {
        return videoFps;
    }

    /**
     * @param videoFps frames per second, 1..1000.
     * @return this.
     */
    public VideoFeedContext videoFps(final int videoFps)
    {
        this.videoFps = videoFps;
        return this;
    }

    /**
     * @return frames from one IDR to the next; default {@link #IDR_INTERVAL_FRAMES_DEFAULT}.
     */
    public int idrIntervalFrames()
    {
        return idrIntervalFrames;
    }

    /**
     * @param idrIntervalFrames frames from one IDR to the next, &gt; 0.
     * @return this.
     */
    public VideoFeedContext idrIntervalFrames(final int idrIntervalFrames)
    {
        this.idrIntervalFrames = idrIntervalFrames;
        return this;
    }

    /**
     * @return a copy of the rendition ladder in kbit/s, rendition id = index; default 6000, 3000, 1500, 700.
     */
    public int[] renditionBitratesKbps()
    {
        return renditionBitratesKbps.clone();
    }

    /**
     * @param renditionBitratesKbps the ladder in kbit/s, rendition id = index, 1..255 entries (copied).
     * @return this.
     */
    public VideoFeedContext renditionBitratesKbps(final int... renditionBitratesKbps)
    {
        this.renditionBitratesKbps = Arrays.copyOf(renditionBitratesKbps, renditionBitratesKbps.length);
        return this;
    }

    /**
     * @return IDR size over predicted frame size; default {@link #IDR_SIZE_FACTOR_DEFAULT}.
     */
    public double idrSizeFactor()
    {
        return idrSizeFactor;
    }

    /**
     * @param idrSizeFactor IDR size over predicted frame size, &ge; 1.
     * @return this.
     */
    public VideoFeedContext idrSizeFactor(final double idrSizeFactor)
    {
        this.idrSizeFactor = idrSizeFactor;
        return this;
    }

    /**
     * @return uniform frame size variation either side of the mean; default {@link #FRAME_SIZE_VARIATION_DEFAULT}.
     */
    public double frameSizeVariation()
    {
        return frameSizeVariation;
    }

    /**
     * @param frameSizeVariation uniform variation either side of the mean, in [0, 1).
     * @return this.
     */
    public VideoFeedContext frameSizeVariation(final double frameSizeVariation)
    {
        this.frameSizeVariation = frameSizeVariation;
        return this;
    }

    /**
     * @return CameraSignal interval per camera, ns; default {@link #CAMERA_INTERVAL_NS_DEFAULT}.
     */
    public long cameraIntervalNs()
    {
        return cameraIntervalNs;
    }

    /**
     * @param cameraIntervalNs CameraSignal interval per camera, ns, &gt; 0.
     * @return this.
     */
    public VideoFeedContext cameraIntervalNs(final long cameraIntervalNs)
    {
        this.cameraIntervalNs = cameraIntervalNs;
        return this;
    }

    /**
     * @return DetectorScore interval per camera, ns; default {@link #DETECTOR_INTERVAL_NS_DEFAULT}.
     */
    public long detectorIntervalNs()
    {
        return detectorIntervalNs;
    }

    /**
     * @param detectorIntervalNs DetectorScore interval per camera, ns, &gt; 0.
     * @return this.
     */
    public VideoFeedContext detectorIntervalNs(final long detectorIntervalNs)
    {
        this.detectorIntervalNs = detectorIntervalNs;
        return this;
    }

    /**
     * @return camera of the injected manipulation, 0 for none; default {@link #MANIPULATED_CAMERA_ID_DEFAULT}.
     */
    public int manipulatedCameraId()
    {
        return manipulatedCameraId;
    }

    /**
     * @param manipulatedCameraId camera 1..5 of the injected manipulation, 0 for none.
     * @return this.
     */
    public VideoFeedContext manipulatedCameraId(final int manipulatedCameraId)
    {
        this.manipulatedCameraId = manipulatedCameraId;
        return this;
    }

    /**
     * @return start of the manipulation after kick-off, ns; default
     * {@link #MANIPULATED_START_AFTER_KICKOFF_NS_DEFAULT}.
     */
    public long manipulatedStartAfterKickoffNs()
    {
        return manipulatedStartAfterKickoffNs;
    }

    /**
     * @param manipulatedStartAfterKickoffNs start of the manipulation after kick-off, ns (may be negative).
     * @return this.
     */
    public VideoFeedContext manipulatedStartAfterKickoffNs(final long manipulatedStartAfterKickoffNs)
    {
        this.manipulatedStartAfterKickoffNs = manipulatedStartAfterKickoffNs;
        return this;
    }

    /**
     * @return length of the manipulation, ns; default {@link #MANIPULATED_DURATION_NS_DEFAULT}.
     */
    public long manipulatedDurationNs()
    {
        return manipulatedDurationNs;
    }

    /**
     * @param manipulatedDurationNs length of the manipulation, ns, &ge; 0.
     * @return this.
     */
    public VideoFeedContext manipulatedDurationNs(final long manipulatedDurationNs)
    {
        this.manipulatedDurationNs = manipulatedDurationNs;
        return this;
    }
}
