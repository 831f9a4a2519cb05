package fr.interopsr.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Immutable snapshot of what client certificates are checked against (IR-13, D-1): the trust anchors (trusted
 * certificate entries of a PKCS12 truststore) and the CRLs found in a directory.
 *
 * <p>Every regular file named {@code *.pem} or {@code *.crl} in the CRL directory is read; each {@code X509 CRL}
 * PEM block, or the whole file as DER, is one CRL. A file holding no CRL (a certificate, a key, garbage) is skipped
 * with a log line, so the CRL directory may be the truststore directory itself. CRL signatures are not checked here:
 * the PKIX validator does it when it uses them ({@link ClientCertificateValidator}).
 */
public final class TrustMaterial {

    private static final Logger LOG = Logger.getLogger(TrustMaterial.class.getName());

    private final List<X509Certificate> anchorCertificates;
    private final Set<TrustAnchor> trustAnchors;
    private final List<X509CRL> crls;
    private final Instant loadedAt;

    private TrustMaterial(Collection<X509Certificate> anchors, Collection<X509CRL> crls, Instant loadedAt) {
        this.anchorCertificates = List.copyOf(anchors);
        Set<TrustAnchor> ta = new LinkedHashSet<>();
        for (X509Certificate c : anchorCertificates) {
            ta.add(new TrustAnchor(c, null));
        }
        this.trustAnchors = Collections.unmodifiableSet(ta);
        this.crls = List.copyOf(crls);
        this.loadedAt = loadedAt;
    }

    /**
     * Builds a snapshot from objects already in memory (tests, other sources).
     *
     * @param anchors trusted certificates, at least one
     * @param crls CRLs (may be empty)
     * @return the snapshot
     */
    public static TrustMaterial of(Collection<X509Certificate> anchors, Collection<X509CRL> crls) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor");
        }
        return new TrustMaterial(anchors, crls, Instant.now());
    }

    /**
     * Loads the trusted certificate entries of a PKCS12 truststore and the CRLs of a directory.
     *
     * @param truststore PKCS12 file
     * @param password its password (may be null: integrity not checked)
     * @param crlDirectory directory of CRL files, or null for none
     * @return the snapshot
     * @throws IOException when a file cannot be read or the truststore does not parse
     * @throws GeneralSecurityException when the truststore holds no trusted certificate
     */
    public static TrustMaterial load(Path truststore, char[] password, Path crlDirectory)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            ks.load(in, password);
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isCertificateEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) {
                anchors.add(c);
            }
        }
        if (anchors.isEmpty()) {
            throw new KeyStoreException("no trusted certificate entry in " + truststore);
        }
        List<X509CRL> crls = new ArrayList<>();
        if (crlDirectory != null) {
            for (Path file : crlFiles(crlDirectory)) {
                List<X509CRL> found = readCrls(file);
                if (found.isEmpty()) {
                    LOG.info(() -> "trust material: skipped " + file + " (not a CRL)");
                }
                crls.addAll(found);
            }
        }
        Instant now = Instant.now();
        for (X509CRL crl : crls) {
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
                LOG.warning(() ->
                        "trust material: CRL of " + crl.getIssuerX500Principal().getName() + " is past its nextUpdate "
                                + crl.getNextUpdate().toInstant() + " (stale)");
            }
        }
        LOG.info(() -> "trust material loaded: " + anchors.size() + " trust anchor(s) from " + truststore + ", "
                + crls.size() + " CRL(s) from " + crlDirectory);
        return new TrustMaterial(anchors, crls, now);
    }

    /**
     * Files that {@link #load} reads as CRLs: regular {@code *.pem} / {@code *.crl} files, sorted by name.
     *
     * @param crlDirectory the directory
     * @return the files (empty when the directory does not exist)
     * @throws IOException when the directory cannot be listed
     */
    static List<Path> crlFiles(Path crlDirectory) throws IOException {
        if (!Files.isDirectory(crlDirectory)) {
            return List.of();
        }
        Set<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(crlDirectory)) {
            for (Path p : ds) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((name.endsWith(".pem") || name.endsWith(".crl")) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        return List.copyOf(files);
    }

    private static List<X509CRL> readCrls(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<byte[]> ders = new ArrayList<>();
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        if (head.contains("-----BEGIN ")) {
            try (PemReader pem =
                    new PemReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII))) {
                PemObject o;
                while ((o = pem.readPemObject()) != null) {
                    if ("X509 CRL".equals(o.getType())) {
                        ders.add(o.getContent());
                    }
                }
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        } else {
            ders.add(bytes);
        }
        List<X509CRL> crls = new ArrayList<>();
        for (byte[] der : ders) {
            try {
                crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not a CRL: the caller logs the skipped file
            }
        }
        return crls;
    }

    /** @return the trust anchors, one per trusted certificate */
    public Set<TrustAnchor> trustAnchors() {
        return trustAnchors;
    }

    /** @return the trusted certificates */
    public List<X509Certificate> anchorCertificates() {
        return anchorCertificates;
    }

    /** @return all loaded CRLs */
    public List<X509CRL> crls() {
        return crls;
    }

    /**
     * @param issuer an issuer name
     * @return the CRLs issued under that name
     */
    public List<X509CRL> crlsOf(X500Principal issuer) {
        List<X509CRL> out = new ArrayList<>();
        for (X509CRL crl : crls) {
            if (crl.getIssuerX500Principal().equals(issuer)) {
                out.add(crl);
            }
        }
        return out;
    }

    /** @return when this snapshot was made */
    public Instant loadedAt() {
        return loadedAt;
    }

    @Override
    public String toString() {
        return "TrustMaterial[" + anchorCertificates.size() + " anchor(s), " + crls.size() + " CRL(s), loaded "
                + loadedAt + "]";
    }
}
