package fr.interopsr.admin.console;

import fr.interopsr.access.AccessDecision;
import fr.interopsr.access.AccessQuestion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The "Would this call be allowed?" page (issue 18 §3): the question's form, and the decision of the data provider's
 * rules with the rule that refused, the convention and revision they came from, and what was taken as it is now.
 * Plain HTML, no script.
 */
public final class AccessViews {

    private AccessViews() {}

    /**
     * The page.
     *
     * @param form      the question as typed (kept on a refusal)
     * @param problem   why the question could not be asked (shown at its field), or null
     * @param decision  the decision, or null before the first question
     * @param id        the evaluation's id (the correlation id of its ACCESS_DECISION trace), or null
     * @param replayOf  the trace replayed, or null for a question of the form
     */
    public static String page(
            View v, AccessCheckForm form, String problem, AccessDecision decision, String id, Long replayOf) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", m.t("access.intro"));
        String field = AccessCheckForm.fieldOf(problem);
        if (problem != null && field == null) {
            h.element("p", problem, "class", "error", "role", "alert", "id", "error");
        }
        if (decision != null) {
            result(h, v, decision, id, replayOf);
        }
        h.open("form", "method", "post", "action", v.base() + "/access", "id", "access-form", "novalidate", "");
        Layout.csrf(h, v);
        Map<String, String> values = form.values();
        h.open("fieldset").element("legend", m.t("access.subject"));
        h.open("div", "class", "field").element("span", m.t("access.subjectType"), "class", "label");
        for (String type : List.of(AccessQuestion.CLIENT, AccessQuestion.CONVENTION)) {
            h.open("div")
                    .empty(
                            "input",
                            "type",
                            "radio",
                            "name",
                            "subjectType",
                            "value",
                            type,
                            "id",
                            "a-subjectType-" + type,
                            "checked",
                            type.equals(values.get("subjectType")) ? "" : null)
                    .element("label", m.t("access.subjectType." + type), "for", "a-subjectType-" + type)
                    .close("div");
        }
        fieldProblem(h, "subjectType", field, problem);
        h.close("div");
        input(h, m, "subjectId", values, field, problem);
        h.close("fieldset");

