package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Issue 17, D-22: the meters of the introspection and revocation endpoints, registered up front. */
class PartnerEndpointMetricsTest {

    @Test
    void everyOutcomeIsRegisteredAtZeroAndCounted() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PartnerEndpointMetrics introspection =
                new PartnerEndpointMetrics(registry, "introspection", PartnerEndpointMetrics.INTROSPECTION_OUTCOMES);
        new PartnerEndpointMetrics(registry, "revocation", PartnerEndpointMetrics.REVOCATION_OUTCOMES);
        String text = registry.scrape();
        assertTrue(text.contains("interops_introspection_answers_total{outcome=\"inactive\"} 0.0"), text);
        assertTrue(text.contains("interops_revocation_answers_total{outcome=\"revoked\"} 0.0"), text);
        introspection.answered("active", System.nanoTime());
        assertEquals(
                1.0,
                registry.get("interops.introspection.answers")
                        .tag("outcome", "active")
                        .counter()
                        .count());
        assertEquals(1, registry.get("interops.introspection.requests").timer().count());
    }
}
