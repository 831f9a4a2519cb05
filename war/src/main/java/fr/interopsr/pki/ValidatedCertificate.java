package fr.interopsr.pki;

import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * A client certificate that {@link ClientCertificateValidator} accepted, with what the validated path says of the
 * certificate that issued it (issue 14 §3, D-4, D-6). The issuer is the one the JDK's PKIX validator used to verify
 * the leaf's signature: the second certificate of the validated path, or else the trust anchor of its
 * {@link java.security.cert.PKIXCertPathValidatorResult}. It is never looked up by name, and never taken from what
 * the client sent beyond that validated path.
 *
 * <p>{@link #issuedByTrustedCa()} tells whether that issuer is a trusted CA certificate: the trust store (the
 * anchors and the intermediates placed there) holds a certificate whose subject is the leaf's issuer DN and whose
 * public key is the issuer's, compared by key (DER of the SubjectPublicKeyInfo), not by name. When several trusted
 * certificates carry that DN (a re-keyed CA), any of them will do. A name binding ({@link CertificateBinding})
 * holds only for such a leaf: a sub-CA that another trusted CA issued under the victim's CA name has another key.
 *
 * <p>Only the validator makes one (the constructor is package-private), so a value of this type is proof that the
 * chain passed the application's check.
 */
public final class ValidatedCertificate {

    private final X509Certificate leaf;
    private final PublicKey issuerKey;
    private final TrustAnchor anchor;
    private final boolean issuedByTrustedCa;

    private ValidatedCertificate(
            X509Certificate leaf, PublicKey issuerKey, TrustAnchor anchor, boolean issuedByTrustedCa) {
        this.leaf = Objects.requireNonNull(leaf, "leaf");
        this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey");
        this.anchor = anchor;
        this.issuedByTrustedCa = issuedByTrustedCa;
    }

    /**
     * The facts of a validated path.
     *
     * @param leaf the accepted leaf
     * @param issuerKey the public key that verified the leaf's signature in the validated path
     * @param anchor the trust anchor of the validated path, or null when not known
     * @param trusted the trusted certificates (the trust store: anchors and intermediates placed there)
     * @return the validated certificate
     */
    static ValidatedCertificate of(
            X509Certificate leaf, PublicKey issuerKey, TrustAnchor anchor, Collection<X509Certificate> trusted) {
        X500Principal issuerName = leaf.getIssuerX500Principal();
        byte[] key = issuerKey.getEncoded();
        boolean byKey = key != null
                && trusted.stream()
                        .anyMatch(t -> t.getSubjectX500Principal().equals(issuerName)
                                && Arrays.equals(key, t.getPublicKey().getEncoded()));
        return new ValidatedCertificate(leaf, issuerKey, anchor, byKey);
    }

    /** @return the accepted leaf certificate */
    public X509Certificate leaf() {
        return leaf;
    }

    /** @return the public key that verified the leaf's signature in the validated path */
    public PublicKey issuerKey() {
        return issuerKey;
    }

    /** @return the trust anchor of the validated path, or null when not known */
    public TrustAnchor anchor() {
        return anchor;
    }

    /**
     * @return whether the leaf was issued by a trusted CA certificate: one of the trust store with the leaf's issuer
     *     DN and the issuing key of the validated path
     */
    public boolean issuedByTrustedCa() {
        return issuedByTrustedCa;
    }

    @Override
    public String toString() {
        return "ValidatedCertificate[" + leaf.getSubjectX500Principal().getName() + ", issuer "
                + leaf.getIssuerX500Principal().getName() + (issuedByTrustedCa ? ", a trusted CA" : ", not trusted")
                + "]";
    }
}
