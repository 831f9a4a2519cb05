package fr.interopsr.admin.console;

import fr.interopsr.provider.Revocation;
import java.util.List;

/**
 * The revocations page (issue 17): the form that revokes, then the revocations in force on this node, newest first.
 * Plain HTML, no script (the console's CSP allows none).
 */
public final class RevocationViews {

    private RevocationViews() {}

    /** The page; {@code error} is a refusal to show above the form, or null. */
    public static String page(View v, List<Revocation> revocations, String error) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", m.t("revocations.intro"));
        if (error != null) {
            h.element("p", error, "class", "error", "role", "alert", "id", "revocation-error");
        }
        h.open("form", "method", "post", "action", v.base() + "/revocations", "id", "revoke-form");
        Layout.csrf(h, v);
        h.open("fieldset").element("legend", m.t("revocations.kind"));
        for (String kind : List.of("jti", "client", "convention")) {
            h.open("div", "class", "field")
                    .empty(
                            "input",
                            "type",
                            "radio",
                            "name",
                            "kind",
                            "value",
                            kind,
                            "id",
                            "r-kind-" + kind,
                            "required",
                            "required")
                    .element("label", m.t("revocations.kind." + kind), "for", "r-kind-" + kind)
                    .close("div");
        }
        h.close("fieldset");
        h.open("div", "class", "field")
                .element("label", m.t("revocations.value"), "for", "r-value")
                .empty("input", "type", "text", "name", "value", "id", "r-value", "required", "required")
                .close("div");
        h.open("div", "class", "field")
                .element("label", m.t("revocations.comment"), "for", "r-comment")
                .empty("input", "type", "text", "name", "comment", "id", "r-comment", "maxlength", "1024")
                .close("div");
        h.open("div", "class", "buttons")
                .element("button", m.t("revocations.submit"), "type", "submit", "id", "revoke")
                .close("div");
        h.close("form");

        h.element("h2", m.t("revocations.active"));
        if (revocations.isEmpty()) {
            h.element("p", m.t("revocations.none"), "class", "empty", "id", "no-revocations");
        } else {
            h.open("div", "class", "table-wrap").open("table", "id", "revocations");
            h.element("caption", m.t("revocations.caption"));
            h.open("thead").open("tr");
            for (String col : List.of(
                    "revocations.col.revoked",
                    "revocations.col.target",
                    "col.by",
                    "revocations.col.until",
                    "revocations.col.comment")) {
                h.element("th", m.t(col), "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (Revocation r : revocations) {
                h.open("tr", "data-id", r.id());
                h.element("td", Layout.time(r.revokedAt()), "class", "nowrap");
                h.element("td", r.target());
                h.element("td", r.revokedBy());
                h.element("td", Layout.time(r.keptUntil()), "class", "nowrap");
                h.element("td", r.comment() == null ? "" : r.comment());
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        return Layout.page(v.section(Layout.REVOCATIONS), m.t("revocations.title"), null, h);
    }
}
