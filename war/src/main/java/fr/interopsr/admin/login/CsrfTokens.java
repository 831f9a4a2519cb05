package fr.interopsr.admin.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The console's CSRF protection: one random token per session, written in every form and
 * checked on every state change (issue 4). Issue 14 adds, as defence in depth, the browser's own
 * word on where a POST comes from: one whose {@code Origin} is present and not this server's, or
 * whose {@code Sec-Fetch-Site} is {@code cross-site}, is refused whatever its token.
 */
public final class CsrfTokens {

    public static final String FIELD = "csrf";
    private static final String ATTRIBUTE = "interops.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {}

    /** The session's token, made on first use. */
    public static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        if (token instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, fresh);
        return fresh;
    }

    /**
     * Whether the submitted token is the session's (constant time), on a request that no browser
     * marked as coming from another site.
     */
    public static boolean valid(HttpServletRequest request, String submitted) {
        if (crossSite(request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), request.getHeader("Host"))) {
            return false;
        }
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(ATTRIBUTE);
        return token instanceof String s
                && submitted != null
                && MessageDigest.isEqual(
                        s.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether a browser says that the request comes from another site (issue 14): an {@code Origin}
     * present and other than {@code https://<Host>}, or {@code Sec-Fetch-Site: cross-site}. Absent
     * headers say nothing (older clients): the token decides. So does the opaque origin {@code null}:
     * browsers send it for a POST from a page with {@code Referrer-Policy: no-referrer}, which is
     * every console page; a cross-site one is still told by {@code Sec-Fetch-Site}.
     */
    public static boolean crossSite(String origin, String secFetchSite, String host) {
        if (secFetchSite != null && secFetchSite.strip().equalsIgnoreCase("cross-site")) {
            return true;
        }
        if (origin == null || origin.strip().equals("null")) {
            return false;
        }
        return host == null || !origin.strip().equalsIgnoreCase("https://" + host.strip());
    }

    /** A new token after login (the one seen before login is dropped). */
    public static void renew(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
        token(request);
    }
}
