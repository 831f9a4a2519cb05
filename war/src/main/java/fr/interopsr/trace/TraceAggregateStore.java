package fr.interopsr.trace;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The dashboard's counts on {@code jdbc/interops} (issue 18 §2, P-63, P-64): read for a period, the journals' reports,
 * and the rebuild. Plain JDBC outside any JTA transaction (a rebuild commits chain by chain).
 */
@ApplicationScoped
public class TraceAggregateStore {

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    /** The counts of every node for buckets of this size in [from, to). */
    public TraceAggregates.Counts read(TraceAggregates.Granularity g, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return TraceAggregates.read(c, g, from, to);
        }
    }

    /** Every node's last report of its journal. */
    public List<TraceAggregates.JournalReport> reports() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return TraceAggregates.reports(c);
        }
    }

    /** Counts [from, to) again from the traces, chain by chain ({@link TraceAggregates#rebuild}). */
    public List<TraceAggregates.Rebuilt> rebuild(Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return TraceAggregates.rebuild(c, from, to);
        }
    }
}
