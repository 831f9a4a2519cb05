package fr.interopsr.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of {@code GET /access/v1/decisions} ends: the time (milliseconds, what the journal keeps) and id of
 * its last record, as an opaque base64url text ({@code next_cursor}) that the next call gives back as {@code cursor}.
 */
public record DecisionCursor(Instant occurredAt, long id) {

    /** The text form. */
    public String text() {
        String plain = occurredAt.toEpochMilli() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a text names, or empty when it is not one of ours. */
    public static Optional<DecisionCursor> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int dot = plain.indexOf('.');
            if (dot <= 0 || !plain.matches("-?[0-9]{1,19}\\.[0-9]{1,19}")) {
                return Optional.empty();
            }
            return Optional.of(new DecisionCursor(
                    Instant.ofEpochMilli(Long.parseLong(plain.substring(0, dot))),
                    Long.parseLong(plain.substring(dot + 1))));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
