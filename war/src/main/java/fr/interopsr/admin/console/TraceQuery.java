package fr.interopsr.admin.console;

import fr.interopsr.platform.Correlation;
import fr.interopsr.trace.TraceFilter;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The trace search's criteria, read from the query: {@code kind}, {@code status}, {@code from},
 * {@code to} (UTC; a date and time as {@code datetime-local} writes it, a date, or an ISO instant),
 * {@code jti}, {@code convention}, {@code correlationId} (a UUID), {@code traceparent} (a whole header or a trace
 * id: issue 17 §4) (exact) and {@code page} (from 1). A bad value is reported, never a 500.
 * The form's own reading of {@code TraceParams}' criteria: a browser's {@code datetime-local} field
 * sends no offset, and the page reports problems in the reader's language.
 */
public record TraceQuery(
        Map<String, String> raw,
        TraceKind kind,
        TraceStatus status,
        Instant from,
        Instant to,
        String jti,
        String convention,
        String correlationId,
        String traceparent,
        int page,
        List<Invalid> invalid) {

    public static final List<String> PARAMETERS =
            List.of("kind", "status", "from", "to", "jti", "convention", "correlationId", "traceparent");
    static final int MAX_PAGE = 1_000_000;
    static final int MAX_TEXT = 512;

    /** A criterion that could not be read: its parameter and the message key saying why. */
    public record Invalid(String parameter, String messageKey) {}

    public TraceQuery {
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        invalid = List.copyOf(invalid);
    }

    public static TraceQuery parse(Function<String, String> parameter) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            String value = parameter.apply(name);
            if (value != null && !value.isBlank()) {
                raw.put(name, value.strip());
            }
        }
        List<Invalid> invalid = new ArrayList<>();
        TraceKind kind = null;
        if (raw.containsKey("kind")) {
            try {
                kind = TraceKind.valueOf(raw.get("kind"));
            } catch (IllegalArgumentException e) {
                invalid.add(new Invalid("kind", "traces.badValue"));
            }
        }
        TraceStatus status = null;
        if (raw.containsKey("status")) {
            try {
                status = TraceStatus.valueOf(raw.get("status"));
            } catch (IllegalArgumentException e) {
                invalid.add(new Invalid("status", "traces.badValue"));
            }
        }
        Instant from = time(raw.get("from"), "from", invalid);
        Instant to = time(raw.get("to"), "to", invalid);
        if (from != null && to != null && from.isAfter(to)) {
            invalid.add(new Invalid("to", "traces.badPeriod"));
        }
        String jti = text(raw.get("jti"), "jti", invalid);
        String convention = text(raw.get("convention"), "convention", invalid);
        String correlationId = raw.get("correlationId");
        if (correlationId != null) {
            if (Correlation.isUuid(correlationId)) {
                correlationId = correlationId.toLowerCase(Locale.ROOT);
            } else {
                invalid.add(new Invalid("correlationId", "traces.badValue"));
                correlationId = null;
            }
        }
        String traceparent = raw.get("traceparent");
        if (traceparent != null && !TraceFilter.isTraceId(traceparent) && !Correlation.isTraceparent(traceparent)) {
            invalid.add(new Invalid("traceparent", "traces.badValue"));
            traceparent = null;
        }
        int page = 1;
        String p = parameter.apply("page");
        if (p != null && !p.isBlank()) {
            try {
                page = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1 || page > MAX_PAGE) {
                invalid.add(new Invalid("page", "traces.badPage"));
                page = 1;
            }
        }
        return new TraceQuery(raw, kind, status, from, to, jti, convention, correlationId, traceparent, page, invalid);
    }

    /** UTC: {@code 2026-11-23T10:00[:00]}, {@code 2026-11-23}, or an instant with its offset. */
    static Instant time(String value, String parameter, List<Invalid> invalid) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            invalid.add(new Invalid(parameter, "traces.badTime"));
            return null;
        }
    }

    private static String text(String value, String parameter, List<Invalid> invalid) {
        if (value != null && value.length() > MAX_TEXT) {
            invalid.add(new Invalid(parameter, "traces.badValue"));
            return null;
        }
        return value;
    }

    /** The criteria as the trace service takes them. */
    public TraceFilter filter() {
        return new TraceFilter(kind, status, from, to, jti, convention, correlationId, traceparent);
    }

    public boolean valid() {
        return invalid.isEmpty();
    }

    /** The query string of these criteria at another page ({@code kind=…&page=2}). */
    public String queryString(int otherPage) {
        StringBuilder q = new StringBuilder();
        for (var e : raw.entrySet()) {
            q.append(q.isEmpty() ? "" : "&")
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        if (otherPage > 1) {
            q.append(q.isEmpty() ? "" : "&").append("page=").append(otherPage);
        }
        return q.toString();
    }

    public String value(String parameter) {
        return raw.getOrDefault(parameter, "");
    }
}
