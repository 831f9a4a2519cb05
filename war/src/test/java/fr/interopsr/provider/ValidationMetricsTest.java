package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.jwk.ECKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ViValidationCache cache = new ViValidationCache(10);
    private final ValidationMetrics metrics = new ValidationMetrics(registry, cache);

    private double outcome(String outcome) {
        return registry.get(ValidationMetrics.VALIDATIONS)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void everyStepAndSuccessArePreRegistered() {
        assertEquals(
                ValidationStep.values().length + 1,
                registry.get(ValidationMetrics.VALIDATIONS).counters().size());
        String text = registry.scrape();
        assertTrue(text.contains("interops_vi_validations_total{outcome=\"scopes_one_convention\"} 0.0"), text);
        assertTrue(text.contains("interops_vi_validations_total{outcome=\"success\"} 0.0"), text);
        assertTrue(text.contains("interops_vi_cache_lookups_total{result=\"hit\"} 0.0"), text);
    }

    @Test
    void aFailureCountsUnderTheStepThatRefused() {
        metrics.validated(ValidationResult.failure(ValidationStep.SIGNATURE, "bad signature", null, null, null));
        metrics.validated(ValidationResult.failure(ValidationStep.TIME, "expired", null, null, null));
        metrics.validated(ValidationResult.failure(ValidationStep.TIME, "expired", null, null, null));
        metrics.validated(ValidationResult.missing());
        metrics.refused(ValidationStep.MTLS);
        assertEquals(1, outcome("signature"));
        assertEquals(2, outcome("time"));
        assertEquals(1, outcome("transport"), "no VI at all is a transport refusal, as in the trace");
        assertEquals(1, outcome("mtls"));
        assertEquals(0, outcome("success"));
    }

    @Test
    void aSuccessCounts() {
        ECKey key = Fixtures.ec("m-1");
        Fixtures.ConventionSpec spec = new Fixtures.ConventionSpec("conv-m", "https://idp-m.test.example/").keys(key);
        ValidationResult ok = Fixtures.validator(List.of(spec.convention(1)))
                .validate(Fixtures.request(spec.vi().signedWith(key)));
        assertTrue(ok.valid(), ok::toString);
        metrics.validated(ok);
        assertEquals(1, outcome("success"));
        assertEquals(0, outcome("signature"));
    }

    @Test
    void cacheLookupsAndSize() {
        metrics.cacheLookup(true);
        metrics.cacheLookup(false);
        metrics.cacheLookup(false);
        assertEquals(
                1,
                registry.get("interops.vi.cache.lookups")
                        .tag("result", "hit")
                        .counter()
                        .count());
        assertEquals(
                2,
                registry.get("interops.vi.cache.lookups")
                        .tag("result", "miss")
                        .counter()
                        .count());
        cache.put(
                "a.b.c",
                "192.0.2.1",
                null,
                ValidationResult.missing(),
                Instant.now().plusSeconds(60),
                0);
        assertEquals(1, registry.get("interops.vi.cache.entries").gauge().value());
    }

    @Test
    void aMetricsFailureNeverReachesTheRequest() {
        assertDoesNotThrow(() -> metrics.validated(null));
        assertDoesNotThrow(() -> metrics.refused(null));
    }
}
