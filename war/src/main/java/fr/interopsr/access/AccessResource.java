package fr.interopsr.access;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.convention.ConventionStore;
import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.platform.Unavailable;
import fr.interopsr.trace.AuditorAccess;
import fr.interopsr.trace.TraceFields;
import fr.interopsr.trace.TraceRecord;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The access API (issue 18 §3, D-27), after the one mechanism's {@code /access} branch has authenticated the caller:
 * a partner client by its certificate, or staff by HTTP Basic.
 *
 * <ul>
 *   <li>{@code POST /access/v1/evaluation}: one AuthZEN evaluation (§6); {@code POST /access/v1/evaluations}: a batch
 *       (§7). Partners about themselves only (403 otherwise); staff with {@code interops-admin} or
 *       {@code interops-auditor}. {@code Content-Type: application/json} or 415 (CONTRACT.md, {@code ApiContentTypes});
 *       a body that cannot be read is 400 naming the member.
 *   <li>{@code GET /access/v1/decisions}: the data provider's decisions about the partner's own calls
 *       ({@link DecisionQueries}); an auditor names any client with {@code clientId}.
 * </ul>
 */
@Path("access/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {

    @Inject
    AccessService access;

    @Inject
    DecisionQueries decisions;

    @Inject
    ConventionRegistry registry;

    @Inject
    ConventionStore conventions;

    @Inject
    AuditorAccess auditorAccess;

    @Inject
    ServerSettings settings;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Path("evaluation")
    @Consumes(MediaType.WILDCARD)
    public Response evaluation(byte[] body) {
        AccessCaller caller = caller();
        if (caller == null) {
            return unauthenticated();
        }
        return judged(() -> {
            AccessQuestion q = AccessQuestions.evaluation(AccessQuestions.body(body));
            AccessService.Evaluated e = access.evaluate(q, caller);
            return ok(AccessAnswers.decision(e.decision(), e.id()));
        });
    }

    @POST
    @Path("evaluations")
    @Consumes(MediaType.WILDCARD)
    public Response evaluations(byte[] body) {
        AccessCaller caller = caller();
        if (caller == null) {
            return unauthenticated();
        }
        return judged(() -> {
            AccessQuestions.Batch batch = AccessQuestions.evaluations(AccessQuestions.body(body));
            List<AccessService.Evaluated> done = access.evaluateAll(batch, caller);
            if (batch.single()) {
                AccessService.Evaluated e = done.get(0);
                if (e.decision() == null) {
                    return JsonAnswer.errorResponse(400, "invalid_request", e.problem());
                }
                // §7: without an evaluations array, the request is one evaluation, answered as one
                return ok(AccessAnswers.decision(e.decision(), e.id()));
            }
            List<JsonObject> answers = new ArrayList<>();
            for (AccessService.Evaluated e : done) {
                answers.add(
                        e.decision() == null
                                ? AccessAnswers.itemError(e.problem())
                                : AccessAnswers.decision(e.decision(), e.id()));
            }
            return ok(AccessAnswers.evaluations(answers));
        });
    }

    /** An evaluation's answer, once its trace is committed. */
    private interface Evaluation {
        Response answer() throws AccessQuestions.Invalid, AccessService.Forbidden, TraceUnavailable;
    }

    /**
     * The evaluation's answer, or its refusal: 400 for a question that cannot be read, 403 for a partner asking about
     * another client (D-27), 503 with {@code Retry-After} when its trace cannot be committed (no decision untraced).
     */
    private static Response judged(Evaluation evaluation) {
        try {
            return evaluation.answer();
        } catch (AccessQuestions.Invalid e) {
            return JsonAnswer.errorResponse(400, "invalid_request", e.getMessage());
        } catch (AccessService.Forbidden e) {
            return JsonAnswer.errorResponse(403, "forbidden", e.getMessage());
        } catch (TraceUnavailable e) {
            return Unavailable.response("the service cannot record traces");
        }
    }

    @GET
    @Path("decisions")
    public Response decisions() {
        AccessCaller caller = caller();
        if (caller == null) {
            return unauthenticated();
        }
        DecisionParams p;
        try {
            p = DecisionParams.parse(uri.getQueryParameters(), Instant.now());
        } catch (AccessQuestions.Invalid e) {
            return JsonAnswer.errorResponse(400, "invalid_request", e.getMessage());
        }
        String clientId;
        Set<String> certificates = new LinkedHashSet<>();
        if (caller.partner()) {
            if (p.clientId() != null && !p.clientId().equals(caller.clientId())) {
                return JsonAnswer.errorResponse(
                        403, "forbidden", "a partner lists its own decisions only (D-27): leave clientId out");
            }
            clientId = caller.clientId();
            certificates.add(caller.certificateSha256());
        } else if (caller.auditor()) {
            if (p.clientId() == null) {
                return JsonAnswer.errorResponse(400, "invalid_request", "clientId is required: whose decisions?");
            }
            clientId = p.clientId();
            try {
                auditorAccess.record(
                        caller.actor(),
                        AuditorAccess.QUERIED,
                        "access decisions of client "
                                + shown(clientId) + ": from=" + p.from() + ", to=" + p.to()
                                + (p.correlationId() == null ? "" : ", correlationId=" + p.correlationId())
                                + ", limit " + p.limit() + (p.cursor() == null ? "" : ", next page"));
            } catch (TraceUnavailable e) {
                return Unavailable.response("the service cannot record traces");
            }
        } else {
            return JsonAnswer.errorResponse(
                    403,
                    "forbidden",
                    "listing decisions needs the role interops-auditor," + " or a partner's client certificate (D-27)");
        }
        certificates.addAll(boundCertificates(clientId));
        List<TraceRecord> rows = decisions.page(new DecisionQueries.Filter(
                clientId, certificates, p.from(), p.to(), p.correlationId(), p.cursor(), p.limit()));
        boolean more = rows.size() > p.limit();
        List<TraceRecord> page = more ? rows.subList(0, p.limit()) : rows;
        JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
        for (TraceRecord r : page) {
            items.add(DecisionViews.item(r, caller.partner()));
        }
        JsonObjectBuilder body = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("clientId", clientId)
                .add("from", TraceFields.time(java.time.OffsetDateTime.ofInstant(p.from(), java.time.ZoneOffset.UTC)))
                .add("to", TraceFields.time(java.time.OffsetDateTime.ofInstant(p.to(), java.time.ZoneOffset.UTC)))
                .add("limit", p.limit())
                .add("decisions", items);
        if (more) {
            TraceRecord last = page.get(page.size() - 1);
            body.add("next_cursor", new DecisionCursor(last.occurredAt().toInstant(), last.id()).text());
        } else {
            body.addNull("next_cursor");
        }
        return ok(body.build());
    }

    /**
     * The SHA-256s of the certificates bound to the client by fingerprint (D-6): those uploaded for it, and the
     * {@code serviceProvider.certificate.sha256} of its conventions. A binding by names has no fingerprint to look
     * for: its calls are found through the verified VI (or the certificate the partner presents now).
     */
    private Set<String> boundCertificates(String clientId) {
        Set<String> out = new LinkedHashSet<>();
        conventions.uploadedCertificates().stream()
                .filter(u -> u.clientId().equals(clientId))
                .forEach(u -> out.add(normal(u.sha256())));
        for (Convention c : registry.index().all()) {
            if (c.clientId().equals(clientId)) {
                c.document()
                        .serviceProvider()
                        .certificate()
                        .flatMap(t -> t.sha256())
                        .ifPresent(s -> out.add(normal(s)));
            }
        }
        return out;
    }

    private static String normal(String sha256) {
        return sha256.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The caller: a partner the mechanism authenticated by certificate, or staff by Basic; null when neither. */
    private AccessCaller caller() {
        if (request.getAttribute(AccessAuthentication.CALLER) instanceof AccessCaller partner) {
            return partner;
        }
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : List.of(AccessCaller.ADMIN, AccessCaller.AUDITOR)) {
            if (security.isUserInRole(role)) {
                roles.add(role);
            }
        }
        String address = RequestOrigin.of(
                        request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies())
                .clientAddress();
        return AccessCaller.staff(principal.getName(), roles, "basic", address);
    }

    private static Response unauthenticated() {
        return JsonAnswer.errorResponse(401, "unauthorized", "authenticate with your client certificate or Basic");
    }

    private static Response ok(JsonObject body) {
        return JsonAnswer.noStore(Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE))
                .build();
    }

    private static String shown(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
