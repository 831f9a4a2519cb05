package fr.interopsr.token;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.SignatureAlgorithm;
import fr.interopsr.metrics.MetricsFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The token endpoint's meters (D-22, {@code docs/monitoring.md}): VIs issued by client authentication method and
 * algorithm, refusals by Interops-R error code (IR-6), and the endpoint's latency by outcome. Every series is
 * registered up front and held in enum maps: recording is a lookup and an increment, no string is built.
 * No client or convention id is a label (10 000 conventions would make 10 000 series).
 */
public final class TokenMetrics {

    /** Latency buckets: enough for {@code histogram_quantile}, few enough to stay cheap. */
    static final Duration[] BUCKETS = {
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
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final Map<ClientAuthentication, Map<SignatureAlgorithm, Counter>> issued =
            new EnumMap<>(ClientAuthentication.class);
    private final Map<TokenErrorCode, Counter> refused = new EnumMap<>(TokenErrorCode.class);
    private final Timer issuedTime;
    private final Timer refusedTime;

    public TokenMetrics(MeterRegistry registry) {
        for (ClientAuthentication method : ClientAuthentication.values()) {
            Map<SignatureAlgorithm, Counter> byAlgorithm = new EnumMap<>(SignatureAlgorithm.class);
            for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
                byAlgorithm.put(
                        algorithm,
                        Counter.builder("interops.tokens.issued")
                                .description("VIs issued by the token endpoint")
                                .tag("method", method.jsonName())
                                .tag("algorithm", algorithm.jsonName())
                                .register(registry));
            }
            issued.put(method, byAlgorithm);
        }
        for (TokenErrorCode code : TokenErrorCode.values()) {
            refused.put(
                    code,
                    Counter.builder("interops.tokens.refused")
                            .description("Token requests refused, by Interops-R error code (IR-6)")
                            .tag("error", code.code())
                            .register(registry));
        }
        issuedTime = timer(registry, "issued");
        refusedTime = timer(registry, "refused");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("interops.token.requests")
                .description("Token endpoint latency, from the request to the answer written (trace committed)")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** A VI was issued and answered; {@code startNanos} is {@link System#nanoTime()} at the request's start. */
    public void issued(ClientAuthentication method, SignatureAlgorithm algorithm, long startNanos) {
        try {
            issued.get(method).get(algorithm).increment();
            issuedTime.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            MetricsFailures.swallow("token issued", e);
        }
    }

    /** A token request was refused with this code. */
    public void refused(TokenErrorCode code, long startNanos) {
        try {
            refused.get(code).increment();
            refusedTime.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            MetricsFailures.swallow("token refused", e);
        }
    }
}
