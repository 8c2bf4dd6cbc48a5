package io.v100.tools;

import java.nio.file.Path;

/**
 * The schema IR for tests: from the classpath when the sbe-schemas jar in use ships it, otherwise from the
 * sibling module's build output, so these tests run before that jar is installed. Only tests fall back to a file.
 */
public final class TestSchemaIr
{
    /** Where the sbe-schemas build writes the IR, relative to this module's directory (surefire's working dir). */
    public static final Path BUILD_OUTPUT = Path.of("../sbe-schemas/target/generated-sources/sbe", SchemaIr.RESOURCE_NAME);

    private static SchemaIr schema;

    private TestSchemaIr()
    {
    }

    /**
     * @return the schema IR.
     */
    public static synchronized SchemaIr load()
    {
        if (null == schema)
        {
            schema = null != SchemaIr.class.getClassLoader().getResource(SchemaIr.RESOURCE_NAME) ?
                SchemaIr.fromClasspath() : SchemaIr.fromFile(BUILD_OUTPUT);
        }
        return schema;
    }
}
