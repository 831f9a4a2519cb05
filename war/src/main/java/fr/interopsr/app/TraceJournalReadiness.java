package fr.interopsr.app;

import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness {@code interops-trace-journal}: the same check as the liveness one, {@link TraceJournalHealth}. */
@Readiness
@ApplicationScoped
public class TraceJournalReadiness implements HealthCheck {

    @Inject
    TraceJournal journal;

    @Inject
    ServerSettings settings;

    @Override
    public HealthCheckResponse call() {
        return TraceJournalHealth.of(journal, settings);
    }
}
