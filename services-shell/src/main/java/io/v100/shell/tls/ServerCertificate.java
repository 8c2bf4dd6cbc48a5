package io.v100.shell.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;

/**
 * The HTTPS server's certificate and private key as PEM files: either given (an operator's certificate chain and
 * PKCS#8 key), or a self-signed ECDSA P-256 certificate generated with Bouncy Castle on first run and kept in the
 * data directory, so a browser that was told to trust it once keeps trusting it.
 * <p>
 * The generated key is ECDSA P-256 by default ({@link #KEY_ALGORITHM_PROP_NAME}); every browser accepts it and it
 * signs a handshake far faster than RSA. The generated certificate names {@code localhost}, {@code 127.0.0.1} and {@code ::1} (subjectAltName, RFC 5280
 * §4.2.1.6), is an end-entity certificate for server authentication only, and is valid for
 * {@link #GENERATED_VALIDITY}. It is generated again when it expires within {@link #RENEW_BEFORE}.
 *
 * @param certificateFile PEM file with the certificate (chain), leaf first.
 * @param privateKeyFile  PEM file with the private key ({@code PRIVATE KEY}, PKCS#8).
 * @param generated       whether this server generated the pair.
 */
public record ServerCertificate(Path certificateFile, Path privateKeyFile, boolean generated)
{
    /** Sub-directory of the data directory that holds the generated pair. */
    public static final String DIRECTORY = "tls";

    /** File name of the generated certificate. */
    public static final String CERTIFICATE_FILE = "server-cert.pem";

    /** File name of the generated private key (owner read/write only). */
    public static final String PRIVATE_KEY_FILE = "server-key.pem";

    /** Key algorithm of a generated certificate: {@code EC} (ECDSA P-256) or {@code RSA} (RSA-2048). */
    public static final String KEY_ALGORITHM_PROP_NAME = "v100.tls.generated.key.algorithm";

    /** Default of {@link #KEY_ALGORITHM_PROP_NAME}. */
    public static final String KEY_ALGORITHM_DEFAULT = "EC";

    /** Lifetime of a generated certificate. */
    public static final Duration GENERATED_VALIDITY = Duration.ofDays(365);

    /** A generated certificate that expires sooner than this is replaced at start-up. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(7);

    /**
     * @param certificateFile PEM certificate (chain) given by the operator.
     * @param privateKeyFile  PEM private key given by the operator.
     * @return the pair.
     * @throws IllegalArgumentException where either file is missing or the certificate does not parse.
     */
    public static ServerCertificate fromFiles(final Path certificateFile, final Path privateKeyFile)
    {
        if (!Files.isRegularFile(certificateFile))
        {
            throw new IllegalArgumentException("TLS certificate file not found: " + certificateFile);
        }
        if (!Files.isRegularFile(privateKeyFile))
        {
            throw new IllegalArgumentException("TLS private key file not found: " + privateKeyFile);
        }
        try
        {
            readCertificate(certificateFile);
        }
        catch (final IOException | CertificateException ex)
        {
            throw new IllegalArgumentException("TLS certificate file does not parse: " + certificateFile, ex);
        }
        return new ServerCertificate(certificateFile, privateKeyFile, false);
    }

    /**
     * The generated pair in {@code dataDir/tls/}: reused when present and valid for more than
     * {@link #RENEW_BEFORE}, generated otherwise.
     *
     * @param dataDir    the server's data directory (created where missing).
     * @param bcProvider Bouncy Castle's JCA provider, used for the key pair and the signature.
     * @param now        the current time (for the validity window).
     * @return the pair.
     * @throws IOException where the files cannot be read or written.
     */
    public static ServerCertificate generatedIn(final Path dataDir, final Provider bcProvider, final Instant now)
        throws IOException
    {
        return generatedIn(dataDir, bcProvider, now, System.getProperty(KEY_ALGORITHM_PROP_NAME, KEY_ALGORITHM_DEFAULT));
    }

