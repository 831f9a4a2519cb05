package fr.interopsr.app;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Builds the health checks' answers with the API's own constructor rather than its builder: the builder needs the
 * server's provider, the constructor does not, so the checks are tested without a container.
 */
final class Health {

    private Health() {}

    /** A named answer, UP or DOWN, with its data (strings, longs, booleans only; never a secret) in name order. */
    static HealthCheckResponse response(String name, boolean up, Map<String, Object> data) {
        return new HealthCheckResponse(
                name,
                up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(new TreeMap<>(data)));
    }
}
