package fr.interopsr.trace;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The server side of the chain walk: {@link TraceAudit} on {@code jdbc/interops} with this node's key. */
@ApplicationScoped
public class TraceVerifier {

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;
    @Inject
    TraceJournal journal;

    public List<TraceAudit.ChainReport> verifyAll() {
        try (Connection c = dataSource.getConnection()) {
            return TraceAudit.verifyAll(c, journal.hasher());
        } catch (SQLException e) {
            throw new IllegalStateException("traces unreadable: " + e.getMessage(), e);
        }
    }
}
