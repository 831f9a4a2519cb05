package fr.interopsr.provider;

import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.json.StrictJson;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * {@link ValidationStep#TIME}, Interops-R §3.5.2 step 10, with the convention's allowed clock skew
 * ({@code dataProvider.allowedClockSkewSeconds}): {@code exp} and {@code iat} are numbers (IR-10); now &lt;
 * {@code exp} + skew; {@code nbf}, if present, a number and at most now + skew. The product's reading: {@code iat} at
 * most now + skew, and the lifetime {@code exp - iat} at most the convention's (IR-4) plus the skew, which also
 * bounds how long the replay guard keeps a VI. Establishes {@code iat}, the skew and until when the VI may be
 * accepted.
 */
final class TimeStep extends Step {

    TimeStep() {
        super(ValidationStep.TIME);
    }

    @Override
    Verdict check(ValidationContext context) {
        JsonObject claims = context.claims;
        ConventionDocument doc = context.document();
        Instant now = context.now();
        // step 10
        int skew = doc.dataProvider().allowedClockSkewSeconds();
        BigDecimal skewSeconds = BigDecimal.valueOf(skew);
        BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
        BigDecimal exp = number(claims, "exp");
        BigDecimal iat = number(claims, "iat");
        if (exp == null || iat == null) {
            String name = exp == null ? "exp" : "iat";
            JsonValue v = claims.get(name);
            return fail("claim " + name + " is " + (v == null ? "missing" : StrictJson.typeName(v) + ", not a number")
                    + " (IR-10)");
        }
        BigDecimal nbf = null;
        if (claims.containsKey("nbf")) {
            nbf = number(claims, "nbf");
            if (nbf == null) {
                return fail("claim nbf is " + StrictJson.typeName(claims.get("nbf")) + ", not a number");
            }
        }
        if (nowSeconds.compareTo(exp.add(skewSeconds)) >= 0) {
            return fail("expired: exp " + Shown.number(exp) + " + skew " + skew + " s <= now " + now.getEpochSecond());
        }
        if (nbf != null && nowSeconds.compareTo(nbf.subtract(skewSeconds)) < 0) {
            return fail(
                    "not yet valid: nbf " + Shown.number(nbf) + " - skew " + skew + " s > now " + now.getEpochSecond());
        }
        if (iat.compareTo(nowSeconds.add(skewSeconds)) > 0) {
            return fail("issued in the future: iat " + Shown.number(iat) + " > now " + now.getEpochSecond() + " + skew "
                    + skew + " s");
        }
        int lifetime = doc.identityProvider().tokenLifetimeSeconds();
        if (exp.subtract(iat).compareTo(BigDecimal.valueOf((long) lifetime + skew)) > 0) {
            return fail("lifetime exp - iat = " + Shown.number(exp.subtract(iat)) + " s exceeds the convention's "
                    + lifetime + " s + skew " + skew + " s (IR-4)");
        }
        context.issuedAt = iat;
        context.skewSeconds = skewSeconds;
        // bounded now: now - skew < exp <= now + lifetime + 2 * skew
        context.acceptedUntil = Instant.ofEpochSecond(
                exp.add(skewSeconds).setScale(0, RoundingMode.CEILING).longValueExact());
        return Verdict.PASS;
    }

    private static BigDecimal number(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.bigDecimalValue() : null;
    }
}
