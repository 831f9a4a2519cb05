package fr.interopsr.admin;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's own TLS certificates, for the dashboard's list of certificates that expire soon (issue 18 §2): those
 * of the key store the JVM's {@code javax.net.ssl.keyStore} names, which is what Payara Micro's HTTPS listener uses
 * (the embedded default, {@code docs/operations.md}). A server whose listener has a key store of its own (WildFly's
 * Elytron, Payara Server's domain) does not tell the application: then this knows none, and the page says so (P-66).
 */
public final class ServerCertificates {

    private static final Logger LOG = Logger.getLogger(ServerCertificates.class.getName());

    /** Where the certificates were read; source {@code tls} in {@link CertificateExpiry.Held}. */
    public static final String TLS = "tls";

    private ServerCertificates() {}

    /** The certificates of the TLS key store's key entries; empty when no key store is named or it is unreadable. */
    public static Optional<List<CertificateExpiry.Held>> tls() {
        String path = System.getProperty("javax.net.ssl.keyStore");
        if (path == null || path.isBlank() || "NONE".equals(path)) {
            return Optional.empty();
        }
        String password = System.getProperty("javax.net.ssl.keyStorePassword");
        String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            List<CertificateExpiry.Held> out = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Certificate c = store.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    PemCertificate.Facts f = PemCertificate.facts(x);
                    out.add(new CertificateExpiry.Held(TLS, f.subjectDn(), f.issuerDn(), f.sha256(), f.notAfter()));
                }
            }
            return Optional.of(out);
        } catch (Exception e) {
            LOG.log(Level.FINE, "TLS key store " + path + " unreadable for the dashboard", e);
            return Optional.empty();
        }
    }
}
