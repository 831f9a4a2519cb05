package fr.interopsr.platform;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of a JSON answer, and of the cache headers of every answer that must not be stored.
 * Outside JAX-RS (token endpoint, {@code /api/} refusals, admin log-in, HTTPS-only refusals): the status, {@code Content-Type: application/json}, the same cache
 * headers everywhere ({@code Cache-Control: no-store} and {@code Pragma: no-cache}, IR-3), the exact
 * length, and the body, committed at once. Headers of the caller's protocol ({@code WWW-Authenticate},
 * {@code Retry-After}, {@code Allow}) are set by the caller before it calls this. A client that went
 * away is no error of ours: it is logged at FINE, never thrown. JAX-RS answers (admin API, trace API,
 * console) take the same body and headers through {@link #errorResponse} and {@link #noStore(Response.ResponseBuilder)}.
 */
public final class JsonAnswer {

    private static final Logger LOG = Logger.getLogger(JsonAnswer.class.getName());

    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String NO_STORE = "no-store";
    private static final String PRAGMA = "Pragma";
    private static final String NO_CACHE = "no-cache";

    private JsonAnswer() {}

    /** The error body: {@code {"error":…,"error_description":…}}; no description, no member; no error, {@code {}}. */
    public static String errorBody(String error, String description) {
        JsonObjectBuilder body = Jsonp.PROVIDER.createObjectBuilder();
        if (error != null) {
            body.add("error", error);
            if (description != null) {
                body.add("error_description", description);
            }
        }
        return body.build().toString();
    }

    /** An error answer: {@link #errorBody} with {@link #write}. */
    public static void error(HttpServletResponse response, int status, String error, String description) {
        write(response, status, errorBody(error, description));
    }

    /** Any JSON answer, never cached. */
    public static void write(HttpServletResponse response, int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        noStore(response);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        }
    }

    /** The cache headers of every answer that must not be stored, JSON or not (IR-3). */
    public static void noStore(HttpServletResponse response) {
        response.setHeader(CACHE_CONTROL, NO_STORE);
        response.setHeader(PRAGMA, NO_CACHE);
    }

    /** The same cache headers on a JAX-RS answer being built. */
    public static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header(CACHE_CONTROL, NO_STORE).header(PRAGMA, NO_CACHE);
    }

    /** The same cache headers on a JAX-RS answer's headers (a response filter). */
    public static void noStore(MultivaluedMap<String, Object> headers) {
        headers.putSingle(CACHE_CONTROL, NO_STORE);
        headers.putSingle(PRAGMA, NO_CACHE);
    }

    /** A JAX-RS JSON error answer: the body of {@link #errorBody}, never cached. */
    public static Response errorResponse(int status, String error, String description) {
        return noStore(Response.status(status))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(errorBody(error, description))
                .build();
    }
}
