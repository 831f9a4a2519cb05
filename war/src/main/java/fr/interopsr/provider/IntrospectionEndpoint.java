package fr.interopsr.provider;

import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RateKeys;
import fr.interopsr.platform.RateLimits;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.vi.IdentityProviderKeys;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /idp/introspect} (issue 17, RFC 7662), an extension beyond Interops-R 1.0: a partner data provider that
 * cannot check a JWT asks whether a VI is active. The caller authenticates with its TLS client certificate (checked
 * under D-1), which must be the {@code dataProvider.introspectionCertificate} of an active convention of this
 * server; otherwise 401 {@code invalid_client} (RFC 7662 §2.3). A request without a {@code token} parameter, or not
 * a UTF-8 form, is 400 {@code invalid_request}; another method is 405. The answer about the VI is
 * {@link Introspection}'s, traced as a verification (VI_VERIFICATION, IR-19) committed before it is sent.
 * A servlet, like the token endpoint, so that the form reaches {@link PartnerForm} as raw bytes.
 */
@WebServlet(urlPatterns = "/idp/introspect", loadOnStartup = 1)
public class IntrospectionEndpoint extends HttpServlet {

    @Inject
    ServerSettings settings;

    @Inject
    ConventionRegistry registry;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    ClientCertificates certificates;

    @Inject
    DatabaseReplayGuard replayGuard;

    @Inject
    Revocations revocations;

    @Inject
    TraceJournal journal;

    @Inject
    RateLimits rateLimits;

    @Inject
    MetricsRegistry metricsRegistry;

    private Introspection introspection;
    private PartnerEndpointMetrics metrics;

    @Override
    public void init() {
        ViValidator validator = ViValidator.forIntrospection(
                registry::index,
                settings.issuer(),
                now -> keys.keys().publicJwkSet(now),
                settings.providerMaxViBytes(),
                revocations::current,
                revocations::introspectionCertificates);
        introspection = new Introspection(validator, replayGuard::used);
        metrics = new PartnerEndpointMetrics(
                metricsRegistry.registry(), "introspection", PartnerEndpointMetrics.INTROSPECTION_OUTCOMES);
    }

    @Override
    protected void service(HttpServletRequest http, HttpServletResponse response) {
        if (!PartnerCall.isPost(http, response)) {
            return;
        }
        PartnerCall call = new PartnerCall(journal, metrics, response);
        Instant now = Instant.now();
        RequestOrigin origin =
                RequestOrigin.of(http.getRemoteAddr(), http.isSecure(), http::getHeader, settings.trustedProxies());
        PresentedChain presented = PresentedChain.of(http, origin);
        X509Certificate leaf = presented.leaf();
        String sha256 = leaf == null ? null : CertificateBinding.sha256Hex(leaf);
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.VI_VERIFICATION, now)
                .remoteAddress(origin.clientAddress())
                .certificateSha256(sha256)
                .issuer(settings.issuer())
                .action("POST", http.getRequestURL().toString(), null, null);
        if (overLimit(call, origin, sha256, trace)) {
            return;
        }
        ApiTransportCheck.Result transport = ApiTransportCheck.check(origin, presented, certificates::check);
        if (transport.refusal().isPresent()) {
            ApiTransportCheck.Refusal refusal = transport.refusal().get();
            if (refusal.error().equals("invalid_request")) {
                call.refuse(
                        trace.failure("invalid_request", refusal.traceDetail()).build(),
                        400,
                        "invalid_request",
                        refusal.description());
            } else {
                invalidClient(call, trace, "introspection: " + refusal.traceDetail());
            }
            return;
        }
        ValidatedCertificate caller = transport.certificate();
        if (caller == null) {
            invalidClient(call, trace, "introspection: no client certificate");
            return;
        }
        if (!Introspection.mayIntrospect(
                registry.index(), settings.issuer(), caller, revocations::introspectionCertificates)) {
            invalidClient(
                    call,
                    trace,
                    "introspection: certificate " + sha256 + " ("
                            + leaf.getSubjectX500Principal().getName()
                            + ") is the introspectionCertificate of no active convention of this server");
            return;
        }
        Map<String, String> params;
        try {
            params = PartnerForm.parameters(http, PartnerForm.maxBytes(settings.providerMaxViBytes()));
        } catch (PartnerForm.Invalid e) {
            call.refuse(
                    trace.failure("invalid_request", "introspection: " + e.getMessage())
                            .build(),
                    400,
                    "invalid_request",
                    e.getMessage());
            return;
        }
        // RFC 7662 §2.1: token_type_hint may be ignored; this server has one kind of token, the VI
        Introspection.Answer answer =
                introspection.introspect(params.get("token"), origin.clientAddress(), caller, now);
        describe(trace, answer, params.get("token"));
        if (call.traced(trace.build())) {
            JsonAnswer.write(response, 200, answer.body());
            call.answered(answer.active() ? "active" : "inactive");
        }
    }

    /** The verification trace of the answer (IR-19 a): the VI's facts, the exact step and reason of a refusal. */
    private static void describe(TraceEntry.Builder trace, Introspection.Answer answer, String token) {
        ValidationResult result = answer.result();
        result.jti().ifPresent(trace::jti);
        result.issuer().ifPresent(trace::issuer);
        result.audience().ifPresent(trace::audience);
        if (result.facts().azp() != null) {
            trace.serviceId(result.facts().azp());
        }
        result.convention()
                .ifPresent(c -> trace.convention(c.id(), c.revision()).clientId(c.clientId()));
        trace.vi(TracedVi.of(token, result.signatureVerified()));
        if (answer.active()) {
            trace.success()
                    .scopes(String.join(" ", result.scopes()))
                    .detail("introspection: active"
                            + (answer.used() == null ? "" : answer.used() ? ", used (single use)" : ", not used yet"));
        } else {
            trace.failure(
                            result.error().map(BearerError::wireName).orElse("invalid_token"),
                            "introspection: inactive; " + result.detail())
                    .step(result.failedStep().map(ValidationStep::traceName).orElse(null));
        }
    }

    /** RFC 7662 §2.3: the caller's credentials are invalid: 401 {@code invalid_client}, traced. */
    private static void invalidClient(PartnerCall call, TraceEntry.Builder trace, String detail) {
        call.refuse(
                trace.failure("invalid_client", detail)
                        .step("introspection_client")
                        .build(),
                401,
                "invalid_client",
                "client authentication failed: present the certificate the convention names for introspection");
    }

    /** The rate limits of the endpoint (issue 14 §2), per address and per certificate, before anything is checked. */
    private boolean overLimit(PartnerCall call, RequestOrigin origin, String sha256, TraceEntry.Builder trace) {
        RateLimits.Refusal refusal = rateLimits.check(
                RateLimits.Door.INTROSPECT,
                origin.clientAddress(),
                sha256 == null ? null : RateKeys.certificate(sha256));
        return call.limited(refusal, () -> trace.failure(
                        "rate_limited", "over the " + refusal.kind().configName() + " rate limit")
                .step("introspection_client")
                .build());
    }
}
