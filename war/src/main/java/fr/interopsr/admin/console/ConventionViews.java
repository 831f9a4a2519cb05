package fr.interopsr.admin.console;

import fr.interopsr.admin.AdminProblem;
import fr.interopsr.admin.CertificateExpiry;
import fr.interopsr.admin.ConventionAdministration;
import fr.interopsr.admin.ConventionSummary;
import fr.interopsr.admin.Lifecycle;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.convention.document.Problem;
import fr.interopsr.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The convention pages, rendered from plain values (testable without a server). */
public final class ConventionViews {

    /** The current revision of a convention as the detail page shows it. */
    public record Detail(
            String id,
            int revision,
            String status,
            String clientId,
            String clientAuthentication,
            Instant changedAt,
            String changedBy,
            String comment,
            String document) {
        public boolean hasSecret() {
            return "client_secret_basic".equals(clientAuthentication);
        }
    }

    /** One revision of the history. */
    public record Revision(int n, String status, Instant at, String by, String comment) {}

    /** One uploaded client certificate. */
    public record Certificate(
            String subject, String issuer, String sha256, Instant notAfter, Instant uploadedAt, String uploadedBy) {}

    /** The list's filters as typed. */
    public record Filter(String status, String environment, String q) {}

    private ConventionViews() {}

    static String conventionPath(View v, String id) {
        return v.base() + "/conventions/" + Console.segment(id);
    }

    // ------------------------------------------------------------------ list

