package io.v100.shell.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, shipped as a resource.
 */
public final class OpenApiRoute implements Handler<RoutingContext>
{
    /** The document's resource name, beside this class. */
    public static final String RESOURCE = "openapi.json";

    private final Buffer document;

    OpenApiRoute()
    {
        document = Buffer.buffer(load());
    }

    /**
     * @return the document's bytes.
     */
    public static byte[] load()
    {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void handle(final RoutingContext ctx)
    {
        ctx.response().putHeader("Content-Type", "application/json").end(document);
    }
}
