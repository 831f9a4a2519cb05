package fr.interopsr.platform;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of a JSON answer outside JAX-RS (token endpoint, {@code /api/} refusals, admin
 * log-in, HTTPS-only refusals): the status, {@code Content-Type: application/json}, the same cache
 * headers everywhere ({@code Cache-Control: no-store} and {@code Pragma: no-cache}, IR-3), the exact
 * length, and the body, committed at once. Headers of the caller's protocol ({@code WWW-Authenticate},
 * {@code Retry-After}, {@code Allow}) are set by the caller before it calls this. A client that went
 * away is no error of ours: it is logged at FINE, never thrown.
 */
public final class JsonAnswer {

    private static final Logger LOG = Logger.getLogger(JsonAnswer.class.getName());

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
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
}
