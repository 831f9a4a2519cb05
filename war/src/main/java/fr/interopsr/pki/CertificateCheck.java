package fr.interopsr.pki;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Result of {@link ClientCertificateValidator}: valid or not, the reason, and a one-line detail for traces
 * (D-1: a refused certificate gets a trace; never a stack trace).
 *
 * @param valid true when the certificate is accepted
 * @param failure the reason when refused, null when valid
 * @param detail human-readable detail (subject, serial, what failed)
 * @param certificate the leaf certificate that was checked, null when there was none
 */
public record CertificateCheck(boolean valid, CertificateFailure failure, String detail, X509Certificate certificate) {

    /** Checks that {@code failure} is null exactly when {@code valid}. */
    public CertificateCheck {
        if (valid != (failure == null)) {
            throw new IllegalArgumentException("failure must be null exactly when valid");
        }
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param certificate the accepted leaf
     * @param detail detail
     * @return an accepted result
     */
    public static CertificateCheck accepted(X509Certificate certificate, String detail) {
        return new CertificateCheck(true, null, detail, certificate);
    }

    /**
     * @param failure reason
     * @param certificate the leaf, or null
     * @param detail detail
     * @return a refused result
     */
    public static CertificateCheck refused(CertificateFailure failure, X509Certificate certificate, String detail) {
        return new CertificateCheck(false, Objects.requireNonNull(failure, "failure"), detail, certificate);
    }
}
