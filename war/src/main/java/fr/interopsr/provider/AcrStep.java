package fr.interopsr.provider;

import fr.interopsr.convention.document.AuthenticationLevel;
import fr.interopsr.json.StrictJson;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * {@link ValidationStep#ACR}, Interops-R §3.5.2 step 11: a VI about a user (one with {@code acr} or
 * {@code auth_time}) has an {@code acr} that meets the convention's {@code requiredAcr}, if it has one. The product's
 * reading (IR-10): {@code acr}, if present, is {@code eidas1}, {@code eidas2} or {@code eidas3}; {@code auth_time},
 * if present, is a number between 0 and {@code iat} + skew (the user authenticated before the VI was issued). Uses
 * {@code iat} and the skew established at step 10 ({@link TimeStep}).
 */
final class AcrStep extends Step {

    AcrStep() {
        super(ValidationStep.ACR);
    }

    @Override
    Verdict check(ValidationContext context) {
        JsonObject claims = context.claims;
        // step 11
        JsonValue acr = claims.get("acr");
        JsonValue authTime = claims.get("auth_time");
        if (authTime != null && !(authTime instanceof JsonNumber)) {
            return fail("claim auth_time is " + StrictJson.typeName(authTime) + ", not a number");
        }
        if (authTime instanceof JsonNumber at
                && (at.bigDecimalValue().signum() < 0
                        || at.bigDecimalValue().compareTo(context.issuedAt.add(context.skewSeconds)) > 0)) {
            return fail("auth_time " + Shown.number(at.bigDecimalValue()) + " is not between 0 and iat + skew"
                    + " (the user authenticated before the VI was issued)");
        }
        boolean aboutUser = acr != null || authTime != null;
        if (!aboutUser) {
            return Verdict.PASS;
        }
        AuthenticationLevel level = null;
        if (acr != null) {
            if (!(acr instanceof JsonString acrString)) {
                return fail("claim acr is " + StrictJson.typeName(acr) + ", not a string");
            }
            level = AuthenticationLevel.fromJson(acrString.getString()).orElse(null);
            if (level == null) {
                return fail("acr " + Shown.text(acrString.getString()) + " is not eidas1, eidas2 or eidas3 (IR-10)");
            }
        }
        Optional<AuthenticationLevel> required = context.document().requiredAcr();
        if (required.isPresent()) {
            if (level == null) {
                return fail("a VI about a user (auth_time) without acr; the convention requires "
                        + required.get().jsonName());
            }
            if (!level.satisfies(required.get())) {
                return fail("acr " + level.jsonName() + " does not meet the convention's "
                        + required.get().jsonName());
            }
        }
        return Verdict.PASS;
    }
}
