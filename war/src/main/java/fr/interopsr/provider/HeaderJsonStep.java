package fr.interopsr.provider;

import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonObject;

/**
 * {@link ValidationStep#HEADER_JSON}, Interops-R §3.5.2 step 3: the JOSE header is one UTF-8 JSON object without
 * duplicate members, read by {@link StrictJson} within the size cap (D-13). Establishes the header.
 */
final class HeaderJsonStep extends Step {

    private final int maxBytes;

    /** @param maxBytes the size cap for the decoded header (D-13) */
    HeaderJsonStep(int maxBytes) {
        super(ValidationStep.HEADER_JSON);
        this.maxBytes = maxBytes;
    }

    @Override
    Verdict check(ValidationContext context) {
        // step 3
        StrictJsonResult<JsonObject> headerJson = StrictJson.parseObject(context.headerBytes, maxBytes);
        if (!headerJson.isSuccess()) {
            return fail(
                    "JOSE header: " + headerJson.describe(),
                    "the JOSE header is not "
                            + CompactJws.jsonProblem(headerJson.error().orElseThrow()));
        }
        context.header = headerJson.value().orElseThrow();
        return Verdict.PASS;
    }
}
