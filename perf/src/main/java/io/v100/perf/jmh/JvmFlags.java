package io.v100.perf.jmh;

/**
 * JVM flags every JMH fork needs: forks start with {@code -cp}, so the shaded jar's manifest entries do not apply.
 * The same set as {@code v100.jvm.flags} in the parent pom (Agrona, Aeron and SBE need jdk.internal.misc; Chronicle
 * Queue needs sun.nio.ch and its documented opens), and a heap large enough for {@link TickBenchmark}'s pool of
 * pre-built handler sets.
 */
public final class JvmFlags
{
    /** The flags, one per element. */
    public static final String[] FLAGS = {
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Xms1g",
        "-Xmx4g" };

    private JvmFlags()
    {
    }
}
