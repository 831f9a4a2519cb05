package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import java.util.List;
import java.util.TreeSet;

/** The login page and the refusal pages. */
public final class CommonViews {

    private CommonViews() {}

    /** The login form: posts j_username, j_password and the CSRF token to {@code /admin/login}. */
    public static String login(View v, boolean error) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", m.t("login.intro"));
        if (error) {
            h.element("p", m.t("login.error"), "class", "error", "role", "alert", "id", "login-error");
        }
        h.open("form", "class", "login", "method", "post", "action", v.base() + "/login", "id", "login-form");
        Layout.csrf(h, v);
        h.open("div", "class", "field")
                .element("label", m.t("login.username"), "for", "j_username")
                .empty(
                        "input",
                        "id",
                        "j_username",
                        "name",
                        "j_username",
                        "type",
                        "text",
                        "autocomplete",
                        "username",
                        "required",
                        "",
                        "autofocus",
                        "",
                        "autocapitalize",
                        "off",
                        "spellcheck",
                        "false",
                        "aria-describedby",
                        error ? "login-error" : null)
                .close("div");
        h.open("div", "class", "field")
                .element("label", m.t("login.password"), "for", "j_password")
                .empty(
                        "input",
                        "id",
                        "j_password",
                        "name",
                        "j_password",
                        "type",
                        "password",
                        "autocomplete",
                        "current-password",
                        "required",
                        "")
                .close("div");
        h.open("div", "class", "buttons")
                .element("button", m.t("login.submit"), "type", "submit", "id", "login")
                .close("div");
        h.close("form");
        return Layout.page(v, m.t("login.title"), null, h);
    }

    /** 403 for a caller without the page's role: says which role, which roles the caller has, and where to go. */
    public static String forbiddenRole(View v, List<String> needed) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", m.t("forbidden.role", String.join(" / ", needed), v.user()), "id", "forbidden");
        h.element(
                "p",
                m.t(
                        "forbidden.roles",
                        v.roles().isEmpty() ? m.t("forbidden.none") : String.join(", ", new TreeSet<>(v.roles()))));
        homeLinks(h, v);
        return Layout.page(v, m.t("forbidden.title"), null, h);
    }

    /** 403 for a form without a valid CSRF token. */
    public static String forbiddenCsrf(View v) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", m.t("forbidden.csrf"), "id", "forbidden", "role", "alert");
        homeLinks(h, v);
        return Layout.page(v, m.t("forbidden.title"), null, h);
    }

    /** A refusal that is not about a form (404, 409, 400), with its description. */
    public static String refused(View v, int status, String description) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", description, "id", "refusal", "role", "alert");
        homeLinks(h, v);
        return Layout.page(v, status == 404 ? m.t("notfound.title") : m.t("error.title"), null, h);
    }

    private static void homeLinks(Html h, View v) {
        Messages m = v.m();
        if (!v.admin() && !v.auditor()) {
            return;
        }
        h.element("p", m.t("forbidden.home"));
        h.open("ul");
        if (v.roles().contains(AdminRoles.ADMIN)) {
            h.open("li")
                    .element("a", m.t("nav.conventions"), "href", v.base() + "/")
                    .close("li");
        }
        if (v.roles().contains(AdminRoles.AUDITOR)) {
            h.open("li")
                    .element("a", m.t("nav.traces"), "href", v.base() + "/traces")
                    .close("li");
            h.open("li")
                    .element("a", m.t("nav.verify"), "href", v.base() + "/traces/verify")
                    .close("li");
        }
        h.close("ul");
    }
}
