package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.json.Jsonp;
import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceUnavailable;
import fr.interopsr.vi.IdentityProviderKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authentication of {@code /api/*}, called by the WAR's one mechanism (D-21): every request there
 * must carry a VI in {@code Authorization: Bearer} (IR-7) that passes the 15 steps of §3.5.2
 * ({@link ViValidator}) before any resource code runs. Each attempt leaves a verification trace
 * committed before the answer (IR-19 a); a refusal is a 401 with a Bearer challenge (IR-8, D-12).
 */
@ApplicationScoped
public class ViAuthentication {

    private static final Logger LOG = Logger.getLogger(ViAuthentication.class.getName());
    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    /** Longest VI text a trace keeps: garbage is cut, not stored whole (IR-19 "the VI, size-capped"). */
    static final int TRACE_VI_MAX = 16 * 1024;

    @Inject
    ServerSettings settings;

    @Inject
    ConventionRegistry registry;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    DatabaseReplayGuard replayGuard;

    @Inject
    TraceJournal journal;

    @Inject
    ClientCertificates certificates;

    @Inject
    MetricsRegistry metricsRegistry;

    private ViValidator validator;
    private ViValidationCache cache;
    private ValidationMetrics metrics;

    @PostConstruct
    void init() {
        validator = new ViValidator(
                registry::index,
                settings.issuer(),
                now -> keys.keys().publicJwkSet(now),
                settings.providerServiceIds(),
                settings.providerMaxViBytes(),
                replayGuard);
        cache = new ViValidationCache(settings.providerCacheSize());
        metrics = new ValidationMetrics(metricsRegistry.registry(), cache);
    }

    /** Created at start-up rather than at the first request, so that its meters exist from the first scrape. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // nothing: being observed is what creates the bean
    }

    public AuthenticationStatus authenticate(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (TlsDetails.pending(request) && request.getAttribute(TlsDetails.DEFERRED) == null) {
            // the container has not exposed the TLS details to this request yet (Undertow sets them
            // after authentication): ApiAuthenticationFilter asks for this authentication again,
            // once they are there, before any resource code runs; nothing is checked or traced now
            request.setAttribute(TlsDetails.DEFERRED, Boolean.TRUE);
            return context.doNothing();
        }
        Instant now = Instant.now();
        if (TlsDetails.pending(request)) {
            // asked again and still none: this container never exposes them. Refuse rather than
            // check a VI without its client certificate (D-4), with a trace like any refusal.
            LOG.severe("no TLS details on a secure request to " + request.getRequestURI()
                    + ": the container does not expose jakarta.servlet.request.cipher_suite; VI refused (503)");
            TraceEntry.Builder trace = TraceEntry.builder(TraceKind.VI_VERIFICATION, now)
                    .remoteAddress(request.getRemoteAddr())
                    .action(request.getMethod(), request.getRequestURL().toString(), null, null)
                    .failure("temporarily_unavailable", "the container exposes no TLS details to the application")
                    .step(ValidationStep.TRANSPORT.traceName());
            try {
                journal.record(trace.build());
            } catch (TraceUnavailable e) {
                // answered 503 either way
            }
            return unavailable(response, "the server cannot read this request's TLS details");
        }
        RequestOrigin origin = RequestOrigin.of(
                request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies());
        X509Certificate[] chain = clientCertificateChain(request, origin);
        X509Certificate certificate = chain == null ? null : chain[0];
        String certificateSha256 = certificate == null ? null : CertificateBinding.sha256Hex(certificate);
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.VI_VERIFICATION, now)
                .remoteAddress(origin.clientAddress())
                .certificateSha256(certificateSha256)
                .action(request.getMethod(), request.getRequestURL().toString(), null, null);
        if (!origin.secure()) {
            trace.failure("invalid_request", "plain HTTP refused (D-3)").step(ValidationStep.TRANSPORT.traceName());
            metrics.refused(ValidationStep.TRANSPORT);
            return refuse(
                    response,
                    trace,
                    401,
                    BearerChallenge.of("invalid_request", "HTTPS required", null),
                    "invalid_request",
                    "HTTPS required");
        }
        if (chain != null) {
            Optional<String> problem = certificates.problem(chain);
            if (problem.isPresent()) {
                trace.failure("invalid_token", "client certificate refused: " + problem.get() + " (D-1)")
                        .step(ValidationStep.MTLS.traceName());
                metrics.refused(ValidationStep.MTLS);
                return refuse(
                        response,
                        trace,
                        401,
                        BearerChallenge.of("invalid_token", ValidationResult.GENERIC_DESCRIPTION, null),
                        "invalid_token",
                        ValidationResult.GENERIC_DESCRIPTION);
            }
        }
        boolean inQuery = hasParameter(request.getQueryString(), "access_token");
        boolean inBody = !inQuery && isForm(request.getContentType()) && request.getParameter("access_token") != null;
        ViRequest viRequest = ViRequest.fromHttp(
                Collections.list(request.getHeaders("Authorization")),
                inQuery,
                inBody,
                origin.clientAddress(),
                certificate,
                now);
        long mark = registry.index().mark();
        ValidationResult result = viRequest.vi() == null
                ? null
                : cache.get(viRequest.vi(), origin.clientAddress(), certificateSha256, now, mark)
                        .orElse(null);
        boolean cached = result != null;
        if (viRequest.vi() != null) {
            metrics.cacheLookup(cached);
        }
        if (result == null) {
            result = validator.validate(viRequest);
        }
        metrics.validated(result);
        describe(trace, result, viRequest, origin, cached);
        if (!result.valid()) {
            String error = result.viMissing()
                    ? null
                    : result.error().map(BearerError::wireName).orElse("invalid_token");
            String description = result.viMissing() ? null : result.publicDescription();
            return refuse(response, trace, 401, BearerChallenge.of(error, description, null), error, description);
        }
        try {
            if (SAFE_METHODS.contains(request.getMethod())) {
                // D-17 asks the trace committed before the answer, not before a read: the record is read
                // while the trace is committed, and TransactionTraceFilter awaits it before anything answers.
                // A write waits here, so that nothing changes before its VI's verification is on record.
                request.setAttribute(PENDING_VERIFICATION, journal.submit(trace.build()));
            } else {
                journal.record(trace.build());
            }
        } catch (TraceUnavailable e) {
            return unavailable(response, TRACES_UNAVAILABLE);
        }
        Convention convention = result.convention().orElseThrow();
        if (!cached && !convention.document().singleUse()) {
            cache.put(
                    viRequest.vi(),
                    origin.clientAddress(),
                    certificateSha256,
                    result,
                    expiry(result, convention),
                    mark);
        }
        ViPrincipal principal = new ViPrincipal(
                viRequest.vi(), result.claims(), result.scopes(), convention.id(), convention.revision());
        return context.notifyContainerAboutLogin(principal, new LinkedHashSet<>(result.scopes()));
    }

    private static void describe(
            TraceEntry.Builder trace,
            ValidationResult result,
            ViRequest request,
            RequestOrigin origin,
            boolean cached) {
        result.jti().ifPresent(trace::jti);
        result.issuer().ifPresent(trace::issuer);
        result.audience().ifPresent(trace::audience);
        if (result.facts() != null && result.facts().azp() != null) {
            trace.serviceId(result.facts().azp());
        }
        if (result.conventionId().isPresent()) {
            trace.convention(
                    result.conventionId().get(), result.conventionRevision().orElse(null));
        }
        if (request.vi() != null) {
            String vi = request.vi();
            trace.vi(
                    vi.length() <= TRACE_VI_MAX
                            ? vi
                            : vi.substring(0, TRACE_VI_MAX) + "...[" + vi.length() + " chars]");
        }
        String untrusted = origin.untrustedForwarding() ? "; forwarding headers from untrusted peer ignored (D-2)" : "";
        if (result.valid()) {
            trace.success()
                    .scopes(String.join(" ", result.scopes()))
                    .detail((cached ? "accepted (cached validation, IR-11)" : "accepted") + untrusted);
        } else {
            trace.failure(
                    result.error().map(BearerError::wireName).orElse(result.viMissing() ? "no_vi" : "invalid_token"),
                    result.detail() + untrusted);
            result.failedStep().ifPresent(step -> trace.step(step.traceName()));
        }
    }

    private static Instant expiry(ValidationResult result, Convention convention) {
        if (result.claims().get("exp") instanceof JsonNumber exp) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        return Instant.now();
    }

    private AuthenticationStatus refuse(
            HttpServletResponse response,
            TraceEntry.Builder trace,
            int status,
            String challenge,
            String error,
            String description) {
        try {
            journal.record(trace.build());
        } catch (TraceUnavailable e) {
            return unavailable(response, TRACES_UNAVAILABLE);
        }
        var body = Jsonp.PROVIDER.createObjectBuilder();
        if (error != null) {
            body.add("error", error);
            if (description != null) {
                body.add("error_description", BearerChallenge.quoted(description));
            }
        }
        response.setHeader("WWW-Authenticate", challenge);
        write(response, status, body.build().toString());
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static final String TRACES_UNAVAILABLE = "the service cannot record traces";
    /** Methods whose resource code changes nothing: their VI_VERIFICATION trace is awaited with the answer. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    /**
     * Request attribute: the accepted VI's VI_VERIFICATION trace, handed to the journal but not yet known
     * committed ({@link TraceJournal.Submitted}); whoever answers awaits it first.
     */
    public static final String PENDING_VERIFICATION = "fr.interopsr.provider.pending-verification";

    private static AuthenticationStatus unavailable(HttpServletResponse response, String description) {
        response.setHeader("Retry-After", "5");
        write(
                response,
                503,
                Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("error", "temporarily_unavailable")
                        .add("error_description", description)
                        .build()
                        .toString());
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static void write(HttpServletResponse response, int status, String json) {
        try {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        }
    }

    /** The TLS client certificate chain, or the certificate our own proxy forwards (D-2); null if none. */
    private static X509Certificate[] clientCertificateChain(HttpServletRequest request, RequestOrigin origin) {
        if (origin.viaTrustedProxy() && origin.forwardedClientCert() != null) {
            return origin.forwardedChain();
        }
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATE_ATTRIBUTE);
        return chain == null || chain.length == 0 ? null : chain;
    }

    static boolean hasParameter(String query, String name) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if ((eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
