package fr.interopsr.app;

import fr.interopsr.admin.login.AdminAuthentication;
import fr.interopsr.provider.ViAuthentication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The WAR's one authentication mechanism (Jakarta Security allows one: D-21), choosing by path:
 * {@code /api/*} a VI (Bearer, IR-7); {@code /admin/*} an administrator (Basic for the API, a
 * login form for the console). Every other path is public or authenticates on its own (the token
 * endpoint authenticates client applications itself).
 */
@ApplicationScoped
public class PathAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    ViAuthentication vi;

    @Inject
    AdminAuthentication admin;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            return vi.authenticate(request, response, context);
        }
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return admin.authenticate(request, response, context, path);
        }
        return context.doNothing();
    }
}
