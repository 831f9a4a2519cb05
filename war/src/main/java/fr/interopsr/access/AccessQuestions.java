package fr.interopsr.access;

import fr.interopsr.json.StrictJson;
import fr.interopsr.pki.CertificateThumbprint;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an AuthZEN evaluation request (OpenID AuthZEN Authorization API 1.0 §6, with the information model of seed
 * 003, issue 18 §3) into an {@link AccessQuestion}, and an evaluations request (§7: top-level defaults, the
 * {@code evaluations} array, {@code options.evaluations_semantic}) into its questions. Strict: every problem is a
 * {@link Invalid} with a message that names the member, which the endpoint answers as 400.
 *
 * <pre>{@code
 * {"subject":  {"type": "client" | "convention", "id": "...",
 *               "properties": {"scopes": ["..."] | "a b", "env": "..."}},
 *  "action":   {"name": "GET"},
 *  "resource": {"type": "uri", "id": "https://host/interops/api/v1/beneficiaries/B00001",
 *               "properties": {"http": {...}}},
 *  "context":  {"timestamp": "2026-12-05T10:15:00+01:00",
 *               "http": {"headers": ["Name: value", ...], "client_address": "192.0.2.10",
 *                        "client_certificate": "-----BEGIN CERTIFICATE-----..." | {"x5t#S256": "..."}}}}
 * }</pre>
 */
public final class AccessQuestions {

    /** Requests larger than this are refused before they are parsed. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** At most this many evaluations in one {@code evaluations} request. */
    public static final int MAX_EVALUATIONS = 50;

    static final int MAX_TEXT = 2048;
    static final int MAX_PEM = 16 * 1024;
    static final int MAX_LIST = 50;
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> TOP = Set.of("subject", "action", "resource", "context");
    private static final Set<String> BATCH_TOP =
            Set.of("subject", "action", "resource", "context", "evaluations", "options");

    /** How a batch goes on after a decision (AuthZEN §7.1.2). */
    public enum Semantic {
        EXECUTE_ALL,
        DENY_ON_FIRST_DENY,
        PERMIT_ON_FIRST_PERMIT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A batch: each item is a question, or the reason it could not be read (answered in its place as a refusal
     * with {@code context.error}, AuthZEN §7.2).
     *
     * @param single   true when the request has no {@code evaluations} (or an empty one): it is one evaluation
     */
    public record Batch(List<Item> items, Semantic semantic, boolean single) {}

    /** One item of a batch: the question, or why it could not be read. */
    public record Item(AccessQuestion question, String problem) {}

    /** A request that cannot be read: 400, with this message. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    private AccessQuestions() {}

    /** The body as one JSON object, strictly (UTF-8, no duplicate member, bounded). */
    public static JsonObject body(byte[] bytes) throws Invalid {
        var parsed = StrictJson.parseObject(bytes == null ? new byte[0] : bytes, MAX_BODY_BYTES);
        if (!parsed.isSuccess()) {
            throw new Invalid("the body is not one JSON object: " + parsed.describe());
        }
        return parsed.value().orElseThrow();
    }

    /** One evaluation request (§6). */
    public static AccessQuestion evaluation(JsonObject body) throws Invalid {
        onlyMembers(body, TOP, "");
        return question(body.get("subject"), body.get("action"), body.get("resource"), body.get("context"), "");
    }

    /** An evaluations request (§7). */
    public static Batch evaluations(JsonObject body) throws Invalid {
        onlyMembers(body, BATCH_TOP, "");
        Semantic semantic = semantic(body.get("options"));
        JsonValue list = body.get("evaluations");
        if (list == null || (list instanceof JsonArray a && a.isEmpty())) {
            AccessQuestion q =
                    question(body.get("subject"), body.get("action"), body.get("resource"), body.get("context"), "");
            return new Batch(List.of(new Item(q, null)), semantic, true);
        }
        if (!(list instanceof JsonArray array)) {
            throw new Invalid("evaluations must be an array");
        }
        if (array.size() > MAX_EVALUATIONS) {
            throw new Invalid("evaluations holds " + array.size() + " items; at most " + MAX_EVALUATIONS);
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "evaluations[" + i + "].";
            try {
                if (!(array.get(i) instanceof JsonObject item)) {
                    throw new Invalid(at.substring(0, at.length() - 1) + " must be an object");
                }
                onlyMembers(item, TOP, at);
                // §7.1.1: a member of the item replaces the default whole
                items.add(new Item(
                        question(
                                pick(item, body, "subject"),
                                pick(item, body, "action"),
                                pick(item, body, "resource"),
                                pick(item, body, "context"),
                                at),
                        null));
            } catch (Invalid e) {
                items.add(new Item(null, e.getMessage()));
            }
        }
        return new Batch(List.copyOf(items), semantic, false);
    }

