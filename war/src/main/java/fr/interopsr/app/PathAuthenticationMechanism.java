package fr.interopsr.app;

import fr.interopsr.access.AccessAuthentication;
import fr.interopsr.access.AuthzenRequestId;
import fr.interopsr.admin.login.AdminAuthentication;
import fr.interopsr.platform.CanonicalPath;
import fr.interopsr.platform.Correlation;
import fr.interopsr.platform.HttpsOnlyFilter;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.ServerSettings;
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
 * login form for the console); {@code /access/*} staff with Basic, else a partner client by its TLS client
 * certificate (D-27). Every other path is public or authenticates on its own (the token
 * endpoint authenticates client applications itself).
 *
 * <p>Issue 14: the branch is chosen from the path as the container routes it, and a request to a
 * guarded prefix whose raw path is not plain is refused first (400 {@code invalid_request}), by
 * the one rule of {@link CanonicalPath}. The mechanism runs before any servlet filter, so it also
 * adds HSTS to the answers it gives itself.
 */
@ApplicationScoped
public class PathAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    ViAuthentication vi;

    @Inject
    AdminAuthentication admin;

    @Inject
    AccessAuthentication access;

    @Inject
    ServerSettings settings;

    @Inject
    RateLimitGate rateLimits;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpsOnlyFilter.strictTransport(request, response, settings.trustedProxies());
        String routed = CanonicalPath.routed(request);
        // issue 17 §4: the call's correlation first, so that every answer below (errors too) and every trace carry it
        if (Correlation.applies(routed)) {
            Correlation.begin(request, response);
        } else {
            Correlation.end();
        }
        // AuthZEN's request identification: the PEP's X-Request-ID comes back on every answer, refusals included
        if (AuthzenRequestId.applies(routed)) {
            AuthzenRequestId.echo(request, response);
        }
        CanonicalPath.Verdict verdict = CanonicalPath.check(request);
        if (verdict.refused()) {
            JsonAnswer.error(response, 400, "invalid_request", "the request path must be in its plain form");
            return AuthenticationStatus.SEND_FAILURE;
        }
        String path = verdict.path();
        if (rateLimits.refused(request, response, path)) {
            return AuthenticationStatus.SEND_FAILURE; // 429, issue 14 §2
        }
        if (CanonicalPath.under(path, "/api")) {
            return vi.authenticate(request, response, context);
        }
        if (CanonicalPath.under(path, "/admin")) {
            return admin.authenticate(request, response, context, path);
        }
        if (CanonicalPath.under(path, "/access")) {
            // D-27: staff with HTTP Basic as on /admin/api; anyone else by the client certificate bound to its client
            return AdminAuthentication.hasBasic(request)
                    ? admin.authenticateBasic(request, response, context)
                    : access.authenticate(request, response, context);
        }
        return context.doNothing();
    }
}
