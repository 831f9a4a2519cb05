package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answers the trace API shares: its JSON errors, never cached. */
final class TraceApi {

    static final String NO_STORE = "no-store";

    private TraceApi() {}

    static Response error(int status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", NO_STORE)
                .entity(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("error", error)
                        .add("error_description", description)
                        .build()
                        .toString())
                .build();
    }

    static Response invalid(TraceParams.Invalid e) {
        return error(400, "invalid_request", e.getMessage());
    }

    static Response unavailable() {
        return Response.fromResponse(error(503, "temporarily_unavailable", "the traces cannot be read now"))
                .header("Retry-After", "5")
                .build();
    }
}