        h.open("fieldset").element("legend", m.t("access.call"));
        h.open("div", "class", "field").element("label", m.t("access.method"), "for", "a-method");
        h.open("select", "id", "a-method", "name", "method");
        for (String method : AccessCheckForm.METHODS) {
            h.element("option", method, "value", method, "selected", method.equals(values.get("method")) ? "" : null);
        }
        h.close("select");
        fieldProblem(h, "method", field, problem);
        h.close("div");
        input(h, m, "resource", values, field, problem);
        input(h, m, "at", values, field, problem);
        input(h, m, "scopes", values, field, problem);
        input(h, m, "address", values, field, problem);
        boolean badCertificate = "certificate".equals(field);
        h.open("div", "class", "field")
                .element("label", m.t("access.certificate"), "for", "a-certificate")
                .element("p", m.t("access.certificate.help"), "class", "help", "id", "a-certificate-help");
        h.element(
                "textarea",
                values.get("certificate"),
                "id",
                "a-certificate",
                "name",
                "certificate",
                "rows",
                "6",
                "spellcheck",
                "false",
                "aria-describedby",
                badCertificate ? "a-certificate-help a-certificate-problem" : "a-certificate-help",
                "aria-invalid",
                badCertificate ? "true" : null);
        fieldProblem(h, "certificate", field, problem);
        h.close("div");
        h.close("fieldset");
        h.open("div", "class", "buttons")
                .element("button", m.t("access.submit"), "type", "submit", "id", "evaluate")
                .close("div");
        h.close("form");
        // a change of language posts the question back (not asked again: the answer shows after Ask)
        View kept = v.keeping(
                new View.KeptForm("access-form", v.base() + "/access", "evaluate-default", m.t("access.submit"), null));
        return Layout.page(kept.section(Layout.ACCESS), m.t("access.title"), null, h);
    }

    private static void result(Html h, View v, AccessDecision d, String id, Long replayOf) {
        Messages m = v.m();
        h.open("section", "class", d.allowed() ? "decision allowed" : "decision refused", "id", "decision");
        h.open("h2", "role", "status");
        h.element(
                "span",
                m.t(d.allowed() ? "access.allowed" : "access.refused"),
                "class",
                "badge " + (d.allowed() ? "badge-success" : "badge-failure"),
                "id",
                "decision-value",
                "data-decision",
                Boolean.toString(d.allowed()));
        h.close("h2");
        if (replayOf != null) {
            h.element("p", m.t("access.replayOf", replayOf), "id", "replay-of");
        }
        h.open("dl", "class", "facts");
        if (!d.allowed()) {
            fact(h, m.t("access.step"), d.step(), "decision-step", true);
            fact(h, m.t("access.error"), d.error(), "decision-error", true);
        }
        fact(h, m.t("access.reason"), d.detail(), "decision-reason", false);
        if (d.conventionId() != null) {
            h.element("dt", m.t("access.convention"));
            h.open("dd", "id", "decision-convention");
            if (v.admin()) {
                h.element(
                        "a",
                        d.conventionId(),
                        "href",
                        v.base() + "/conventions/" + URLEncoder.encode(d.conventionId(), StandardCharsets.UTF_8));
            } else {
                h.text(d.conventionId());
            }
            h.text(" — " + m.t("access.revision", d.conventionRevision()));
            h.element("span", String.valueOf(d.conventionRevision()), "id", "decision-revision", "hidden", "");
            h.close("dd");
            fact(
                    h,
                    m.t("access.revisionFrom"),
                    Layout.time(d.revisionFrom()) + " UTC",
                    "decision-revision-from",
                    false);
        }
        if (d.requiredScope() != null) {
            fact(h, m.t("access.requiredScope"), d.requiredScope(), "decision-scope", true);
        }
        fact(h, m.t("access.at.judged"), Layout.time(d.at()) + " UTC", "decision-at", false);
        fact(
                h,
                m.t("access.rules"),
                m.t(d.pinned() ? "access.rules.pinned" : d.replay() ? "access.rules.past" : "access.rules.now"),
                "decision-rules",
                false);
        h.element("dt", m.t("access.current"));
        h.open("dd", "id", "decision-current").open("ul");
        for (String input : d.currentInputs()) {
            h.element("li", m.has("access.input." + input) ? m.t("access.input." + input) : input);
        }
        h.close("ul").close("dd");
        if (!d.ignoredInputs().isEmpty()) {
            fact(h, m.t("access.ignored"), String.join(", ", d.ignoredInputs()), "decision-ignored", false);
        }
        if (id != null) {
            h.element("dt", m.t("access.id"));
            h.open("dd");
            if (v.auditor()) {
                String correlation = id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
                h.element(
                        "a",
                        id,
                        "href",
                        v.base() + "/traces?kind=ACCESS_DECISION&correlationId="
                                + URLEncoder.encode(correlation, StandardCharsets.UTF_8),
                        "id",
                        "decision-id");
            } else {
                h.element("code", id, "id", "decision-id");
            }
            h.close("dd");
        }
        h.close("dl");
        h.close("section");
    }

    private static void fact(Html h, String label, String value, String id, boolean code) {
        h.element("dt", label);
        if (code) {
            h.open("dd", "id", id).element("code", value == null ? "" : value).close("dd");
        } else {
            h.element("dd", value == null ? "" : value, "id", id);
        }
    }

    private static void input(
            Html h, Messages m, String name, Map<String, String> values, String field, String problem) {
        boolean bad = name.equals(field);
        String help = m.has("access." + name + ".help") ? "a-" + name + "-help" : null;
        String describedBy =
                help == null ? (bad ? "a-" + name + "-problem" : null) : bad ? help + " a-" + name + "-problem" : help;
        h.open("div", "class", "field wide").element("label", m.t("access." + name), "for", "a-" + name);
        if (help != null) {
            h.element("p", m.t("access." + name + ".help"), "class", "help", "id", help);
        }
        h.empty(
                "input",
                "type",
                "text",
                "id",
                "a-" + name,
                "name",
                name,
                "value",
                values.get(name),
                "spellcheck",
                "false",
                "autocapitalize",
                "off",
                "aria-describedby",
                describedBy,
                "aria-invalid",
                bad ? "true" : null);
        fieldProblem(h, name, field, problem);
        h.close("div");
    }

    private static void fieldProblem(Html h, String name, String field, String problem) {
        if (name.equals(field)) {
            h.element("p", problem, "class", "error", "role", "alert", "id", "a-" + name + "-problem");
        }
    }
}
