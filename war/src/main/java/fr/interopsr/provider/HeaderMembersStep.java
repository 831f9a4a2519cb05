package fr.interopsr.provider;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.json.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;

/**
 * {@link ValidationStep#HEADER_MEMBERS}, Interops-R §3.5.2 step 4 (IR-9, D-9): {@code alg} is one of ES256, RS256,
 * PS256, ES384 ({@code none} and every {@code HS…} refused by name); {@code typ}, if present, {@code JWT} or
 * {@code application/jwt}; no {@code crit} (RFC 7515 §4.1.11); {@code kid}, if present, a string. Establishes the
 * algorithm and the {@code kid}.
 */
final class HeaderMembersStep extends Step {

    HeaderMembersStep() {
        super(ValidationStep.HEADER_MEMBERS);
    }

    @Override
    Verdict check(ValidationContext context) {
        JsonObject header = context.header;
        // step 4
        JsonValue alg = header.get("alg");
        if (!(alg instanceof JsonString algString)) {
            return fail(
                    alg == null ? "no alg in the JOSE header" : "alg is " + StrictJson.typeName(alg) + ", not a string",
                    "the JOSE header needs an alg");
        }
        String algName = algString.getString();
        if (algName.equalsIgnoreCase("none")) {
            return fail(
                    "alg " + Shown.text(algName) + ": an unsigned VI is forbidden (IR-9, D-9)",
                    "alg none is forbidden");
        }
        if (algName.toUpperCase(Locale.ROOT).startsWith("HS")) {
            return fail(
                    "alg " + Shown.text(algName) + ": symmetric algorithms are forbidden (IR-9, D-9)",
                    "symmetric algorithms are forbidden");
        }
        JWSAlgorithm algorithm = SignatureCheck.ALGORITHMS.stream()
                .filter(a -> a.getName().equals(algName))
                .findFirst()
                .orElse(null);
        if (algorithm == null) {
            return fail(
                    "alg " + Shown.text(algName) + " is not one of ES256, RS256, PS256, ES384 (D-9)",
                    "the JOSE header's alg is not allowed");
        }
        JsonValue typ = header.get("typ");
        if (typ != null && !(typ instanceof JsonString t && isJwtType(t.getString()))) {
            return fail("typ is " + Shown.json(typ) + ", not JWT (IR-9)", "the JOSE header's typ must be JWT");
        }
        if (header.containsKey("crit")) {
            return fail(
                    "crit " + Shown.json(header.get("crit")) + ": no header extension is understood (RFC 7515 §4.1.11)",
                    "the JOSE header's crit is refused");
        }
        JsonValue kid = header.get("kid");
        if (kid != null && !(kid instanceof JsonString)) {
            return fail(
                    "kid is " + StrictJson.typeName(kid) + ", not a string", "the JOSE header's kid must be a string");
        }
        context.algorithm = algorithm;
        context.keyId = kid == null ? null : ((JsonString) kid).getString();
        return Verdict.PASS;
    }

    /** {@code JWT}, case-insensitively, or its full media type {@code application/jwt} (RFC 7515 §4.1.9). */
    private static boolean isJwtType(String typ) {
        return typ.equalsIgnoreCase("JWT") || typ.equalsIgnoreCase("application/jwt");
    }
}
