package fr.interopsr.admin.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The console's CSRF protection: one random token per session, written in every form and
 * checked on every state change (issue 4).
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

    /** Whether the submitted token is the session's (constant time). */
    public static boolean valid(HttpServletRequest request, String submitted) {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(ATTRIBUTE);
        return token instanceof String s
                && submitted != null
                && MessageDigest.isEqual(
                        s.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
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
