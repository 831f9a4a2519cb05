package fr.interopsr.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The RFC 8705 §3.1 thumbprint of a client certificate: {@code x5t#S256}, the base64url (no padding) of the SHA-256 of
 * its DER. A certificate-bound VI carries it as {@code cnf.x5t#S256}; the data provider computes it again from the
 * certificate of the call and compares the two (P-44).
 */
public final class CertificateThumbprint {

    /** RFC 7800 §3.1: the claim that holds a token's confirmation. */
    public static final String CONFIRMATION_CLAIM = "cnf";

    /** RFC 8705 §3.1: the confirmation member of a certificate-bound token. */
    public static final String X5T_S256 = "x5t#S256";

    /** Length of the base64url text of a SHA-256 without padding. */
    public static final int LENGTH = 43;

    private CertificateThumbprint() {}

    /** The {@code x5t#S256} of a certificate. */
    public static String x5tS256(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate has no DER encoding: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The 32 bytes of a thumbprint text, or empty when it is not exactly 43 characters of the base64url alphabet
     * without padding that decode to 32 bytes.
     */
    public static Optional<byte[]> decode(String x5tS256) {
        if (x5tS256 == null || x5tS256.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = x5tS256.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(x5tS256);
            return bytes.length == 32 ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a thumbprint text designates this certificate, compared in constant time on the digests. */
    public static boolean matches(String x5tS256, X509Certificate certificate) {
        Optional<byte[]> claimed = decode(x5tS256);
        if (claimed.isEmpty() || certificate == null) {
            return false;
        }
        byte[] actual = Base64.getUrlDecoder().decode(x5tS256(certificate));
        return MessageDigest.isEqual(claimed.get(), actual);
    }
}
