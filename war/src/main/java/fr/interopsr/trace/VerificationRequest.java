package fr.interopsr.trace;

import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /admin/api/traces/verify} (issue 15): none, {@code {}}, or
 * {@code {"checkpoints": "<the checkpoint file kept outside, one JWS a line>"}}, the same as an array of lines
 * ({@code {"checkpoints": ["<jws>", …]}}); at most {@link VerificationJobs#MAX_OUTSIDE_BYTES} bytes. Any other
 * member is refused.
 */
public final class VerificationRequest {

    private VerificationRequest() {}

    /** The lines of the checkpoints kept outside, or empty when none were given. */
    public static Optional<List<String>> parse(byte[] body) {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        StrictJsonResult<JsonObject> parsed = StrictJson.parseObject(body, VerificationJobs.MAX_OUTSIDE_BYTES);
        if (!parsed.isSuccess()) {
            throw new TraceParams.Invalid("the body is not a JSON object as expected: " + parsed.describe());
        }
        JsonObject o = parsed.value().orElseThrow();
        for (String name : o.keySet()) {
            if (!name.equals("checkpoints")) {
                throw new TraceParams.Invalid("unknown member \"" + name + "\": the body takes only \"checkpoints\"");
            }
        }
        JsonValue v = o.get("checkpoints");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonString s) {
            return Optional.of(s.getString().lines().toList());
        }
        if (v instanceof JsonArray a) {
            List<String> lines = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonString s)) {
                    throw new TraceParams.Invalid("checkpoints[" + i + "] is not a string (a JWS)");
                }
                lines.addAll(s.getString().lines().toList());
            }
            return Optional.of(List.copyOf(lines));
        }
        throw new TraceParams.Invalid(
                "\"checkpoints\" is the checkpoint file's content (a string) or its lines (an" + " array of strings)");
    }
}
