package fr.interopsr.admin.console;

import fr.interopsr.admin.AdminJson;
import fr.interopsr.admin.AdminParams;
import fr.interopsr.admin.AdminProblem;
import fr.interopsr.admin.AdminRefusal;
import fr.interopsr.admin.ClientCertificateRecord;
import fr.interopsr.admin.ConventionAdministration;
import fr.interopsr.admin.ConventionChanges;
import fr.interopsr.admin.ConventionFilter;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.convention.ConventionRevisionRecord;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.convention.document.Problem;
import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The convention pages of the console (role {@code interops-admin}, D-19). Thin: every read and
 * change goes through {@link ConventionAdministration}, the service of the admin REST API; the
 * pages are rendered by {@link ConventionViews}. Every POST checks the CSRF token first.
 */
@Path("admin")
@RequestScoped
@RolesAllowed(AdminRoles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ConventionConsole {

    @Inject
    ConventionAdministration admin;

    @Inject
    ServerSettings settings;

    @Context
    HttpServletRequest request;

    // ------------------------------------------------------------------ list

    @GET
    public Response list(
            @QueryParam("status") String status,
            @QueryParam("environment") String environment,
            @QueryParam("q") String q,
            @QueryParam("done") String done) {
        View v = Console.view(request, null);
        return page(v, () -> {
            var rows = admin.list(ConventionFilter.of(status, environment, q));
            return Console.html(
                    200,
                    ConventionViews.list(
                            v,
                            rows,
                            new ConventionViews.Filter(status, environment, q),
                            flash(v, done),
                            Instant.now()));
        });
    }

    // ------------------------------------------------------------------ create

    @GET
    @Path("conventions/new")
    public Response newConvention() {
        View v = Console.view(request, null);
        return Console.html(200, ConventionViews.form(v, null, template(settings.issuer()), "", null, List.of()));
    }

    @POST
    @Path("conventions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @FormParam("csrf") String csrf,
            @FormParam("document") String document,
            @FormParam("comment") String comment) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/new");
        try {
            var created = admin.create(bytes(document), Console.actor(request), comment(comment));
            return Console.seeOther(ConventionViews.conventionPath(v, created.id()) + "?done=created");
        } catch (AdminRefusal refusal) {
            return Console.html(
                    refusal.status(),
                    ConventionViews.form(v, null, document, comment, description(refusal), problems(refusal)));
        }
    }

    // ------------------------------------------------------------------ one convention

    @GET
    @Path("conventions/{id}")
    public Response detail(@PathParam("id") String id, @QueryParam("done") String done) {
        View v = Console.view(request, null);
        return page(
                v, () -> Console.html(200, ConventionViews.detail(v, detail(admin.current(id)), flash(v, done), null)));
    }

    @GET
    @Path("conventions/{id}/edit")
    public Response edit(@PathParam("id") String id) {
        View v = Console.view(request, null);
        return page(
                v,
                () -> Console.html(
                        200,
                        ConventionViews.form(
                                v, id, PrettyJson.of(admin.current(id).document()), "", null, List.of())));
    }

    @POST
    @Path("conventions/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("document") String document,
            @FormParam("comment") String comment) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/" + Console.segment(id) + "/edit");
        try {
            ConventionChanges.Revision r = admin.update(id, bytes(document), Console.actor(request), comment(comment));
            return Console.seeOther(
                    ConventionViews.conventionPath(v, id) + "?done=" + (r.changed() ? "updated" : "unchanged"));
        } catch (AdminRefusal refusal) {
            if (refusal.status() == 404) {
                return Console.html(404, CommonViews.refused(v, 404, refusal.description()));
            }
            return Console.html(
                    refusal.status(),
                    ConventionViews.form(v, id, document, comment, description(refusal), problems(refusal)));
        }
    }

    /**
     * Suspend, activate or retire: the current document with another status, saved as a new revision
     * by the same service as the API's PUT (retire: as its DELETE).
     */
    @POST
    @Path("conventions/{id}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response status(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("target") String target,
            @FormParam("comment") String comment) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/" + Console.segment(id));
        try {
            ConventionStatus to = ConventionStatus.fromJson(target == null ? "" : target)
                    .orElseThrow(() -> AdminRefusal.badRequest("target must be active, suspended or retired"));
            String actor = Console.actor(request);
            if (to == ConventionStatus.RETIRED) {
                admin.retire(id, actor, comment(comment));
            } else {
                admin.update(id, withStatus(admin.current(id).document(), to), actor, comment(comment));
            }
            return Console.seeOther(ConventionViews.conventionPath(v, id) + "?done=status");
        } catch (AdminRefusal refusal) {
            return page(
                    v,
                    () -> Console.html(
                            refusal.status(),
                            ConventionViews.detail(v, detail(admin.current(id)), null, refusalText(refusal))));
        }
    }

    @GET
    @Path("conventions/{id}/history")
    public Response history(@PathParam("id") String id, @QueryParam("a") String a, @QueryParam("b") String b) {
        View v = Console.view(request, null);
        return page(v, () -> {
            List<ConventionRevisionRecord> all = admin.versions(id);
            int last = all.get(all.size() - 1).revision();
            int previous = all.size() > 1 ? all.get(all.size() - 2).revision() : last;
            ConventionRevisionRecord left = find(all, a, previous);
            ConventionRevisionRecord right = find(all, b, last);
            List<LineDiff.Row> diff = LineDiff.of(PrettyJson.of(left.document()), PrettyJson.of(right.document()));
            List<ConventionViews.Revision> revisions = all.stream()
                    .map(r -> new ConventionViews.Revision(
                            r.revision(), r.status(), r.createdAt().toInstant(), r.createdBy(), r.changeComment()))
                    .toList();
            return Console.html(
                    200, ConventionViews.history(v, id, revisions, left.revision(), right.revision(), diff));
        });
    }

    // ------------------------------------------------------------------ secret

    @GET
    @Path("conventions/{id}/secret")
    public Response secretForm(@PathParam("id") String id) {
        View v = Console.view(request, null);
        return page(v, () -> secretPage(v, id, 200, null));
    }

    /** D-6: the new secret is in this answer only (never stored, logged or traced; no-store). */
    @POST
    @Path("conventions/{id}/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("graceSeconds") String graceSeconds,
            @FormParam("comment") String comment) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/" + Console.segment(id) + "/secret");
        try {
            var issued = admin.rotateSecret(
                    id, AdminParams.graceSeconds(graceSeconds), Console.actor(request), comment(comment));
            return Console.html(
                    200,
                    ConventionViews.secretShown(
                            v, id, issued.clientId(), issued.secret(), issued.previousValidUntil()));
        } catch (AdminRefusal refusal) {
            return page(v, () -> secretPage(v, id, refusal.status(), refusalText(refusal)));
        }
    }

    private Response secretPage(View v, String id, int status, String error) {
        ConventionRevisionRecord current = admin.current(id);
        JsonObject doc = AdminJson.parse(current.document());
        boolean basic = "client_secret_basic".equals(text(doc, "identityProvider", "clientAuthentication"));
        boolean usable = basic && !ConventionStatus.RETIRED.jsonName().equals(current.status());
        String why = error != null
                ? error
                : basic
                        ? null
                        : "only client_secret_basic conventions have a client secret; this one uses "
                                + text(doc, "identityProvider", "clientAuthentication");
        return Console.html(
                status, ConventionViews.secretForm(v, id, text(doc, "serviceProvider", "clientId"), usable, why));
    }

    // ------------------------------------------------------------------ certificates

    @GET
    @Path("conventions/{id}/certificates")
    public Response certificates(@PathParam("id") String id, @QueryParam("done") String done) {
        View v = Console.view(request, null);
        return page(v, () -> certificatesPage(v, id, 200, "", "", null, flash(v, done)));
    }

    @POST
    @Path("conventions/{id}/certificates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response upload(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("pem") String pem,
            @FormParam("comment") String comment) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/" + Console.segment(id) + "/certificates");
        try {
            admin.uploadCertificate(id, bytes(pem), Console.actor(request), comment(comment));
            return Console.seeOther(ConventionViews.conventionPath(v, id) + "/certificates?done=certificate");
        } catch (AdminRefusal refusal) {
            return page(v, () -> certificatesPage(v, id, refusal.status(), pem, comment, refusalText(refusal), null));
        }
    }

    private Response certificatesPage(
            View v, String id, int status, String pem, String comment, String error, String flash) {
        String clientId = text(AdminJson.parse(admin.current(id).document()), "serviceProvider", "clientId");
        List<ConventionViews.Certificate> certificates = admin.certificates(id).stream()
                .map(ConventionConsole::certificate)
                .toList();
        return Console.html(
                status, ConventionViews.certificates(v, id, clientId, certificates, pem, comment, error, flash));
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a page; a refusal of the service (404 above all) becomes a readable page. */
    private static Response page(View v, Supplier<Response> action) {
        try {
            return action.get();
        } catch (AdminRefusal refusal) {
            return Console.html(refusal.status(), CommonViews.refused(v, refusal.status(), refusalText(refusal)));
        }
    }

    static String flash(View v, String done) {
        return done != null && done.matches("[a-z]{1,20}") && v.m().has("done." + done)
                ? v.m().t("done." + done)
                : null;
    }

    /** The change comment (D-14); too long is a problem of the field {@code comment}. */
    private static String comment(String comment) {
        try {
            return AdminParams.comment(comment);
        } catch (AdminRefusal refusal) {
            throw AdminRefusal.invalid(
                    "the comment is refused", List.of(new AdminProblem(null, "comment", refusal.description())));
        }
    }

    static List<AdminProblem> problems(AdminRefusal refusal) {
        return refusal.problems().isEmpty()
                ? List.of(new AdminProblem(null, Problem.DOCUMENT, refusal.description()))
                : refusal.problems();
    }

    static String description(AdminRefusal refusal) {
        return refusal.problems().isEmpty() ? null : refusal.description();
    }

    static String refusalText(AdminRefusal refusal) {
        StringBuilder text = new StringBuilder(refusal.description());
        for (AdminProblem p : refusal.problems()) {
            text.append("; ").append(p.field()).append(": ").append(p.message());
        }
        return text.toString();
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** The stored document with another {@code status}, as the body of an update. */
    static byte[] withStatus(String storedDocument, ConventionStatus status) {
        JsonObject doc = AdminJson.parse(storedDocument);
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder(doc);
        b.add("status", status.jsonName());
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ConventionViews.Detail detail(ConventionRevisionRecord r) {
        JsonObject doc = AdminJson.parse(r.document());
        return new ConventionViews.Detail(
                r.conventionId(),
                r.revision(),
                r.status(),
                text(doc, "serviceProvider", "clientId"),
                text(doc, "identityProvider", "clientAuthentication"),
                r.createdAt().toInstant(),
                r.createdBy(),
                r.changeComment(),
                PrettyJson.write(doc));
    }

    private static ConventionViews.Certificate certificate(ClientCertificateRecord c) {
        return new ConventionViews.Certificate(
                c.subjectDn(),
                c.issuerDn(),
                c.sha256(),
                c.notAfter().toInstant(),
                c.uploadedAt().toInstant(),
                c.uploadedBy());
    }

    private static ConventionRevisionRecord find(List<ConventionRevisionRecord> all, String n, int otherwise) {
        int wanted = otherwise;
        if (n != null && n.matches("\\d{1,9}")) {
            wanted = Integer.parseInt(n);
        }
        for (ConventionRevisionRecord r : all) {
            if (r.revision() == wanted) {
                return r;
            }
        }
        int fallback = otherwise;
        return all.stream().filter(r -> r.revision() == fallback).findFirst().orElse(all.get(all.size() - 1));
    }

    static String text(JsonObject doc, String object, String member) {
        return doc.get(object) instanceof JsonObject o && o.get(member) instanceof JsonString s ? s.getString() : "";
    }

    /** What the new-convention page starts from: a draft of this server's own IdP, to complete. */
    static String template(String issuer) {
        JsonObject doc = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", "new-convention")
                .add("version", "1.0")
                .add("environment", "dev")
                .add("status", "draft")
                .addNull("requiredAcr")
                .add("scopes", Jsonp.PROVIDER.createArrayBuilder().add("urn:example:service:1.0:read"))
                .add("defaultScopes", Jsonp.PROVIDER.createArrayBuilder().add("urn:example:service:1.0:read"))
                .add("singleUse", false)
                .add(
                        "identityProvider",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("issuer", issuer)
                                .add("tokenLifetimeSeconds", 300)
                                .add(
                                        "signatureAlgorithms",
                                        Jsonp.PROVIDER.createArrayBuilder().add("ES256"))
                                .add("tokenUrl", issuer + "/idp/token")
                                .add("clientAuthentication", "client_secret_basic")
                                .add("clockSync", "pool.ntp.org")
                                .add("extraClaims", Jsonp.PROVIDER.createObjectBuilder())
                                .add(
                                        "jwks",
                                        Jsonp.PROVIDER
                                                .createObjectBuilder()
                                                .add("keys", Jsonp.PROVIDER.createArrayBuilder())))
                .add(
                        "serviceProvider",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("id", "https://app.example")
                                .add("clientId", "new-client")
                                .add("mutualTls", false)
                                .addNull("certificate")
                                .add("reverseProxyIps", Jsonp.PROVIDER.createArrayBuilder())
                                .add("clockSync", "pool.ntp.org"))
                .add(
                        "dataProvider",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("serviceId", "https://service.example")
                                .add("baseUrl", "https://service.example/interops/api")
                                .add("reverseProxyIps", Jsonp.PROVIDER.createArrayBuilder())
                                .addNull("certificateChainPem")
                                .add("allowedClockSkewSeconds", 120)
                                .add("clockSync", "pool.ntp.org"))
                .build();
        return PrettyJson.write(doc);
    }
}