    private static JsonValue pick(JsonObject item, JsonObject defaults, String name) {
        return item.containsKey(name) ? item.get(name) : defaults.get(name);
    }

    private static Semantic semantic(JsonValue options) throws Invalid {
        if (options == null || options == JsonValue.NULL) {
            return Semantic.EXECUTE_ALL;
        }
        if (!(options instanceof JsonObject o)) {
            throw new Invalid("options must be an object");
        }
        JsonValue v = o.get("evaluations_semantic");
        if (v == null) {
            return Semantic.EXECUTE_ALL;
        }
        String s = v instanceof JsonString js ? js.getString() : "";
        for (Semantic semantic : Semantic.values()) {
            if (semantic.wireName().equals(s)) {
                return semantic;
            }
        }
        throw new Invalid(
                "options.evaluations_semantic must be execute_all, deny_on_first_deny or permit_on_first_permit");
    }

    private static AccessQuestion question(
            JsonValue subjectValue, JsonValue actionValue, JsonValue resourceValue, JsonValue contextValue, String at)
            throws Invalid {
        JsonObject subject = object(subjectValue, at + "subject", true);
        JsonObject action = object(actionValue, at + "action", true);
        JsonObject resource = object(resourceValue, at + "resource", true);
        JsonObject context = object(contextValue, at + "context", false);

        onlyMembers(subject, Set.of("type", "id", "properties"), at + "subject.");
        String type = text(subject, "type", at + "subject.type", true);
        if (!type.equals(AccessQuestion.CLIENT) && !type.equals(AccessQuestion.CONVENTION)) {
            throw new Invalid(at + "subject.type must be \"client\" or \"convention\"");
        }
        String id = text(subject, "id", at + "subject.id", true);
        JsonObject subjectProperties = object(subject.get("properties"), at + "subject.properties", false);
        List<String> scopes = null;
        String environment = null;
        if (subjectProperties != null) {
            onlyMembers(subjectProperties, Set.of("scopes", "env"), at + "subject.properties.");
            scopes = scopes(subjectProperties.get("scopes"), at + "subject.properties.scopes");
            environment = text(subjectProperties, "env", at + "subject.properties.env", false);
        }

        onlyMembers(action, Set.of("name", "properties"), at + "action.");
        String method = text(action, "name", at + "action.name", true);
        if (!METHODS.contains(method)) {
            throw new Invalid(at + "action.name must be an HTTP method in upper case (" + String.join(", ", sorted())
                    + "), as seed 003 names a generic HTTP request's action");
        }
        object(action.get("properties"), at + "action.properties", false);

        onlyMembers(resource, Set.of("type", "id", "properties"), at + "resource.");
        String resourceType = text(resource, "type", at + "resource.type", true);
        if (!resourceType.equals("uri")) {
            throw new Invalid(at + "resource.type must be \"uri\"");
        }
        String uri = text(resource, "id", at + "resource.id", true);
        checkUri(uri, at + "resource.id");
        object(resource.get("properties"), at + "resource.properties", false);

        Instant timestamp = null;
        String address = null;
        String pem = null;
        String thumbprint = null;
        List<String> headers = List.of();
        if (context != null) {
            onlyMembers(context, Set.of("timestamp", "http"), at + "context.");
            String ts = text(context, "timestamp", at + "context.timestamp", false);
            if (ts != null) {
                timestamp = timestamp(ts, at + "context.timestamp");
            }
            JsonObject http = object(context.get("http"), at + "context.http", false);
            if (http != null) {
                onlyMembers(
                        http,
                        Set.of("headers", "client_address", "client_certificate", "version"),
                        at + "context.http.");
                headers = headers(http.get("headers"), at + "context.http.headers");
                address = text(http, "client_address", at + "context.http.client_address", false);
                if (address != null && !address.matches("[0-9A-Fa-f:.]{2,45}")) {
                    throw new Invalid(at + "context.http.client_address must be an IPv4 or IPv6 address");
                }
                text(http, "version", at + "context.http.version", false);
                JsonValue certificate = http.get("client_certificate");
                if (certificate instanceof JsonString s) {
                    pem = s.getString();
                    if (pem.length() > MAX_PEM || !pem.contains("-----BEGIN CERTIFICATE-----")) {
                        throw new Invalid(at + "context.http.client_certificate must be a PEM certificate (at most "
                                + MAX_PEM + " characters) or {\"x5t#S256\": \"...\"}");
                    }
                } else if (certificate instanceof JsonObject o) {
                    onlyMembers(o, Set.of("x5t#S256"), at + "context.http.client_certificate.");
                    thumbprint = text(o, "x5t#S256", at + "context.http.client_certificate.x5t#S256", true);
                    if (CertificateThumbprint.decode(thumbprint).isEmpty()) {
                        throw new Invalid(at + "context.http.client_certificate.x5t#S256 must be the base64url"
                                + " SHA-256 of the certificate (43 characters, no padding)");
                    }
                } else if (certificate != null && certificate != JsonValue.NULL) {
                    throw new Invalid(at + "context.http.client_certificate must be a PEM string or an object");
                }
            }
        }
        return new AccessQuestion(
                type, id, method, uri, timestamp, scopes, environment, address, pem, thumbprint, headers, null, null);
    }

