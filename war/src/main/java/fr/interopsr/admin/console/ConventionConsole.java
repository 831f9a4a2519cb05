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
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.convention.document.Problem;
import fr.interopsr.json.Jsonp;
import fr.interopsr.json.StrictJson;
import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** {@code ?view=json} and the button {@code op=json}: the document as JSON, the advanced view. */
    static final String JSON_VIEW = "json";

    /** The JSON view's button back to the form. */
    static final String FORM_VIEW = "form";

    /** The upload group whose certificate is also uploaded as the client's when the form is saved. */
    static final String CLIENT_CERTIFICATE_GROUP = "serviceProvider.certificate";

    /** The largest form post (the document is at most 1 MiB, a certificate file 64 KiB). */
    static final long MAX_FORM_BYTES = 3L * 1024 * 1024;

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
    public Response newConvention(@QueryParam("view") String view) {
        View v = Console.view(request, null);
        String template = template(settings.issuer());
        if (JSON_VIEW.equals(view)) {
            return Console.html(200, ConventionViews.form(v, null, template, "", null, List.of()));
        }
        return Console.html(
                200,
                ConventionFormViews.form(
                        v, null, ConventionForm.of(AdminJson.parse(template)), Map.of(), null, "", null));
    }

    /** The form posted (multipart: it may carry a certificate file): a row added or removed, a check, or a save. */
    @POST
    @Path("conventions/new")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response createWithForm(List<EntityPart> parts) {
        return submitted(null, parts);
    }

    @POST
    @Path("conventions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @FormParam("csrf") String csrf,
            @FormParam("document") String document,
            @FormParam("comment") String comment,
            @FormParam("op") String op) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/new");
        if (FORM_VIEW.equals(op)) {
            return toForm(v, null, document, comment);
        }
        if (View.LANGUAGE_OP.equals(op)) {
            return jsonViewAgain(v, null, document, comment);
        }
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
    public Response edit(@PathParam("id") String id, @QueryParam("view") String view) {
        View v = Console.view(request, null);
        return page(v, () -> {
            String stored = admin.current(id).document();
            if (JSON_VIEW.equals(view)) {
                return Console.html(200, ConventionViews.form(v, id, PrettyJson.of(stored), "", null, List.of()));
            }
            return Console.html(
                    200,
                    ConventionFormViews.form(
                            v, id, ConventionForm.of(AdminJson.parse(stored)), Map.of(), null, "", null));
        });
    }

    @POST
    @Path("conventions/{id}/edit")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response updateWithForm(@PathParam("id") String id, List<EntityPart> parts) {
        return submitted(id, parts);
    }

    @POST
    @Path("conventions/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("document") String document,
            @FormParam("comment") String comment,
            @FormParam("op") String op) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/conventions/" + Console.segment(id) + "/edit");
        if (FORM_VIEW.equals(op)) {
            return page(v, () -> {
                admin.current(id);
                return toForm(v, id, document, comment);
            });
        }
        if (View.LANGUAGE_OP.equals(op)) {
            return page(v, () -> {
                admin.current(id);
                return jsonViewAgain(v, id, document, comment);
            });
        }
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

    // ------------------------------------------------------------------ the form (issue 18 §1)

    /**
     * One post of the form. The path's id is the convention's (an edit never changes it). A certificate file is read
     * first, whatever the button: its facts fill its group's binding and it waits in the session (P-61). Then the
     * button: {@code add:<list>} and {@code remove:<list>:<row>} render the form again with the values kept, nothing
     * saved; {@code json} opens the JSON view with the document the fields say; {@code save} checks and saves; anything
     * else ({@code check}, {@code upload}, Enter) checks and shows every problem at its field.
     */
    private Response submitted(String id, List<EntityPart> parts) {
        View v = Console.view(
                request, id == null ? "/conventions/new" : "/conventions/" + Console.segment(id) + "/edit");
        FormSubmission s;
        try {
            if (request.getContentLengthLong() > MAX_FORM_BYTES) {
                throw new FormSubmission.TooLarge("the form is larger than " + MAX_FORM_BYTES + " bytes");
            }
            List<FormSubmission.Part> read = new ArrayList<>();
            for (EntityPart p : parts == null ? List.<EntityPart>of() : parts) {
                read.add(new FormSubmission.Part(p.getName(), p.getFileName().isPresent(), p.getContent()));
            }
            s = FormSubmission.read(read);
        } catch (FormSubmission.TooLarge | IOException | RuntimeException e) {
            return Console.html(413, CommonViews.refused(v, 413, "the form was refused: " + e.getMessage()));
        }
        if (!Console.csrfValid(request, s.first("csrf").orElse(null))) {
            return Console.forbiddenCsrf(request);
        }
        if (id != null) {
            try {
                admin.current(id);
            } catch (AdminRefusal refusal) {
                return Console.html(refusal.status(), CommonViews.refused(v, refusal.status(), refusalText(refusal)));
            }
        }
        PendingUploads store = pendingUploads();
        ConventionForm form = ConventionForm.fromSubmission(s.values());
        if (id != null) {
            form = form.with("id", id);
        }
        String comment = s.first("comment").orElse("");
        List<Problem> uploadProblems = new ArrayList<>();
        for (ConventionFields.Group g : ConventionFields.uploadGroups()) {
            byte[] file = s.files().get(g.key());
            if (file == null || file.length == 0) {
                continue;
            }
            try {
                X509Certificate certificate = PendingUploads.certificate(file);
                PendingUploads.Shown shown = PendingUploads.shown(certificate, Instant.now());
                if (shown.warning() != null) {
                    uploadProblems.add(new Problem(g.key(), "the uploaded certificate is refused: " + shown.warning()));
                    continue;
                }
                String handle = store.put(new String(file, StandardCharsets.UTF_8).strip() + "\n");
                form = form.withUpload(g.key(), handle)
                        .with(g.key() + ".subjectDn", shown.subjectDn())
                        .with(g.key() + ".issuerDn", shown.issuerDn())
                        .with(g.key() + ".sha256", shown.sha256());
            } catch (IllegalArgumentException e) {
                uploadProblems.add(new Problem(g.key(), e.getMessage()));
            }
        }
        String op = s.first("op").orElse("check");
        if (op.equals(View.LANGUAGE_OP)) { // the same form in the language of the request's query
            return formPage(v, id, form, store, placed(form, uploadProblems), comment, null, 200);
        }
        if (op.startsWith("add:")) {
            return formPage(
                    v, id, form.withRowAdded(op.substring(4)), store, placed(form, uploadProblems), comment, null, 200);
        }
        if (op.startsWith("remove:")) {
            int colon = op.lastIndexOf(':');
            String list = op.substring("remove:".length(), Math.max(colon, "remove:".length()));
            String row = op.substring(colon + 1);
            ConventionForm after = row.matches("\\d{1,4}") ? form.withRowRemoved(list, Integer.parseInt(row)) : form;
            return formPage(v, id, after, store, placed(form, uploadProblems), comment, null, 200);
        }
        if (op.equals(JSON_VIEW)) {
            ConventionForm.Built built = form.json();
            List<AdminProblem> lost =
                    built.problems().stream().map(AdminProblem::of).toList();
            return Console.html(
                    200,
                    ConventionViews.form(
                            v,
                            id,
                            PrettyJson.write(built.json()),
                            comment,
                            lost.isEmpty() ? null : v.m().t("form.toJson.lost"),
                            lost));
        }
        ConventionForm.Checked checked = form.check();
        if (!uploadProblems.isEmpty()) {
            List<ConventionForm.Placed> all = new ArrayList<>(ConventionForm.place(uploadProblems, form.json()));
            all.addAll(checked.problems());
            checked = new ConventionForm.Checked(java.util.Optional.empty(), checked.json(), all);
        }
        if (!op.equals("save") || !checked.valid()) {
            return formPage(v, id, form, store, checked, comment, null, op.equals("save") ? 400 : 200);
        }
        byte[] document = checked.json().toString().getBytes(StandardCharsets.UTF_8);
        String actor = Console.actor(request);
        String saved;
        String done;
        try {
            if (id == null) {
                saved = admin.create(document, actor, comment(comment)).id();
                done = "created";
            } else {
                saved = id;
                done = admin.update(id, document, actor, comment(comment)).changed() ? "updated" : "unchanged";
            }
        } catch (AdminRefusal refusal) {
            List<Problem> problems = refusal.problems().stream()
                    .map(p -> new Problem(p.field() == null ? Problem.DOCUMENT : p.field(), p.message()))
                    .toList();
            ConventionForm.Checked refused = new ConventionForm.Checked(
                    java.util.Optional.empty(), checked.json(), ConventionForm.place(problems, form.json()));
            return formPage(v, id, form, store, refused, comment, refusal.description(), refusal.status());
        }
        // the client certificate uploaded in the form binds the client as on the certificates page (D-6)
        String clientUpload = form.upload(CLIENT_CERTIFICATE_GROUP).orElse(null);
        for (String handle : form.uploads().values()) {
            String pem = store.get(handle).orElse(null);
            store.remove(handle);
            if (pem != null && handle.equals(clientUpload)) {
                try {
                    admin.uploadCertificate(saved, pem.getBytes(StandardCharsets.UTF_8), actor, comment(comment));
                    done = done + "certificate";
                } catch (AdminRefusal refusal) {
                    done = "certificaterefused";
                }
            }
        }
        return Console.seeOther(ConventionViews.conventionPath(v, saved) + "?done=" + done);
    }

    private Response formPage(
            View v,
            String id,
            ConventionForm form,
            PendingUploads store,
            ConventionForm.Checked checked,
            String comment,
            String description,
            int status) {
        Map<String, PendingUploads.Shown> shown = new LinkedHashMap<>();
        form.uploads().forEach((group, handle) -> store.get(handle).ifPresent(pem -> {
            try {
                shown.put(
                        group,
                        PendingUploads.shown(
                                PendingUploads.certificate(pem.getBytes(StandardCharsets.UTF_8)), Instant.now()));
            } catch (IllegalArgumentException e) {
                store.remove(handle);
            }
        }));
        return Console.html(status, ConventionFormViews.form(v, id, form, shown, checked, comment, description));
    }

    /** Problems of the upload alone, placed; null when there are none (no check was asked). */
    private static ConventionForm.Checked placed(ConventionForm form, List<Problem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        ConventionForm.Built built = form.json();
        return new ConventionForm.Checked(
                java.util.Optional.empty(), built.json(), ConventionForm.place(problems, built));
    }

    /** From the JSON view to the form: only a JSON object whose every member has a field. */
    private Response toForm(View v, String id, String document, String comment) {
        var parsed = StrictJson.parseObject(bytes(document), ConventionDocumentReader.MAX_BYTES);
        List<AdminProblem> problems;
        if (!parsed.isSuccess()) {
            problems = List.of(new AdminProblem(null, Problem.DOCUMENT, "is not a JSON object: " + parsed.detail()));
        } else {
            problems = ConventionForm.unknownMembers(parsed.value().orElseThrow()).stream()
                    .map(path -> new AdminProblem(null, path, v.m().t("form.fromJson.unknown")))
                    .toList();
        }
        if (!problems.isEmpty()) {
            return Console.html(
                    400, ConventionViews.form(v, id, document, comment, v.m().t("form.fromJson.refused"), problems));
        }
        ConventionForm form = ConventionForm.of(parsed.value().orElseThrow());
        if (id != null) {
            form = form.with("id", id);
        }
        return Console.html(200, ConventionFormViews.form(v, id, form, Map.of(), null, comment, null));
    }

    private PendingUploads pendingUploads() {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            Object kept = session.getAttribute(PendingUploads.ATTRIBUTE);
            if (kept instanceof PendingUploads p) {
                return p;
            }
            PendingUploads fresh = new PendingUploads();
            session.setAttribute(PendingUploads.ATTRIBUTE, fresh);
            return fresh;
        }
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

    /** The JSON view as posted, in the language of the request's query (P-74): nothing saved nor checked. */
    private static Response jsonViewAgain(View v, String id, String document, String comment) {
        return Console.html(
                200,
                ConventionViews.form(
                        v, id, document == null ? "" : document, comment == null ? "" : comment, null, List.of()));
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
