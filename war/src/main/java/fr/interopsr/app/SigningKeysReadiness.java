package fr.interopsr.app;

import fr.interopsr.vi.IdentityProviderKeys;
import fr.interopsr.vi.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code interops-signing-keys}: the signing keys are loaded and at least one of them is usable now (its
 * certificate has started and not expired). The answer names the algorithms that can sign now and counts the keys:
 * nothing secret (the public keys are in the JWK Set anyway).
 */
@Readiness
@ApplicationScoped
public class SigningKeysReadiness implements HealthCheck {

    static final String NAME = "interops-signing-keys";

    @Inject
    IdentityProviderKeys keys;

    @Override
    public HealthCheckResponse call() {
        if (!keys.loaded()) {
            return Health.response(NAME, false, Map.of("keys", "not loaded"));
        }
        return of(keys.keys().all(), Instant.now());
    }

    static HealthCheckResponse of(List<SigningKey> all, Instant now) {
        List<SigningKey> usable = all.stream().filter(k -> k.validAt(now)).toList();
        TreeSet<String> algorithms = new TreeSet<>();
        usable.forEach(k -> algorithms.add(k.algorithm().getName()));
        return Health.response(
                NAME,
                !usable.isEmpty(),
                Map.of(
                        "usable",
                        (long) usable.size(),
                        "loaded",
                        (long) all.size(),
                        "algorithms",
                        String.join(" ", algorithms)));
    }
}
