package fr.interopsr.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * How a client's certificate is bound to it (IR-14, IR-20 "how its certificate is checked", D-4, D-6): either the
 * SHA-256 of the certificate's DER (wins when given) or its subject <em>and</em> issuer DN.
 *
 * <p>The fingerprint is compared case-insensitively; colons (and spaces) in the configured value are ignored: it
 * pins the leaf. DNs are compared as {@link X500Principal}s (RFC 2253 string, canonical form: case and spacing do
 * not matter; the RDN order does). A name binding holds only when, besides both names, the certificate that issued
 * the leaf in its validated path is a trusted CA certificate with the binding's issuer DN, compared by key
 * ({@link ValidatedCertificate#issuedByTrustedCa()}, issue 14 §3): a chain to any other trusted CA that names a
 * sub-CA like the partner's CA matches nothing. A binding with neither a fingerprint nor both DNs, or with an
 * unparsable value, matches nothing. The methods take a {@link ValidatedCertificate}, which only
 * {@link ClientCertificateValidator} makes: a certificate is matched only once it is validated.
 *
 * @param subjectDn expected subject DN (RFC 2253), or null
 * @param issuerDn expected issuer DN (RFC 2253), or null
 * @param sha256Hex expected SHA-256 of the DER in hex (colons allowed), or null
 */
public record CertificateBinding(String subjectDn, String issuerDn, String sha256Hex) {

    /** Blank values become null. */
    public CertificateBinding {
        subjectDn = blankToNull(subjectDn);
        issuerDn = blankToNull(issuerDn);
        sha256Hex = blankToNull(sha256Hex);
    }

    /**
     * @param sha256Hex fingerprint, colons allowed
     * @return a binding by fingerprint
     */
    public static CertificateBinding ofSha256(String sha256Hex) {
        return new CertificateBinding(null, null, sha256Hex);
    }

    /**
     * @param subjectDn subject DN
     * @param issuerDn issuer DN
     * @return a binding by names
     */
    public static CertificateBinding ofNames(String subjectDn, String issuerDn) {
        return new CertificateBinding(subjectDn, issuerDn, null);
    }

    /**
     * @param validated a validated certificate, may be null (no match)
     * @return whether this binding designates it
     */
    public boolean matches(ValidatedCertificate validated) {
        if (validated == null) {
            return false;
        }
        X509Certificate certificate = validated.leaf();
        try {
            if (sha256Hex != null) {
                String expected = sha256Hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
                if (expected.length() != 64) {
                    return false;
                }
                return MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        sha256Hex(certificate).getBytes(StandardCharsets.US_ASCII));
            }
            if (subjectDn != null && issuerDn != null) {
                // issue 14 §3: the names, and the issuer a trusted CA certificate by key
                return new X500Principal(subjectDn).equals(certificate.getSubjectX500Principal())
                        && new X500Principal(issuerDn).equals(certificate.getIssuerX500Principal())
                        && validated.issuedByTrustedCa();
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false; // unparsable configured DN, unencodable certificate
        }
    }

    /**
     * @param certificate a certificate
     * @return the SHA-256 of its DER encoding, lower-case hex without separators
     * @throws IllegalArgumentException when the certificate cannot be encoded
     */
    public static String sha256Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * The key under which an index finds this binding, equal to one of {@link #indexKeysOf} exactly
     * when {@link #matches} would accept that certificate: the normalised fingerprint, or the pair of
     * names as {@link X500Principal}s. Empty for a binding that matches nothing.
     *
     * @return the lookup key
     */
    public Optional<Object> indexKey() {
        if (sha256Hex != null) {
            String expected = sha256Hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
            return expected.length() == 64 ? Optional.of(expected) : Optional.empty();
        }
        if (subjectDn != null && issuerDn != null) {
            try {
                return Optional.of(new Names(new X500Principal(subjectDn), new X500Principal(issuerDn)));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // unparsable configured DN
            }
        }
        return Optional.empty();
    }

    /**
     * @param validated a validated client certificate
     * @return the keys of {@link #indexKey} that designate it: its fingerprint, then its names when it was issued
     *     by a trusted CA certificate named as its issuer (issue 14 §3)
     */
    public static List<Object> indexKeysOf(ValidatedCertificate validated) {
        X509Certificate certificate = validated.leaf();
        try {
            if (!validated.issuedByTrustedCa()) {
                return List.of(sha256Hex(certificate));
            }
            return List.of(
                    sha256Hex(certificate),
                    new Names(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal()));
        } catch (IllegalArgumentException e) {
            return List.of(); // unencodable certificate: matches nothing, as in matches()
        }
    }

    /** Subject and issuer, compared as {@link X500Principal}s do (canonical form). */
    private record Names(X500Principal subject, X500Principal issuer) {}

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
