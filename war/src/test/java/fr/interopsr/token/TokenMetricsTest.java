package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.SignatureAlgorithm;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TokenMetrics metrics = new TokenMetrics(registry);

    private double issued(String method, String algorithm) {
        return registry.get("interops.tokens.issued")
                .tag("method", method)
                .tag("algorithm", algorithm)
                .counter()
                .count();
    }

    private double refused(String error) {
        return registry.get("interops.tokens.refused")
                .tag("error", error)
                .counter()
                .count();
    }

    @Test
    void everySeriesExistsAtZeroBeforeTheFirstRequest() {
        assertEquals(
                ClientAuthentication.values().length * SignatureAlgorithm.values().length,
                registry.get("interops.tokens.issued").counters().size());
        assertEquals(
                TokenErrorCode.values().length,
                registry.get("interops.tokens.refused").counters().size());
        String text = registry.scrape();
        assertTrue(
                text.contains("interops_tokens_issued_total{algorithm=\"PS256\",method=\"client_secret_basic\"} 0.0"),
                text);
        assertTrue(text.contains("interops_tokens_refused_total{error=\"temporarily_unavailable\"} 0.0"), text);
    }

    @Test
    void anIssuedTokenCountsUnderItsMethodAndAlgorithmAndIsTimed() {
        metrics.issued(ClientAuthentication.TLS_CLIENT_AUTH, SignatureAlgorithm.ES256, System.nanoTime() - 3_000_000);
        metrics.issued(ClientAuthentication.TLS_CLIENT_AUTH, SignatureAlgorithm.ES256, System.nanoTime());
        metrics.issued(ClientAuthentication.CLIENT_SECRET_BASIC, SignatureAlgorithm.RS256, System.nanoTime());
        assertEquals(2, issued("tls_client_auth", "ES256"));
        assertEquals(1, issued("client_secret_basic", "RS256"));
        assertEquals(0, issued("client_secret_basic", "ES256"));
        Timer t =
                registry.get("interops.token.requests").tag("outcome", "issued").timer();
        assertEquals(3, t.count());
        assertTrue(t.max(TimeUnit.MILLISECONDS) >= 3);
        String text = registry.scrape();
        assertTrue(
                text.contains("interops_tokens_issued_total{algorithm=\"ES256\",method=\"tls_client_auth\"} 2.0"),
                text);
        assertTrue(text.contains("interops_token_requests_seconds_bucket{outcome=\"issued\",le=\"0.005\"}"), text);
        assertTrue(text.contains("interops_token_requests_seconds_count{outcome=\"issued\"} 3"), text);
    }

    @Test
    void aRefusalCountsUnderItsErrorCode() {
        metrics.refused(TokenErrorCode.INVALID_CLIENT, System.nanoTime());
        metrics.refused(TokenErrorCode.INVALID_CLIENT, System.nanoTime());
        metrics.refused(TokenErrorCode.INVALID_SCOPE, System.nanoTime());
        assertEquals(2, refused("invalid_client"));
        assertEquals(1, refused("invalid_scope"));
        assertEquals(0, refused("invalid_request"));
        assertEquals(
                3,
                registry.get("interops.token.requests")
                        .tag("outcome", "refused")
                        .timer()
                        .count());
        assertEquals(
                0,
                registry.get("interops.token.requests")
                        .tag("outcome", "issued")
                        .timer()
                        .count());
    }

    @Test
    void aMetricsFailureNeverReachesTheRequest() {
        assertDoesNotThrow(() -> metrics.issued(null, SignatureAlgorithm.ES256, System.nanoTime()));
        assertDoesNotThrow(() -> metrics.refused(null, System.nanoTime()));
    }

    @Test
    void twoInstancesShareTheSameSeries() {
        new TokenMetrics(registry).refused(TokenErrorCode.INVALID_GRANT, System.nanoTime());
        metrics.refused(TokenErrorCode.INVALID_GRANT, System.nanoTime());
        assertEquals(2, refused("invalid_grant"));
    }
}
