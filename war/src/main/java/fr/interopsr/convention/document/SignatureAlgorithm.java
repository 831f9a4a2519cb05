package fr.interopsr.convention.document;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyType;
import java.util.Optional;

/**
 * The JWS algorithms a convention may allow (IR-9, D-9): asymmetric only — ES256 (default),
 * RS256, PS256, ES384. No HMAC algorithm and no {@code none} exists in this type. The JSON name
 * is the JWS {@code alg} name.
 */
public enum SignatureAlgorithm {
    ES256(KeyType.EC, Curve.P_256),
    RS256(KeyType.RSA, null),
    PS256(KeyType.RSA, null),
    ES384(KeyType.EC, Curve.P_384);

    private final KeyType keyType;
    private final Curve curve;

    SignatureAlgorithm(KeyType keyType, Curve curve) {
        this.keyType = keyType;
        this.curve = curve;
    }

    /** The JWS {@code alg} name. */
    public String jsonName() {
        return name();
    }

    /** The Nimbus algorithm. */
    public JWSAlgorithm jwsAlgorithm() {
        return JWSAlgorithm.parse(name());
    }

    /** The JWK key type the algorithm needs ({@code EC} or {@code RSA}). */
    public KeyType keyType() {
        return keyType;
    }

    /** For EC algorithms the curve, else empty. */
    public Optional<Curve> curve() {
        return Optional.ofNullable(curve);
    }

    /** The constant of a JWS name (exact, case-sensitive as in RFC 7515). */
    public static Optional<SignatureAlgorithm> fromJson(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
