package io.v100.shell.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Refuses HTTP/1.1 requests that carry both {@code Content-Length} and {@code Transfer-Encoding: chunked}.
 * <p>
 * RFC 9112 section 6.1 lets a server either drop the {@code Content-Length} or reject the message, and says such a
 * message "ought to be handled as an error" because it is the request-smuggling pattern: a proxy in front that
 * frames by length and a server that frames by chunks disagree where the next request starts. Netty drops the
 * length and reads on; this decoder marks the request failed instead, so the gateway answers 400 and closes the
 * connection, and nothing after it on that connection is read as a request.
 * <p>
 * It replaces Vert.x's HTTP/1.x request decoder (an implementation class of Vert.x 5.0) on each new connection;
 * the rest of the pipeline is Vert.x's own.
 */
final class StrictFraming
{
    private static final String DECODER = "httpDecoder";

    private StrictFraming()
    {
    }

    /**
     * @param options    the server's options, which size the decoder.
     * @param connection a new connection, before it reads its first request.
     */
    static void install(final HttpServerOptions options, final HttpConnection connection)
    {
        if (connection instanceof HttpServerConnection server)
        {
            final ChannelPipeline pipeline = server.channelHandlerContext().pipeline();
            if (null != pipeline.get(DECODER) && !(pipeline.get(DECODER) instanceof Decoder))
            {
                pipeline.replace(DECODER, DECODER, new Decoder(options));
            }
        }
    }

    private static final class Decoder extends VertxHttpRequestDecoder
    {
        Decoder(final HttpServerOptions options)
        {
            super(options);
        }

        /**
         * Throwing here, while the headers are decoded, makes Netty treat the message as invalid: it is passed on
         * with a failed decoder result and every byte after it on the connection is discarded.
         */
        protected void handleTransferEncodingChunkedWithContentLength(final HttpMessage message)
        {
            throw new IllegalArgumentException("Content-Length together with Transfer-Encoding");
        }
    }
}
