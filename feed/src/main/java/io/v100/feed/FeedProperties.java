package io.v100.feed;

import java.util.Arrays;

/**
 * System property parsing and range checks shared by the feed's {@code *Context} classes.
 */
final class FeedProperties
{
    private FeedProperties()
    {
    }

    static boolean isFraction(final double value)
    {
        return value >= 0.0 && value <= 1.0;
    }

    static void require(final boolean condition, final String propName)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(propName + " is out of range (see FeedContext for units and bounds)");
        }
    }

    static double doubleProperty(final String propName, final double defaultValue)
    {
        final String value = System.getProperty(propName);
        return null == value ? defaultValue : Double.parseDouble(value);
    }

    static float floatProperty(final String propName, final float defaultValue)
    {
        final String value = System.getProperty(propName);
        return null == value ? defaultValue : Float.parseFloat(value);
    }

    /**
     * @return the property as comma-separated integers, or a copy of the default when it is not set.
     */
    static int[] intListProperty(final String propName, final int[] defaultValue)
    {
        final String value = System.getProperty(propName);
        return null == value ? defaultValue.clone() :
            Arrays.stream(value.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
