package fr.interopsr.admin;

import fr.interopsr.convention.ConventionRevisionRecord;
import fr.interopsr.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** The JSON the administration API writes. Times are ISO-8601 instants in UTC. */
public final class AdminJson {

    /** Looked up once: the lookup scans the class path. */
    private static final JsonProvider JSON = Jsonp.PROVIDER;

    private AdminJson() {}

    /** A stored document (canonical JSON written by the server). */
    public static JsonObject parse(String storedJson) {
        try (var reader = JSON.createReader(new StringReader(storedJson))) {
            return reader.readObject();
        }
    }

    /** {@code {"error": …, "error_description": …, "problems": [{"index"?, "field", "message"}, …]}}. */
    public static JsonObject error(AdminRefusal refusal) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("error", refusal.error())
                .add("error_description", refusal.description());
        if (!refusal.problems().isEmpty() || "invalid_convention".equals(refusal.error())) {
            JsonArrayBuilder problems = JSON.createArrayBuilder();
            for (AdminProblem p : refusal.problems()) {
                JsonObjectBuilder item = JSON.createObjectBuilder();
                if (p.index() != null) {
                    item.add("index", p.index());
                }
                problems.add(item.add("field", p.field()).add("message", p.message()));
            }
            o.add("problems", problems);
        }
        return o.build();
    }

    /** One revision without its document: {@code n, status, createdAt, createdBy, comment, contentHash}. */
    public static JsonObjectBuilder revision(ConventionRevisionRecord r) {
        return JSON.createObjectBuilder()
                .add("n", r.revision())
                .add("status", r.status())
                .add("createdAt", time(r.createdAt()))
                .add("createdBy", r.createdBy())
                .add("comment", text(r.changeComment()))
                .add("contentHash", r.contentHash());
    }

    /** One revision with its document, as stored (D-14, seed 003). */
    public static JsonObject version(ConventionRevisionRecord r) {
        return revision(r)
                .add("id", r.conventionId())
                .add("document", parse(r.document()))
                .build();
    }

    /** The current revision: the document and the revision's metadata. */
    public static JsonObject current(ConventionRevisionRecord r, Boolean changed) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", r.conventionId())
                .add("revision", r.revision())
                .add("status", r.status())
                .add("createdAt", time(r.createdAt()))
                .add("createdBy", r.createdBy())
                .add("comment", text(r.changeComment()))
                .add("contentHash", r.contentHash());
        if (changed != null) {
            o.add("changed", changed);
        }
        return o.add("document", parse(r.document())).build();
    }

    public static JsonArray versions(List<ConventionRevisionRecord> all) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        all.forEach(r -> a.add(revision(r)));
        return a.build();
    }

    public static JsonArray list(List<ConventionAdministration.Listed> all) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (ConventionAdministration.Listed l : all) {
            ConventionSummary s = l.summary();
            JsonArrayBuilder warnings = JSON.createArrayBuilder();
            l.expiring().forEach(h -> warnings.add(held(h)));
            a.add(summary(s).add("certificateWarnings", warnings));
        }
        return a.build();
    }

    public static JsonArray expiring(List<ConventionAdministration.Expiring> all) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (ConventionAdministration.Expiring e : all) {
            a.add(JSON.createObjectBuilder()
                    .add("conventionId", e.convention().id())
                    .add("clientId", e.convention().clientId())
                    .add("status", e.convention().status())
                    .add("environment", e.convention().environment())
                    .add("certificate", held(e.certificate())));
        }
        return a.build();
    }

    public static JsonArray array(Collection<JsonObject> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(a::add);
        return a.build();
    }

    public static JsonObject certificate(ClientCertificateRecord c, boolean withPem) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("clientId", c.clientId())
                .add("conventionId", c.conventionId())
                .add("subject", c.subjectDn())
                .add("issuer", c.issuerDn())
                .add("sha256", c.sha256())
                .add("notAfter", time(c.notAfter()))
                .add("uploadedAt", time(c.uploadedAt()))
                .add("uploadedBy", c.uploadedBy());
        if (withPem) {
            o.add("pem", c.pem());
        }
        return o.build();
    }

    public static JsonArray certificates(List<ClientCertificateRecord> all) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        all.forEach(c -> a.add(certificate(c, false)));
        return a.build();
    }

    public static JsonObject secret(ConventionChanges.SecretIssued s) {
        return JSON.createObjectBuilder()
                .add("clientId", s.clientId())
                .add("clientSecret", s.secret())
                .add(
                        "previousValidUntil",
                        s.previousValidUntil() == null
                                ? JsonValue.NULL
                                : JSON.createValue(s.previousValidUntil().toString()))
                .build();
    }

    public static JsonObject imported(ConventionChanges.ImportOutcome o) {
        return JSON.createObjectBuilder()
                .add("created", strings(o.created()))
                .add("updated", strings(o.updated()))
                .add("unchanged", strings(o.unchanged()))
                .add("skipped", strings(o.skipped()))
                .build();
    }

    static JsonObjectBuilder summary(ConventionSummary s) {
        return JSON.createObjectBuilder()
                .add("id", s.id())
                .add("revision", s.revision())
                .add("status", s.status())
                .add("environment", s.environment())
                .add("version", s.version())
                .add("clientId", s.clientId())
                .add("issuer", s.issuer())
                .add("updatedAt", s.updatedAt().toString());
    }

    static JsonObject held(CertificateExpiry.Held h) {
        return JSON.createObjectBuilder()
                .add("source", h.source())
                .add("subject", h.subjectDn())
                .add("issuer", h.issuerDn())
                .add("sha256", h.sha256())
                .add("notAfter", h.notAfter().toString())
                .add("expired", !h.notAfter().isAfter(Instant.now()))
                .build();
    }

    private static JsonArray strings(List<String> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(a::add);
        return a.build();
    }

    private static JsonValue text(String s) {
        return s == null ? JsonValue.NULL : JSON.createValue(s);
    }

    private static String time(OffsetDateTime t) {
        return t.toInstant().toString();
    }
}
