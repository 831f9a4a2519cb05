package fr.interopsr.admin.login;

import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.platform.Unavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authentication of {@code /admin/*}, called by the WAR's one mechanism (D-21): HTTP Basic for
 * the admin API ({@code /admin/api/*}), a login form and a session for the console; both checked
 * against {@link AdminIdentityStore}. HTTPS only, refused before any credential is read (D-3).
 *
 * <p>Which credential opens which door (D-21, issue 14): {@code /admin/api} takes HTTP Basic only,
 * never the console's session; the console takes its session only (with its CSRF token on every
 * POST), never Basic; a VI is read under {@code /api} only. A console session holds while its
 * account, read from the database on every request (the truth for every node), is enabled and has
 * the password and roles it had at login ({@link AdminAccounts#sessionHolds}).
 */
@ApplicationScoped
public class AdminAuthentication {

    private static final Logger LOG = Logger.getLogger(AdminAuthentication.class.getName());
    static final String USER = "interops.admin.user";
    static final String ROLES = "interops.admin.roles";
    /** The stamp of the account the session was opened with ({@link AdminAccounts.Account#stamp()}). */
    static final String STAMP = "interops.admin.stamp";

    public static final String REALM = "interops-admin";

    @Inject
    ServerSettings settings;

    @Inject
    AdminIdentityStore identityStore;

    public AuthenticationStatus authenticate(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context, String path) {
        RequestOrigin origin = RequestOrigin.of(
                request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies());
        if (!origin.secure()) {
            return json(response, 400, "invalid_request", "HTTPS required");
        }
        // issue 14 §2: the address the login back-off counts by (a trusted proxy's X-Forwarded-For, D-2)
        String address = origin.clientAddress();
        if (path.startsWith("/admin/api/") || path.equals("/admin/api")) {
            return basic(request, response, context, address);
        }
        return console(request, response, context, path, address);
    }

    /**
     * HTTP Basic only, HTTPS only (D-3), as on {@code /admin/api}: what staff use on {@code /access} (D-27), where the
     * one mechanism hands the request here when it carries {@code Authorization: Basic}.
     */
    public AuthenticationStatus authenticateBasic(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        RequestOrigin origin = RequestOrigin.of(
                request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies());
        if (!origin.secure()) {
            return json(response, 400, "invalid_request", "HTTPS required");
        }
        return basic(request, response, context, origin.clientAddress());
    }

    /** Whether the request carries {@code Authorization: Basic …} (scheme compared without regard to case). */
    public static boolean hasBasic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.length() >= 6 && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private AuthenticationStatus basic(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context, String address) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            return json(response, 401, "unauthorized", "log in with HTTP Basic");
        }
        String[] credentials = decode(header.substring(6).strip());
        CredentialValidationResult result = credentials == null
                ? CredentialValidationResult.INVALID_RESULT
                : identityStore.validate(
                        new UsernamePasswordCredential(credentials[0], new Password(credentials[1])), address);
        if (result.getStatus() == CredentialValidationResult.Status.NOT_VALIDATED) {
            // the accounts could not be read (issue 16): no verdict on the credentials, so no challenge
            Unavailable.answer(response, "administrator accounts unavailable");
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            return json(response, 401, "unauthorized", "wrong user name or password");
        }
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus console(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpMessageContext context,
            String path,
            String address) {
        String base = request.getContextPath() + "/admin";
        if (path.equals("/admin/login") && "POST".equals(request.getMethod())) {
            return login(request, context, base, address);
        }
        if (path.equals("/admin/logout") && "POST".equals(request.getMethod())) {
            if (CsrfTokens.valid(request, request.getParameter(CsrfTokens.FIELD))) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            return context.redirect(base + "/login");
        }
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(USER);
        if (user instanceof String name) {
            Optional<AdminAccounts.Account> account;
            try {
                account = identityStore.account(name);
            } catch (SQLException e) {
                LOG.log(Level.SEVERE, "administrator accounts unavailable", e);
                Unavailable.answer(response, "administrator accounts unavailable");
                return AuthenticationStatus.SEND_FAILURE;
            }
            if (!AdminAccounts.sessionHolds((String) session.getAttribute(STAMP), account)) {
                LOG.info(() -> "console session of " + name + " ended: account disabled, removed or changed");
                session.invalidate();
                return context.redirect(base + "/login");
            }
            @SuppressWarnings("unchecked")
            Set<String> roles = (Set<String>) session.getAttribute(ROLES);
            return context.notifyContainerAboutLogin(name, roles == null ? Set.of() : roles);
        }
        if (path.equals("/admin/login") || path.startsWith("/admin/assets/")) {
            return context.doNothing();
        }
        return context.redirect(base + "/login");
    }

    private AuthenticationStatus login(
            HttpServletRequest request, HttpMessageContext context, String base, String address) {
        String username = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        if (!CsrfTokens.valid(request, request.getParameter(CsrfTokens.FIELD))
                || username == null
                || password == null) {
            return context.redirect(base + "/login?error=1");
        }
        CredentialValidationResult result =
                identityStore.validate(new UsernamePasswordCredential(username, new Password(password)), address);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            LOG.info(() -> "console login refused for " + username.replaceAll("[^A-Za-z0-9._@-]", "?"));
            return context.redirect(base + "/login?error=1");
        }
        Optional<AdminAccounts.Account> account;
        try {
            account = identityStore.account(result.getCallerPrincipal().getName());
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "administrator accounts unavailable", e);
            return context.redirect(base + "/login?error=1");
        }
        if (account.isEmpty() || account.get().disabled()) {
            return context.redirect(base + "/login?error=1");
        }
        request.changeSessionId();
        HttpSession session = request.getSession(true);
        session.setAttribute(USER, result.getCallerPrincipal().getName());
        session.setAttribute(ROLES, Set.copyOf(account.get().roles()));
        session.setAttribute(STAMP, account.get().stamp());
        CsrfTokens.renew(request);
        return context.redirect(base + "/");
    }

    /** RFC 7617 user-pass, UTF-8; null when malformed. */
    static String[] decode(String b64) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(b64)))
                    .toString();
            int colon = text.indexOf(':');
            return colon <= 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static AuthenticationStatus json(
            HttpServletResponse response, int status, String error, String description) {
        JsonAnswer.error(response, status, error, description);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
