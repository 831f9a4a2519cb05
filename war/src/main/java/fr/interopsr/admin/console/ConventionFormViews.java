package fr.interopsr.admin.console;

import fr.interopsr.admin.console.ConventionFields.Field;
import fr.interopsr.admin.console.ConventionFields.Group;
import fr.interopsr.admin.console.ConventionFields.Kind;
import fr.interopsr.admin.console.ConventionForm.Checked;
import fr.interopsr.admin.console.ConventionForm.Placed;
import fr.interopsr.convention.document.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The convention form and the terms of the detail page (issue 18 §1, P-60), rendered from plain values: one field per
 * term, in the groups of {@link ConventionFields}, each with its label, its help text and its problems; rows of lists
 * added and removed with submit buttons (no script: the console's CSP has none); certificates uploaded as PEM files
 * and shown before saving.
 */
public final class ConventionFormViews {

    /** The name of the file input of a group's upload: {@code file.<group key>}. */
    public static final String FILE_PREFIX = "file.";

    private static final String ALGORITHMS_LIST = "algorithms";

    private ConventionFormViews() {}

    /**
     * The form: {@code id} null for a new convention; {@code checked} null before any check; {@code uploads} the
     * pending uploads to show, by group key; {@code description} a refusal of the service (or null).
     */
    public static String form(
            View v,
            String id,
            ConventionForm form,
            Map<String, PendingUploads.Shown> uploads,
            Checked checked,
            String comment,
            String description) {
        Messages m = v.m();
        boolean create = id == null;
        String title = create ? m.t("form.create.title") : m.t("form.edit.title", id);
        List<Placed> problems = checked == null ? List.of() : checked.problems();
        Html h = new Html();
        String action = create ? v.base() + "/conventions/new" : ConventionViews.conventionPath(v, id) + "/edit";
        h.open(
                "form",
                "class",
                "convention-form",
                "method",
                "post",
                "enctype",
                "multipart/form-data",
                "action",
                action,
                "id",
                "convention-form",
                "novalidate",
                "");
        Layout.csrf(h, v);
        h.element("p", m.t("form.intro"), "class", "help", "id", "form-intro");
        if (description != null || !problems.isEmpty()) {
            summary(h, m, description, problems);
        } else if (checked != null && checked.valid()) {
            h.element("p", m.t("form.checked"), "class", "flash", "role", "status", "id", "checked");
        }
        h.open("datalist", "id", ALGORITHMS_LIST);
        for (String a : ConventionFields.ALGORITHMS) {
            h.empty("option", "value", a);
        }
        h.close("datalist");
        for (Group g : ConventionFields.GROUPS) {
            group(h, m, g, form, uploads, checked, !create, 2);
        }
        ConventionViews.commentField(h, m, comment);
        h.open("div", "class", "buttons");
        h.element(
                "button",
                create ? m.t("form.create") : m.t("form.save"),
                "type",
                "submit",
                "name",
                "op",
                "value",
                "save",
                "id",
                "save");
        h.element(
                "button",
                m.t("form.check"),
                "type",
                "submit",
                "name",
                "op",
                "value",
                "check",
                "id",
                "check",
                "class",
                "secondary");
        h.element(
                "button",
                m.t("form.toJson"),
                "type",
                "submit",
                "name",
                "op",
                "value",
                "json",
                "id",
                "to-json",
                "class",
                "secondary");
        h.element("a", m.t("form.cancel"), "href", create ? v.base() + "/" : ConventionViews.conventionPath(v, id));
        h.close("div");
        h.close("form");
        // Enter checks, never saves nor removes a row; a change of language posts the form back
        View kept =
                v.keeping(new View.KeptForm("convention-form", action, "check-default", m.t("form.check"), "check"));
        return Layout.page(kept.section(Layout.CONVENTIONS), title, null, h);
    }

    /** Every problem at the top of the form, each a link to its field. */
    private static void summary(Html h, Messages m, String description, List<Placed> problems) {
        h.open(
                "section",
                "class",
                "problems form-problems",
                "id",
                "problems",
                "role",
                "alert",
                "aria-labelledby",
                "problems-title");
        h.element("h2", m.t("problems.title", problems.size()), "id", "problems-title");
        if (description != null) {
            h.element("p", description, "id", "problems-description");
        }
        if (!problems.isEmpty()) {
            h.open("ul", "id", "problem-list");
            for (Placed p : problems) {
                h.open("li", "class", "problem", "data-field", p.key() == null ? Problem.DOCUMENT : p.key());
                if (p.key() == null) {
                    h.element("span", label(m, p.problem().field()) + ": ", "class", "problem-field");
                } else {
                    h.element("a", where(m, p), "href", "#" + anchor(p), "class", "problem-field");
                    h.text(": ");
                }
                h.element("span", p.problem().message(), "class", "problem-message");
                h.close("li");
            }
            h.close("ul");
        }
        h.close("section");
    }

    /** The label of a problem's place: the field's (with its row), or the group's. */
    private static String where(Messages m, Placed p) {
        String name = ConventionFields.field(p.key()).isPresent() ? m.t("field." + p.key()) : m.t("group." + p.key());
        return p.row() >= 0 ? m.t("form.row.of", name, p.row() + 1) : name;
    }

    private static String label(Messages m, String path) {
        return Problem.DOCUMENT.equals(path) ? m.t("problems.document") : path;
    }

    private static String anchor(Placed p) {
        return ConventionFields.field(p.key())
                .map(f -> p.row() >= 0 ? f.rowId(p.row()) : f.htmlId())
                .orElseGet(
                        () -> ConventionFields.group(p.key()).map(Group::htmlId).orElse("problems"));
    }

    private static void group(
            Html h,
            Messages m,
            Group g,
            ConventionForm form,
            Map<String, PendingUploads.Shown> uploads,
            Checked checked,
            boolean editing,
            int level) {
        h.open("fieldset", "id", g.htmlId(), "class", "group");
        h.element("legend", m.t("group." + g.key()));
        h.element("p", m.t("group." + g.key() + ".help"), "class", "help");
        problemList(h, checked == null ? List.of() : checked.at(g.key(), -1), g.htmlId() + "-problems");
        for (Field f : g.fields()) {
            field(h, m, f, form, checked, editing && f.key().equals("id"));
        }
        if (g.upload()) {
            upload(h, m, g, form, uploads.get(g.key()));
        }
        for (Group s : g.subgroups()) {
            // an optional block is folded while it is empty and has nothing to show (no script: a details element)
            boolean open = given(s, form)
                    || uploads.containsKey(s.key())
                    || (checked != null
                            && checked.problems().stream()
                                    .anyMatch(p -> p.key() != null && ConventionForm.within(p.key(), s.key())));
            h.open("details", "class", "optional", "id", s.htmlId() + "-details", "open", open ? "" : null);
            h.element("summary", m.t("group." + s.key()), "id", s.htmlId() + "-summary");
            group(h, m, s, form, uploads, checked, editing, level + 1);
            h.close("details");
        }
        h.close("fieldset");
    }

    /** Whether one field of an optional group holds something. */
    private static boolean given(Group g, ConventionForm form) {
        return g.fields().stream()
                .anyMatch(f -> f.kind() == Kind.LIST
                        ? form.rows(f.key()).stream().anyMatch(r -> !r.isBlank())
                        : f.kind() == Kind.CHECKBOX
                                ? form.checked(f.key())
                                : !form.value(f.key()).isBlank());
    }

    private static void field(Html h, Messages m, Field f, ConventionForm form, Checked checked, boolean readonly) {
        String id = f.htmlId();
        String helpId = id + "-help";
        List<Placed> here = checked == null ? List.of() : checked.at(f.key(), -1);
        boolean invalid = checked != null && !checked.anywhere(f.key()).isEmpty();
        String describedBy = here.isEmpty() ? helpId : helpId + " " + id + "-problems";
        String label = m.t("field." + f.key());
        String help = m.t("field." + f.key() + ".help");
        if (f.kind() == Kind.LIST) {
            list(h, m, f, form, checked, label, help, invalid);
            return;
        }
        h.open("div", "class", invalid ? "field invalid" : "field", "data-field", f.key());
        if (f.kind() == Kind.CHECKBOX) {
            h.open("div", "class", "check");
            h.empty(
                    "input",
                    "type",
                    "checkbox",
                    "id",
                    id,
                    "name",
                    f.key(),
                    "value",
                    "true",
                    "checked",
                    form.checked(f.key()) ? "" : null,
                    "aria-describedby",
                    describedBy,
                    "aria-invalid",
                    invalid ? "true" : null);
            h.element("label", label, "for", id);
            h.close("div");
            h.element("p", help, "class", "help", "id", helpId);
        } else {
            h.element("label", label, "for", id);
            h.element("p", help, "class", "help", "id", helpId);
            String value = form.value(f.key());
            switch (f.kind()) {
                case SELECT -> {
                    h.open(
                            "select",
                            "id",
                            id,
                            "name",
                            f.key(),
                            "aria-describedby",
                            describedBy,
                            "aria-invalid",
                            invalid ? "true" : null);
                    List<String> options = new ArrayList<>(f.options());
                    if (!options.contains(value)) {
                        options.add(value);
                    }
                    for (String o : options) {
                        h.element(
                                "option",
                                o.isEmpty() ? m.t("form.none") : o,
                                "value",
                                o,
                                "selected",
                                o.equals(value) ? "" : null);
                    }
                    h.close("select");
                }
                case JSON, MULTILINE ->
                    h.element(
                            "textarea",
                            // the HTML parser drops one newline right after <textarea>: a value's own first one is kept
                            "\n" + value,
                            "id",
                            id,
                            "name",
                            f.key(),
                            "rows",
                            f.kind() == Kind.JSON ? "6" : "8",
                            "cols",
                            "70",
                            "spellcheck",
                            "false",
                            "autocapitalize",
                            "off",
                            "class",
                            "code",
                            "aria-describedby",
                            describedBy,
                            "aria-invalid",
                            invalid ? "true" : null);
                case NUMBER ->
                    h.empty(
                            "input",
                            "type",
                            "text",
                            "inputmode",
                            "numeric",
                            "id",
                            id,
                            "name",
                            f.key(),
                            "value",
                            value,
                            "class",
                            "number",
                            "aria-describedby",
                            describedBy,
                            "aria-invalid",
                            invalid ? "true" : null);
                default ->
                    h.empty(
                            "input",
                            "type",
                            "text",
                            "id",
                            id,
                            "name",
                            f.key(),
                            "value",
                            value,
                            "spellcheck",
                            "false",
                            "autocapitalize",
                            "off",
                            "readonly",
                            readonly ? "" : null,
                            "aria-describedby",
                            describedBy,
                            "aria-invalid",
                            invalid ? "true" : null);
            }
        }
        problemList(h, here, id + "-problems");
        h.close("div");
    }

    private static void list(
            Html h,
            Messages m,
            Field f,
            ConventionForm form,
            Checked checked,
            String label,
            String help,
            boolean invalid) {
        String id = f.htmlId();
        h.open(
                "fieldset",
                "id",
                id,
                "class",
                invalid ? "list invalid" : "list",
                "data-field",
                f.key(),
                "aria-describedby",
                id + "-help");
        h.element("legend", label);
        h.element("p", help, "class", "help", "id", id + "-help");
        problemList(h, checked == null ? List.of() : checked.at(f.key(), -1), id + "-problems");
        List<String> rows = form.rows(f.key());
        if (rows.isEmpty()) {
            h.element("p", m.t("form.row.none"), "class", "muted empty-list");
        } else {
            h.open("ol", "class", "rows");
            for (int i = 0; i < rows.size(); i++) {
                String rowId = f.rowId(i);
                List<Placed> here = checked == null ? List.of() : checked.at(f.key(), i);
                h.open("li", "class", here.isEmpty() ? "row" : "row invalid");
                h.element("label", m.t("form.row.of", label, i + 1), "for", rowId, "class", "sr-only");
                h.empty(
                        "input",
                        "type",
                        "text",
                        "id",
                        rowId,
                        "name",
                        f.key(),
                        "value",
                        rows.get(i),
                        "spellcheck",
                        "false",
                        "autocapitalize",
                        "off",
                        "list",
                        f.key().equals("identityProvider.signatureAlgorithms") ? ALGORITHMS_LIST : null,
                        "aria-describedby",
                        here.isEmpty() ? null : rowId + "-problems",
                        "aria-invalid",
                        here.isEmpty() ? null : "true");
                h.element(
                        "button",
                        m.t("form.row.remove"),
                        "type",
                        "submit",
                        "name",
                        "op",
                        "value",
                        "remove:" + f.key() + ":" + i,
                        "id",
                        "remove-" + rowId,
                        "class",
                        "secondary small",
                        "aria-label",
                        m.t("form.row.removeOf", label, i + 1));
                problemList(h, here, rowId + "-problems");
                h.close("li");
            }
            h.close("ol");
        }
        h.element(
                "button",
                m.t("form.row.add"),
                "type",
                "submit",
                "name",
                "op",
                "value",
                "add:" + f.key(),
                "id",
                "add-" + id,
                "class",
                "secondary small",
                "aria-label",
                m.t("form.row.addTo", label));
        h.close("fieldset");
    }

    private static void upload(Html h, Messages m, Group g, ConventionForm form, PendingUploads.Shown shown) {
        String id = g.htmlId() + "-file";
        h.open("div", "class", "field upload", "data-upload", g.key());
        h.element("label", m.t("form.upload", m.t("group." + g.key())), "for", id);
        h.element("p", m.t("form.upload.help"), "class", "help", "id", id + "-help");
        h.empty(
                "input",
                "type",
                "file",
                "id",
                id,
                "name",
                FILE_PREFIX + g.key(),
                "accept",
                ".pem,.crt,.cer,application/x-pem-file",
                "aria-describedby",
                id + "-help");
        h.element(
                "button",
                m.t("form.upload.read"),
                "type",
                "submit",
                "name",
                "op",
                "value",
                "upload",
                "id",
                "read-" + id,
                "class",
                "secondary small");
        form.upload(g.key()).ifPresent(handle -> {
            if (shown != null) {
                h.empty("input", "type", "hidden", "name", ConventionForm.UPLOAD_PREFIX + g.key(), "value", handle);
            }
        });
        if (shown != null) {
            h.open(
                    "section",
                    "class",
                    "uploaded",
                    "id",
                    g.htmlId() + "-uploaded",
                    "aria-label",
                    m.t("form.upload.shown"));
            h.element("p", m.t("form.upload.pending"), "class", "help");
            h.open("dl", "class", "facts");
            fact(h, m.t("col.subject"), shown.subjectDn(), "subject");
            fact(h, m.t("col.issuerDn"), shown.issuerDn(), "issuer");
            fact(h, m.t("form.upload.notBefore"), Layout.time(shown.notBefore()) + " UTC", "not-before");
            fact(h, m.t("col.notAfter"), Layout.time(shown.notAfter()) + " UTC", "not-after");
            h.element("dt", m.t("col.sha256"));
            h.open("dd", "data-fact", "sha256")
                    .element("code", shown.sha256(), "class", "hash")
                    .close("dd");
            h.close("dl");
            if (shown.warning() != null) {
                h.element("p", shown.warning(), "class", "warning");
            }
            h.close("section");
        }
        h.close("div");
    }

    private static void fact(Html h, String name, String value, String key) {
        h.element("dt", name).element("dd", value, "data-fact", key);
    }

    private static void problemList(Html h, List<Placed> problems, String id) {
        if (problems.isEmpty()) {
            return;
        }
        h.open("ul", "class", "field-problems", "id", id);
        for (Placed p : problems) {
            h.element("li", p.problem().message(), "class", "field-problem");
        }
        h.close("ul");
    }

    // ------------------------------------------------------------------ the detail page

    /** The terms of a document in the form's groups, with the same labels, read only. */
    public static void terms(Html h, Messages m, ConventionForm form) {
        for (Group g : ConventionFields.GROUPS) {
            h.open(
                    "section",
                    "class",
                    "terms",
                    "id",
                    "terms-" + g.key(),
                    "aria-labelledby",
                    "terms-" + g.key() + "-title");
            h.element("h2", m.t("group." + g.key()), "id", "terms-" + g.key() + "-title");
            termList(h, m, g, form);
            for (Group s : g.subgroups()) {
                h.open(
                        "section",
                        "class",
                        "terms sub",
                        "id",
                        "terms-" + s.key().replace('.', '-'),
                        "aria-labelledby",
                        "terms-" + s.key().replace('.', '-') + "-title");
                h.element(
                        "h3", m.t("group." + s.key()), "id", "terms-" + s.key().replace('.', '-') + "-title");
                boolean given = s.fields().stream()
                        .anyMatch(f -> f.kind() == Kind.LIST
                                ? !form.rows(f.key()).isEmpty()
                                : !form.value(f.key()).isBlank());
                if (given) {
                    termList(h, m, s, form);
                } else {
                    h.element("p", m.t("terms.absent." + s.key()), "class", "muted");
                }
                h.close("section");
            }
            h.close("section");
        }
    }

    private static void termList(Html h, Messages m, Group g, ConventionForm form) {
        h.open("dl", "class", "terms-list");
        for (Field f : g.fields()) {
            h.open("dt").text(m.t("field." + f.key())).close("dt");
            h.open("dd", "data-term", f.key());
            switch (f.kind()) {
                case LIST -> {
                    List<String> rows = form.rows(f.key());
                    if (rows.isEmpty()) {
                        h.element("span", m.t("terms.none"), "class", "muted");
                    } else {
                        h.open("ul", "class", "values");
                        rows.forEach(r -> h.open("li").element("code", r).close("li"));
                        h.close("ul");
                    }
                }
                case CHECKBOX -> h.text(form.checked(f.key()) ? m.t("terms.yes") : m.t("terms.no"));
                case JSON, MULTILINE -> {
                    String value = form.value(f.key());
                    if (value.isBlank()) {
                        h.element("span", m.t("terms.none"), "class", "muted");
                    } else {
                        h.open("pre", "class", "document small", "tabindex", "0")
                                .element("code", value)
                                .close("pre");
                    }
                }
                default -> {
                    String value = form.value(f.key());
                    if (value.isBlank()) {
                        h.element("span", m.t("terms.none"), "class", "muted");
                    } else {
                        h.element("span", value, "class", f.kind() == Kind.TEXT ? "value" : null);
                    }
                }
            }
            h.close("dd");
        }
        h.close("dl");
    }
}
