package fr.interopsr.trace;

import fr.interopsr.metrics.MetricsRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server side of the check: {@link TraceAudit} on {@code jdbc/interops}, with this node's HMAC
 * keys and the checkpoint keys of its key store and key file (issue 15), its records read ahead on a
 * second connection of the pool and a thread of the container's {@link ManagedThreadFactory} (P-36). Every check it runs, whoever
 * asked for it, ends in the {@link VerificationAlarm}: a SEVERE line and the metrics when the journal
 * is broken.
 */
@ApplicationScoped
public class TraceVerifier {

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    /** The thread the check reads ahead on (P-36): a thread of the container, never a plain one. */
    @Resource
    ManagedThreadFactory threads;

    @Inject
    TraceJournal journal;

    @Inject
    TraceCheckpoints checkpoints;

    @Inject
    MetricsRegistry metrics;

    private VerificationAlarm alarm;

    @PostConstruct
    void init() {
        alarm = new VerificationAlarm(metrics.registry());
    }

    /** Made at start, so that the alarm's meters exist from the first scrape (docs/monitoring.md). */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // nothing more: observing the event makes the bean, and init() registers the meters
    }

    /** Checks the journal; {@code outside}: the lines of a checkpoint file kept outside the database. */
    public TraceAudit.Report check(Optional<List<String>> outside) {
        return check("check", outside);
    }

    /**
     * Checks the journal and raises the alarm when it is broken; {@code source} names who asked, for the
     * log line ({@code GET by alice}, {@code job … by scheduler}).
     */
    public TraceAudit.Report check(String source, Optional<List<String>> outside) {
        long start = System.nanoTime();
        TraceAudit.Report report;
        try (Connection c = dataSource.getConnection()) {
            // the records read ahead on a second connection of the pool while the walk hashes (P-36)
            report = TraceAudit.check(
                    c,
                    new TraceAudit.ReadAhead(dataSource::getConnection, threads),
                    journal.hasher(),
                    checkpoints.verificationKeys(),
                    outside);
        } catch (SQLException e) {
            alarm.failed(source, e);
            throw new IllegalStateException("traces unreadable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            alarm.failed(source, e);
            throw e;
        }
        alarm.checked(source, report, Duration.ofNanos(System.nanoTime() - start), Instant.now());
        return report;
    }
}