    /**
     * As {@link #generatedIn(Path, Provider, Instant)} with the key algorithm given.
     *
     * @param dataDir      the server's data directory (created where missing).
     * @param bcProvider   Bouncy Castle's JCA provider, used for the key pair and the signature.
     * @param now          the current time (for the validity window).
     * @param keyAlgorithm {@code EC} or {@code RSA}, used only when a pair is generated.
     * @return the pair.
     * @throws IOException              where the files cannot be read or written.
     * @throws IllegalArgumentException for another key algorithm.
     */
    public static ServerCertificate generatedIn(
        final Path dataDir, final Provider bcProvider, final Instant now, final String keyAlgorithm)
        throws IOException
    {
        final String algorithm = keyAlgorithm.toUpperCase(Locale.ROOT);
        if (!"EC".equals(algorithm) && !"RSA".equals(algorithm))
        {
            throw new IllegalArgumentException(KEY_ALGORITHM_PROP_NAME + " must be EC or RSA: " + keyAlgorithm);
        }
        final Path directory = dataDir.resolve(DIRECTORY);
        final Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        final Path privateKeyFile = directory.resolve(PRIVATE_KEY_FILE);
        if (Files.isRegularFile(certificateFile) && Files.isRegularFile(privateKeyFile))
        {
            try
            {
                final X509Certificate existing = readCertificate(certificateFile);
                if (existing.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE)))
                {
                    return new ServerCertificate(certificateFile, privateKeyFile, true);
                }
            }
            catch (final CertificateException ex)
            {
                throw new IOException("generated TLS certificate does not parse: " + certificateFile +
                    " (delete " + directory + " to generate a new one)", ex);
            }
        }
        Files.createDirectories(directory);
        generate(certificateFile, privateKeyFile, bcProvider, now, algorithm);
        return new ServerCertificate(certificateFile, privateKeyFile, true);
    }

    /**
     * @return the leaf certificate.
     * @throws IOException          where the file cannot be read.
     * @throws CertificateException where it does not parse.
     */
    public X509Certificate certificate() throws IOException, CertificateException
    {
        return readCertificate(certificateFile);
    }

    /**
     * A key manager factory of Bouncy Castle's JSSE provider ({@code PKIX}) over this pair. BCJSSE asks its key
     * manager for TLS 1.3 key types such as {@code EC/secp256r1}, which the JDK's {@code SunX509} key manager (what
     * Vert.x builds from PEM options) does not recognise, so the server needs BCJSSE's own.
     *
     * @param jsseProvider Bouncy Castle's JSSE provider.
     * @param bcProvider   Bouncy Castle's JCA provider, to decode the key.
     * @return an initialised factory holding the key and its chain.
     * @throws IOException              where a file cannot be read, or the key is encrypted or not a private key.
     * @throws GeneralSecurityException where the key or a certificate does not decode.
     */
    public KeyManagerFactory keyManagerFactory(final Provider jsseProvider, final Provider bcProvider)
        throws IOException, GeneralSecurityException
    {
        final PrivateKey key = readPrivateKey(privateKeyFile, bcProvider);
        final Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificateFile))
        {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
        }
        if (0 == chain.length)
        {
            throw new IOException("no certificate in " + certificateFile);
        }
        // The store lives in memory only, so its password protects nothing: a fresh random one keeps it unguessable.
        final char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, password, chain);
        final KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", jsseProvider);
        factory.init(store, password);
        return factory;
    }

    private static PrivateKey readPrivateKey(final Path file, final Provider bcProvider) throws IOException
    {
        final Object parsed;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            PEMParser parser = new PEMParser(reader))
        {
            parsed = parser.readObject();
        }
        final JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(bcProvider);
        if (parsed instanceof PrivateKeyInfo info)
        {
            return converter.getPrivateKey(info);
        }
        if (parsed instanceof PEMKeyPair pair)
        {
            return converter.getKeyPair(pair).getPrivate();
        }
        throw new IOException(file + " holds no unencrypted private key (PEM PRIVATE KEY, EC PRIVATE KEY or " +
            "RSA PRIVATE KEY); found " + (null == parsed ? "nothing" : parsed.getClass().getSimpleName()));
    }

    private static X509Certificate readCertificate(final Path file) throws IOException, CertificateException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return (X509Certificate)CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void generate(
        final Path certificateFile,
        final Path privateKeyFile,
        final Provider bcProvider,
        final Instant now,
        final String algorithm)
        throws IOException
    {
        try
        {
            final boolean ec = "EC".equals(algorithm);
            final AlgorithmParameterSpec keySpec = ec ?
                new ECGenParameterSpec("secp256r1") : new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4);
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, bcProvider);
            generator.initialize(keySpec, new SecureRandom());
            final KeyPair keyPair = generator.generateKeyPair();

            final X500Name subject = new X500Name("CN=localhost, O=V100 services shell");
            final JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()).setBit(63),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(GENERATED_VALIDITY)),
                subject,
                keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // RFC 5480 §3 / RFC 8446 §4.4.2.4: a TLS 1.3 server key only signs; TLS 1.2 RSA key transport would
            // also need keyEncipherment, and BCJSSE's default suites for 1.2 are ECDHE only.
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1") }));
            final X509CertificateHolder holder = builder.build(
                new JcaContentSignerBuilder(ec ? "SHA256withECDSA" : "SHA256withRSA").setProvider(bcProvider).build(keyPair.getPrivate()));
            final X509Certificate certificate =
                new JcaX509CertificateConverter().setProvider(bcProvider).getCertificate(holder);

            // Key first, written to a temporary file created owner-only, then moved: the key is never readable by
            // others, not even for a moment.
            writePem(privateKeyFile, new JcaPKCS8Generator(keyPair.getPrivate(), null).generate(), true);
            writePem(certificateFile, certificate, false);
        }
        catch (final GeneralSecurityException | OperatorCreationException ex)
        {
            throw new IOException("cannot generate the TLS certificate", ex);
        }
    }

    private static void writePem(final Path file, final Object pemObject, final boolean secret) throws IOException
    {
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try
        {
            if (secret)
            {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            else
            {
                Files.createFile(temporary);
            }
        }
        catch (final UnsupportedOperationException ex)
        {
            throw new IOException("cannot create " + temporary + " with owner-only permissions", ex);
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new IOException("another process is writing " + temporary, ex);
        }
        try (Writer writer = Files.newBufferedWriter(
            temporary, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            JcaPEMWriter pem = new JcaPEMWriter(writer))
        {
            pem.writeObject(pemObject);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
