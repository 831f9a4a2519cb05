package fr.interopsr.provider;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.Convention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link ValidationStep#SIGNATURE}, Interops-R §3.5.2 step 15 (IR-9): the signature verifies with a key of the
 * convention's {@code identityProvider.jwks}, or with this deployment's own public keys when the convention's issuer
 * is ours (D-7). {@code kid} picks the key; without it every key that fits {@code alg} is tried. Keys named in the
 * header ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}) are never used. The cryptography is Nimbus's, through
 * {@link SignatureCheck}. Establishes the {@code kid} of the key that verified.
 */
final class SignatureStep extends Step {

    /** The result of step 15 on a parsed JWS: verified (with the key's kid, possibly null) or why not. */
    record Outcome(boolean verified, String keyId, String detail) {}

    private static final int CONVENTION_KEYS_LIMIT = 20_000;

    private final String ownIssuer;
    private final Function<Instant, JWKSet> ownKeys;
    private final SignatureCheck signatureCheck = new SignatureCheck();
    /**
     * Each convention revision's JWK Set, parsed once: revisions are immutable (D-14), so the key (id, revision)
     * never goes stale; bounded by clearing when it grows past the limit.
     */
    private final Map<String, JWKSet> conventionKeys = new ConcurrentHashMap<>();

    /**
     * @param ownIssuer this deployment's issuer; null if none
     * @param ownKeys   this deployment's public JWK Set at an instant
     */
    SignatureStep(String ownIssuer, Function<Instant, JWKSet> ownKeys) {
        super(ValidationStep.SIGNATURE);
        this.ownIssuer = ownIssuer;
        this.ownKeys = ownKeys == null ? now -> new JWKSet() : ownKeys;
    }

    @Override
    Verdict check(ValidationContext context) {
        Convention convention = context.convention;
        // step 15
        JWKSet keys;
        boolean own = ownIssuer != null && ownIssuer.equals(convention.issuer());
        try {
            keys = keys(context, own);
        } catch (RuntimeException e) {
            return fail("the convention's keys cannot be read: " + e.getMessage());
        }
        Outcome signature = verify(context.jws, keys, signatureCheck);
        if (!signature.verified()) {
            return fail(signature.detail()
                    + (own ? " (this deployment's own keys)" : " (keys of convention " + convention.id() + ")"));
        }
        context.verifiedKeyId = signature.keyId();
        return Verdict.PASS;
    }

    /**
     * Step 15's answer on a VI that another check refused (issue 14: how much of it the trace keeps), without
     * touching the context. Throws when the keys cannot be read.
     */
    boolean verifiesForTrace(ValidationContext context) {
        boolean own = ownIssuer != null && ownIssuer.equals(context.convention.issuer());
        return verify(context.jws, keys(context, own), signatureCheck).verified();
    }

    private JWKSet keys(ValidationContext context, boolean own) {
        JWKSet keys = own ? ownKeys.apply(context.now()) : conventionKeys(context.convention);
        return keys == null ? new JWKSet() : keys;
    }

    private JWKSet conventionKeys(Convention convention) {
        if (conventionKeys.size() > CONVENTION_KEYS_LIMIT) {
            conventionKeys.clear();
        }
        return conventionKeys.computeIfAbsent(
                convention.id() + "#" + convention.revision(),
                k -> convention.document().identityProvider().jwkSet().orElse(new JWKSet()));
    }

    /**
     * Step 15 on a parsed JWS: {@code kid} picks the key (a kid not in {@code keys} is refused, whatever other keys
     * exist); without kid every key that fits the algorithm is tried. Only keys of {@code keys} are ever used.
     */
    static Outcome verify(CompactJws jws, JWKSet keys, SignatureCheck check) {
        byte[] signature = jws.signature();
        if (signature == null) {
            return new Outcome(false, null, "the signature is not strict base64url");
        }
        List<JWK> candidates = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            if (jws.keyId == null || jws.keyId.equals(key.getKeyID())) {
                candidates.add(key);
            }
        }
        if (jws.keyId != null && candidates.isEmpty()) {
            return new Outcome(false, null, "kid " + Shown.text(jws.keyId) + " is not in the key set");
        }
        candidates.removeIf(k -> !SignatureCheck.fits(jws.algorithm, k));
        if (candidates.isEmpty()) {
            return new Outcome(
                    false,
                    null,
                    "no key " + (jws.keyId == null ? "" : "with kid " + Shown.text(jws.keyId) + " ") + "fits "
                            + jws.algorithm + " (type, curve, use, key_ops, alg)");
        }
        byte[] input = jws.signingInput();
        for (JWK key : candidates) {
            if (check.verifies(jws.algorithm, key, input, signature)) {
                return new Outcome(true, key.getKeyID(), "");
            }
        }
        return new Outcome(
                false,
                null,
                "the " + jws.algorithm + " signature does not verify with " + candidates.size() + " candidate key(s)");
    }
}
