package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import fr.interopsr.json.StrictJson;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link ValidationStep#SCOPES_ONE_CONVENTION}, Interops-R §3.5.2 step 9: {@code scp} is a string of scopes separated
 * by single spaces in the characters of IR-16 (IR-1, IR-10), and no scope belongs to another active convention
 * without belonging to the one found at step 7. Establishes the scopes; whether this convention allows each of them is
 * step 12 ({@link ScopesAllowedStep}).
 */
final class ScopesOneConventionStep extends Step {

    ScopesOneConventionStep() {
        super(ValidationStep.SCOPES_ONE_CONVENTION);
    }

    @Override
    Verdict check(ValidationContext context) {
        Convention convention = context.convention;
        // step 9
        JsonValue scp = context.claims.get("scp");
        if (!(scp instanceof JsonString scpString)) {
            return fail("claim scp is " + (scp == null ? "missing" : StrictJson.typeName(scp) + ", not a string")
                    + " (IR-10)");
        }
        List<String> scopes = scopes(scpString.getString());
        if (scopes == null) {
            return fail(
                    "claim scp " + Shown.text(scpString.getString()) + " is not space-separated scopes (IR-1, IR-16)");
        }
        List<String> allowed = convention.document().scopes();
        for (String scope : scopes) {
            if (allowed.contains(scope)) {
                continue;
            }
            List<String> others = context.index.activeWithScope(scope).stream()
                    .map(Convention::id)
                    .toList();
            if (!others.isEmpty()) {
                return fail("scope " + Shown.text(scope) + " belongs to convention(s) " + others + ", not to "
                        + convention.id() + ": all scopes must belong to one convention");
            }
        }
        context.scopes = scopes;
        return Verdict.PASS;
    }

    /** Space-separated IR-16 scopes (one space between, none around), in order without repeats; null if malformed. */
    static List<String> scopes(String scp) {
        if (scp.isEmpty()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String scope : scp.split(" ", -1)) {
            if (scope.isEmpty()) {
                return null;
            }
            for (int i = 0; i < scope.length(); i++) {
                char c = scope.charAt(i);
                if (c < 0x21 || c > 0x7e || c == 0x22 || c == 0x5c) {
                    return null;
                }
            }
            out.add(scope);
        }
        return List.copyOf(out);
    }
}
