package fr.interopsr.devpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Command-line tool that creates the <b>development</b> PKI (argument 0: output directory, default
 * {@code truststores/dev}) and static helpers that tests use to issue their own certificates and CRLs.
 *
 * <p><b>Dev only:</b> every key store is protected by the password {@code changeit} ({@link #devPassword()})
 * and the client {@code .pem} files hold unencrypted private keys. Never use these files outside development.
 *
 * <p>Files: {@code ca.pem}, {@code ca.p12} (alias {@code ca}), {@code server.p12} (alias {@code server}),
 * {@code truststore.p12} (trusted entry {@code interops-dev-ca}), {@code institution-a}, {@code institution-b} and
 * {@code revoked-client} as {@code .p12} + {@code .pem} (clientAuth, for IR-13 / D-1 tests), {@code crl.pem}
 * (revokes {@code revoked-client}, D-1) and {@code signing.p12} ({@code es256-1}, {@code rs256-1}).
 *
 * <p>Idempotent: when {@code ca.pem} exists nothing is rewritten, except {@code crl.pem}, re-issued (same revoked
 * serials, next CRL number) when its nextUpdate is less than 7 days away so that an old checkout still works.
 * Generation uses BouncyCastle builders with the JDK's providers; no crypto is hand-rolled.
 *
 * <p>Build and test scope only (issue 14 §5): this class lives in the module {@code dev-pki}, a test dependency of
 * the WAR, which the build runs at {@code process-classes} to make {@code truststores/dev/}; the WAR never holds it.
 */
public final class DevPki {

    private static final Logger LOG = Logger.getLogger(DevPki.class.getName());

    /** Password of every dev key store; development only. A string: no caller can change it for the others. */
    private static final String DEV_PASSWORD = "changeit";
    /** Default output directory. */
    public static final String DEFAULT_DIRECTORY = "truststores/dev";
    /** Alias of the CA entry in the truststore. */
    public static final String TRUSTSTORE_ALIAS = "interops-dev-ca";
    /** Subject of the dev root CA. */
    public static final String CA_SUBJECT = "CN=Interops-R Dev CA,O=Interops-R Dev,C=FR";
    /** Client certificates of the dev PKI. */
    public static final List<Client> CLIENTS = List.of(
            new Client("institution-a", "CN=institution-a,O=Institution Demo A,C=FR"),
            new Client("institution-b", "CN=institution-b,O=Institution Demo B,C=FR"),
            new Client("revoked-client", "CN=revoked-client,O=Institution Demo A,C=FR"));
    /** Name of the client that {@code crl.pem} revokes. */
    public static final String REVOKED_CLIENT = "revoked-client";
    /** OID of id-kp-clientAuth. */
    public static final String EKU_CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();
    /** OID of id-kp-serverAuth. */
    public static final String EKU_SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    /** The CRL is re-issued when its nextUpdate is closer than this. */
    public static final Duration CRL_RENEW_BEFORE = Duration.ofDays(7);
    /** Lifetime of an issued CRL. */
    public static final Duration CRL_LIFETIME = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String EC_SIGNATURE = "SHA256withECDSA";

    /** A CA: its private key and certificate. */
    public record Ca(PrivateKey privateKey, X509Certificate certificate) {}

    /** A dev client: file name and key alias, and subject DN. */
    public record Client(String name, String subjectDn) {}

    /** An issued certificate with its key pair. */
    public record Issued(KeyPair keyPair, X509Certificate certificate) {
        /** @return the private key */
        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }
    }

    private DevPki() {}

    /**
     * The password of every dev key store, {@code changeit}: a fresh array on each call, which the caller may clear.
     *
     * @return a new copy of the password
     */
    public static char[] devPassword() {
        return DEV_PASSWORD.toCharArray();
    }

    /**
     * Creates the dev PKI in {@code args[0]} (default {@value #DEFAULT_DIRECTORY}).
     *
     * @param args optional output directory
     * @throws Exception when the files cannot be made
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        }
        Path dir = Path.of(args.length > 0 ? args[0] : DEFAULT_DIRECTORY);
        List<Path> written = ensure(dir, Instant.now());
        LOG.info(() -> "dev PKI in " + dir.toAbsolutePath() + ": " + written.size() + " file(s) written");
    }

    /**
     * Makes the dev PKI in {@code dir} if {@code ca.pem} is absent; else only renews {@code crl.pem} when needed.
     *
     * @param dir output directory (created if needed)
     * @param now the current time
     * @return the files written, in order
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException on key or certificate failure
     */
    public static List<Path> ensure(Path dir, Instant now) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (Files.exists(dir.resolve("ca.pem"))) {
            renewCrlIfNeeded(dir, now, written);
        } else {
            generate(dir, now, written);
        }
        return written;
    }

    private static void generate(Path dir, Instant now, List<Path> written)
            throws IOException, GeneralSecurityException {
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Ca ca = createCa(CA_SUBJECT, notBefore, now.plus(Duration.ofDays(3650)));
        write(written, dir.resolve("ca.p12"), keyStore("ca", ca.privateKey(), ca.certificate()));

        Issued server = issueServerCertificate(ca, notBefore, now.plus(Duration.ofDays(730)));
        write(
                written,
                dir.resolve("server.p12"),
                keyStore("server", server.privateKey(), server.certificate(), ca.certificate()));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(TRUSTSTORE_ALIAS, ca.certificate());
        write(written, dir.resolve("truststore.p12"), trust);

        X509Certificate revoked = null;
        for (Client client : CLIENTS) {
            Issued issued = issueClientCertificate(
                    ca.privateKey(),
                    ca.certificate(),
                    client.subjectDn(),
                    notBefore,
                    now.plus(Duration.ofDays(730)),
                    true,
                    null);
            write(
                    written,
                    dir.resolve(client.name() + ".p12"),
                    keyStore(client.name(), issued.privateKey(), issued.certificate(), ca.certificate()));
            writePem(dir.resolve(client.name() + ".pem"), issued.certificate(), issued.privateKey());
            logWritten(written, dir.resolve(client.name() + ".pem"));
            if (REVOKED_CLIENT.equals(client.name())) {
                revoked = issued.certificate();
            }
        }
        X509CRL crl = issueCrl(
                ca.privateKey(),
                ca.certificate(),
                List.of(revoked.getSerialNumber()),
                now,
                now.plus(CRL_LIFETIME),
                BigInteger.ONE);
        writePem(dir.resolve("crl.pem"), crl);
        logWritten(written, dir.resolve("crl.pem"));

        KeyStore signing = KeyStore.getInstance("PKCS12");
        signing.load(null, null);
        KeyPair es = ecKeyPair();
        signing.setKeyEntry("es256-1", es.getPrivate(), devPassword(), new Certificate[] {
            selfSigned(
                    es,
                    "CN=Interops-R Dev signing es256-1,O=Interops-R Dev,C=FR",
                    notBefore,
                    now.plus(Duration.ofDays(1826)),
                    EC_SIGNATURE)
        });
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048, RANDOM);
        KeyPair rsa = rsaGen.generateKeyPair();
        signing.setKeyEntry("rs256-1", rsa.getPrivate(), devPassword(), new Certificate[] {
            selfSigned(
                    rsa,
                    "CN=Interops-R Dev signing rs256-1,O=Interops-R Dev,C=FR",
                    notBefore,
                    now.plus(Duration.ofDays(1826)),
                    "SHA256withRSA")
        });
        write(written, dir.resolve("signing.p12"), signing);

        // last: its presence means "the dev PKI is complete"
        writePem(dir.resolve("ca.pem"), ca.certificate());
        logWritten(written, dir.resolve("ca.pem"));
    }

    private static void renewCrlIfNeeded(Path dir, Instant now, List<Path> written)
            throws IOException, GeneralSecurityException {
        Path crlFile = dir.resolve("crl.pem");
        Set<BigInteger> serials = new TreeSet<>();
        BigInteger number = BigInteger.ONE;
        if (Files.exists(crlFile)) {
            X509CRL old = null;
            try (InputStream in = Files.newInputStream(crlFile)) {
                old = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            } catch (CRLException | RuntimeException e) {
                LOG.warning(() -> crlFile + " does not parse as a CRL (" + e.getMessage() + "); re-issuing it");
            }
            if (old != null) {
                if (old.getNextUpdate() != null
                        && old.getNextUpdate().toInstant().isAfter(now.plus(CRL_RENEW_BEFORE))) {
                    return;
                }
                if (old.getRevokedCertificates() != null) {
                    for (X509CRLEntry entry : old.getRevokedCertificates()) {
                        serials.add(entry.getSerialNumber());
                    }
                }
                BigInteger oldNumber = crlNumber(old);
                if (oldNumber != null) {
                    number = oldNumber.add(BigInteger.ONE);
                }
            }
        }
        Path revokedPem = dir.resolve(REVOKED_CLIENT + ".pem");
        if (Files.exists(revokedPem)) {
            try (InputStream in = Files.newInputStream(revokedPem)) {
                serials.add(((X509Certificate)
                                CertificateFactory.getInstance("X.509").generateCertificate(in))
                        .getSerialNumber());
            }
        }
        Ca ca = loadCa(dir.resolve("ca.p12"), devPassword());
        X509CRL crl = issueCrl(ca.privateKey(), ca.certificate(), serials, now, now.plus(CRL_LIFETIME), number);
        writePem(crlFile, crl);
        logWritten(written, crlFile);
    }

    // ---------------------------------------------------------------- helpers for tests

    /**
     * Creates a self-signed root CA (EC P-256, basicConstraints CA, keyUsage keyCertSign + cRLSign).
     *
     * @param subjectDn RFC 2253 subject
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @return the CA
     * @throws GeneralSecurityException on key or signature failure
     */
    public static Ca createCa(String subjectDn, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = ecKeyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                new X500Principal(subjectDn),
                serial(),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Principal(subjectDn),
                keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        addExtension(b, Extension.basicConstraints, true, new BasicConstraints(true));
        addExtension(b, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        addExtension(b, Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return new Ca(keys.getPrivate(), sign(b, keys.getPrivate(), EC_SIGNATURE));
    }

    /**
     * Issues an end-entity certificate (EC P-256, keyUsage digitalSignature, not a CA) for TLS client tests.
     * Extended key usage: id-kp-clientAuth when {@code withClientAuthEku}, plus {@code extraEkuOid} when not null;
     * no extendedKeyUsage extension at all when neither is asked.
     *
     * @param caKey issuer's private key
     * @param caCert issuer's certificate
     * @param subjectDn RFC 2253 subject
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param withClientAuthEku include id-kp-clientAuth
     * @param extraEkuOid another key purpose OID (e.g. {@link #EKU_SERVER_AUTH}), or null
     * @return key pair and certificate
     * @throws GeneralSecurityException on key or signature failure
     */
    public static Issued issueClientCertificate(
            PrivateKey caKey,
            X509Certificate caCert,
            String subjectDn,
            Instant notBefore,
            Instant notAfter,
            boolean withClientAuthEku,
            String extraEkuOid)
            throws GeneralSecurityException {
        List<KeyPurposeId> purposes = new ArrayList<>();
        if (withClientAuthEku) {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
        }
        if (extraEkuOid != null) {
            purposes.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(extraEkuOid)));
        }
        return issue(caKey, caCert, subjectDn, notBefore, notAfter, purposes, null);
    }

    /**
     * Issues a CRL signed by the CA, with the CRL number extension and the given revoked serials
     * (reason keyCompromise, revoked at {@code thisUpdate}).
     *
     * @param caKey CA private key
     * @param caCert CA certificate
     * @param revokedSerials serials to list
     * @param thisUpdate thisUpdate
     * @param nextUpdate nextUpdate
     * @param crlNumber CRL number
     * @return the CRL
     * @throws GeneralSecurityException on signature failure
     */
    public static X509CRL issueCrl(
            PrivateKey caKey,
            X509Certificate caCert,
            Collection<BigInteger> revokedSerials,
            Instant thisUpdate,
            Instant nextUpdate,
            BigInteger crlNumber)
            throws GeneralSecurityException {
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(caCert, Date.from(thisUpdate));
        b.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger s : revokedSerials) {
            b.addCRLEntry(s, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
            X509CRLHolder holder = b.build(signer(caKey, signatureFor(caKey)));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build CRL", e);
        }
    }

    /**
     * Loads a CA (first key entry, normally alias {@code ca}) from a PKCS12 file such as {@code ca.p12}.
     *
     * @param caP12 the key store
     * @param password its password (also the key password)
     * @return the CA
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException when the store holds no key entry
     */
    public static Ca loadCa(Path caP12, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(caP12)) {
            ks.load(in, password);
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                return new Ca((PrivateKey) ks.getKey(alias, password), (X509Certificate) ks.getCertificate(alias));
            }
        }
        throw new KeyStoreException("no key entry in " + caP12);
    }

    /**
     * Writes certificates, CRLs and private keys (unencrypted PKCS#8, {@code PRIVATE KEY}) as PEM, in order,
     * replacing the file atomically where the file system allows it.
     *
     * @param file target file
     * @param items {@link X509Certificate}, {@link X509CRL} or {@link PrivateKey} objects
     * @throws IOException on I/O failure or an unsupported item
     */
    public static void writePem(Path file, Object... items) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object item : items) {
                if (item instanceof PrivateKey key) {
                    pem.writeObject(new JcaPKCS8Generator(key, null));
                } else if (item instanceof X509Certificate || item instanceof X509CRL) {
                    pem.writeObject(item);
                } else {
                    throw new IOException("cannot write as PEM: " + (item == null ? "null" : item.getClass()));
                }
            }
        }
        writeAtomically(file, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes a PKCS12 key store with one key entry (key password = store password).
     *
     * @param file target file
     * @param alias entry alias
     * @param key private key
     * @param password store and key password
     * @param chain certificate chain, leaf first
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException on key store failure
     */
    public static void writePkcs12(Path file, String alias, PrivateKey key, char[] password, X509Certificate... chain)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, password, chain);
        store(file, ks, password);
    }

    // ---------------------------------------------------------------- internals

    private static Issued issueServerCertificate(Ca ca, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        GeneralNames san = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        });
        return issue(
                ca.privateKey(),
                ca.certificate(),
                "CN=localhost",
                notBefore,
                notAfter,
                List.of(KeyPurposeId.id_kp_serverAuth),
                san);
    }

    private static Issued issue(
            PrivateKey caKey,
            X509Certificate caCert,
            String subjectDn,
            Instant notBefore,
            Instant notAfter,
            List<KeyPurposeId> purposes,
            GeneralNames san)
            throws GeneralSecurityException {
        KeyPair keys = ecKeyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                caCert.getSubjectX500Principal(),
                serial(),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Principal(subjectDn),
                keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        addExtension(b, Extension.basicConstraints, true, new BasicConstraints(false));
        addExtension(b, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (!purposes.isEmpty()) {
            addExtension(
                    b, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
        }
        if (san != null) {
            addExtension(b, Extension.subjectAlternativeName, false, san);
        }
        addExtension(b, Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        addExtension(b, Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        return new Issued(keys, sign(b, caKey, signatureFor(caKey)));
    }

    private static X509Certificate selfSigned(
            KeyPair keys, String dn, Instant notBefore, Instant notAfter, String algorithm)
            throws GeneralSecurityException {
        X500Principal name = new X500Principal(dn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                name, serial(), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
        addExtension(b, Extension.basicConstraints, true, new BasicConstraints(false));
        addExtension(b, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return sign(b, keys.getPrivate(), algorithm);
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static String signatureFor(PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : EC_SIGNATURE;
    }

    private static void addExtension(
            X509v3CertificateBuilder b, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value)
            throws GeneralSecurityException {
        try {
            b.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode extension " + oid, e);
        }
    }

    private static ContentSigner signer(PrivateKey key, String algorithm) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(algorithm)
                    .setSecureRandom(RANDOM)
                    .build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create signer " + algorithm, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, String algorithm)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(key, algorithm)));
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return null;
        }
        try {
            return ASN1Integer.getInstance(DEROctetString.getInstance(value).getOctets())
                    .getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static KeyStore keyStore(String alias, PrivateKey key, X509Certificate... chain)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, devPassword(), chain);
        return ks;
    }

    private static void write(List<Path> written, Path file, KeyStore ks) throws IOException, GeneralSecurityException {
        store(file, ks, devPassword());
        logWritten(written, file);
    }

    private static void store(Path file, KeyStore ks, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        writeAtomically(file, out.toByteArray());
    }

    private static void logWritten(List<Path> written, Path file) {
        written.add(file);
        LOG.info(() -> "wrote " + file);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
