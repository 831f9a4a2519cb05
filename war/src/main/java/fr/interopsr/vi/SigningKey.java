package fr.interopsr.vi;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;

/**
 * One private signing key of the identity provider, with its public JWK ({@code kid} = the RFC 7638
 * thumbprint) and the algorithm it serves (IR-9, D-9).
 */
public record SigningKey(
        String alias,
        JWSAlgorithm algorithm,
        String kid,
        JWK publicJwk,
        JWSSigner signer,
        Instant notBefore,
        Instant notAfter) {

    /** Whether this key signs with the algorithm: an RSA key serves RS256 and PS256 (D-9). */
    public boolean serves(JWSAlgorithm alg) {
        return algorithm.equals(alg) || (JWSAlgorithm.RS256.equals(algorithm) && JWSAlgorithm.PS256.equals(alg));
    }

    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }
}
