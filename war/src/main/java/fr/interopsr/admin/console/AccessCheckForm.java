package fr.interopsr.admin.console;

import fr.interopsr.access.AccessQuestion;
import fr.interopsr.access.AccessQuestions;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's "Would this call be allowed?" form (issue 18 §3), as the administrator typed it. It becomes the
 * AuthZEN request that {@code POST /access/v1/evaluation} would receive, read by the same strict reader
 * ({@link AccessQuestions#evaluation}), so the console and the API judge the same question and refuse the same
 * mistakes; a refusal names its member, which {@link #fieldOf} places at its field.
 *
 * @param subjectType {@code client} or {@code convention}
 * @param subjectId   the client id or the convention id
 * @param method      the HTTP method of the call
 * @param resource    the URI of the call (an absolute path such as {@code /interops/api/v1/beneficiaries}, or https)
 * @param at          when: empty for now, else a date-time in UTC as an HTML {@code datetime-local} field gives it
 *                    ({@code 2026-12-05T10:15} or with seconds), or an ISO 8601 date-time with its zone
 * @param scopes      the scopes the VI would carry, space-separated; empty: those the convention allows
 * @param address     the client's address; empty when not given
 * @param certificate the client certificate, PEM; empty when not given
 */
public record AccessCheckForm(
        String subjectType,
        String subjectId,
        String method,
        String resource,
        String at,
        String scopes,
        String address,
        String certificate) {

    /** The form's fields in the order of the page (their {@code name}s). */
    public static final List<String> FIELDS =
            List.of("subjectType", "subjectId", "method", "resource", "at", "scopes", "address", "certificate");

    /** The methods the form offers, the data provider's (seed 003 names a call's action by its HTTP method). */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private static final Pattern LOCAL_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    public AccessCheckForm {
        subjectType = clean(subjectType);
        subjectId = clean(subjectId);
        method = clean(method);
        resource = clean(resource);
        at = clean(at);
        scopes = clean(scopes);
        address = clean(address);
        certificate = certificate == null ? "" : certificate.strip();
    }

    /** The empty form: a question about a client, GET on the sample service, now. */
    public static AccessCheckForm blank(String contextPath) {
        return new AccessCheckForm(
                AccessQuestion.CLIENT, "", "GET", contextPath + "/api/v1/beneficiaries", "", "", "", "");
    }

    /** The form of a request's parameters (missing ones empty). */
    public static AccessCheckForm of(Map<String, String> values) {
        return new AccessCheckForm(
                values.get("subjectType"),
                values.get("subjectId"),
                values.get("method"),
                values.get("resource"),
                values.get("at"),
                values.get("scopes"),
                values.get("address"),
                values.get("certificate"));
    }

    /** The values by field name, for the page. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("subjectType", subjectType);
        out.put("subjectId", subjectId);
        out.put("method", method);
        out.put("resource", resource);
        out.put("at", at);
        out.put("scopes", scopes);
        out.put("address", address);
        out.put("certificate", certificate);
        return out;
    }

    /** The AuthZEN evaluation request this form asks (issue 18 §3, seed 003's information model). */
    public JsonObject request() {
        JsonObjectBuilder subject =
                Json.createObjectBuilder().add("type", subjectType).add("id", subjectId);
        if (!scopes.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            for (String s : scopes.split("\\s+")) {
                list.add(s);
            }
            subject.add("properties", Json.createObjectBuilder().add("scopes", list));
        }
        JsonObjectBuilder context = Json.createObjectBuilder();
        if (!at.isEmpty()) {
            context.add("timestamp", LOCAL_TIME.matcher(at).matches() ? at + "Z" : at);
        }
        JsonObjectBuilder http = Json.createObjectBuilder();
        if (!address.isEmpty()) {
            http.add("client_address", address);
        }
        if (!certificate.isEmpty()) {
            http.add("client_certificate", certificate);
        }
        JsonObject httpContext = http.build();
        if (!httpContext.isEmpty()) {
            context.add("http", httpContext);
        }
        return Json.createObjectBuilder()
                .add("subject", subject)
                .add("action", Json.createObjectBuilder().add("name", method))
                .add("resource", Json.createObjectBuilder().add("type", "uri").add("id", resource))
                .add("context", context)
                .build();
    }

    /** The question, read as the access API reads it. */
    public AccessQuestion question() throws AccessQuestions.Invalid {
        return AccessQuestions.evaluation(request());
    }

    /**
     * The field a problem of the reader concerns, from the member its message starts with; null when it names none
     * of the form's (then it is shown above the form).
     */
    public static String fieldOf(String problem) {
        if (problem == null) {
            return null;
        }
        Map<String, String> byMember = new LinkedHashMap<>();
        byMember.put("subject.type", "subjectType");
        byMember.put("subject.id", "subjectId");
        byMember.put("subject.properties.scopes", "scopes");
        byMember.put("action", "method");
        byMember.put("resource", "resource");
        byMember.put("context.timestamp", "at");
        byMember.put("context.http.client_address", "address");
        byMember.put("context.http.client_certificate", "certificate");
        for (Map.Entry<String, String> e : byMember.entrySet()) {
            if (problem.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
