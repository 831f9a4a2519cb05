package fr.interopsr.access;

import fr.interopsr.platform.Correlation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query of {@code GET /access/v1/decisions} (D-27): {@code from} and {@code to} (ISO 8601 with a zone; the last
 * {@value #DEFAULT_HOURS} hours by default, at most {@value #MAX_DAYS} days), {@code correlationId} (a UUID),
 * {@code limit} (1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}), {@code cursor} (the {@code next_cursor}
 * of the page before) and, for an auditor, {@code clientId}. Unknown or repeated parameters are refused.
 */
public record DecisionParams(
        Instant from, Instant to, String correlationId, int limit, DecisionCursor cursor, String clientId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_HOURS = 24;
    public static final int MAX_DAYS = 93;

    private static final Set<String> KNOWN = Set.of("from", "to", "correlationId", "limit", "cursor", "clientId");

    /** Reads the query, at {@code now}. */
    public static DecisionParams parse(Map<String, List<String>> query, Instant now) throws AccessQuestions.Invalid {
        Map<String, String> p = single(query);
        Instant to = time(p.get("to"), "to");
        Instant from = time(p.get("from"), "from");
        if (to == null) {
            to = now.plusMillis(1);
        }
        if (from == null) {
            from = to.minus(Duration.ofHours(DEFAULT_HOURS));
        }
        if (!from.isBefore(to)) {
            throw new AccessQuestions.Invalid("from must be before to");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new AccessQuestions.Invalid("the period from..to is at most " + MAX_DAYS + " days");
        }
        String correlation = p.get("correlationId");
        if (correlation != null) {
            if (!Correlation.isUuid(correlation)) {
                throw new AccessQuestions.Invalid("correlationId must be a UUID");
            }
            correlation = correlation.toLowerCase(Locale.ROOT);
        }
        int limit = DEFAULT_LIMIT;
        String l = p.get("limit");
        if (l != null) {
            if (l.length() > 4 || !l.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new AccessQuestions.Invalid("limit must be a number from 1 to " + MAX_LIMIT);
            }
            limit = Integer.parseInt(l);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new AccessQuestions.Invalid("limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        DecisionCursor cursor = null;
        if (p.get("cursor") != null) {
            cursor = DecisionCursor.parse(p.get("cursor"))
                    .orElseThrow(() -> new AccessQuestions.Invalid("cursor is not a next_cursor of this API"));
        }
        String clientId = p.get("clientId");
        if (clientId != null && clientId.length() > 255) {
            throw new AccessQuestions.Invalid("clientId is longer than 255 characters");
        }
        return new DecisionParams(from, to, correlation, limit, cursor, clientId);
    }

    private static Map<String, String> single(Map<String, List<String>> query) throws AccessQuestions.Invalid {
        Map<String, String> out = new HashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (var e : query.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                unknown.add(e.getKey().length() > 40 ? e.getKey().substring(0, 40) + "…" : e.getKey());
                continue;
            }
            List<String> values = e.getValue() == null
                    ? List.of()
                    : e.getValue().stream()
                            .filter(v -> v != null && !v.isEmpty())
                            .toList();
            if (values.size() > 1) {
                throw new AccessQuestions.Invalid(e.getKey() + " is given more than once");
            }
            if (values.size() == 1) {
                out.put(e.getKey(), values.get(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new AccessQuestions.Invalid("unknown parameter(s) " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        return out;
    }

    private static Instant time(String value, String name) throws AccessQuestions.Invalid {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() <= 40) {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            }
        } catch (DateTimeParseException e) {
            // below
        }
        throw new AccessQuestions.Invalid(
                name + " must be an ISO 8601 date-time with a zone, e.g. 2026-12-05T10:00:00Z");
    }
}
