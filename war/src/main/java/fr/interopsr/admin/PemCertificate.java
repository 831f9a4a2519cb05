package fr.interopsr.admin;

import fr.interopsr.convention.document.PemCertificates;
import fr.interopsr.pki.CertificateBinding;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * PEM text of X.509 certificates: {@code CERTIFICATE} blocks with nothing but whitespace around
 * them, each exactly one DER certificate. An uploaded client certificate is exactly one of them (D-6).
 */
public final class PemCertificate {

    /** Largest PEM upload accepted, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** What the administration keeps of a certificate. */
    public record Facts(String subjectDn, String issuerDn, String sha256, Instant notBefore, Instant notAfter) {
        static Facts of(X509Certificate c) {
            return new Facts(
                    c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(),
                    CertificateBinding.sha256Hex(c),
                    c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant());
        }
    }

    private PemCertificate() {}

    /**
     * Exactly one certificate.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static X509Certificate one(String pem) {
        List<X509Certificate> all = all(pem);
        if (all.size() != 1) {
            throw new IllegalArgumentException("holds " + all.size() + " certificates; upload one certificate,"
                    + " the client's own, without its chain");
        }
        return all.get(0);
    }

    /**
     * The certificates in order, at least one.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static List<X509Certificate> all(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("is empty: send PEM text (-----BEGIN CERTIFICATE----- ...)");
        }
        List<X509Certificate> certificates = PemCertificates.parse(pem);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("holds no -----BEGIN CERTIFICATE----- block");
        }
        return certificates;
    }

    /**
     * Why a certificate cannot authenticate a client (so uploading it would bind nothing that
     * works): expired, or no clientAuth extended key usage (D-1). Empty when usable.
     */
    public static Optional<String> unusableAsClientCertificate(X509Certificate c, Instant now) {
        if (!c.getNotAfter().toInstant().isAfter(now)) {
            return Optional.of("the certificate expired on " + c.getNotAfter().toInstant());
        }
        try {
            List<String> usages = c.getExtendedKeyUsage();
            if (usages == null || !usages.contains(CLIENT_AUTH)) {
                return Optional.of("the certificate has no clientAuth extended key usage, which every client"
                        + " certificate needs (D-1)");
            }
        } catch (CertificateParsingException e) {
            return Optional.of("the certificate's extended key usage cannot be read (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    public static Facts facts(X509Certificate c) {
        return Facts.of(c);
    }
}
