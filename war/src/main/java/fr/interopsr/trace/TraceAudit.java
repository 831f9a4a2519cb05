package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The walk over every chain of the trace table, in plain JDBC, shared by
 * {@code GET /admin/api/traces/verify} and the operator's command {@code trace-verify} (module {@code tools},
 * issue 5):
 * pages of 1000 records by sequence number, so millions of records need little memory.
 */
public final class TraceAudit {

    private static final int PAGE = 1000;

    private TraceAudit() {}

    /** One chain's verdict. */
    public record ChainReport(String chain, TraceChain.Verdict verdict) {}

    public static List<ChainReport> verifyAll(Connection c, TraceChain hasher) throws SQLException {
        return verifyAll(c, hasher, jws -> true);
    }

    /**
     * Every chain, each held against its latest checkpoint whose signature {@code signatureValid}
     * accepts (D-18): a chain shorter than it, or whose record at that place has another hash,
     * was truncated or rewritten. A checkpoint whose signature fails is reported as such.
     */
    public static List<ChainReport> verifyAll(Connection c, TraceChain hasher, Predicate<String> signatureValid)
            throws SQLException {
        List<String> chains = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT DISTINCT chain FROM trace_record WHERE chain IS NOT NULL ORDER BY chain")) {
            while (r.next()) {
                chains.add(r.getString(1));
            }
        }
        List<ChainReport> reports = new ArrayList<>();
        for (String chain : chains) {
            try {
                Checkpoint cp = latestCheckpoint(c, chain);
                if (cp != null && !signatureValid.test(cp.jws())) {
                    reports.add(new ChainReport(
                            chain,
                            new TraceChain.Verdict(
                                    false,
                                    0,
                                    Optional.empty(),
                                    "the signature of checkpoint " + cp.seq() + " does not verify",
                                    0,
                                    TraceChain.GENESIS)));
                    continue;
                }
                long first = firstSeq(c, chain);
                TraceChain.Verdict v;
                if (first > 1) {
                    // records before `first` were purged (retention): the walk starts at a signed anchor
                    Checkpoint anchor = checkpointAt(c, chain, first - 1);
                    if (anchor == null || !signatureValid.test(anchor.jws())) {
                        reports.add(new ChainReport(
                                chain,
                                new TraceChain.Verdict(
                                        false,
                                        0,
                                        Optional.empty(),
                                        "records 1.." + (first - 1)
                                                + " are missing and no signed checkpoint anchors the rest",
                                        0,
                                        TraceChain.GENESIS)));
                        continue;
                    }
                    v = hasher.verify(links(c, chain), anchor.seq(), anchor.hash(), cp == null ? 0 : cp.seq());
                } else {
                    v = hasher.verify(links(c, chain), cp == null ? 0 : cp.seq());
                }
                if (v.intact() && cp != null && cp.seq() >= first && !cp.hash().equals(hashAt(c, chain, cp.seq()))) {
                    v = new TraceChain.Verdict(
                            false,
                            v.checked(),
                            Optional.empty(),
                            "record " + cp.seq() + " no longer has the hash its signed checkpoint saw (rewritten)",
                            v.lastSequence(),
                            v.lastHash());
                }
                reports.add(new ChainReport(chain, v));
            } catch (UncheckedSql e) {
                throw e.getCause();
            }
        }
        return reports;
    }

    private record Checkpoint(long seq, String hash, String jws) {}

    private static Checkpoint latestCheckpoint(Connection c, String chain) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT chain_seq, record_hash, jws FROM trace_checkpoint"
                + " WHERE chain = ? ORDER BY chain_seq DESC")) {
            p.setString(1, chain);
            p.setMaxRows(1);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new Checkpoint(r.getLong(1), r.getString(2), r.getString(3)) : null;
            }
        }
    }

    private static long firstSeq(Connection c, String chain) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT MIN(chain_seq) FROM trace_record WHERE chain = ?")) {
            p.setString(1, chain);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static Checkpoint checkpointAt(Connection c, String chain, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT chain_seq, record_hash, jws FROM trace_checkpoint" + " WHERE chain = ? AND chain_seq = ?")) {
            p.setString(1, chain);
            p.setLong(2, seq);
            p.setMaxRows(1);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new Checkpoint(r.getLong(1), r.getString(2), r.getString(3)) : null;
            }
        }
    }

    private static String hashAt(Connection c, String chain, long seq) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT record_hash FROM trace_record WHERE chain = ? AND chain_seq = ?")) {
            p.setString(1, chain);
            p.setLong(2, seq);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /**
     * The chain's links in {@code chain_seq} order, read {@value #PAGE} sequence numbers at a time: each page is a
     * bounded range of the unique index {@code (chain, chain_seq)}, so that no page depends on the planner's
     * estimate of what lies past the last statistics (with stale statistics, "chain_seq > ? ORDER BY chain_seq"
     * sorted the whole rest of the chain for every page: hours for a million traces). A gap in the sequence
     * (a deleted record) yields fewer rows, never an early end: the walk goes on to the chain's highest number
     * as it was when the walk began.
     */
    private static Iterator<TraceChain.Link> links(Connection c, String chain) {
        return new Iterator<>() {
            private final List<TraceRecord> page = new ArrayList<>();
            private int index;
            private boolean started;
            private long next;
            private long last;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                page.clear();
                index = 0;
                try {
                    if (!started) {
                        started = true;
                        try (PreparedStatement p = c.prepareStatement(
                                "SELECT MIN(chain_seq), MAX(chain_seq) FROM trace_record WHERE chain = ?")) {
                            p.setString(1, chain);
                            try (ResultSet r = p.executeQuery()) {
                                r.next();
                                next = r.getLong(1);
                                last = r.wasNull() ? Long.MIN_VALUE : r.getLong(2);
                            }
                        }
                    }
                    while (page.isEmpty() && next <= last) {
                        long upper = last - next < PAGE ? last : next + PAGE - 1;
                        try (PreparedStatement p = c.prepareStatement("SELECT * FROM trace_record WHERE chain = ?"
                                + " AND chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq")) {
                            p.setString(1, chain);
                            p.setLong(2, next);
                            p.setLong(3, upper);
                            try (ResultSet r = p.executeQuery()) {
                                while (r.next()) {
                                    page.add(TraceRecord.fromRow(r));
                                }
                            }
                        }
                        if (upper == last) {
                            last = Long.MIN_VALUE; // the walk is over once this page is consumed
                        } else {
                            next = upper + 1;
                        }
                    }
                } catch (SQLException e) {
                    throw new UncheckedSql(e);
                }
                return !page.isEmpty();
            }

            @Override
            public TraceChain.Link next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TraceRecord r = page.get(index++);
                return new TraceChain.Link(r.id(), r.chainSeq(), r.recordHash(), r.keyId(), r.chainFields());
            }
        };
    }

    /** A SQL failure crossing the Iterator interface. */
    private static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
