package io.v100.shell.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the shell's HTTPS transport. Each has a system property ({@code *_PROP_NAME}) and a default
 * ({@code *_DEFAULT}); setters override both. {@link #conclude()} checks them.
 */
public final class PostQuantumTlsContext
{
    /** Groups the server accepts, most preferred first, comma-separated BCJSSE names. */
    public static final String NAMED_GROUPS_PROP_NAME = "v100.tls.named.groups";

    /**
     * The hybrids first (X25519MLKEM768 is what Chromium, Firefox and OpenSSL 3.5 offer by default; the P-256
     * hybrid is the one for FIPS-bound clients), then the classical groups of RFC 8446 §9.1 and the finite-field
     * groups of RFC 7919 for old clients.
     */
    public static final String NAMED_GROUPS_DEFAULT =
        "X25519MLKEM768,SecP256r1MLKEM768,x25519,secp256r1,secp384r1,secp521r1,x448,ffdhe2048,ffdhe3072";

    /** Protocol versions the server accepts, comma-separated JSSE names. */
    public static final String PROTOCOLS_PROP_NAME = "v100.tls.protocols";

    /**
     * TLS 1.3 only: the hybrid groups exist in 1.3 only (draft-ietf-tls-ecdhe-mlkem §3), every current browser and
     * HTTP library speaks 1.3 (Mozilla's "modern" server profile is 1.3 only), and Bouncy Castle records the
     * negotiated group of 1.3 handshakes only. {@code TLSv1.3,TLSv1.2} admits 1.2 clients too (their group is
     * reported as {@link NegotiatedGroups#NOT_RECORDED_TLS12}).
     */
    public static final String PROTOCOLS_DEFAULT = "TLSv1.3";

    /** PEM certificate (chain) to serve instead of the generated one; needs {@link #PRIVATE_KEY_FILE_PROP_NAME}. */
    public static final String CERTIFICATE_FILE_PROP_NAME = "v100.tls.certificate.file";

    /** PEM private key (PKCS#8) of {@link #CERTIFICATE_FILE_PROP_NAME}. */
    public static final String PRIVATE_KEY_FILE_PROP_NAME = "v100.tls.private.key.file";

    private Path dataDir;
    private Path certificateFile = pathProperty(CERTIFICATE_FILE_PROP_NAME);
    private Path privateKeyFile = pathProperty(PRIVATE_KEY_FILE_PROP_NAME);
    private List<String> namedGroups = split(System.getProperty(NAMED_GROUPS_PROP_NAME, NAMED_GROUPS_DEFAULT));
    private String generatedKeyAlgorithm =
        System.getProperty(ServerCertificate.KEY_ALGORITHM_PROP_NAME, ServerCertificate.KEY_ALGORITHM_DEFAULT);
    private List<String> protocols = split(System.getProperty(PROTOCOLS_PROP_NAME, PROTOCOLS_DEFAULT));

    /**
     * @param dataDir the server's data directory; the generated certificate lives in {@code dataDir/tls/}.
     * @return this.
     */
    public PostQuantumTlsContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @return the data directory.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @param certificateFile PEM certificate to serve ({@code --tls-cert}), or {@code null} to generate one.
     * @return this.
     */
    public PostQuantumTlsContext certificateFile(final Path certificateFile)
    {
        this.certificateFile = certificateFile;
        return this;
    }

    /**
     * @return the given certificate file, or {@code null}.
     */
    public Path certificateFile()
    {
        return certificateFile;
    }

    /**
     * @param privateKeyFile PEM private key of the certificate ({@code --tls-key}), or {@code null}.
     * @return this.
     */
    public PostQuantumTlsContext privateKeyFile(final Path privateKeyFile)
    {
        this.privateKeyFile = privateKeyFile;
        return this;
    }

    /**
     * @return the given private key file, or {@code null}.
     */
    public Path privateKeyFile()
    {
        return privateKeyFile;
    }

    /**
     * @param generatedKeyAlgorithm {@code EC} (ECDSA P-256) or {@code RSA} (RSA-2048), for a generated certificate
     *                              ({@link ServerCertificate#KEY_ALGORITHM_PROP_NAME}).
     * @return this.
     */
    public PostQuantumTlsContext generatedKeyAlgorithm(final String generatedKeyAlgorithm)
    {
        this.generatedKeyAlgorithm = generatedKeyAlgorithm;
        return this;
    }

    /**
     * @return key algorithm of a generated certificate.
     */
    public String generatedKeyAlgorithm()
    {
        return generatedKeyAlgorithm;
    }

    /**
     * @param namedGroups groups the server accepts, most preferred first.
     * @return this.
     */
    public PostQuantumTlsContext namedGroups(final List<String> namedGroups)
    {
        this.namedGroups = List.copyOf(namedGroups);
        return this;
    }

    /**
     * @return groups the server accepts, most preferred first.
     */
    public List<String> namedGroups()
    {
        return namedGroups;
    }

    /**
     * @param protocols protocol versions the server accepts.
     * @return this.
     */
    public PostQuantumTlsContext protocols(final List<String> protocols)
    {
        this.protocols = List.copyOf(protocols);
        return this;
    }

    /**
     * @return protocol versions the server accepts.
     */
    public List<String> protocols()
    {
        return protocols;
    }

    /**
     * @return this, checked.
     * @throws IllegalArgumentException where only one of certificate and key is given, no data directory is set for
     *                                  a generated certificate, or the group or protocol list is empty.
     */
    public PostQuantumTlsContext conclude()
    {
        if ((null == certificateFile) != (null == privateKeyFile))
        {
            throw new IllegalArgumentException("give both the TLS certificate and its private key, or neither");
        }
        if (null == certificateFile && null == dataDir)
        {
            throw new IllegalArgumentException("a data directory is needed to keep the generated TLS certificate");
        }
        if (namedGroups.isEmpty())
        {
            throw new IllegalArgumentException(NAMED_GROUPS_PROP_NAME + " is empty");
        }
        if (protocols.isEmpty())
        {
            throw new IllegalArgumentException(PROTOCOLS_PROP_NAME + " is empty");
        }
        return this;
    }

    private static Path pathProperty(final String name)
    {
        final String value = System.getProperty(name);
        return null == value || value.isBlank() ? null : Path.of(value);
    }

    private static List<String> split(final String value)
    {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
