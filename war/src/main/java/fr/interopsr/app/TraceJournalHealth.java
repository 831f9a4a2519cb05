package fr.interopsr.app;

import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness {@code interops-trace-journal}: the journal's writer thread runs, and the oldest trace waiting for its
 * commit is younger than {@code interops.health.journal-stuck-seconds} (default 60 s). Every answer waits for its
 * trace (D-17), so a dead or stuck writer means a server that answers nothing but 503s: restarting it is the cure.
 * Cheap: no database access, two volatile reads and a queue peek. Readiness runs the same check
 * ({@link TraceJournalReadiness}): Payara Micro 6.2025.10 listed a class annotated with both only under readiness.
 */
@Liveness
@ApplicationScoped
public class TraceJournalHealth implements HealthCheck {

    @Inject
    TraceJournal journal;

    @Inject
    ServerSettings settings;

    @Override
    public HealthCheckResponse call() {
        return of(journal, settings);
    }

    static HealthCheckResponse of(TraceJournal journal, ServerSettings settings) {
        return of(
                journal.writerRunning(),
                journal.lagNanos(),
                journal.queueDepth(),
                settings.healthJournalStuckSeconds());
    }

    static HealthCheckResponse of(boolean writerRunning, long lagNanos, int queueDepth, int stuckSeconds) {
        boolean stuck = lagNanos >= stuckSeconds * 1_000_000_000L;
        return Health.response(
                "interops-trace-journal",
                writerRunning && !stuck,
                Map.of(
                        "writer",
                        writerRunning ? (stuck ? "stuck" : "running") : "stopped",
                        "lagMillis",
                        lagNanos / 1_000_000,
                        "queueDepth",
                        (long) queueDepth));
    }
}
