package fr.interopsr.provider;

import fr.interopsr.metrics.MetricsFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of the introspection and revocation endpoints (issue 17, D-22, {@code docs/monitoring.md}), in the way
 * of the token endpoint's: {@code interops.<endpoint>.answers} counted by outcome and the latency
 * {@code interops.<endpoint>.requests}, every series registered up front; no client or convention id is a label.
 */
final class PartnerEndpointMetrics {

    /** Outcomes of {@code POST /idp/introspect}. */
    static final List<String> INTROSPECTION_OUTCOMES = List.of(
            "active", "inactive", "invalid_client", "invalid_request", "rate_limited", "temporarily_unavailable");

    /** Outcomes of {@code POST /idp/revoke}. */
    static final List<String> REVOCATION_OUTCOMES = List.of(
            "revoked", "ignored", "invalid_client", "invalid_request", "rate_limited", "temporarily_unavailable");

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5)
    };

    private final Map<String, Counter> answers = new HashMap<>();
    private final Timer latency;

    /**
     * @param endpoint {@code introspection} or {@code revocation}
     * @param outcomes every outcome it answers with
     */
    PartnerEndpointMetrics(MeterRegistry registry, String endpoint, List<String> outcomes) {
        for (String outcome : outcomes) {
            answers.put(
                    outcome,
                    Counter.builder("interops." + endpoint + ".answers")
                            .description("Answers of the " + endpoint + " endpoint, by outcome (issue 17)")
                            .tag("outcome", outcome)
                            .register(registry));
        }
        latency = Timer.builder("interops." + endpoint + ".requests")
                .description("Latency of the " + endpoint + " endpoint, trace committed (issue 17)")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** One answer with this outcome; {@code startNanos} is {@link System#nanoTime()} at the request's start. */
    void answered(String outcome, long startNanos) {
        try {
            Counter c = answers.get(outcome);
            if (c != null) {
                c.increment();
            }
            latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            MetricsFailures.swallow(outcome, e);
        }
    }
}
