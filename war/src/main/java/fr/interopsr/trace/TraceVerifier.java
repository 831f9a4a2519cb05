package fr.interopsr.trace;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server side of the check: {@link TraceAudit} on {@code jdbc/interops}, with this node's HMAC
 * keys and the checkpoint keys of its key store and key file (issue 15).
 */
@ApplicationScoped
public class TraceVerifier {

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Inject
    TraceJournal journal;

    @Inject
    TraceCheckpoints checkpoints;

    /** Checks the journal; {@code outside}: the lines of a checkpoint file kept outside the database. */
    public TraceAudit.Report check(Optional<List<String>> outside) {
        try (Connection c = dataSource.getConnection()) {
            return TraceAudit.check(c, journal.hasher(), checkpoints.verificationKeys(), outside);
        } catch (SQLException e) {
            throw new IllegalStateException("traces unreadable: " + e.getMessage(), e);
        }
    }
}
