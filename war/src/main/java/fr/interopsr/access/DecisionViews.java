package fr.interopsr.access;

import fr.interopsr.json.Jsonp;
import fr.interopsr.trace.TraceFields;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceRecord;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;

/**
 * One decision as {@code GET /access/v1/decisions} shows it (D-27): the trace's fields of docs/traces.md that are
 * about the call and its outcome — refusal step and reason included, which D-12 hides from strangers but not from the
 * party concerned — and the VI without its signature (D-27: "no VI signature"; a VI the trace kept truncated is
 * left out). To a partner, the reason of the two steps whose text names other conventions
 * ({@code convention}, {@code scopes_one_convention}) is replaced by a generic one: no other client's data.
 */
public final class DecisionViews {

    /** Steps whose trace detail may name other conventions (so other clients). */
    static final Set<String> DETAIL_WITHHELD = Set.of("convention", "scopes_one_convention");

    static final String WITHHELD =
            "the VI did not match exactly one convention of yours (details withheld: they name other conventions)";

    private DecisionViews() {}

    static JsonObjectBuilder item(TraceRecord r, boolean partner) {
        JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder();
        o.add("id", r.id());
        o.add("kind", r.kind().name());
        o.add("occurredAt", TraceFields.time(r.occurredAt()));
        o.add("status", r.status().name());
        add(o, "errorCode", r.errorCode());
        add(o, "step", r.step());
        String detail = r.detail();
        if (partner && r.step() != null && DETAIL_WITHHELD.contains(r.step())) {
            detail = WITHHELD;
        }
        add(o, "detail", detail);
        add(o, "httpMethod", r.httpMethod());
        add(o, "targetUrl", r.targetUrl());
        if (r.httpStatus() != null) {
            o.add("httpStatus", r.httpStatus());
        }
        add(o, "resourceId", r.resourceId());
        add(o, "jti", r.jti());
        add(o, "issuer", r.issuer());
        add(o, "serviceId", r.serviceId());
        add(o, "scopes", r.scopes());
        add(o, "conventionId", r.conventionId());
        if (r.conventionRevision() != null) {
            o.add("conventionRevision", r.conventionRevision());
        }
        add(o, "remoteAddress", r.remoteAddress());
        add(o, "certificateSha256", r.certificateSha256());
        add(o, "correlationId", r.correlationId());
        if (r.kind() == TraceKind.VI_VERIFICATION) {
            add(o, "viWithoutSignature", withoutSignature(r.vi()));
        }
        return o;
    }

    /** {@code header.payload} of a VI kept whole; null for a truncated one (it may hold part of a signature). */
    static String withoutSignature(String vi) {
        if (vi == null || vi.contains("…") || vi.contains("...[")) {
            return null;
        }
        int last = vi.lastIndexOf('.');
        int first = vi.indexOf('.');
        return last <= 0 || first == last ? null : vi.substring(0, last);
    }

    private static void add(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}
