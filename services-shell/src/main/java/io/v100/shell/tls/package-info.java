/**
 * Post-quantum HTTPS for the services shell: TLS 1.3 through Bouncy Castle's JSSE provider (BCJSSE), preferring
 * the hybrid key exchange {@code X25519MLKEM768} (IANA TLS Supported Groups 0x11EC = 4588,
 * draft-ietf-tls-ecdhe-mlkem) and still accepting classical groups, wired into Vert.x 5 through its
 * {@link io.vertx.core.net.SSLEngineOptions} SPI. The negotiated group of every handshake is counted and bound to the
 * TLS session so routes and metrics can report it.
 */
package io.v100.shell.tls;
