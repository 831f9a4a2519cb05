package fr.interopsr.trace;

import fr.interopsr.convention.document.DataProviderTerms;
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
 * D-19 (amended 2026-12-05): the trace query and the console show a stored VI without its signature
 * part (cut after the second '.', followed by "…") until {@code exp} + the
 * {@code allowedClockSkewSeconds} of the convention revision recorded in the trace, since the data
 * provider accepts the VI until then (§3.5.2 step 10); a VI whose {@code exp} cannot be read keeps its
 * signature hidden. A trace that names no convention revision, or whose revision's skew cannot be read,
 * is masked with the largest skew a convention may set ({@link #UNKNOWN_SKEW_SECONDS}): no VI is
 * accepted longer than that. The export, for auditors, keeps the VI whole.
 */
public final class ViMask {

    private static final JsonProvider JSON = Jsonp.PROVIDER;
    /** No payload of a real VI comes near this; a bigger one is not decoded (and stays hidden). */
    private static final int MAX_PAYLOAD = 64 * 1024;

    /** What the query shows, and whether the signature was left out. */
    public record Shown(String vi, boolean signatureHidden) {}

    /** The skew used when the trace's convention revision, or its skew, is unknown: the largest allowed. */
    public static final int UNKNOWN_SKEW_SECONDS = DataProviderTerms.MAX_ALLOWED_CLOCK_SKEW_SECONDS;

    private ViMask() {}

    /** The VI of a stored trace as the query shows it, with the skew of the trace's convention revision. */
    public static Shown shown(TraceRecord record, Instant now, ConventionSkews skews) {
        if (record.vi() == null) {
            return new Shown(null, false);
        }
        return shown(record.vi(), now, skews.skewSeconds(record.conventionId(), record.conventionRevision()));
    }

    /**
     * The VI as shown at {@code now}: whole from {@code exp} + {@code skewSeconds} on (the first instant the data
     * provider refuses it), else without its signature. A negative skew counts as unknown.
     */
    public static Shown shown(String vi, Instant now, int skewSeconds) {
        if (vi == null) {
            return new Shown(null, false);
        }
        int first = vi.indexOf('.');
        int second = first < 0 ? -1 : vi.indexOf('.', first + 1);
        if (second < 0) {
            return new Shown(vi, false); // no signature part to hide
        }
        Instant exp = expiry(vi.substring(first + 1, second));
        long skew = skewSeconds < 0 ? UNKNOWN_SKEW_SECONDS : skewSeconds;
        if (exp != null && !now.isBefore(exp.plusSeconds(skew))) {
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
