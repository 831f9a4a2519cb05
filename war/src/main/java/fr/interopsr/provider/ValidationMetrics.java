package fr.interopsr.provider;

import fr.interopsr.metrics.MetricsFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The data provider's meters (D-22, {@code docs/monitoring.md}): VI checks by outcome ({@code success}, or the
 * {@link ValidationStep#traceName()} of the step that refused, the same name the trace keeps) and the validation
 * cache's hits, misses and size (IR-11). Every series is registered up front; recording is an enum-map lookup and
 * an increment. No convention, client or issuer is a label.
 */
public final class ValidationMetrics {

    static final String VALIDATIONS = "interops.vi.validations";

    private final Counter success;
    private final Map<ValidationStep, Counter> failures = new EnumMap<>(ValidationStep.class);
    private final Counter hits;
    private final Counter misses;

    /** The meters, with a gauge of the cache's size when {@code cache} is not null. */
    public ValidationMetrics(MeterRegistry registry, ViValidationCache cache) {
        success = validations(registry, "success");
        for (ValidationStep step : ValidationStep.values()) {
            failures.put(step, validations(registry, step.traceName()));
        }
        hits = lookups(registry, "hit");
        misses = lookups(registry, "miss");
        if (cache != null) {
            Gauge.builder("interops.vi.cache.entries", cache, ViValidationCache::size)
                    .description("Successful validations kept by this node's validation cache (IR-11)")
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static Counter validations(MeterRegistry registry, String outcome) {
        return Counter.builder(VALIDATIONS)
                .description("VI checks at the data provider, by outcome: success or the step that refused")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("interops.vi.cache.lookups")
                .description("Lookups of a VI in the validation cache (IR-11)")
                .tag("result", result)
                .register(registry);
    }

    /** The outcome of a VI check, from the validator or the cache. */
    public void validated(ValidationResult result) {
        try {
            (result.valid() ? success : failures.get(result.failedStep().orElseThrow())).increment();
        } catch (RuntimeException e) {
            MetricsFailures.swallow("VI validation", e);
        }
    }

    /** A refusal decided before the validator ran (plain HTTP, a refused client certificate). */
    public void refused(ValidationStep step) {
        try {
            failures.get(step).increment();
        } catch (RuntimeException e) {
            MetricsFailures.swallow("VI validation", e);
        }
    }

    /** A lookup in the validation cache: found or not. */
    public void cacheLookup(boolean hit) {
        try {
            (hit ? hits : misses).increment();
        } catch (RuntimeException e) {
            MetricsFailures.swallow("VI cache", e);
        }
    }
}
