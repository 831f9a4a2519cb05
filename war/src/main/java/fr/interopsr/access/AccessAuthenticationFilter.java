package fr.interopsr.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Completes the client-certificate authentication of {@code /access/*} when the mechanism had to wait for the TLS
 * details (Undertow exposes them after authentication, D-4): it asks the container to authenticate the request
 * again, which calls the same mechanism with the certificate visible. Elsewhere it only passes requests on. It also
 * repeats the AuthZEN {@code X-Request-ID} ({@link AuthzenRequestId}), should the mechanism not have run.
 */
@WebFilter(urlPatterns = {"/access/*", AuthzenConfigurationResource.PATH})
public class AccessAuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AuthzenRequestId.echo(request, response);
        if (request.getAttribute(AccessAuthentication.DEFERRED) != null && request.getUserPrincipal() == null) {
            boolean authenticated;
            try {
                authenticated = request.authenticate(response);
            } catch (ServletException e) {
                if (response.isCommitted()) {
                    return;
                }
                throw e;
            }
            if (!authenticated) {
                return; // the mechanism has answered: 401, or 503
            }
        }
        chain.doFilter(request, response);
    }
}
