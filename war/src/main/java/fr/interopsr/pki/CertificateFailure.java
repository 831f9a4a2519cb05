package fr.interopsr.pki;

/**
 * Why a client certificate was refused (IR-13, D-1); see {@link ClientCertificateValidator}.
 */
public enum CertificateFailure {
    /** No certificate, an empty or null element, or something the JDK cannot process. */
    MALFORMED,
    /** A certificate of the chain is past its notAfter. */
    EXPIRED,
    /** A certificate of the chain is before its notBefore. */
    NOT_YET_VALID,
    /** The chain does not lead to a trust anchor (or a signature does not verify, or a constraint is broken). */
    UNTRUSTED,
    /** A certificate of the chain is listed on its issuer's CRL. */
    REVOKED,
    /** The leaf has no extendedKeyUsage extension, or one without id-kp-clientAuth (D-1). */
    MISSING_CLIENT_AUTH_EKU,
    /** The leaf has a keyUsage extension without digitalSignature, so it cannot sign a TLS handshake (IR-13). */
    WRONG_KEY_USAGE,
    /** No usable CRL for an issuer: none loaded, stale (past nextUpdate), or not verifiable (fail closed, D-1). */
    REVOCATION_UNKNOWN
}
