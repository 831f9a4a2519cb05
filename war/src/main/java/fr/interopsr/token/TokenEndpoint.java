package fr.interopsr.token;

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
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceUnavailable;
import fr.interopsr.vi.IdentificationVectorIssuer;
import fr.interopsr.vi.IdentityProviderKeys;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /idp/token} (CONTRACT.md): hands the request to {@link TokenExchange}, commits the
 * generation trace (IR-18), and only then answers, through {@link JsonAnswer}: {@code Cache-Control: no-store} and
 * {@code Pragma: no-cache} on every answer (IR-3). The one place token errors become HTTP (IR-6).
 * A servlet, not a JAX-RS resource: the body must reach {@link FormBody} as raw bytes (JAX-RS
 * runtimes parse form bodies themselves, losing repeated parameters and bad encodings).
 */
@WebServlet(urlPatterns = "/idp/token", loadOnStartup = 1) // its meters exist from start-up at 0
public class TokenEndpoint extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    RegisteredClients clients;

    @Inject
    ClientCertificates certificates;

    @Inject
    ConventionRegistry registry;

    @Inject
    IdentityProviderKeys keys;

    @Inject
    ProviderKeys providerKeys;

    @Inject
    TraceJournal journal;

    @Inject
    MetricsRegistry metricsRegistry;

    @Inject
    RateLimits rateLimits;

    private TokenMetrics metrics;

    @Override
    public void init() {
        metrics = new TokenMetrics(metricsRegistry.registry());
    }

    @Override
    protected void service(HttpServletRequest http, HttpServletResponse response) throws IOException {
        if (!"POST".equals(http.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonAnswer.error(response, 405, "invalid_request", "use POST");
            return;
        }
        token(http, response);
    }

    private void token(HttpServletRequest http, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        RequestOrigin origin =
                RequestOrigin.of(http.getRemoteAddr(), http.isSecure(), http::getHeader, settings.trustedProxies());
        byte[] body = origin.secure() ? readBody(http, settings.tokenMaxBodyBytes()) : new byte[0];
        List<String> authorization = Collections.list(http.getHeaders("Authorization"));
        if (overLimit(http, response, origin, body, authorization)) {
            return;
        }
        TokenHttpRequest request =
                new TokenHttpRequest(origin, http.getContentType(), body, authorization, PresentedChain.tlsChain(http));

        TokenExchange exchange = new TokenExchange(
                new ClientAuthenticator(clients, certificates::check),
                registry::index,
                new IdentificationVectorIssuer(keys.keys()),
                settings.issuer(),
                Clock.systemUTC(),
                providerKeys::of);
        TokenExchange.Outcome outcome;
        try {
            outcome = exchange.exchange(request);
        } catch (RuntimeException e) {
            // issue 16: the registered clients' secrets (or anything else the exchange reads) could not be read
            if (!Unavailable.isDatabaseOutage(e)) {
                throw e;
            }
            LOG.log(Level.WARNING, () -> "token request not served, the database cannot be reached: " + e);
            unavailable(response, "the service cannot reach its database; nothing was issued", start);
            return;
        }
        try {
            // issue 17 §3: the user's authentication and the VI's generation, both committed before the answer
            TraceJournal.Submitted user = outcome.userTrace().isPresent()
                    ? journal.submit(outcome.userTrace().get())
                    : null;
            journal.record(outcome.trace());
            if (user != null) {
                journal.await(user);
            }
        } catch (TraceUnavailable e) {
            unavailable(response, "the service cannot record traces; nothing was issued", start);
            return;
        }
        if (outcome.answer().isPresent()) {
            TokenAnswer answer = outcome.answer().get();
            JsonAnswer.write(response, 200, answer.toJson());
            metrics.issued(answer.method(), answer.vector().algorithm(), start);
        } else {
            TokenRefusal refusal = outcome.refusal().orElseThrow();
            error(response, refusal);
            metrics.refused(refusal.code(), start);
        }
    }

    /**
     * Issue 14 §2: the rate limits of the token endpoint, per address and per client (the claimed {@code client_id},
     * from Basic or the form, and the certificate's SHA-256 when one is presented), before any secret or
     * certificate is checked. Over a limit: 429 with {@code Retry-After}, and a VI_GENERATION trace without body,
     * error_code {@code rate_limited}, at most one per key and second (docs/traces.md).
     */
    private boolean overLimit(
            HttpServletRequest http,
            HttpServletResponse response,
            RequestOrigin origin,
            byte[] body,
            List<String> authorization) {
        X509Certificate leaf = PresentedChain.of(http, origin).leaf();
        String sha256 = leaf == null ? null : CertificateBinding.sha256Hex(leaf);
        String clientId = claimedClientId(authorization, body);
        RateLimits.Refusal refusal = rateLimits.check(
                RateLimits.Door.TOKEN,
                origin.clientAddress(),
                clientId == null ? null : RateKeys.clientId(clientId),
                sha256 == null ? null : RateKeys.certificate(sha256));
        if (refusal == null) {
            return false;
        }
        if (refusal.traceDue()) {
            try {
                journal.submit(TraceEntry.builder(TraceKind.VI_GENERATION, Instant.now())
                        .failure("rate_limited", "over the " + refusal.kind().configName() + " rate limit")
                        .remoteAddress(origin.clientAddress())
                        .clientId(clientId)
                        // a certificate is recorded only when it is the key over its limit (D-8: one that comes
                        // with Basic is transport, not recorded)
                        .certificateSha256(
                                refusal.key().equals(RateKeys.certificate(String.valueOf(sha256))) ? sha256 : null)
                        .build());
            } catch (TraceUnavailable e) {
                // the request is refused anyway; the journal's own metrics count what it could not take
            }
        }
        RateLimits.answer(response, refusal);
        return true;
    }

    /** The {@code client_id} the request claims, from Basic or the form, or null; nothing is verified here. */
    static String claimedClientId(List<String> authorization, byte[] body) {
        if (authorization.size() == 1) {
            try {
                return ClientAuthenticator.decodeBasic(authorization.get(0))[0];
            } catch (TokenRefusal | RuntimeException e) {
                // not Basic, or malformed: the exchange refuses it; the form may still name a client
            }
        }
        if (body != null) {
            try {
                Map<String, String> form = FormBody.parse(body);
                return form.get("client_id");
            } catch (TokenRefusal | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** 503 temporarily_unavailable (P-4, P-42): nothing was issued. */
    private void unavailable(HttpServletResponse response, String description, long start) {
        error(response, TokenRefusal.of(TokenErrorCode.TEMPORARILY_UNAVAILABLE, description));
        metrics.refused(TokenErrorCode.TEMPORARILY_UNAVAILABLE, start);
    }

    static void error(HttpServletResponse response, TokenRefusal refusal) {
        error(response, refusal, refusal.httpStatus());
    }

    /**
     * The refusal as IR-6 answers it, with this status: the Basic challenge when due, {@code Retry-After} for
     * {@code temporarily_unavailable}, and a US-ASCII description (the revocation endpoint answers 401 for every
     * {@code invalid_client}, RFC 7009 §2.2.1).
     */
    public static void error(HttpServletResponse response, TokenRefusal refusal, int status) {
        if (refusal.basicChallenge()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"interops\", charset=\"UTF-8\"");
        }
        if (refusal.code() == TokenErrorCode.TEMPORARILY_UNAVAILABLE) {
            response.setHeader(Unavailable.RETRY_AFTER, Integer.toString(Unavailable.RETRY_AFTER_SECONDS));
        }
        JsonAnswer.error(response, status, refusal.code().code(), usAscii(refusal.description()));
    }

    /** IR-6: error_description is US-ASCII, without '"' and '\\'. */
    static String usAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return b.toString();
    }

    /** The body, or null when it is larger than {@code max} bytes or unreadable (never read past max + 1). */
    static byte[] readBody(HttpServletRequest http, int max) {
        long declared = http.getContentLengthLong();
        if (declared > max) {
            return null;
        }
        try (InputStream in = http.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        } catch (IOException e) {
            return null; // a body that cannot be read is refused like one over the limit: invalid_request
        }
    }
}
