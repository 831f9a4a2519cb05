package fr.interopsr.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness {@code interops-startup}: the start-up sequence has finished ({@link StartupSequence}). */
@Readiness
@ApplicationScoped
public class StartupReadiness implements HealthCheck {

    @Inject
    StartupSequence startup;

    @Override
    public HealthCheckResponse call() {
        return Health.response("interops-startup", startup.started(), Map.of());
    }
}
