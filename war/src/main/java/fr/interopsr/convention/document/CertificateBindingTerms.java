package fr.interopsr.convention.document;

import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * How the service provider's TLS client certificate is recognised (IR-13, IR-20 "for mutual TLS
 * how its certificate is checked: issuer and subject"; D-6 bound certificates): by subject DN
 * (optionally with the issuer DN) and/or by SHA-256 fingerprint. At least a subject DN or a
 * fingerprint is present (checked by the reader).
 *
 * @param subjectDn subject distinguished name (RFC 2253 / RFC 4514 text)
 * @param issuerDn  issuer distinguished name
 * @param sha256    SHA-256 fingerprint of the DER certificate as written: 64 hex digits, colons allowed
 */
public record CertificateBindingTerms(Optional<String> subjectDn, Optional<String> issuerDn, Optional<String> sha256) {

    public CertificateBindingTerms {
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(issuerDn, "issuerDn");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The subject as a principal, for comparison with a certificate's. */
    public Optional<X500Principal> subject() {
        return subjectDn.map(X500Principal::new);
    }

    /** The issuer as a principal, for comparison with a certificate's. */
    public Optional<X500Principal> issuer() {
        return issuerDn.map(X500Principal::new);
    }

    /** The fingerprint in lower-case hex without colons. */
    public Optional<String> sha256Hex() {
        return sha256.map(s -> s.replace(":", "").toLowerCase(Locale.ROOT));
    }

    /** The CONTRACT.md JSON of this part. */
    public JsonObject toJson() {
        return JsonOut.object()
                .add("subjectDn", JsonOut.stringOrNull(subjectDn))
                .add("issuerDn", JsonOut.stringOrNull(issuerDn))
                .add("sha256", JsonOut.stringOrNull(sha256))
                .build();
    }
}
