package fr.interopsr.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * HSTS (issue 14): every answer given over HTTPS, directly or through a trusted proxy (D-2), carries
 * {@code Strict-Transport-Security} for one year; answers over plain HTTP never do (RFC 6797 7.2).
 * The authentication mechanism, which answers some requests before any filter runs, adds it too
 * ({@link #strictTransport}).
 *
 * <p>D-3: over plain HTTP the WAR serves metrics only ({@code MetricsServlet}; health is the server's). Everything else is
 * refused before any credential is read, never redirected: 400 {@code invalid_request}. The token
 * endpoint and {@code /api/} give their own protocol's answer to the same refusal.
 */
@WebFilter(urlPatterns = "/*")
public class HttpsOnlyFilter extends HttpFilter {

    @Inject
    ServerSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the path as the container routes it (CanonicalPath), never the raw request URI
        String path = CanonicalPath.routed(request);
        boolean ownAnswer = path.equals("/idp/token") || CanonicalPath.under(path, "/api") || path.equals("/metrics");
        boolean secure = strictTransport(request, response, settings.trustedProxies());
        if (ownAnswer || secure) {
            chain.doFilter(request, response);
            return;
        }
        JsonAnswer.error(response, 400, "invalid_request", "HTTPS required");
    }

    /** The HSTS header: one year (ASVS 5.0 3.4.1 asks for at least that). */
    public static final String HSTS = "max-age=31536000";

    /**
     * Adds {@code Strict-Transport-Security} when the request came over HTTPS (directly or through a
     * trusted proxy, D-2); returns whether it did.
     */
    public static boolean strictTransport(
            HttpServletRequest request, HttpServletResponse response, Set<String> trustedProxies) {
        boolean secure = RequestOrigin.of(
                        request.getRemoteAddr(), request.isSecure(), request::getHeader, trustedProxies)
                .secure();
        if (secure) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        return secure;
    }
}