    private static List<String> sorted() {
        return METHODS.stream().sorted().toList();
    }

    /** ISO 8601 with a zone (an offset or {@code Z}); a time without one is refused, not guessed. */
    static Instant timestamp(String text, String where) throws Invalid {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(where + " must be an ISO 8601 date-time with a zone, e.g. 2026-12-05T10:15:00Z or"
                    + " 2026-12-05T11:15:00+01:00");
        }
    }

    /** An absolute http(s) URI or an absolute path, without query or fragment (seed 003: the URI without them). */
    static void checkUri(String uri, String where) throws Invalid {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new Invalid(where + " is not a URI: " + e.getReason());
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null || uri.contains("?") || uri.contains("#")) {
            throw new Invalid(where + " must be the URI without query and fragment (seed 003)");
        }
        if (parsed.isAbsolute()) {
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || parsed.getRawPath() == null) {
                throw new Invalid(where + " must be an https URI (or an absolute path)");
            }
        } else if (!uri.startsWith("/")) {
            throw new Invalid(where + " must be an absolute URI or an absolute path");
        }
    }

    private static List<String> scopes(JsonValue v, String where) throws Invalid {
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof JsonString s) {
            for (String scope : s.getString().strip().split(" +")) {
                if (!scope.isEmpty()) {
                    out.add(scope);
                }
            }
        } else if (v instanceof JsonArray a) {
            if (a.size() > MAX_LIST) {
                throw new Invalid(where + " holds more than " + MAX_LIST + " scopes");
            }
            for (JsonValue item : a) {
                if (!(item instanceof JsonString s)
                        || s.getString().isBlank()
                        || s.getString().length() > MAX_TEXT) {
                    throw new Invalid(where + " must hold non-empty strings");
                }
                out.add(s.getString());
            }
        } else {
            throw new Invalid(where + " must be an array of strings or a space-separated string");
        }
        if (out.size() > MAX_LIST) {
            throw new Invalid(where + " holds more than " + MAX_LIST + " scopes");
        }
        return out.stream().distinct().toList();
    }

    private static List<String> headers(JsonValue v, String where) throws Invalid {
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > MAX_LIST) {
            throw new Invalid(where + " must be an array of at most " + MAX_LIST + " field lines (\"Name: value\")");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : a) {
            if (!(item instanceof JsonString s)
                    || s.getString().length() > MAX_TEXT * 8
                    || s.getString().indexOf(':') <= 0) {
                throw new Invalid(where + " must hold field lines \"Name: value\"");
            }
            out.add(s.getString());
        }
        return out;
    }

    private static JsonObject object(JsonValue v, String where, boolean required) throws Invalid {
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                throw new Invalid(where + " is missing");
            }
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw new Invalid(where + " must be an object, not " + StrictJson.typeName(v));
        }
        return o;
    }

    private static String text(JsonObject o, String name, String where, boolean required) throws Invalid {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                throw new Invalid(where + " is missing");
            }
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new Invalid(where + " must be a string, not " + StrictJson.typeName(v));
        }
        String text = s.getString();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new Invalid(where + " must be 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static void onlyMembers(JsonObject o, Set<String> allowed, String prefix) throws Invalid {
        for (String name : o.keySet()) {
            if (!allowed.contains(name)) {
                throw new Invalid("unknown member " + prefix + name + " (known: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }
}
