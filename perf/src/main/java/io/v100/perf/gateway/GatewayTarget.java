package io.v100.perf.gateway;

import java.net.URI;
import java.util.Map;

/**
 * Something {@code perf gateway} loads with wrk: started before the runs, closed after them.
 */
public interface GatewayTarget extends AutoCloseable
{
    /**
     * What wrk is pointed at.
     *
     * @param name    short name used in reports ({@code bare}, {@code full}).
     * @param url     the URL every request goes to.
     * @param headers request headers sent with every request (an {@code Authorization} bearer token, for example);
     *                they are passed to wrk's {@code -H} and never written to a report.
     */
    record Endpoint(String name, URI url, Map<String, String> headers)
    {
        /**
         * @param name    short name.
         * @param url     the URL.
         * @param headers request headers, copied.
         */
        public Endpoint
        {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * @return the endpoint, ready to answer.
     * @throws Exception where the target cannot start.
     */
    Endpoint start() throws Exception;

    /**
     * Stops what {@link #start()} started; does nothing for a target that was already running.
     */
    @Override
    void close();
}
