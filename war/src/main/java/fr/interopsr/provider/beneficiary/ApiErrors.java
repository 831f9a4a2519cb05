package fr.interopsr.provider.beneficiary;

import fr.interopsr.json.Jsonp;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one JSON error format of the sample service: {@code {"error": …, "error_description": …}} (seed 001). */
final class ApiErrors {

    private ApiErrors() {}

    static Response badRequest(String description) {
        return of(400, "invalid_request", description);
    }

    static Response notFound(String description) {
        return of(404, "not_found", description);
    }

    static Response of(int status, String code, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("error", code)
                        .add("error_description", description)
                        .build()
                        .toString())
                .build();
    }
}
