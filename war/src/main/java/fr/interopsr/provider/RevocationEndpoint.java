package fr.interopsr.provider;

import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RateKeys;
import fr.interopsr.platform.RateLimits;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.platform.Unavailable;
import fr.interopsr.token.AuthenticatedClient;
import fr.interopsr.token.ClientAuthenticator;
import fr.interopsr.token.ClientCredentials;
import fr.interopsr.token.RegisteredClients;
import fr.interopsr.token.TokenEndpoint;
import fr.interopsr.token.TokenErrorCode;
import fr.interopsr.token.TokenRefusal;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /idp/revoke} (issue 17, RFC 7009), an extension beyond Interops-R 1.0: a client revokes one of its own
 * VIs. The client authenticates as at the token endpoint ({@link ClientAuthenticator}: {@code client_secret_basic} or
 * {@code tls_client_auth}, one method, D-6, D-8), and a failure is {@code invalid_client} as there (401 with a Basic
 * challenge for Basic or no credentials, IR-6). A request that is not a UTF-8 form or has no {@code token} is 400
 * {@code invalid_request}; another method is 405. Then 200 whatever the token (RFC 7009 §2.2): {@link ClientRevocation}
 * decides whether it is revoked. {@code token_type_hint} is ignored: the VI is this server's only token, so
 * {@code unsupported_token_type} never applies (P-49). Each request leaves a VI_GENERATION trace (the identity
 * provider's record of its VIs, step {@code revocation}), committed before the answer.
 */
@WebServlet(urlPatterns = "/idp/revoke", loadOnStartup = 1)
public class RevocationEndpoint extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(RevocationEndpoint.class.getName());

    /** The trace's step for every request of this endpoint. */
    static final String STEP = "revocation";

    @Inject
    ServerSettings settings;

    @Inject
    ConventionRegistry registry;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    ClientCertificates certificates;

    @Inject
    RegisteredClients clients;

    @Inject
    Revocations revocations;

    @Inject
    TraceJournal journal;

    @Inject
    RateLimits rateLimits;

    @Inject
    MetricsRegistry metricsRegistry;

    private ClientRevocation decision;
    private PartnerEndpointMetrics metrics;

    @Override
    public void init() {
        decision = new ClientRevocation(
                registry::index,
                settings.issuer(),
                now -> keys.keys().publicJwkSet(now),
                settings.providerMaxViBytes());
        metrics = new PartnerEndpointMetrics(
                metricsRegistry.registry(), "revocation", PartnerEndpointMetrics.REVOCATION_OUTCOMES);
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
        List<String> authorization = Collections.list(http.getHeaders("Authorization"));
        PresentedChain presented = PresentedChain.of(http, origin);
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.VI_GENERATION, now)
                .remoteAddress(origin.clientAddress())
                .issuer(settings.issuer())
                .step(STEP);
        if (overLimit(call, origin, authorization, presented, trace)) {
            return;
        }
        if (presented.malformed().isPresent()) {
            refuse(
                    call,
                    response,
                    trace,
                    TokenRefusal.of(
                            TokenErrorCode.INVALID_CLIENT,
                            "the client certificate is not accepted",
                            presented.malformed().get() + " (D-2)"));
            return;
        }
        Map<String, String> params;
        try {
            params = PartnerForm.parameters(http, PartnerForm.maxBytes(settings.providerMaxViBytes()));
        } catch (PartnerForm.Invalid e) {
            refuse(call, response, trace, TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, e.getMessage()));
            return;
        }
        X509Certificate[] chain = presented.chain().orElse(null);
        ClientCredentials credentials = new ClientCredentials(
                authorization,
                params.get("client_id"),
                params.containsKey("client_secret"),
                params.containsKey("client_assertion") || params.containsKey("client_assertion_type"),
                chain);
        if (ClientAuthenticator.certificateIsTheMethod(credentials)) {
            trace.certificateSha256(CertificateBinding.sha256Hex(chain[0]));
        }
        AuthenticatedClient client;
        try {
            client = new ClientAuthenticator(clients, certificates::check).authenticate(credentials);
        } catch (TokenRefusal refusal) {
            refuse(call, response, trace, refusal);
            return;
        } catch (RuntimeException e) {
            if (!Unavailable.isDatabaseOutage(e)) {
                throw e;
            }
            LOG.log(Level.WARNING, () -> "revocation not served, the database cannot be reached: " + e);
            Unavailable.answer(response, "the service cannot reach its database; nothing was revoked");
            call.answered("temporarily_unavailable");
            return;
        }
        trace.clientId(client.clientId())
                .subject(client.clientId())
                .authMethod(client.method().jsonName());
        ClientRevocation.Outcome outcome = decision.revoke(client.clientId(), params.get("token"), now);
        ValidationResult result = outcome.result();
        result.jti().ifPresent(trace::jti);
        result.audience().ifPresent(trace::audience);
        result.convention().ifPresent(c -> trace.convention(c.id(), c.revision()));
        if (result.facts().azp() != null) {
            trace.serviceId(result.facts().azp());
        }
        if (outcome.revocation().isPresent()) {
            try {
                revocations.revoke(outcome.revocation().get());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "revocation not recorded", e);
                refuse(
                        call,
                        response,
                        trace,
                        TokenRefusal.of(
                                TokenErrorCode.TEMPORARILY_UNAVAILABLE,
                                "the revocation could not be recorded; try again",
                                "revocation not recorded: " + e));
                return;
            }
        }
        trace.success().detail(outcome.detail());
        if (!call.traced(trace.build())) {
            return;
        }
        // RFC 7009 §2.2: 200, whatever the token; the body is empty
        JsonAnswer.noStore(response);
        response.setStatus(200);
        response.setContentLength(0);
        call.answered(outcome.revocation().isPresent() ? "revoked" : "ignored");
    }

    /** A refused request, as the token endpoint refuses (IR-6): traced, then answered. */
    private static void refuse(
            PartnerCall call, HttpServletResponse response, TraceEntry.Builder trace, TokenRefusal refusal) {
        if (call.traced(
                trace.failure(refusal.code().code(), refusal.traceDetail()).build())) {
            // RFC 6749 §5.2 (RFC 7009 §2.2.1): invalid_client is 401 whatever the method was
            TokenEndpoint.error(
                    response, refusal, refusal.code() == TokenErrorCode.INVALID_CLIENT ? 401 : refusal.httpStatus());
            call.answered(refusal.code().code());
        }
    }

    /** The rate limits (issue 14 §2), per address, claimed client and certificate, before any credential is checked. */
    private boolean overLimit(
            PartnerCall call,
            RequestOrigin origin,
            List<String> authorization,
            PresentedChain presented,
            TraceEntry.Builder trace) {
        X509Certificate leaf = presented.leaf();
        String sha256 = leaf == null ? null : CertificateBinding.sha256Hex(leaf);
        String claimed = null;
        if (authorization.size() == 1) {
            try {
                claimed = ClientAuthenticator.decodeBasicLogin(authorization.get(0));
            } catch (RuntimeException e) {
                claimed = null;
            }
        }
        RateLimits.Refusal refusal = rateLimits.check(
                RateLimits.Door.REVOKE,
                origin.clientAddress(),
                claimed == null ? null : RateKeys.clientId(claimed),
                sha256 == null ? null : RateKeys.certificate(sha256));
        String client = claimed;
        return call.limited(refusal, () -> trace.failure(
                        "rate_limited", "over the " + refusal.kind().configName() + " rate limit")
                .clientId(client)
                .build());
    }
}
