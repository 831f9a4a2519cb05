package fr.interopsr.admin.console;

import fr.interopsr.admin.login.CsrfTokens;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The frame of every page: head, skip link, menu, languages, logout form, then the page's content. */
public final class Layout {

    public static final String CONVENTIONS = "conventions";
    public static final String TRACES = "traces";
    public static final String VERIFY = "verify";
    public static final String REVOCATIONS = "revocations";
    public static final String ACCESS = "access";
    public static final String DASHBOARD = "dashboard";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Layout() {}

    /** A whole page: {@code title} is the h1 and the document's title; {@code flash} a status message or null. */
    public static String page(View v, String title, String flash, Html content) {
        Messages m = v.m();
        Html h = new Html().markup("<!DOCTYPE html>\n");
        h.open("html", "lang", m.language());
        h.open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title + " — " + m.t("app.name"))
                .empty("link", "rel", "stylesheet", "href", v.base() + "/assets/console.css")
                .close("head");
        h.open("body");
        h.element("a", m.t("skip"), "class", "skip", "href", "#main");
        View.KeptForm kept = v.kept();
        if (kept != null) {
            // the kept form's language buttons come before it: Enter must still press its own default button,
            // which the browser takes as the form's first submit button in the page's order
            h.element(
                    "button",
                    kept.defaultLabel(),
                    "type",
                    "submit",
                    "form",
                    kept.id(),
                    "name",
                    kept.defaultOp() == null ? null : "op",
                    "value",
                    kept.defaultOp(),
                    "id",
                    kept.defaultId(),
                    "class",
                    "sr-only",
                    "tabindex",
                    "-1",
                    "aria-hidden",
                    "true");
        }
        h.open("header", "class", "top");
        h.element("a", m.t("app.name"), "class", "brand", "href", v.base() + "/");
        if (v.user() != null) {
            h.open("nav", "aria-label", m.t("nav.main")).open("ul");
            if (v.admin()) {
                menu(h, v.base() + "/", m.t("nav.conventions"), Layout.CONVENTIONS.equals(v.section()));
                menu(h, v.base() + "/revocations", m.t("nav.revocations"), Layout.REVOCATIONS.equals(v.section()));
            }
            if (v.admin() || v.auditor()) {
                menu(h, v.base() + "/dashboard", m.t("nav.dashboard"), Layout.DASHBOARD.equals(v.section()));
            }
            if (v.auditor()) {
                menu(h, v.base() + "/traces", m.t("nav.traces"), Layout.TRACES.equals(v.section()));
                menu(h, v.base() + "/traces/verify", m.t("nav.verify"), Layout.VERIFY.equals(v.section()));
            }
            if (v.admin() || v.auditor()) {
                menu(h, v.base() + "/access", m.t("nav.access"), Layout.ACCESS.equals(v.section()));
            }
            h.close("ul").close("nav");
        }
        h.open("div", "class", "tools");
        h.open("nav", "class", "languages", "aria-label", m.t("nav.language")).open("ul");
        language(h, v, Messages.EN, "English");
        language(h, v, Messages.FR, "Français");
        h.close("ul").close("nav");
        if (v.user() != null) {
            h.open("form", "class", "logout", "method", "post", "action", v.base() + "/logout");
            h.element("span", m.t("nav.user", v.user()), "class", "user");
            csrf(h, v);
            h.element("button", m.t("nav.logout"), "type", "submit", "id", "logout");
            h.close("form");
        }
        h.close("div").close("header");
        h.open("main", "id", "main", "tabindex", "-1");
        h.element("h1", title);
        if (flash != null) {
            h.element("p", flash, "class", "flash", "role", "status", "id", "flash");
        }
        h.append(content);
        h.close("main").close("body").close("html");
        return h.toString();
    }

    private static void menu(Html h, String href, String label, boolean current) {
        h.open("li")
                .element("a", label, "href", href, "aria-current", current ? "page" : null)
                .close("li");
    }

    private static void language(Html h, View v, String language, String name) {
        boolean current = language.equals(v.m().language());
        if (v.kept() != null) {
            // a link would load the page again and lose what was typed: the form is posted back instead
            h.open("li")
                    .element(
                            "button",
                            name,
                            "type",
                            "submit",
                            "form",
                            v.kept().id(),
                            "formaction",
                            v.keptInLanguage(language),
                            "formnovalidate",
                            "",
                            "name",
                            "op",
                            "value",
                            View.LANGUAGE_OP,
                            "class",
                            "language",
                            "lang",
                            language,
                            "aria-current",
                            current ? "true" : null)
                    .close("li");
            return;
        }
        h.open("li")
                .element(
                        "a",
                        name,
                        "href",
                        v.inLanguage(language),
                        "hreflang",
                        language,
                        "lang",
                        language,
                        "aria-current",
                        current ? "true" : null)
                .close("li");
    }

    /** The hidden CSRF field every state-changing form carries. */
    public static void csrf(Html h, View v) {
        h.empty("input", "type", "hidden", "name", CsrfTokens.FIELD, "value", v.csrf());
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    public static String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    /** A status badge: the label, and a class per status for its colour (never colour alone). */
    public static void status(Html h, Messages m, String status) {
        String key = "status." + status;
        h.element("span", m.has(key) ? m.t(key) : status, "class", "badge badge-" + safeClass(status));
    }

    static String safeClass(String s) {
        return s == null ? "" : s.replaceAll("[^a-z]", "");
    }
}
