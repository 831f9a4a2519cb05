package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * D-19: the trace query shows a stored VI without its signature part (cut after the second '.',
 * followed by "…") until the VI has expired, as its payload's {@code exp} says; a VI whose
 * {@code exp} cannot be read keeps its signature hidden. The export, for auditors, keeps it whole.
 */
public final class ViMask {

    private static final JsonProvider JSON = Jsonp.PROVIDER;
    /** No payload of a real VI comes near this; a bigger one is not decoded (and stays hidden). */
    private static final int MAX_PAYLOAD = 64 * 1024;

    /** What the query shows, and whether the signature was left out. */
    public record Shown(String vi, boolean signatureHidden) {}

    private ViMask() {}

    public static Shown shown(String vi, Instant now) {
        if (vi == null) {
            return new Shown(null, false);
        }
        int first = vi.indexOf('.');
        int second = first < 0 ? -1 : vi.indexOf('.', first + 1);
        if (second < 0) {
            return new Shown(vi, false); // no signature part to hide
        }
        Instant exp = expiry(vi.substring(first + 1, second));
        if (exp != null && !now.isBefore(exp)) {
            return new Shown(vi, false);
        }
        return new Shown(vi.substring(0, second + 1) + "…", true);
    }

    /** The payload's {@code exp} (NumericDate, whole seconds), or null when it cannot be read. */
    static Instant expiry(String payload) {
        if (payload.isEmpty() || payload.length() > MAX_PAYLOAD) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(
                new StringReader(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)))) {
            JsonObject claims = reader.readObject();
            return claims.get("exp") instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValueExact()) : null;
        } catch (RuntimeException unreadable) {
            // not base64url, not JSON, not an object, exp fractional or out of range
            return null;
        }
    }
}
