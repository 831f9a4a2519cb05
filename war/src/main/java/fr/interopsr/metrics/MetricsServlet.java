package fr.interopsr.metrics;

import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.platform.ServerSettings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} (CONTRACT.md, D-22): every meter of {@link MetricsRegistry} in the Prometheus text format.
 * Without authentication, like every Prometheus target, and therefore only on the internal plain-HTTP port (D-3):
 * a request that came over HTTPS, directly or through one of our proxies, gets a 404 unless
 * {@code interops.metrics.over-https} is true, so partners on the HTTPS port never read it.
 * {@code docs/monitoring.md} gives the reverse-proxy rule.
 */
@WebServlet(urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    /** The Prometheus text exposition format that {@link MetricsRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    MetricsRegistry metrics;

    @Inject
    ServerSettings settings;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            text(response, 405, "use GET\n", false);
            return;
        }
        if (!settings.metricsOverHttps()
                && RequestOrigin.of(
                                request.getRemoteAddr(),
                                request.isSecure(),
                                request::getHeader,
                                settings.trustedProxies())
                        .secure()) {
            text(response, 404, "not found\n", head);
            return;
        }
        String body;
        try {
            body = metrics.scrape();
        } catch (RuntimeException e) {
            MetricsFailures.swallow("scrape", e);
            text(response, 503, "metrics unavailable\n", head);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        JsonAnswer.noStore(response);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        if (!head) {
            response.getOutputStream().write(bytes);
        }
    }

    private static void text(HttpServletResponse response, int status, String text, boolean head) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        JsonAnswer.noStore(response);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(bytes.length);
        if (!head) {
            response.getOutputStream().write(bytes);
        }
    }
}
