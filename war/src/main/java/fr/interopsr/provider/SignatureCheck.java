package fr.interopsr.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.Provider;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Interops-R §3.5.2 step 15 on its own: whether a JWS signature verifies with one public key, through the Nimbus
 * verifiers ({@link ECDSAVerifier}, {@link RSASSAVerifier}; no cryptography here). Only the asymmetric algorithms of
 * D-9 exist (ES256, RS256, PS256, ES384); {@code none} and every HMAC algorithm are refused (IR-9). Never throws:
 * a malformed key, signature or algorithm simply does not verify.
 * <p>
 * ECDSA signatures are verified with Bouncy Castle (an unregistered provider instance: no global JCA change), not
 * the platform's SunEC: (a) SEC 1 §4.1.4 accepts when {@code r == x(R) mod n}, and the SunEC of JDK 17 compares
 * without the reduction, so it rejects the rare valid signatures whose {@code x(R)} lies in {@code [n, p)}
 * (Wycheproof ecdsa_secp256r1_sha256_p1363 tcId 115 and 257); (b) on this product's machines Bouncy Castle verifies
 * P-256 about twice as fast as SunEC (docs/performance.md), and a data provider verifies every first-seen VI.
 * Verification uses no secret, so a variable-time implementation leaks nothing. Signing stays on the platform
 * (constant-time, and faster there). The Wycheproof vectors hold ({@code WycheproofSignatureTest}).
 */
public final class SignatureCheck {

    /** The algorithms D-9 allows anywhere in the product. */
    public static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES384);

    /** Smallest RSA modulus accepted (IR-15, as for convention keys). */
    public static final int MIN_RSA_BITS = 2048;

    /**
     * @param alg          the JWS {@code alg}
     * @param publicKey    the key; private material, if any, is ignored
     * @param signingInput the ASCII bytes of {@code BASE64URL(header) '.' BASE64URL(payload)}
     * @param signature    the decoded signature (IEEE P1363 {@code r||s} for ECDSA, as in RFC 7518 §3.4)
     * @return true only when the signature verifies; false for anything malformed or unsupported
     */
    public boolean verifies(JWSAlgorithm alg, JWK publicKey, byte[] signingInput, byte[] signature) {
        if (alg == null || publicKey == null || signingInput == null || signature == null || !fits(alg, publicKey)) {
            return false;
        }
        try {
            if (publicKey instanceof RSAKey rsa) {
                JWSVerifier verifier = new RSASSAVerifier(rsa.toPublicJWK());
                return verifier.verify(new JWSHeader(alg), signingInput, Base64URL.encode(signature));
            }
            if (publicKey instanceof ECKey ec) {
                ECDSAVerifier verifier = new ECDSAVerifier(ec.toPublicJWK());
                verifier.getJCAContext().setProvider(BouncyCastle.PROVIDER);
                return verifier.verify(new JWSHeader(alg), signingInput, Base64URL.encode(signature));
            }
            return false;
        } catch (JOSEException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Bouncy Castle, created on first need and never registered (no global JCA change). */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /**
     * Whether {@code key} may verify {@code alg}: a D-9 algorithm; an EC key on the algorithm's curve (P-256 for
     * ES256, P-384 for ES384) or an RSA key of at least {@value #MIN_RSA_BITS} bits (RS256, PS256); {@code use}, if
     * any, {@code sig}; {@code key_ops}, if any, with {@code verify}; the key's {@code alg}, if any, the same.
     */
    public static boolean fits(JWSAlgorithm alg, JWK key) {
        if (alg == null || key == null || !ALGORITHMS.contains(alg)) {
            return false;
        }
        try {
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                return false;
            }
            if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
                return false;
            }
            if (key.getAlgorithm() != null
                    && !alg.getName().equals(key.getAlgorithm().getName())) {
                return false;
            }
            if (JWSAlgorithm.ES256.equals(alg) || JWSAlgorithm.ES384.equals(alg)) {
                Curve curve = JWSAlgorithm.ES256.equals(alg) ? Curve.P_256 : Curve.P_384;
                return key instanceof ECKey ec && curve.equals(ec.getCurve());
            }
            return key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
