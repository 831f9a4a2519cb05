package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention of traces (issue 5; seed 000: bounded retention): removes, per chain, only whole
 * expired segments — every record up to a signed checkpoint whose record is older than the
 * cut-off — and keeps that checkpoint as the anchor from which the rest of the chain still
 * verifies ({@link TraceAudit}). Plain JDBC, in one transaction per chain.
 */
public final class TraceRetention {

    private TraceRetention() {}

    /** What a purge removed from one chain. */
    public record Purged(String chain, long upToSeq, int records) {}

    public static List<Purged> purge(Connection c, Instant cutoff) throws SQLException {
        List<String> chains = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT chain FROM trace_checkpoint");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                chains.add(r.getString(1));
            }
        }
        List<Purged> purged = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (String chain : chains) {
                long anchor = expiredAnchor(c, chain, cutoff);
                if (anchor <= 0) {
                    continue;
                }
                int removed;
                try (PreparedStatement d =
                        c.prepareStatement("DELETE FROM trace_record WHERE chain = ? AND chain_seq <= ?")) {
                    d.setString(1, chain);
                    d.setLong(2, anchor);
                    removed = d.executeUpdate();
                }
                try (PreparedStatement d =
                        c.prepareStatement("DELETE FROM trace_checkpoint WHERE chain = ? AND chain_seq < ?")) {
                    d.setString(1, chain);
                    d.setLong(2, anchor);
                    d.executeUpdate();
                }
                c.commit();
                purged.add(new Purged(chain, anchor, removed));
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return purged;
    }

    /** The latest checkpoint of the chain whose record is older than the cut-off (0: none). */
    private static long expiredAnchor(Connection c, String chain, Instant cutoff) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT MAX(k.chain_seq) FROM trace_checkpoint k"
                + " JOIN trace_record t ON t.chain = k.chain AND t.chain_seq = k.chain_seq"
                + " WHERE k.chain = ? AND t.occurred_at < ?")) {
            p.setString(1, chain);
            p.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
