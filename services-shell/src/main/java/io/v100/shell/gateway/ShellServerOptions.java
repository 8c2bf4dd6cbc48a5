package io.v100.shell.gateway;

import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/**
 * The one place the gateway's HTTP server options are built: address, limits, idle timeout and compression. TLS
 * settings are added here too, on the options this returns.
 */
public final class ShellServerOptions
{
    private ShellServerOptions()
    {
    }

    /**
     * @param context the shell settings.
     * @return options for a plain HTTP/1.1 server (no h2c upgrade): gzip and Brotli negotiated by {@code Accept-Encoding} (Brotli
     * through brotli4j's native library when it loads), header size capped (431 above it), and connections idle
     * for {@link ShellContext#idleTimeoutS()} closed, which cuts off clients that trickle their headers.
     */
    public static HttpServerOptions create(final ShellContext context)
    {
        final HttpServerOptions options = new HttpServerOptions()
            .setHost(context.host())
            .setPort(context.port())
            .setMaxHeaderSize(context.maxHeaderSize())
            .setMaxInitialLineLength(8 * 1024)
            .setIdleTimeout(context.idleTimeoutS())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setCompressionSupported(true)
            .setCompressionContentSizeThreshold(256)
            .setDecompressionSupported(false)
            // No cleartext HTTP/2 upgrade: h2c upgrades are a known request-smuggling path through proxies, and
            // without them the HTTP/1.1 pipeline is complete before the first byte is read (see StrictFraming).
            .setHttp2ClearTextEnabled(false)
            .setTcpNoDelay(true)
            .setReuseAddress(true);
        options.addCompressor(StandardCompressionOptions.gzip());
        if (BrotliSupport.available())
        {
            options.addCompressor(StandardCompressionOptions.brotli());
        }
        return options;
    }
}
