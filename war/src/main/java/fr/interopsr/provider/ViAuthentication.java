package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.QueryString;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.platform.Unavailable;
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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
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

    @Inject
    Revocations revocations;

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
                replayGuard,
                revocations::current);
        cache = new ViValidationCache(settings.providerCacheSize());
        metrics = new ValidationMetrics(metricsRegistry.registry(), cache);
    }

    /** Created at start-up rather than at the first request, so that its meters exist from the first scrape. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // nothing: being observed is what creates the bean
    }

    /**
     * The VI check of one request under {@code /api/}, as a sequence: wait for the TLS details if the container has
     * not exposed them yet; the transport (HTTPS, a forwarded certificate, the client certificate's own check); the
     * VI, from the cache or the validator; the trace, committed before the answer; the caller logged in.
     */
    public AuthenticationStatus authenticate(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (deferUntilTlsDetails(request)) {
            return context.doNothing();
        }
        Instant now = Instant.now();
        if (TlsDetails.pending(request)) {
            return refuseWithoutTlsDetails(request, response, now);
        }
        RequestOrigin origin = RequestOrigin.of(
                request.getRemoteAddr(), request.isSecure(), request::getHeader, settings.trustedProxies());
        PresentedChain presented = PresentedChain.of(request, origin);
        X509Certificate certificate = presented.leaf();
        String certificateSha256 = certificate == null ? null : CertificateBinding.sha256Hex(certificate);
        TraceEntry.Builder trace = verificationTrace(request, origin, certificateSha256, now);
        ApiTransportCheck.Result transport = ApiTransportCheck.check(origin, presented, certificates::check);
        if (transport.refusal().isPresent()) {
            return refuseTransport(response, trace, transport.refusal().get());
        }
        ViRequest viRequest = viRequest(request, origin, transport.certificate(), now);
        long mark = registry.index().mark();
        Checked checked = check(viRequest, origin.clientAddress(), certificateSha256, now, mark);
        describe(trace, checked.result(), viRequest, origin, checked.cached());
        if (!checked.result().valid()) {
            return refuseVi(response, trace, checked.result());
        }
        if (!recordAccepted(request, trace)) {
            return unavailable(response, TRACES_UNAVAILABLE);
        }
        remember(viRequest, origin.clientAddress(), certificateSha256, checked, mark);
        return login(context, viRequest, checked.result());
    }

    /** The VI_VERIFICATION trace of this request (IR-19 a), to be completed with the outcome. */
    private static TraceEntry.Builder verificationTrace(
            HttpServletRequest request, RequestOrigin origin, String certificateSha256, Instant now) {
        return TraceEntry.builder(TraceKind.VI_VERIFICATION, now)
                .remoteAddress(origin.clientAddress())
                .certificateSha256(certificateSha256)
                .action(request.getMethod(), request.getRequestURL().toString(), null, null);
    }

    /**
     * True when the container has not exposed the TLS details to this request yet (Undertow sets them after
     * authentication): {@link ApiAuthenticationFilter} asks for this authentication again, once they are there,
     * before any resource code runs; nothing is checked or traced now.
     */
    private static boolean deferUntilTlsDetails(HttpServletRequest request) {
        if (TlsDetails.pending(request) && request.getAttribute(TlsDetails.DEFERRED) == null) {
            request.setAttribute(TlsDetails.DEFERRED, Boolean.TRUE);
            return true;
        }
        return false;
    }

    /**
     * Asked again and still no TLS details: this container never exposes them. Refused rather than check a VI
     * without its client certificate (D-4), with a trace like any refusal.
     */
    private AuthenticationStatus refuseWithoutTlsDetails(
            HttpServletRequest request, HttpServletResponse response, Instant now) {
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

    /** A refusal before the VI is read ({@link ApiTransportCheck}): traced, counted, a 401 with a challenge. */
    private AuthenticationStatus refuseTransport(
            HttpServletResponse response, TraceEntry.Builder trace, ApiTransportCheck.Refusal refusal) {
        trace.failure(refusal.error(), refusal.traceDetail())
                .step(refusal.step().traceName());
        metrics.refused(refusal.step());
        return refuse(response, trace, refusal.error(), refusal.description());
    }

    /** Where the VI is (IR-7): the {@code Authorization} headers, and whether one is in the query or the form body. */
    private static ViRequest viRequest(
            HttpServletRequest request, RequestOrigin origin, ValidatedCertificate certificate, Instant now) {
        boolean inQuery = QueryString.parse(request.getQueryString()).has("access_token");
        boolean inBody = !inQuery && isForm(request.getContentType()) && request.getParameter("access_token") != null;
        return ViRequest.fromHttp(
                Collections.list(request.getHeaders("Authorization")),
                inQuery,
                inBody,
                origin.clientAddress(),
                certificate,
                now);
    }

    /** The outcome of a VI check, and whether it came from the cache (IR-11). */
    private record Checked(ValidationResult result, boolean cached) {}

    /** The cached outcome for this VI, address and certificate, else the validator's; counted either way. */
    private Checked check(ViRequest viRequest, String clientAddress, String certificateSha256, Instant now, long mark) {
        ValidationResult cachedResult = viRequest.vi() == null
                ? null
                : cache.get(viRequest.vi(), clientAddress, certificateSha256, now, mark)
                        .orElse(null);
        if (viRequest.vi() != null) {
            metrics.cacheLookup(cachedResult != null);
        }
        Checked checked = cachedResult != null
                ? new Checked(revokedSinceCached(cachedResult), true)
                : new Checked(validator.validate(viRequest), false);
        metrics.validated(checked.result());
        return checked;
    }

    /**
     * Issue 17: a cached validation is checked against the revocations in force too (a revocation made after the VI
     * was cached refuses it at its next use: at once on this node, within 2 s on the others), at the step
     * {@link ValidationStep#REVOKED}.
     */
    private ValidationResult revokedSinceCached(ValidationResult cached) {
        Convention convention = cached.convention().orElseThrow();
        long iat = cached.claims().get("iat") instanceof JsonNumber n ? n.longValue() : Long.MIN_VALUE;
        return RevocationStep.covering(
                        revocations.current(),
                        cached.facts().iss(),
                        cached.facts().jti(),
                        convention.clientId(),
                        convention.id(),
                        iat)
                .map(r -> ValidationResult.failure(
                        ValidationStep.REVOKED,
                        RevocationStep.reason(r) + "; the VI's validation was cached",
                        null,
                        cached.facts(),
                        convention,
                        true))
                .orElse(cached);
    }

    /** A VI refused (IR-8): no error code at all when there was no VI, else its Bearer error and description. */
    private AuthenticationStatus refuseVi(
            HttpServletResponse response, TraceEntry.Builder trace, ValidationResult result) {
        String error = result.viMissing()
                ? null
                : result.error().map(BearerError::wireName).orElse("invalid_token");
        String description = result.viMissing() ? null : result.publicDescription();
        return refuse(response, trace, error, description);
    }

    /**
     * The accepted VI's trace, committed before the answer (D-17): a write waits here, so that nothing changes
     * before its VI's verification is on record; a read hands it to the journal, and TransactionTraceFilter awaits
     * it before anything answers. False when the journal cannot take it.
     */
    private boolean recordAccepted(HttpServletRequest request, TraceEntry.Builder trace) {
        try {
            if (SAFE_METHODS.contains(request.getMethod())) {
                request.setAttribute(PENDING_VERIFICATION, journal.submit(trace.build()));
            } else {
                journal.record(trace.build());
            }
            return true;
        } catch (TraceUnavailable e) {
            return false;
        }
    }

    /** A multi-use VI's fresh outcome goes into the cache until its {@code exp} (IR-11). */
    private void remember(
            ViRequest viRequest, String clientAddress, String certificateSha256, Checked checked, long mark) {
        Convention convention = checked.result().convention().orElseThrow();
        if (!checked.cached() && !convention.document().singleUse()) {
            cache.put(
                    viRequest.vi(), clientAddress, certificateSha256, checked.result(), expiry(checked.result()), mark);
        }
    }

    /** The caller, for the container: the VI's principal, its scopes as roles (IR-12). */
    private static AuthenticationStatus login(
            HttpMessageContext context, ViRequest viRequest, ValidationResult result) {
        Convention convention = result.convention().orElseThrow();
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
        if (result.signatureVerified()) {
            // issue 18 §3, D-27: the client a decision belongs to, only through a VI whose signature verified and
            // the convention found at step 7 (never sub); GET /access/v1/decisions lists it to that client
            result.convention().ifPresent(c -> trace.clientId(c.clientId()));
        }
        if (request.vi() != null) {
            // issue 14: whole only when its signature verified; else its first 1 KiB and its SHA-256
            trace.vi(TracedVi.of(request.vi(), result.signatureVerified()));
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

    private static Instant expiry(ValidationResult result) {
        if (result.claims().get("exp") instanceof JsonNumber exp) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        return Instant.now();
    }

    /** Records the refusal's trace, then answers 401 with the Bearer challenge and the same error in JSON (IR-8). */
    private AuthenticationStatus refuse(
            HttpServletResponse response, TraceEntry.Builder trace, String error, String description) {
        try {
            journal.record(trace.build());
        } catch (TraceUnavailable e) {
            return unavailable(response, TRACES_UNAVAILABLE);
        }
        response.setHeader("WWW-Authenticate", BearerChallenge.of(error, description, null));
        JsonAnswer.error(response, 401, error, description == null ? null : BearerChallenge.quoted(description));
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
        Unavailable.answer(response, description);
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
