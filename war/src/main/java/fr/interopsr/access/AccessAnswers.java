package fr.interopsr.access;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/**
 * The AuthZEN answers (Authorization API 1.0 §6.2, §7.2) of {@link AccessDecision}s. The {@code decision} is the
 * standard's; {@code context} carries, in this server's terms (issue 18 §3, docs/integration-guide.md):
 *
 * <pre>{@code
 * {"decision": false,
 *  "context": {"id": "<correlation id of the evaluation, as its trace records it>",
 *              "dry_run": true,
 *              "reason_admin": {"en": "<exact reason>"},
 *              "reason": {"step": "scopes_allowed", "error": "invalid_token", "detail": "<exact reason>"},
 *              "convention": {"id": "cnaf-rise-prod", "revision": 3, "in_force_from": "2026-12-05T10:00:00Z"},
 *              "required_scope": "urn:...:read",
 *              "time": "2026-12-05T10:15:00Z", "replay": true, "revision_recorded_in_trace": false,
 *              "current_inputs": ["uploaded_certificates", "trust_store_and_crls", "trusted_proxies", "service_ids"],
 *              "ignored_inputs": []}}
 * }</pre>
 */
public final class AccessAnswers {

    private AccessAnswers() {}

    /** One evaluation's answer. */
    public static JsonObject decision(AccessDecision d, String id) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("decision", d.allowed())
                .add("context", context(d, id))
                .build();
    }

    /** An item of a batch that could not be read (§7.2: a refusal carrying the error). */
    public static JsonObject itemError(String message) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("decision", false)
                .add(
                        "context",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add(
                                        "error",
                                        Jsonp.PROVIDER
                                                .createObjectBuilder()
                                                .add("status", 400)
                                                .add("message", message)))
                .build();
    }

    /** The batch answer: {@code {"evaluations": [...]}} in the order of the request. */
    public static JsonObject evaluations(List<JsonObject> answers) {
        JsonArrayBuilder a = Jsonp.PROVIDER.createArrayBuilder();
        answers.forEach(a::add);
        return Jsonp.PROVIDER.createObjectBuilder().add("evaluations", a).build();
    }

    private static JsonObjectBuilder context(AccessDecision d, String id) {
        JsonObjectBuilder c = Jsonp.PROVIDER.createObjectBuilder();
        if (id != null) {
            c.add("id", id);
        }
        c.add("dry_run", true);
        c.add("reason_admin", Jsonp.PROVIDER.createObjectBuilder().add("en", d.detail()));
        JsonObjectBuilder reason = Jsonp.PROVIDER.createObjectBuilder();
        nullable(reason, "step", d.step());
        nullable(reason, "error", d.error());
        reason.add("detail", d.detail());
        c.add("reason", reason);
        if (d.conventionId() != null) {
            JsonObjectBuilder conv = Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("id", d.conventionId())
                    .add("revision", d.conventionRevision());
            nullable(conv, "in_force_from", time(d.revisionFrom()));
            c.add("convention", conv);
        } else {
            c.addNull("convention");
        }
        nullable(c, "client_id", d.clientId());
        nullable(c, "required_scope", d.requiredScope());
        c.add("time", time(d.at()));
        c.add("replay", d.replay());
        c.add("revision_recorded_in_trace", d.pinned());
        JsonArrayBuilder current = Jsonp.PROVIDER.createArrayBuilder();
        d.currentInputs().forEach(current::add);
        c.add("current_inputs", current);
        JsonArrayBuilder ignored = Jsonp.PROVIDER.createArrayBuilder();
        d.ignoredInputs().forEach(ignored::add);
        c.add("ignored_inputs", ignored);
        return c;
    }

    private static void nullable(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
