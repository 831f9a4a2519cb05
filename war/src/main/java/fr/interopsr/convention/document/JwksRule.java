package fr.interopsr.convention.document;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import fr.interopsr.json.CanonicalJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code identityProvider.jwks}, the public keys that verify a convention's VIs (IR-9
 * §3.5.2 steps 14-15, D-9): a JWK Set with only {@code keys}; each key public (no private or
 * symmetric material), RSA of at least 2048 bits or EC on P-256/P-384, its {@code alg} (if any)
 * among the convention's algorithms and fitting the key, {@code use} (if any) {@code sig}, and
 * no {@code kid} twice. Keys are parsed one by one with Nimbus so none is silently skipped.
 */
final class JwksRule {

    static final int MIN_RSA_BITS = 2048;

    /** JWK members that carry private or secret key material (RFC 7518 §6). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private JwksRule() {}

    /**
     * Records a problem for each fault of {@code jwks}.
     *
     * @param allowed the valid algorithms of the convention; when empty the algorithm checks are
     *                skipped (the algorithms already have their own problems)
     */
    static void check(JsonObject jwks, String path, List<SignatureAlgorithm> allowed, List<Problem> problems) {
        MemberReader set = new MemberReader(jwks, path, problems, Set.of("keys"));
        Optional<JsonArray> keys = set.array("keys", true);
        if (keys.isEmpty()) {
            return;
        }
        Map<String, Integer> kids = new HashMap<>();
        JsonArray array = keys.get();
        for (int i = 0; i < array.size(); i++) {
            String keyPath = MemberReader.element(path + ".keys", i);
            JsonValue value = array.get(i);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                set.problem(keyPath, "must be a JWK object, not " + MemberReader.typeName(value));
                continue;
            }
            checkKey(value.asJsonObject(), keyPath, allowed, kids, i, set);
        }
    }

    private static void checkKey(
            JsonObject key,
            String keyPath,
            List<SignatureAlgorithm> allowed,
            Map<String, Integer> kids,
            int index,
            MemberReader out) {
        JsonValue kty = key.get("kty");
        if (kty instanceof JsonString s && "oct".equals(s.getString())) {
            out.problem(
                    keyPath + ".kty",
                    "symmetric (oct) keys are refused: IR-9 and D-9 allow only "
                            + "asymmetric algorithms, and a shared secret must never be published");
            return;
        }
        boolean secret = false;
        for (String member : PRIVATE_MEMBERS) {
            if (key.containsKey(member)) {
                out.problem(
                        keyPath + "." + member,
                        "private key material ('" + member + "') is refused: "
                                + "a convention publishes only the public keys that verify VIs");
                secret = true;
            }
        }
        if (secret) {
            return;
        }
        JWK jwk;
        try {
            jwk = JWK.parse(CanonicalJson.write(key));
        } catch (ParseException | RuntimeException e) {
            out.problem(keyPath, "is not a valid JWK: " + e.getMessage());
            return;
        }
        if (jwk.isPrivate()) {
            out.problem(keyPath, "private key material is refused: a convention publishes only public keys");
            return;
        }
        boolean usable = true;
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                out.problem(
                        keyPath + ".n",
                        "RSA key of " + rsa.size() + " bits: at least " + MIN_RSA_BITS + " bits are required (IR-15)");
                usable = false;
            }
        } else if (jwk instanceof ECKey ec) {
            Curve curve = ec.getCurve();
            if (!Curve.P_256.equals(curve) && !Curve.P_384.equals(curve)) {
                out.problem(
                        keyPath + ".crv",
                        "curve " + curve + " is not allowed: only P-256 (ES256) and P-384 (ES384)" + " (IR-9, D-9)");
                usable = false;
            }
        } else {
            out.problem(
                    keyPath + ".kty",
                    "key type " + jwk.getKeyType() + " cannot verify ES256, RS256, PS256 or"
                            + " ES384 signatures (IR-9, D-9): use an EC or RSA key");
            usable = false;
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            out.problem(keyPath + ".use", "must be 'sig': these keys verify VI signatures");
        }
        if (usable && !allowed.isEmpty()) {
            checkAlgorithm(jwk, keyPath, allowed, out);
        }
        if (jwk.getKeyID() != null) {
            Integer first = kids.putIfAbsent(jwk.getKeyID(), index);
            if (first != null) {
                out.problem(
                        keyPath + ".kid",
                        MemberReader.quote(jwk.getKeyID()) + " is already the kid of keys[" + first
                                + "]: a kid must pick one key (§3.5.2 step 15)");
            }
        }
    }

    private static void checkAlgorithm(JWK jwk, String keyPath, List<SignatureAlgorithm> allowed, MemberReader out) {
        if (jwk.getAlgorithm() != null) {
            String name = jwk.getAlgorithm().getName();
            Optional<SignatureAlgorithm> alg = SignatureAlgorithm.fromJson(name);
            if (alg.isEmpty()) {
                out.problem(
                        keyPath + ".alg",
                        MemberReader.quote(name) + " is not an allowed algorithm: IR-9 and D-9 "
                                + "allow only ES256, RS256, PS256 and ES384");
            } else if (!allowed.contains(alg.get())) {
                out.problem(
                        keyPath + ".alg",
                        MemberReader.quote(name) + " is not among identityProvider.signatureAlgorithms "
                                + names(allowed));
            } else if (!fits(alg.get(), jwk)) {
                out.problem(
                        keyPath + ".alg",
                        MemberReader.quote(name) + " needs " + describe(alg.get()) + ", not " + describe(jwk));
            }
            return;
        }
        if (allowed.stream().noneMatch(a -> fits(a, jwk))) {
            out.problem(
                    keyPath,
                    "is " + describe(jwk) + ", which cannot verify any of identityProvider.signatureAlgorithms "
                            + names(allowed));
        }
    }

    private static boolean fits(SignatureAlgorithm alg, JWK jwk) {
        if (!alg.keyType().equals(jwk.getKeyType())) {
            return false;
        }
        return alg.curve()
                .map(c -> jwk instanceof ECKey ec && c.equals(ec.getCurve()))
                .orElse(true);
    }

    private static String describe(SignatureAlgorithm alg) {
        return alg.curve().map(c -> "an EC " + c + " key").orElse("an RSA key");
    }

    private static String describe(JWK jwk) {
        if (jwk instanceof ECKey ec) {
            return "an EC " + ec.getCurve() + " key";
        }
        return KeyType.RSA.equals(jwk.getKeyType()) ? "an RSA key" : "a " + jwk.getKeyType() + " key";
    }

    private static String names(List<SignatureAlgorithm> algs) {
        return algs.stream().map(SignatureAlgorithm::jsonName).toList().toString();
    }
}
