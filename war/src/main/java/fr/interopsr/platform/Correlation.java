package fr.interopsr.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The correlation of one call (issue 17 §4, seed 001's {@code Correlationid}; W3C Trace Context): the caller's
 * {@code Correlationid} when it is a UUID, else a new UUID v4; the caller's {@code traceparent} when it is valid,
 * else none; and a note of what was replaced or dropped. An invalid header is never echoed nor stored, only its
 * fate ({@link #note()}). An extension beyond Interops-R 1.0 ({@code docs/conformance.md}, P-55).
 *
 * <p>One per request, made at the first touch ({@link #begin}: the authentication mechanism, which runs before
 * any filter) and kept in a request attribute; the request's thread also holds it ({@link #current()}), so that
 * every trace made for the call ({@code TraceEntry.builder}) and every log line written for it
 * ({@link CorrelationLogHandler}) carry it. A header replaced or dropped is logged (INFO, at most once a second),
 * with the id given instead.
 */
public record Correlation(String correlationId, String traceparent, String note) {

    /** The request and response header (seed 001's spelling; HTTP header names are case-insensitive). */
    public static final String HEADER = "Correlationid";

    /** The W3C Trace Context header. */
    public static final String TRACEPARENT = "traceparent";

    /**
     * The name of the request attribute, and of the JAX-RS {@code ContainerRequestContext} property, that holds
     * this {@link Correlation}: resources that call further services pass {@link #correlationId()} and
     * {@link #traceparent()} on.
     */
    public static final String PROPERTY = "fr.interopsr.correlation";

    /** The property that holds the correlation id alone, as a string. */
    public static final String ID_PROPERTY = "fr.interopsr.correlationId";

    /** Longest {@code traceparent} kept: 55 characters for version 00, more only for a later version. */
    static final int TRACEPARENT_MAX = 256;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TRACEPARENT_00 = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern TRACEPARENT_LATER =
            Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    private static final ThreadLocal<Correlation> CURRENT = new ThreadLocal<>();

    private static final Logger LOG = Logger.getLogger(Correlation.class.getName());

    /**
     * The correlation of the headers a call came with: each list holds every value of that header (none when
     * absent). A header sent more than once is treated as invalid.
     */
    public static Correlation of(List<String> correlationIds, List<String> traceparents) {
        List<String> notes = new ArrayList<>(2);
        String id = null;
        if (correlationIds.size() == 1 && isUuid(correlationIds.get(0))) {
            id = correlationIds.get(0).toLowerCase(Locale.ROOT);
        } else if (!correlationIds.isEmpty()) {
            notes.add(
                    correlationIds.size() > 1
                            ? "Correlationid replaced: sent more than once"
                            : "Correlationid replaced: not a UUID");
        }
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        String parent = null;
        if (traceparents.size() == 1 && isTraceparent(traceparents.get(0))) {
            parent = traceparents.get(0);
        } else if (!traceparents.isEmpty()) {
            notes.add(
                    traceparents.size() > 1
                            ? "traceparent dropped: sent more than once"
                            : "traceparent dropped: not a valid W3C traceparent");
        }
        return new Correlation(id, parent, notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** A UUID in its text form, 8-4-4-4-12 hexadecimal digits (RFC 9562 §4), other than the nil UUID. */
    public static boolean isUuid(String s) {
        return s != null && s.length() == 36 && UUID_TEXT.matcher(s).matches() && !NIL.equals(s);
    }

    /**
     * A valid {@code traceparent} (W3C Trace Context level 1, §3.2): version 00 is exactly
     * {@code 00-<32 hex>-<16 hex>-<2 hex>} in lowercase; a later version (not ff) starts so and may go on after a
     * dash; the trace id and the parent id are not all zeros.
     */
    public static boolean isTraceparent(String s) {
        if (s == null || s.length() < 55 || s.length() > TRACEPARENT_MAX) {
            return false;
        }
        boolean formed = s.startsWith("00-")
                ? TRACEPARENT_00.matcher(s).matches()
                : TRACEPARENT_LATER.matcher(s).matches();
        return formed
                && !s.startsWith("ff-")
                && !s.substring(3, 35).equals("0".repeat(32))
                && !s.substring(36, 52).equals("0".repeat(16));
    }

    /** Whether {@code path} (as the container routes it, {@link CanonicalPath}) is a call that gets a correlation. */
    public static boolean applies(String path) {
        return path != null
                && (CanonicalPath.under(path, "/idp")
                        || CanonicalPath.under(path, "/api")
                        || CanonicalPath.under(path, "/access")
                        || CanonicalPath.under(path, "/admin"));
    }

    /**
     * The request's correlation, made once: kept in the request attribute {@link #PROPERTY}, held by this thread
     * until {@link #end()}, and sent back in the {@code Correlationid} response header, so that an error answered
     * at any later point carries it too.
     */
    public static Correlation begin(HttpServletRequest request, HttpServletResponse response) {
        Correlation known = of(request);
        Correlation c = known != null ? known : of(values(request, HEADER), values(request, TRACEPARENT));
        request.setAttribute(PROPERTY, c);
        request.setAttribute(ID_PROPERTY, c.correlationId());
        CURRENT.set(c);
        if (known == null && c.note() != null && logNow(System.nanoTime())) {
            // what the caller sent is not repeated: the line names the call by the id it was given instead
            String call = request.getMethod() + " " + CanonicalPath.routed(request);
            String shown =
                    (call.length() > 200 ? call.substring(0, 200) + "…" : call).replaceAll("[^\\x20-\\x7e…]", "?");
            LOG.info(() -> c.note() + " (" + shown + ")");
        }
        if (!response.isCommitted()) {
            response.setHeader(HEADER, c.correlationId());
        }
        return c;
    }

    /** When the last line about a replaced header was logged (nanoTime), 0 before the first. */
    private static final AtomicLong LAST_LOGGED = new AtomicLong();

    /**
     * At most one line a second about replaced headers, on each node: the request runs before any rate limit, and
     * whoever sends bad headers in bulk must not fill the log (every call still has its trace, with its note).
     */
    static boolean logNow(long now) {
        long last = LAST_LOGGED.get();
        return (last == 0 || now - last >= 1_000_000_000L) && LAST_LOGGED.compareAndSet(last, now == 0 ? 1 : now);
    }

    /** The request's correlation when {@link #begin} made one, else null. */
    public static Correlation of(HttpServletRequest request) {
        return request.getAttribute(PROPERTY) instanceof Correlation c ? c : null;
    }

    /** The correlation of the call this thread serves, or null. */
    public static Correlation current() {
        return CURRENT.get();
    }

    /** This thread serves {@code c} (null: no call) from now on. */
    public static void use(Correlation c) {
        if (c == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(c);
        }
    }

    /** This thread serves no call any more. */
    public static void end() {
        CURRENT.remove();
    }

    private static List<String> values(HttpServletRequest request, String name) {
        Enumeration<String> e = request.getHeaders(name);
        return e == null ? List.of() : Collections.list(e);
    }

    /** For tests and callers without a servlet request: the values of a header by name. */
    public static Correlation of(Function<String, List<String>> headers) {
        return of(headers.apply(HEADER), headers.apply(TRACEPARENT));
    }
}
