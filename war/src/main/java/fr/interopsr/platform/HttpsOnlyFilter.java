package fr.interopsr.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * D-3: over plain HTTP the WAR serves metrics only ({@code MetricsServlet}; health is the server's). Everything else is
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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean ownAnswer =
                path.equals("/idp/token") || path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics");
        if (ownAnswer
                || RequestOrigin.of(
                                request.getRemoteAddr(),
                                request.isSecure(),
                                request::getHeader,
                                settings.trustedProxies())
                        .secure()) {
            chain.doFilter(request, response);
            return;
        }
        JsonAnswer.error(response, 400, "invalid_request", "HTTPS required");
    }
}
