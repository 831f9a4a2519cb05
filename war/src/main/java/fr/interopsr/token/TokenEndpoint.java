package fr.interopsr.token;

import fr.interopsr.convention.ConventionRegistry;
import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceJournal;
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
import java.time.Clock;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /idp/token} (CONTRACT.md): hands the request to {@link TokenExchange}, commits the
 * generation trace (IR-18), and only then answers, through {@link JsonAnswer}: {@code Cache-Control: no-store} and
 * {@code Pragma: no-cache} on every answer (IR-3). The one place token errors become HTTP (IR-6).
 * A servlet, not a JAX-RS resource: the body must reach {@link FormBody} as raw bytes (JAX-RS
 * runtimes parse form bodies themselves, losing repeated parameters and bad encodings).
 */
@WebServlet(urlPatterns = "/idp/token", loadOnStartup = 1) // its meters exist from start-up at 0
public class TokenEndpoint extends HttpServlet {

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
    TraceJournal journal;

    @Inject
    MetricsRegistry metricsRegistry;

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
        TokenHttpRequest request =
                new TokenHttpRequest(origin, http.getContentType(), body, authorization, PresentedChain.tlsChain(http));

        TokenExchange exchange = new TokenExchange(
                new ClientAuthenticator(clients, certificates::check),
                registry::index,
                new IdentificationVectorIssuer(keys.keys()),
                settings.issuer(),
                Clock.systemUTC());
        TokenExchange.Outcome outcome = exchange.exchange(request);
        try {
            journal.record(outcome.trace());
        } catch (TraceUnavailable e) {
            error(
                    response,
                    TokenRefusal.of(
                            TokenErrorCode.TEMPORARILY_UNAVAILABLE,
                            "the service cannot record traces; nothing was issued"));
            metrics.refused(TokenErrorCode.TEMPORARILY_UNAVAILABLE, start);
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

    static void error(HttpServletResponse response, TokenRefusal refusal) {
        if (refusal.basicChallenge()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"interops\", charset=\"UTF-8\"");
        }
        if (refusal.code() == TokenErrorCode.TEMPORARILY_UNAVAILABLE) {
            response.setHeader("Retry-After", "5");
        }
        JsonAnswer.error(response, refusal.httpStatus(), refusal.code().code(), usAscii(refusal.description()));
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
