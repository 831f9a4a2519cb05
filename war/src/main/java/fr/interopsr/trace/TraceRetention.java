package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention of traces (issue 5, issue 15; seed 000: bounded retention). Per chain, the records
 * older than the cut-off go, and a <b>signed retention mark</b> first records what was kept: the
 * sequence kept from, the hash before it, the cut-off and the period in force. The check accepts
 * missing records only below such a mark ({@link TraceAudit}). The rounds of checkpoints older than
 * the cut-off go the same way (chain {@code rounds:<signer>}), except the last of each signer. Deletes
 * run in batches of {@value #BATCH} sequence numbers, each its own transaction, so that a year of
 * traces never holds one long transaction; the mark is committed before the first batch.
 */
public final class TraceRetention {

    /** Sequence numbers removed per transaction. */
    static final int BATCH = 10_000;

    private TraceRetention() {}

    /** Signs a retention mark's payload; the journal's checkpoint key does it. */
    @FunctionalInterface
    public interface MarkSigner {
        String sign(String chain, long keptFrom, String anchorHash, Instant cutoff, int periodDays, Instant at)
                throws Exception;
    }

    /** What a purge removed from one chain (or a signer's rounds). */
    public record Purged(String chain, long keptFrom, long removed) {}

    public static List<Purged> purge(Connection c, Instant cutoff, int periodDays, MarkSigner signer)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        List<Purged> purged = new ArrayList<>();
        try {
            Map<String, Long> older = olderThan(c, cutoff);
            for (String chain : strings(c, "SELECT chain FROM trace_chain_head WHERE last_seq > 0 ORDER BY chain")) {
                long upTo = older.getOrDefault(chain, 0L);
                if (upTo <= 0 || upTo < keptFrom(c, chain)) {
                    continue;
                }
                String anchor = stringOf(
                        c, "SELECT record_hash FROM trace_record WHERE chain = ? AND chain_seq = ?", chain, upTo);
                if (anchor == null) {
                    continue;
                }
                mark(c, signer, chain, upTo + 1, anchor, cutoff, periodDays);
                long removed = deleteBelow(c, "trace_record", "chain", "chain_seq", chain, upTo + 1);
                try (PreparedStatement d =
                        c.prepareStatement("DELETE FROM trace_checkpoint WHERE chain = ? AND chain_seq <= ?")) {
                    d.setString(1, chain);
                    d.setLong(2, upTo);
                    d.executeUpdate();
                }
                c.commit();
                purged.add(new Purged(chain, upTo + 1, removed));
            }
            for (String s : strings(c, "SELECT DISTINCT signer FROM trace_checkpoint_round ORDER BY signer")) {
                String chain = RetentionMark.roundsOf(s);
                // the first round to keep: the first one at or after the cut-off, else the signer's last
                long keep = longOf(
                        c,
                        "SELECT MIN(round_seq) FROM trace_checkpoint_round WHERE signer = ? AND signed_at >= ?",
                        s,
                        OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                if (keep <= 0) {
                    keep = longOf(c, "SELECT MAX(round_seq) FROM trace_checkpoint_round WHERE signer = ?", s, null);
                }
                if (keep <= keptFrom(c, chain)) {
                    continue;
                }
                String anchor = stringOf(
                        c, "SELECT previous FROM trace_checkpoint_round WHERE signer = ? AND round_seq = ?", s, keep);
                if (anchor == null) {
                    continue;
                }
                mark(c, signer, chain, keep, anchor, cutoff, periodDays);
                long removed = deleteBelow(c, "trace_checkpoint_round", "signer", "round_seq", s, keep);
                purged.add(new Purged(chain, keep, removed));
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return purged;
    }

    /**
     * The chains that hold records older than the cut-off, each with the highest sequence number among
     * them, in one statement: an index range of {@code ix_trace_time} whose cost follows what is to be
     * removed. A {@code MAX(chain_seq)} per chain and cut-off let the planner walk the chain's index
     * backwards from its head, through the whole retained chain when nothing is older (seconds per chain
     * and per hourly run on stale statistics: docs/performance.md, "Traces at scale").
     */
    static Map<String, Long> olderThan(Connection c, Instant cutoff) throws SQLException {
        Map<String, Long> older = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT chain, MAX(chain_seq) FROM trace_record WHERE occurred_at < ? GROUP BY chain")) {
            p.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String chain = r.getString(1);
                    long seq = r.getLong(2);
                    if (chain != null && !r.wasNull()) {
                        older.put(chain, seq);
                    }
                }
            }
        }
        return older;
    }

    /** The chain's current mark's kept-from, or 1 when it has none. */
    private static long keptFrom(Connection c, String chain) throws SQLException {
        long k = longOf(c, "SELECT kept_from FROM trace_retention_mark WHERE chain = ?", chain, null);
        return k <= 0 ? 1 : k;
    }

    /** Replaces the chain's mark with a new signed one, committed before anything is deleted. */
    private static void mark(
            Connection c, MarkSigner signer, String chain, long keptFrom, String anchor, Instant cutoff, int periodDays)
            throws SQLException {
        Instant at = Instant.now();
        String jws;
        try {
            jws = signer.sign(chain, keptFrom, anchor, cutoff, periodDays, at);
        } catch (Exception e) {
            throw new SQLException("retention mark of " + chain + " not signed: " + e.getMessage(), e);
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM trace_retention_mark WHERE chain = ?")) {
            d.setString(1, chain);
            d.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO trace_retention_mark"
                        + " (chain, kept_from, anchor_hash, cutoff, period_days, signed_at, jws) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, chain);
            p.setLong(2, keptFrom);
            p.setString(3, anchor);
            // milliseconds, as the mark signs it
            p.setObject(4, OffsetDateTime.ofInstant(Instant.ofEpochMilli(cutoff.toEpochMilli()), ZoneOffset.UTC));
            p.setInt(5, periodDays);
            p.setObject(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            p.setString(7, jws);
            p.executeUpdate();
        }
        c.commit();
    }

    /** Deletes the rows of one chain below {@code keptFrom}, {@value #BATCH} sequence numbers per transaction. */
    private static long deleteBelow(
            Connection c, String table, String keyColumn, String seqColumn, String key, long keptFrom)
            throws SQLException {
        long low = longOf(c, "SELECT MIN(" + seqColumn + ") FROM " + table + " WHERE " + keyColumn + " = ?", key, null);
        long removed = 0;
        if (low <= 0) {
            return 0;
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ? AND "
                + seqColumn + " >= ? AND " + seqColumn + " < ?")) {
            for (long from = low; from < keptFrom; from += BATCH) {
                d.setString(1, key);
                d.setLong(2, from);
                d.setLong(3, Math.min(from + BATCH, keptFrom));
                removed += d.executeUpdate();
                c.commit();
            }
        }
        return removed;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static long longOf(Connection c, String sql, String key, Object second) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            if (second != null) {
                p.setObject(2, second);
            }
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static String stringOf(Connection c, String sql, String key, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, key);
            p.setLong(2, seq);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
