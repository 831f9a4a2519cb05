package fr.interopsr.trace;

import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.Unavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** The answers the trace API shares: its JSON errors, never cached. */
final class TraceApi {

    private TraceApi() {}

    static Response error(int status, String error, String description) {
        return JsonAnswer.errorResponse(status, error, description);
    }

    /** The auditor making the call: the name of the authenticated caller. */
    static String auditor(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null
                ? null
                : security.getUserPrincipal().getName();
    }

    static Response invalid(TraceParams.Invalid e) {
        return error(400, "invalid_request", e.getMessage());
    }

    static Response unavailable() {
        return Unavailable.response("the traces cannot be read now");
    }
}
