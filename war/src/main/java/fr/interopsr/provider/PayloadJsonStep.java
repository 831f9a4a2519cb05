package fr.interopsr.provider;

import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * {@link ValidationStep#PAYLOAD_JSON}, Interops-R §3.5.2 step 6: the payload is one UTF-8 JSON object without
 * duplicate members ({@link StrictJson}: a signed payload with {@code scp} twice is refused). Establishes the claims,
 * and the {@link ValidationResult.Facts} every later refusal's trace records (IR-19).
 */
final class PayloadJsonStep extends Step {

    /** Longest {@code jti} accepted (RFC 4122 URNs are 45 characters; the trace column holds 128). */
    static final int MAX_JTI = 128;
    /** Longest {@code iss}, {@code aud}, {@code azp} kept in {@link ValidationResult.Facts} (trace columns). */
    static final int MAX_URI = 512;

    private final int maxBytes;

    /** @param maxBytes the size cap (D-13) */
    PayloadJsonStep(int maxBytes) {
        super(ValidationStep.PAYLOAD_JSON);
        this.maxBytes = maxBytes;
    }

    @Override
    Verdict check(ValidationContext context) {
        // step 6
        StrictJsonResult<JsonObject> payloadJson = StrictJson.parseObject(context.jws.payload, maxBytes);
        if (!payloadJson.isSuccess()) {
            return fail(
                    "payload: " + payloadJson.describe(),
                    "the VI's payload is not "
                            + CompactJws.jsonProblem(payloadJson.error().orElseThrow()));
        }
        JsonObject claims = payloadJson.value().orElseThrow();
        context.claims = claims;
        context.facts = new ValidationResult.Facts(
                bounded(string(claims, "jti"), MAX_JTI),
                bounded(string(claims, "iss"), MAX_URI),
                bounded(string(claims, "aud"), MAX_URI),
                bounded(string(claims, "azp"), MAX_URI));
        return Verdict.PASS;
    }

    private static String bounded(String s, int max) {
        return s != null && s.length() <= max ? s : null;
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
