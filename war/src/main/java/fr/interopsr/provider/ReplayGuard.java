package fr.interopsr.provider;

import java.time.Instant;

/**
 * Single use of a VI (IR-11), the last check of {@link ViValidator} ({@link ValidationStep#REPLAY}); asked only for
 * conventions whose {@code singleUse} is true. Implementations must be atomic across nodes; one that cannot answer
 * throws, and the validator then refuses the VI (fail closed).
 */
@FunctionalInterface
public interface ReplayGuard {

    /** A guard for deployments where no convention is single use: every presentation is a first use. */
    ReplayGuard NONE = (jti, issuer, expiresAt) -> true;

    /**
     * Records a presentation of the VI {@code (issuer, jti)}.
     *
     * @param jti       the VI's {@code jti}
     * @param issuer    the VI's {@code iss}
     * @param expiresAt until when the VI could still be accepted (its {@code exp} plus the allowed clock skew): the
     *                  record must be kept at least until then
     * @return true for the first presentation, false for a replay
     */
    boolean firstUse(String jti, String issuer, Instant expiresAt);
}
