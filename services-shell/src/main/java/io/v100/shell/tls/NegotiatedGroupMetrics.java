package io.v100.shell.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLSession;

/**
 * Counts completed TLS handshakes by negotiated group and protocol: the Micrometer counter
 * {@value #METER_NAME} with tags {@code group} and {@code protocol} (Prometheus:
 * {@code v100_tls_handshakes_total{group="X25519MLKEM768",protocol="TLSv1.3"}}). The share of hybrid handshakes
 * is the fraction of clients protected against harvest-now-decrypt-later.
 */
public final class NegotiatedGroupMetrics implements HandshakeListener
{
    /** Meter name. */
    public static final String METER_NAME = "v100.tls.handshakes";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param registry where the counter is registered.
     */
    public NegotiatedGroupMetrics(final MeterRegistry registry)
    {
        this.registry = registry;
    }

    @Override
    public void onHandshake(final String namedGroup, final String protocol, final SSLSession session)
    {
        counters.computeIfAbsent(namedGroup + '/' + protocol, key -> Counter.builder(METER_NAME)
            .description("Completed TLS handshakes by negotiated key-exchange group")
            .tag("group", namedGroup)
            .tag("protocol", protocol)
            .register(registry)).increment();
    }

    /**
     * @param namedGroup a group name.
     * @return handshakes counted for it, all protocols together.
     */
    public double count(final String namedGroup)
    {
        return registry.find(METER_NAME).tag("group", namedGroup).counters().stream()
            .mapToDouble(Counter::count).sum();
    }
}
