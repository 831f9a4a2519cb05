package fr.interopsr.vi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The identity provider's signing keys, read from a PKCS#12 key store (MP Config
 * {@code interops.signing.keystore}): every private key entry is a key, EC P-256 for ES256,
 * P-384 for ES384, RSA (2048 bits at least, else start-up fails) for RS256 and PS256. Several keys per
 * algorithm make rotation possible: the one signing is the valid key whose certificate starts
 * last; every key still valid is published in the JWK Set (IR-9, D-9).
 */
public final class SigningKeys {

    /** Smallest RSA modulus accepted (RGS, IR-15). */
    public static final int MIN_RSA_BITS = 2048;

    private final List<SigningKey> keys;

    public SigningKeys(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Loads every private key entry of the key store; a key that breaks a rule stops the load. */
    public static SigningKeys load(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(keystore)) {
            throw new IOException("signing key store not found or unreadable: " + keystore.toAbsolutePath()
                    + " (set interops.signing.keystore)");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        List<SigningKey> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            PrivateKey privateKey = (PrivateKey) store.getKey(alias, password);
            X509Certificate cert = (X509Certificate) store.getCertificate(alias);
            if (cert == null) {
                throw new GeneralSecurityException("signing key " + alias + " has no certificate");
            }
            keys.add(toSigningKey(alias, privateKey, cert));
        }
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("no private key in the signing key store " + keystore);
        }
        return new SigningKeys(keys);
    }

    static SigningKey toSigningKey(String alias, PrivateKey privateKey, X509Certificate cert)
            throws GeneralSecurityException {
        Instant from = cert.getNotBefore().toInstant();
        Instant to = cert.getNotAfter().toInstant();
        try {
            if (privateKey instanceof RSAPrivateKey rsa && cert.getPublicKey() instanceof RSAPublicKey pub) {
                int bits = pub.getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new GeneralSecurityException("signing key " + alias + " is RSA " + bits + " bits; at least "
                            + MIN_RSA_BITS + " are required (IR-15)");
                }
                // no "alg" in the JWK: the key serves RS256 and PS256 alike
                RSAKey jwk = new RSAKey.Builder(pub)
                        .keyUse(KeyUse.SIGNATURE)
                        .keyIDFromThumbprint()
                        .build();
                return new SigningKey(alias, JWSAlgorithm.RS256, jwk.getKeyID(), jwk, new RSASSASigner(rsa), from, to);
            }
            if (privateKey instanceof ECPrivateKey ec && cert.getPublicKey() instanceof ECPublicKey pub) {
                Curve curve = Curve.forECParameterSpec(pub.getParams());
                JWSAlgorithm alg;
                if (Curve.P_256.equals(curve)) {
                    alg = JWSAlgorithm.ES256;
                } else if (Curve.P_384.equals(curve)) {
                    alg = JWSAlgorithm.ES384;
                } else {
                    throw new GeneralSecurityException(
                            "signing key " + alias + " is on curve " + curve + "; P-256 (ES256) or P-384 (ES384) only");
                }
                ECKey jwk = new ECKey.Builder(curve, pub)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(alg)
                        .keyIDFromThumbprint()
                        .build();
                return new SigningKey(alias, alg, jwk.getKeyID(), jwk, new ECDSASigner(ec), from, to);
            }
        } catch (JOSEException e) {
            throw new GeneralSecurityException("signing key " + alias + ": " + e.getMessage(), e);
        }
        throw new GeneralSecurityException("signing key " + alias + " is neither EC nor RSA (D-9)");
    }

    /** The key that signs with this algorithm now: valid, and the latest to start. */
    public Optional<SigningKey> current(JWSAlgorithm algorithm, Instant now) {
        return current(algorithm, now, 0);
    }

    /**
     * The key that signs, now, a VI accepted for {@code lifetimeSeconds} (its lifetime plus the clock skew data
     * providers allow): valid now and still valid when that VI is last accepted (so that the VI never outlives its key
     * in the JWK Set), the latest to start.
     */
    public Optional<SigningKey> current(JWSAlgorithm algorithm, Instant now, long lifetimeSeconds) {
        Instant until = now.plusSeconds(lifetimeSeconds);
        return keys.stream()
                .filter(k -> k.serves(algorithm) && k.validAt(now) && !until.isAfter(k.notAfter()))
                .max(Comparator.comparing(SigningKey::notBefore));
    }

    /** The public JWK Set: every key not yet expired (current and next, for rotation). */
    public JWKSet publicJwkSet(Instant now) {
        List<JWK> jwks = keys.stream()
                .filter(k -> !now.isAfter(k.notAfter()))
                .map(SigningKey::publicJwk)
                .toList();
        return new JWKSet(jwks);
    }

    public List<SigningKey> all() {
        return keys;
    }
}
