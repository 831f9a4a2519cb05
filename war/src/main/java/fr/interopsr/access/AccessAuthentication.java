package fr.interopsr.access;

import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.platform.Unavailable;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The client-certificate branch of {@code /access/*} (D-27), called by the WAR's one mechanism (D-21) when the
 * request carries no HTTP Basic credentials (staff use Basic there, as on {@code /admin/api}). A partner is the one
 * client its TLS client certificate (direct, or forwarded by our own proxy, D-2) is bound to (D-6), the
 * certificate checked by the application first (D-1) — the same rules as the token endpoint's
 * {@code tls_client_auth}. HTTPS only (D-3). A refusal is 401 {@code invalid_client} with a Basic challenge, so
 * that a caller without credentials learns both ways in, and is traced first, as the token endpoint traces its
 * refusals: an {@code ACCESS_DECISION} failure, step {@value #STEP}, with the exact reason, the address and the
 * certificate's SHA-256 (503 when that trace cannot be committed).
 *
 * <p>On a container that exposes the client certificate only after authentication (Undertow), the check waits, as
 * the API's does (D-4): {@link AccessAuthenticationFilter} asks for this authentication again once it is there.
 */
@ApplicationScoped
public class AccessAuthentication {

    private static final Logger LOG = Logger.getLogger(AccessAuthentication.class.getName());

    /** Request attribute: the {@link AccessCaller} of a partner authenticated by its certificate. */
    public static final String CALLER = AccessAuthentication.class.getName() + ".caller";

    /** Request attribute: the check waits for the TLS details. */
    static final String DEFERRED = AccessAuthentication.class.getName() + ".deferred";

    private static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";
    private static final String REALM = "interops-admin";

    /** The step of a refused authentication's trace. */
    static final String STEP = "access_client";

    @Inject
    ServerSettings settings;

    @Inject
    ClientCertificates certificates;

    @Inject
    ConventionRegistry registry;

    @Inject
    TraceJournal journal;

    public AuthenticationStatus authenticate(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        RequestOrigin origin = RequestOrigin.of(
                request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies());
        if (!origin.secure()) {
            JsonAnswer.error(response, 400, "invalid_request", "HTTPS required");
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (request.isSecure() && request.getAttribute(CIPHER_SUITE) == null) {
            if (request.getAttribute(DEFERRED) == null) {
                request.setAttribute(DEFERRED, Boolean.TRUE);
                return context.doNothing(); // the filter asks again once the certificate is visible (D-4)
            }
            LOG.severe("no TLS details on a secure request to " + request.getRequestURI()
                    + ": the container does not expose jakarta.servlet.request.cipher_suite; refused (503)");
            Unavailable.answer(response, "the server cannot read this request's TLS details");
            return AuthenticationStatus.SEND_FAILURE;
        }
        PresentedChain presented = PresentedChain.of(request, origin);
        if (presented.malformed().isPresent()) {
            return refuse(
                    request,
                    response,
                    origin,
                    null,
                    "the forwarded client certificate cannot be read",
                    presented.malformed().get() + " (D-2)");
        }
        if (presented.chain().isEmpty()) {
            return refuse(
                    request,
                    response,
                    origin,
                    null,
                    "present the TLS client certificate bound to your client (D-27), or log in with HTTP Basic",
                    "no client certificate and no Basic credentials");
        }
        X509Certificate[] chain = presented.chain().get();
        CertificateCheck check = certificates.check(chain);
        String sha256 = CertificateBinding.sha256Hex(chain[0]);
        if (!check.valid()) {
            return refuse(
                    request,
                    response,
                    origin,
                    sha256,
                    "the client certificate is not accepted",
                    "certificate refused (D-1): " + check.problem().orElse("?"));
        }
        List<String> bound = registry.index().clientsBoundTo(check.validated());
        if (bound.size() != 1) {
            String description = bound.isEmpty()
                    ? "the client certificate is bound to no tls_client_auth client"
                    : "the client certificate is bound to several clients";
            return refuse(request, response, origin, sha256, description, description + ": " + bound);
        }
        AccessCaller caller = AccessCaller.partner(bound.get(0), origin.clientAddress(), sha256);
        request.setAttribute(CALLER, caller);
        return context.notifyContainerAboutLogin(caller.actor(), Set.of(AccessCaller.PARTNER));
    }

    private AuthenticationStatus refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            RequestOrigin origin,
            String sha256,
            String description,
            String detail) {
        try {
            journal.record(TraceEntry.builder(TraceKind.ACCESS_DECISION, Instant.now())
                    .failure("invalid_client", "access: " + detail)
                    .step(STEP)
                    .remoteAddress(origin.clientAddress())
                    .certificateSha256(sha256)
                    .action(request.getMethod(), request.getRequestURL().toString(), 401, null)
                    .build());
        } catch (TraceUnavailable e) {
            Unavailable.answer(response, "the service cannot record traces");
            return AuthenticationStatus.SEND_FAILURE;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        JsonAnswer.error(response, 401, "invalid_client", description);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