    public static String list(
            View v, List<ConventionAdministration.Listed> rows, Filter filter, String flash, Instant now) {
        Messages m = v.m();
        Html h = new Html();
        h.open("p", "class", "actions")
                .element(
                        "a",
                        m.t("list.new"),
                        "class",
                        "button",
                        "href",
                        v.base() + "/conventions/new",
                        "id",
                        "new-convention")
                .close("p");
        h.open("form", "class", "filters", "method", "get", "action", v.base() + "/");
        h.open("fieldset").element("legend", m.t("list.filters"));
        h.open("div", "class", "field").element("label", m.t("status"), "for", "f-status");
        h.open("select", "id", "f-status", "name", "status");
        h.element("option", m.t("list.any"), "value", "");
        for (ConventionStatus s : ConventionStatus.values()) {
            h.element(
                    "option",
                    m.t("status." + s.jsonName()),
                    "value",
                    s.jsonName(),
                    "selected",
                    s.jsonName().equals(filter.status()) ? "" : null);
        }
        h.close("select").close("div");
        h.open("div", "class", "field")
                .element("label", m.t("list.environment"), "for", "f-environment")
                .empty(
                        "input",
                        "id",
                        "f-environment",
                        "name",
                        "environment",
                        "type",
                        "text",
                        "value",
                        nonNull(filter.environment()))
                .close("div");
        h.open("div", "class", "field wide")
                .element("label", m.t("list.q"), "for", "f-q")
                .empty("input", "id", "f-q", "name", "q", "type", "search", "value", nonNull(filter.q()))
                .close("div");
        h.open("div", "class", "buttons")
                .element("button", m.t("list.filter"), "type", "submit")
                .element("a", m.t("list.reset"), "href", v.base() + "/")
                .close("div");
        h.close("fieldset").close("form");

        if (rows.isEmpty()) {
            h.element("p", m.t("list.empty"), "class", "empty");
        } else {
            h.element("p", m.t("list.count", rows.size()), "class", "count");
            h.open("div", "class", "table-wrap").open("table", "class", "conventions", "id", "conventions");
            h.element("caption", m.t("list.caption"));
            h.open("thead").open("tr");
            for (String col : List.of(
                    "col.id",
                    "status",
                    "col.environment",
                    "col.version",
                    "col.client",
                    "col.issuer",
                    "col.revision",
                    "col.updated",
                    "col.certificates")) {
                h.element("th", m.t(col), "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (ConventionAdministration.Listed row : rows) {
                ConventionSummary s = row.summary();
                h.open("tr", "data-id", s.id());
                h.open("th", "scope", "row")
                        .element("a", s.id(), "href", conventionPath(v, s.id()))
                        .close("th");
                h.open("td");
                Layout.status(h, m, s.status());
                h.close("td");
                h.element("td", s.environment());
                h.element("td", s.version());
                h.element("td", s.clientId());
                h.element("td", s.issuer(), "class", "url");
                h.element("td", String.valueOf(s.revision()), "class", "num");
                h.element("td", Layout.time(s.updatedAt()));
                h.open("td");
                expiring(h, m, row.expiring(), now);
                h.close("td");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        return Layout.page(v.section(Layout.CONVENTIONS), m.t("list.title"), flash, h);
    }

    static void expiring(Html h, Messages m, List<CertificateExpiry.Held> expiring, Instant now) {
        if (expiring.isEmpty()) {
            h.element("span", m.t("cert.none"), "class", "muted");
            return;
        }
        h.open("ul", "class", "warnings");
        for (CertificateExpiry.Held c : expiring) {
            String what = m.t("cert.source." + c.source()) + " " + c.subjectDn();
            long days = Duration.between(now, c.notAfter()).toDays();
            String text = c.notAfter().isAfter(now)
                    ? m.t("cert.expires", what, Layout.day(c.notAfter()), days)
                    : m.t("cert.expired", what, Layout.day(c.notAfter()));
            h.open("li", "class", "warning")
                    .element("span", "⚠ ", "aria-hidden", "true")
                    .text(text)
                    .close("li");
        }
        h.close("ul");
    }

    // ------------------------------------------------------------------ create and edit

    /**
     * The editor: {@code id} null for a new convention. {@code problems} (may be empty) are listed
     * next to the form, grouped by field.
     */
    public static String form(
            View v, String id, String document, String comment, String description, List<AdminProblem> problems) {
        Messages m = v.m();
        boolean create = id == null;
        String title = create ? m.t("form.create.title") : m.t("form.edit.title", id);
        boolean refused = !problems.isEmpty();
        String action = create ? v.base() + "/conventions" : conventionPath(v, id);
        Html h = new Html();
        h.open("div", "class", refused ? "editor with-problems" : "editor");
        h.open("form", "class", "document-form", "method", "post", "action", action, "id", "convention-form");
        Layout.csrf(h, v);
        h.open("div", "class", "field");
        h.element("label", m.t("form.document"), "for", "document");
        h.element("p", m.t("form.document.help"), "id", "document-help", "class", "help");
        h.element("p", m.t("form.json.advanced"), "class", "help", "id", "json-advanced");
        h.element(
                "textarea",
                document,
                "id",
                "document",
                "name",
                "document",
                "rows",
                "28",
                "cols",
                "80",
                "spellcheck",
                "false",
                "autocapitalize",
                "off",
                "required",
                "",
                "aria-describedby",
                refused ? "document-help problems" : "document-help",
                "aria-invalid",
                refused ? "true" : null);
        h.close("div");
        commentField(h, m, comment);
        h.open("div", "class", "buttons");
        h.element("button", create ? m.t("form.create") : m.t("form.save"), "type", "submit", "id", "save");
        h.element(
                "button",
                m.t("form.toForm"),
                "type",
                "submit",
                "name",
                "op",
                "value",
                ConventionConsole.FORM_VIEW,
                "id",
                "to-form",
                "class",
                "secondary",
                "formnovalidate",
                "");
        h.element("a", m.t("form.cancel"), "href", create ? v.base() + "/" : conventionPath(v, id));
        h.close("div");
        h.close("form");
        if (refused) {
            problems(h, m, description, problems);
        }
        h.close("div");
        // Enter saves, as the form's own first button; a change of language posts the document back
        String save = create ? m.t("form.create") : m.t("form.save");
        View kept = v.keeping(new View.KeptForm("convention-form", action, "save-default", save, null));
        return Layout.page(kept.section(Layout.CONVENTIONS), title, null, h);
    }

    /** Every problem, grouped by field, in the order first seen. */
    static void problems(Html h, Messages m, String description, List<AdminProblem> problems) {
        Map<String, List<AdminProblem>> byField = new LinkedHashMap<>();
        for (AdminProblem p : problems) {
            byField.computeIfAbsent(p.field(), k -> new ArrayList<>()).add(p);
        }
        h.open("section", "class", "problems", "id", "problems", "role", "alert", "aria-labelledby", "problems-title");
        h.element("h2", m.t("problems.title", problems.size()), "id", "problems-title");
        if (description != null) {
            h.element("p", description);
        }
        h.open("dl");
        for (var e : byField.entrySet()) {
            h.open("dt", "class", "problem-field");
            if (Problem.DOCUMENT.equals(e.getKey())) {
                h.text(m.t("problems.document"));
            } else {
                h.element("code", e.getKey());
            }
            h.close("dt");
            for (AdminProblem p : e.getValue()) {
                h.element("dd", p.message(), "class", "problem-message");
            }
        }
        h.close("dl").close("section");
    }

    // ------------------------------------------------------------------ detail and status

    public static String detail(View v, Detail d, String flash, String error) {
        Messages m = v.m();
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "role", "alert", "id", "error");
        }
        h.open("dl", "class", "facts");
        h.element("dt", m.t("status")).open("dd", "id", "status");
        Layout.status(h, m, d.status());
        h.close("dd");
        fact(h, m.t("detail.revision"), String.valueOf(d.revision()), "revision");
        fact(h, m.t("col.client"), d.clientId() + " (" + d.clientAuthentication() + ")", null);
        fact(
                h,
                m.t("detail.changed"),
                m.t("detail.changedBy", Layout.time(d.changedAt()) + " UTC", d.changedBy()),
                null);
        if (d.comment() != null && !d.comment().isEmpty()) {
            fact(h, m.t("detail.comment"), d.comment(), null);
        }
        h.close("dl");

        h.open("nav", "class", "actions", "aria-label", m.t("detail.actions")).open("ul");
        link(h, conventionPath(v, d.id()) + "/edit", m.t("detail.edit"), "edit");
        link(h, conventionPath(v, d.id()) + "/history", m.t("detail.history"), "history");
        if (d.hasSecret() && !ConventionStatus.RETIRED.jsonName().equals(d.status())) {
            link(h, conventionPath(v, d.id()) + "/secret", m.t("detail.secret"), "secret");
        }
        link(h, conventionPath(v, d.id()) + "/certificates", m.t("detail.certificates"), "certificates");
        h.close("ul").close("nav");

        h.open("section", "class", "lifecycle", "aria-labelledby", "lifecycle-title");
        h.element("h2", m.t("lifecycle.title"), "id", "lifecycle-title");
        ConventionStatus from = ConventionStatus.fromJson(d.status()).orElse(ConventionStatus.RETIRED);
        List<ConventionStatus> targets = Arrays.stream(ConventionStatus.values())
                .filter(to -> to != from
                        && to != ConventionStatus.DRAFT
                        && Lifecycle.refusal(from, to).isEmpty())
                .toList();
        if (targets.isEmpty()) {
            h.element("p", m.t("lifecycle.none"));
        } else {
            h.element("p", m.t("lifecycle.help"), "class", "help", "id", "lifecycle-help");
            h.open("form", "method", "post", "action", conventionPath(v, d.id()) + "/status", "id", "status-form");
            Layout.csrf(h, v);
            h.open("div", "class", "field")
                    .element("label", m.t("lifecycle.comment"), "for", "status-comment")
                    .empty(
                            "input",
                            "id",
                            "status-comment",
                            "name",
                            "comment",
                            "type",
                            "text",
                            "maxlength",
                            "1024",
                            "aria-describedby",
                            "lifecycle-help")
                    .close("div");
            h.open("div", "class", "buttons");
            for (ConventionStatus to : targets) {
                h.element(
                        "button",
                        m.t("lifecycle." + to.jsonName()),
                        "type",
                        "submit",
                        "name",
                        "target",
                        "value",
                        to.jsonName(),
                        "id",
                        "to-" + to.jsonName(),
                        "class",
                        to == ConventionStatus.RETIRED ? "danger" : null);
            }
            h.close("div").close("form");
        }
        h.close("section");

        JsonObject document = parsed(d.document());
        if (document != null) {
            ConventionFormViews.terms(h, m, ConventionForm.of(document));
        }
        // the whole document stays one click away, folded (no script: a details element)
        h.open("details", "class", "document-json", "id", "document-json", "open", document == null ? "" : null);
        h.element("summary", m.t("detail.document"), "id", "document-title");
        h.open("pre", "class", "document", "tabindex", "0", "aria-labelledby", "document-title")
                .element("code", d.document())
                .close("pre");
        h.close("details");
        return Layout.page(v.section(Layout.CONVENTIONS), m.t("detail.title", d.id()), flash, h);
    }

    /** The stored document as an object; null when it is not one (then only its text is shown). */
    private static JsonObject parsed(String document) {
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(document))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void fact(Html h, String name, String value, String id) {
        h.element("dt", name).element("dd", value, "id", id);
    }

    private static void link(Html h, String href, String label, String id) {
        h.open("li").element("a", label, "href", href, "id", id).close("li");
    }

    // ------------------------------------------------------------------ history

    /**
     * The revisions (oldest first) with two chosen for comparison, {@code left} and {@code right}
     * (0 when there is nothing to compare), and their diff.
     */
    public static String history(
            View v, String id, List<Revision> revisions, int left, int right, List<LineDiff.Row> diff) {
        Messages m = v.m();
        Html h = new Html();
        h.open("p")
                .element("a", m.t("detail.title", id), "href", conventionPath(v, id))
                .close("p");
        h.open("form", "method", "get", "action", conventionPath(v, id) + "/history", "id", "compare-form");
        h.open("div", "class", "table-wrap").open("table", "class", "revisions", "id", "revisions");
        h.element("caption", m.t("history.revisions"));
        h.open("thead").open("tr");
        for (String col :
                List.of("col.n", "status", "col.date", "col.by", "col.comment", "history.left", "history.right")) {
            h.element("th", m.t(col), "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (Revision r : revisions) {
            h.open("tr", "data-revision", String.valueOf(r.n()));
            h.element("th", String.valueOf(r.n()), "scope", "row", "class", "num");
            h.open("td");
            Layout.status(h, m, r.status());
            h.close("td");
            h.element("td", Layout.time(r.at()));
            h.element("td", r.by());
            h.element("td", r.comment());
            radio(h, "a", r.n(), left, m.t("history.leftOf", r.n()));
            radio(h, "b", r.n(), right, m.t("history.rightOf", r.n()));
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
        if (revisions.size() > 1) {
            h.open("div", "class", "buttons")
                    .element("button", m.t("history.compare"), "type", "submit", "id", "compare")
                    .close("div");
        }
        h.close("form");

        if (left > 0 && right > 0 && revisions.size() > 1) {
            h.open("section", "class", "diff-section", "aria-labelledby", "diff-title");
            h.element("h2", m.t("history.diff", left, right), "id", "diff-title");
            if (diff.stream().allMatch(LineDiff.Row::same)) {
                h.element("p", m.t("history.same"), "id", "diff-same");
            } else {
                h.element("p", m.t("history.legend", left, right), "class", "help");
            }
            h.open("div", "class", "table-wrap").open("table", "class", "diff", "id", "diff");
            h.open("colgroup")
                    .empty("col", "class", "ln")
                    .empty("col")
                    .empty("col", "class", "ln")
                    .empty("col")
                    .close("colgroup");
            h.open("thead").open("tr");
            h.element("th", m.t("history.lineLeft", left), "scope", "col", "colspan", "2");
            h.element("th", m.t("history.lineRight", right), "scope", "col", "colspan", "2");
            h.close("tr").close("thead").open("tbody");
            for (LineDiff.Row row : diff) {
                h.open("tr");
                side(h, m, row.leftNumber(), row.left(), row.removed(), "diff-del", "−", "history.removed");
                side(h, m, row.rightNumber(), row.right(), row.added(), "diff-ins", "+", "history.added");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
            h.close("section");
        }
        return Layout.page(v.section(Layout.CONVENTIONS), m.t("history.title", id), null, h);
    }

    private static void radio(Html h, String name, int n, int chosen, String label) {
        String id = name + "-" + n;
        h.open("td", "class", "choice");
        h.empty(
                "input",
                "type",
                "radio",
                "name",
                name,
                "value",
                String.valueOf(n),
                "id",
                id,
                "checked",
                n == chosen ? "" : null);
        h.element("label", label, "for", id, "class", "sr-only");
        h.close("td");
    }

    private static void side(
            Html h,
            Messages m,
            int number,
            String text,
            boolean changed,
            String changedClass,
            String mark,
            String changedLabel) {
        if (number == 0) {
            h.element("td", "", "class", "ln empty").element("td", "", "class", "code empty");
            return;
        }
        h.element("td", String.valueOf(number), "class", "ln");
        h.open("td", "class", changed ? "code " + changedClass : "code");
        if (changed) {
            h.element("span", mark, "class", "mark", "aria-hidden", "true")
                    .element("span", m.t(changedLabel) + ": ", "class", "sr-only");
        } else {
            h.element("span", " ", "class", "mark", "aria-hidden", "true");
        }
        h.text(text);
        h.close("td");
    }

    // ------------------------------------------------------------------ secret

    public static String secretForm(View v, String id, String clientId, boolean hasSecret, String error) {
        Messages m = v.m();
        Html h = new Html();
        h.open("p")
                .element("a", m.t("detail.title", id), "href", conventionPath(v, id))
                .close("p");
        if (error != null) {
            h.element("p", error, "class", "error", "role", "alert", "id", "error");
        }
        h.element("p", m.t("secret.intro", clientId));
        if (hasSecret) {
            h.open("form", "method", "post", "action", conventionPath(v, id) + "/secret", "id", "secret-form");
            Layout.csrf(h, v);
            h.open("div", "class", "field")
                    .element("label", m.t("secret.grace"), "for", "grace")
                    .empty(
                            "input",
                            "id",
                            "grace",
                            "name",
                            "graceSeconds",
                            "type",
                            "number",
                            "min",
                            "0",
                            "max",
                            "2592000",
                            "step",
                            "1",
                            "value",
                            "0",
                            "inputmode",
                            "numeric")
                    .close("div");
            commentField(h, m, null);
            h.open("div", "class", "buttons")
                    .element("button", m.t("secret.submit"), "type", "submit", "id", "rotate")
                    .close("div");
            h.close("form");
        }
        return Layout.page(v.section(Layout.CONVENTIONS), m.t("secret.title", id), null, h);
    }

    /** The new secret, shown this once. */
    public static String secretShown(View v, String id, String clientId, String secret, Instant previousValidUntil) {
        Messages m = v.m();
        Html h = new Html();
        h.open("div", "class", "warning-box", "role", "alert")
                .element("strong", m.t("secret.warning"))
                .close("div");
        h.open("div", "class", "field");
        h.element("p", m.t("secret.value", clientId), "id", "secret-label", "class", "label");
        h.element(
                "code",
                secret,
                "id",
                "new-secret",
                "class",
                "secret",
                "tabindex",
                "0",
                "aria-labelledby",
                "secret-label");
        h.close("div");
        h.element(
                "p",
                previousValidUntil == null
                        ? m.t("secret.noPrevious")
                        : m.t("secret.previousUntil", Layout.time(previousValidUntil) + " UTC"));
        h.open("p")
                .element("a", m.t("secret.done"), "href", conventionPath(v, id), "id", "back")
                .close("p");
        return Layout.page(v.section(Layout.CONVENTIONS), m.t("secret.title", id), null, h);
    }

    // ------------------------------------------------------------------ certificates

    public static String certificates(
            View v,
            String id,
            String clientId,
            List<Certificate> certificates,
            String pem,
            String comment,
            String error,
            String flash) {
        Messages m = v.m();
        Html h = new Html();
        h.open("p")
                .element("a", m.t("detail.title", id), "href", conventionPath(v, id))
                .close("p");
        h.element("p", m.t("certs.intro", clientId));
        if (certificates.isEmpty()) {
            h.element("p", m.t("certs.none"), "class", "empty");
        } else {
            h.open("div", "class", "table-wrap").open("table", "id", "certificates");
            h.element("caption", m.t("certs.caption"));
            h.open("thead").open("tr");
            for (String col : List.of("col.subject", "col.issuerDn", "col.sha256", "col.notAfter", "col.uploaded")) {
                h.element("th", m.t(col), "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (Certificate c : certificates) {
                h.open("tr");
                h.element("th", c.subject(), "scope", "row");
                h.element("td", c.issuer());
                h.open("td").element("code", c.sha256(), "class", "hash").close("td");
                h.element("td", Layout.time(c.notAfter()));
                h.element("td", Layout.time(c.uploadedAt()) + " — " + c.uploadedBy());
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        h.open("form", "method", "post", "action", conventionPath(v, id) + "/certificates", "id", "certificate-form");
        Layout.csrf(h, v);
        if (error != null) {
            h.element("p", error, "class", "error", "role", "alert", "id", "error");
        }
        h.open("div", "class", "field")
                .element("label", m.t("certs.pem"), "for", "pem")
                .element(
                        "textarea",
                        pem,
                        "id",
                        "pem",
                        "name",
                        "pem",
                        "rows",
                        "14",
                        "cols",
                        "70",
                        "spellcheck",
                        "false",
                        "required",
                        "",
                        "placeholder",
                        "-----BEGIN CERTIFICATE-----",
                        "aria-invalid",
                        error != null ? "true" : null,
                        "aria-describedby",
                        error != null ? "error" : null)
                .close("div");
        commentField(h, m, comment);
        h.open("div", "class", "buttons")
                .element("button", m.t("certs.submit"), "type", "submit", "id", "upload")
                .close("div");
        h.close("form");
        return Layout.page(v.section(Layout.CONVENTIONS), m.t("certs.title", id), flash, h);
    }

    /** The optional comment (D-14) kept with a change: the same field in every form that changes a convention. */
    static void commentField(Html h, Messages m, String comment) {
        h.open("div", "class", "field");
        h.element("label", m.t("form.comment"), "for", "comment");
        h.empty(
                "input",
                "id",
                "comment",
                "name",
                "comment",
                "type",
                "text",
                "maxlength",
                "1024",
                "value",
                nonNull(comment));
        h.close("div");
    }

    static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
