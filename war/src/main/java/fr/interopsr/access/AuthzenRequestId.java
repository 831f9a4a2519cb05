package fr.interopsr.access;

import fr.interopsr.platform.CanonicalPath;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The AuthZEN Authorization API's request identification (1.0, HTTPS binding): a PEP may name its request in the
 * {@value #HEADER} header, and the PDP sends the same identifier back in its answer. Every answer of
 * {@code /access/*} and of the discovery document carries it, errors included (401, 403, 415, 429, 503), since
 * {@link #echo} runs first, in the one authentication mechanism. It is the caller's label for its own request,
 * not our correlation of the call ({@code Correlationid}, issue 17 §4), which the traces keep.
 *
 * <p>The value is sent back only when it is one header of 1 to {@value #MAX_LENGTH} visible ASCII characters or
 * spaces; anything else (several headers, control or non-ASCII characters, longer) is not repeated, and the request
 * goes on as if it had none, so that nobody can make this server write a header of their choosing.
 */
public final class AuthzenRequestId {

    /** The request and response header. */
    public static final String HEADER = "X-Request-ID";

    /** The longest identifier sent back. */
    static final int MAX_LENGTH = 256;

    private AuthzenRequestId() {}

    /** Whether the path (as the container routes it) is one of the AuthZEN API's. */
    public static boolean applies(String path) {
        return path != null
                && (CanonicalPath.under(path, "/access")
                        || path.equals(AuthzenConfigurationResource.PATH)
                        || path.equals(AuthzenConfigurationResource.PATH + "/"));
    }

    /** Sends the request's identifier back on the response, when it has one to repeat and nothing is sent yet. */
    public static void echo(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        List<String> values = Collections.list(request.getHeaders(HEADER));
        echoed(values).ifPresent(id -> response.setHeader(HEADER, id));
    }

    /** The identifier to send back for the header's values as received, if any. */
    static Optional<String> echoed(List<String> values) {
        if (values == null || values.size() != 1) {
            return Optional.empty();
        }
        String id = values.get(0);
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return Optional.empty();
            }
        }
        return Optional.of(id);
    }
}
