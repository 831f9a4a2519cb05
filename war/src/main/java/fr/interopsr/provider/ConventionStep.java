package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.json.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ValidationStep#CONVENTION}, Interops-R §3.5.2 step 7: exactly one active convention has the VI's
 * {@code iss}, {@code aud}, {@code azp} and {@code ver}, looked up in the current convention index, asked at each call
 * (D-16). The product's reading (IR-10, IR-19): {@code iss}, {@code aud}, {@code azp}, {@code ver} and {@code jti}
 * are non-empty strings ({@code aud} one SP id, not an array), {@code jti} is 1..128 printable US-ASCII characters,
 * and {@code sub}, if present, is a string. Establishes the index of this call and the convention.
 */
final class ConventionStep extends Step {

    private static final List<String> REQUIRED = List.of("iss", "aud", "azp", "ver", "jti");

    private final Supplier<ConventionIndex> conventions;

    /** @param conventions the current convention index, asked once per call (D-16) */
    ConventionStep(Supplier<ConventionIndex> conventions) {
        super(ValidationStep.CONVENTION);
        this.conventions = Objects.requireNonNull(conventions, "conventions");
    }

    @Override
    Verdict check(ValidationContext context) {
        JsonObject claims = context.claims;
        // step 7, IR-10
        for (String name : REQUIRED) {
            JsonValue v = claims.get(name);
            if (!(v instanceof JsonString s) || s.getString().isEmpty()) {
                return fail("claim " + name + " is "
                        + (v == null
                                ? "missing"
                                : v instanceof JsonString ? "empty" : StrictJson.typeName(v) + ", not a string")
                        + " (IR-10)");
            }
        }
        String jti = claims.getString("jti");
        if (jti.length() > PayloadJsonStep.MAX_JTI || !jti.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return fail("claim jti " + Shown.text(jti) + " is not 1.." + PayloadJsonStep.MAX_JTI
                    + " printable US-ASCII characters (IR-10: an RFC 4122 id)");
        }
        JsonValue sub = claims.get("sub");
        if (sub != null && !(sub instanceof JsonString)) {
            return fail("claim sub is " + StrictJson.typeName(sub) + ", not a string (IR-10)");
        }
        ValidationResult.Facts facts = context.facts;
        String iss = facts.iss();
        String aud = facts.aud();
        String azp = facts.azp();
        String ver = claims.getString("ver");
        ConventionIndex index = conventions.get();
        List<Convention> found = index == null ? List.of() : index.activeFor(iss, aud, azp, ver);
        if (found.size() != 1) {
            return fail((found.isEmpty()
                            ? "no active convention"
                            : found.size() + " active conventions ("
                                    + found.stream().map(Convention::id).toList() + ")")
                    + " for iss " + Shown.text(iss) + ", aud " + Shown.text(aud) + ", azp " + Shown.text(azp)
                    + ", ver " + Shown.text(ver));
        }
        context.index = index;
        context.convention = found.get(0);
        return Verdict.PASS;
    }
}
