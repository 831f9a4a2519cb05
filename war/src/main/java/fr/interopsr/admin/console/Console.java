package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.admin.login.CsrfTokens;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.QueryString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the console's resources share: the page's {@link View}, HTML answers, redirects, the CSRF check. */
public final class Console {

    /** Session attribute: the language chosen with {@code ?lang=}. */
    static final String LANGUAGE = "interops.console.language";

    /**
     * Every page: no caching, no script at all (the console has none), no framing, no referrer, and
     * forms may post only to this origin.
     */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private Console() {}

    /**
     * The view of this request. {@code self} is the GET address of the page relative to the console
     * ({@code /conventions/x/edit}), for the language links; null to use the request's own address.
     */
    public static View view(HttpServletRequest request, String self) {
        String base = request.getContextPath() + "/admin";
        String queryLanguage = queryParameter(request.getQueryString(), "lang");
        HttpSession session = request.getSession(false);
        Object remembered = session == null ? null : session.getAttribute(LANGUAGE);
        String language = Messages.choose(
                queryLanguage, remembered instanceof String s ? s : null, request.getHeader("Accept-Language"));
        if (queryLanguage != null && Messages.LANGUAGES.contains(queryLanguage)) {
            request.getSession(true).setAttribute(LANGUAGE, queryLanguage);
        }
        Principal caller = request.getUserPrincipal();
        Set<String> roles = new LinkedHashSet<>();
        if (caller != null) {
            for (String role : AdminRoles.ALL) {
                if (request.isUserInRole(role)) {
                    roles.add(role);
                }
            }
        }
        String page = self != null ? base + self : request.getRequestURI() + withoutLanguage(request.getQueryString());
        return new View(
                Messages.of(language),
                base,
                caller == null ? null : caller.getName(),
                roles,
                CsrfTokens.token(request),
                page,
                null);
    }

    /** Whether the form's CSRF token is the session's. */
    public static boolean csrfValid(HttpServletRequest request, String submitted) {
        return CsrfTokens.valid(request, submitted);
    }

    public static String actor(HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        return caller == null ? "unknown" : caller.getName();
    }

    /** An HTML page with the console's security headers. */
    public static Response html(int status, String page) {
        return JsonAnswer.noStore(Response.status(status))
                .type("text/html;charset=UTF-8")
                .entity(page)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** 303 to a path of this server (Post/Redirect/Get). */
    public static Response seeOther(String path) {
        return JsonAnswer.noStore(Response.status(303)).header("Location", path).build();
    }

    public static Response forbiddenCsrf(HttpServletRequest request) {
        return html(403, CommonViews.forbiddenCsrf(view(request, "/")));
    }

    /** A path segment, percent-encoded. */
    public static String segment(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The first value of a query parameter, decoded; null when absent or malformed ({@link QueryString}). */
    static String queryParameter(String query, String name) {
        return QueryString.parse(query).first(name).orElse(null);
    }

    /** The query string without its {@code lang} parameter, with its {@code ?}, or empty. */
    static String withoutLanguage(String query) {
        return QueryString.parse(query).without("lang");
    }
}
