package fr.interopsr.pki;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of {@link ClientCertificateValidator}: valid or not, the reason, and a one-line detail for traces
 * (D-1: a refused certificate gets a trace; never a stack trace). An accepted result carries what the validated path
 * says of the leaf's issuer ({@link ValidatedCertificate}), which name bindings need (issue 14 §3).
 *
 * @param valid true when the certificate is accepted
 * @param failure the reason when refused, null when valid
 * @param detail human-readable detail (subject, serial, what failed)
 * @param certificate the leaf certificate that was checked, null when there was none
 * @param validated the leaf with the facts of its validated path when valid, null when refused
 */
public record CertificateCheck(
        boolean valid,
        CertificateFailure failure,
        String detail,
        X509Certificate certificate,
        ValidatedCertificate validated) {

    /** Checks that {@code failure} is null exactly when {@code valid}, and {@code validated} present exactly then. */
    public CertificateCheck {
        if (valid != (failure == null)) {
            throw new IllegalArgumentException("failure must be null exactly when valid");
        }
        if (valid != (validated != null)) {
            throw new IllegalArgumentException("validated must be present exactly when valid");
        }
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param validated the accepted leaf and the facts of its validated path
     * @param detail detail
     * @return an accepted result
     */
    public static CertificateCheck accepted(ValidatedCertificate validated, String detail) {
        return new CertificateCheck(true, null, detail, validated.leaf(), validated);
    }

    /**
     * @param failure reason
     * @param certificate the leaf, or null
     * @param detail detail
     * @return a refused result
     */
    public static CertificateCheck refused(CertificateFailure failure, X509Certificate certificate, String detail) {
        return new CertificateCheck(false, Objects.requireNonNull(failure, "failure"), detail, certificate, null);
    }

    /** @return the reason of a refusal as the traces give it ({@code FAILURE: detail}), empty when accepted */
    public Optional<String> problem() {
        return valid ? Optional.empty() : Optional.of(failure + ": " + detail);
    }
}
