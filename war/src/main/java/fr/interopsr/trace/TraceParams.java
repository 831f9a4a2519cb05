package fr.interopsr.trace;

import fr.interopsr.platform.Correlation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /admin/api/traces} and {@code /admin/api/traces/export},
 * checked: any bad value is a {@link Invalid} (answered 400 {@code invalid_request}), never a 500.
 * An empty value counts as absent; a parameter given twice, or one the endpoint does not know,
 * is refused (a typo must not silently widen an audit export).
 */
public final class TraceParams {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 1_000_000;
    /** Column widths of {@code trace_record}: a longer value cannot match. */
    static final int MAX_JTI = 128;

    static final int MAX_CONVENTION = 64;

    private static final Set<String> QUERY =
            Set.of("kind", "status", "from", "to", "jti", "convention", "correlationId", "traceparent", "page", "size");
    private static final Set<String> EXPORT =
            Set.of("kind", "status", "from", "to", "jti", "convention", "correlationId", "traceparent", "format");
    /** RFC 3339 {@code date-time}: full date, 'T', full time with seconds, optional fraction, 'Z' or offset. */
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private TraceParams() {}

    /** A refused parameter; its message is the {@code error_description}. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** One page of the query: {@code page} from 1, {@code size} 1..200. */
    public record Query(TraceFilter filter, int page, int size) {
        public int offset() {
            return (page - 1) * size;
        }
    }

    /** The export's format. */
    public enum Format {
        JSONL,
        CSV
    }

    /** What the export selects, and in which format. */
    public record Export(TraceFilter filter, Format format) {}

    public static Query query(Map<String, List<String>> parameters) {
        Map<String, String> p = single(parameters, QUERY);
        int page = number(p.get("page"), "page", 1, MAX_PAGE, 1);
        int size = number(p.get("size"), "size", 1, MAX_SIZE, DEFAULT_SIZE);
        return new Query(filter(p), page, size);
    }

    public static Export export(Map<String, List<String>> parameters) {
        Map<String, String> p = single(parameters, EXPORT);
        String format = p.get("format");
        Format f;
        if ("jsonl".equals(format)) {
            f = Format.JSONL;
        } else if ("csv".equals(format)) {
            f = Format.CSV;
        } else {
            throw new Invalid("format must be jsonl or csv");
        }
        return new Export(filter(p), f);
    }

    /** Each known parameter's one non-empty value; unknown or repeated parameters refused. */
    private static Map<String, String> single(Map<String, List<String>> parameters, Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        Map<String, String> values = new HashMap<>();
        for (var e : parameters.entrySet()) {
            if (!known.contains(e.getKey())) {
                unknown.add(shown(e.getKey()));
                continue;
            }
            List<String> v = e.getValue() == null
                    ? List.of()
                    : e.getValue().stream()
                            .filter(s -> s != null && !s.isEmpty())
                            .toList();
            if (v.size() > 1) {
                throw new Invalid(e.getKey() + " is given more than once");
            }
            if (v.size() == 1) {
                values.put(e.getKey(), v.get(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new Invalid("unknown parameter(s) " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", new TreeSet<>(known)));
        }
        return values;
    }

    private static TraceFilter filter(Map<String, String> p) {
        TraceKind kind = constant(TraceKind.class, p.get("kind"), "kind");
        TraceStatus status = constant(TraceStatus.class, p.get("status"), "status");
        Instant from = time(p.get("from"), "from");
        Instant to = time(p.get("to"), "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new Invalid("from must not be after to");
        }
        String jti = text(p.get("jti"), "jti", MAX_JTI);
        String convention = text(p.get("convention"), "convention", MAX_CONVENTION);
        return new TraceFilter(
                kind,
                status,
                from,
                to,
                jti,
                convention,
                correlationId(p.get("correlationId")),
                traceparent(p.get("traceparent")));
    }

    /** A correlation id to search for (issue 17 §4): a UUID, matched in lowercase as the journal stores it. */
    static String correlationId(String value) {
        if (value == null) {
            return null;
        }
        if (!Correlation.isUuid(value)) {
            throw new Invalid("correlationId must be a UUID, e.g. 3f0c7a52-9a1e-4f4e-b0d4-8a3f5f0e1c2d");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A {@code traceparent} to search for: a whole valid header, or a trace id alone (32 lowercase hex digits). */
    static String traceparent(String value) {
        if (value == null || TraceFilter.isTraceId(value) || Correlation.isTraceparent(value)) {
            return value;
        }
        throw new Invalid("traceparent must be a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>) or a trace id of 32"
                + " lowercase hexadecimal digits");
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String name) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw new Invalid(name + " must be one of "
                + Arrays.toString(type.getEnumConstants()).replace("[", "").replace("]", ""));
    }

    /** An RFC 3339 date-time ({@code 2026-11-23T10:00:00Z}); an offset other than Z is applied. */
    static Instant time(String value, String name) {
        if (value == null) {
            return null;
        }
        if (value.length() <= 40 && RFC3339.matcher(value).matches()) {
            try {
                OffsetDateTime t = OffsetDateTime.parse(value.toUpperCase(Locale.ROOT));
                if (t.getYear() >= 1) {
                    return t.toInstant();
                }
            } catch (DateTimeParseException e) {
                // an impossible date or time (2026-02-30, 25:00): refused below
            }
        }
        throw new Invalid(name + " must be an RFC 3339 date-time, e.g. 2026-11-23T10:00:00Z");
    }

    private static String text(String value, String name, int max) {
        if (value != null && value.length() > max) {
            throw new Invalid(name + " is longer than " + max + " characters");
        }
        return value;
    }

    private static int number(String value, String name, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        if (value.length() <= 9 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max);
    }

    /** A parameter name as it may appear in an error: printable ASCII, at most 40 characters. */
    private static String shown(String name) {
        String s = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return s.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
