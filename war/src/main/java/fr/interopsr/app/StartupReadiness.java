package fr.interopsr.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code interops-startup}: the start-up sequence has finished ({@link StartupSequence}) and the node has
 * not been told to stop: from the first SIGTERM on it is DOWN with {@code state} {@code stopping}, so that the load
 * balancer takes the node out while it still answers ({@link GracefulStop}, issue 16).
 */
@Readiness
@ApplicationScoped
public class StartupReadiness implements HealthCheck {

    @Inject
    StartupSequence startup;

    @Inject
    GracefulStop stop;

    @Override
    public HealthCheckResponse call() {
        return of(startup.started(), stop.draining());
    }

    static HealthCheckResponse of(boolean started, boolean stopping) {
        String state = stopping ? "stopping" : started ? "started" : "starting";
        return Health.response("interops-startup", started && !stopping, Map.of("state", state));
    }
}
