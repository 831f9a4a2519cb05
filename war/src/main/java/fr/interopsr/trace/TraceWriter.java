package fr.interopsr.trace;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** The journal's transactions: a batch of a node chain in one commit, an admin action in its change's. */
@ApplicationScoped
public class TraceWriter {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    private final TraceRows rows = new TraceRows();

    /**
     * Commits the batch and the chain's new head together (group commit, D-17): the INSERTs go as
     * one JDBC batch on the JTA-enlisted connection of {@code jdbc/interops} (D-25). The dashboard's counts of the
     * batch and the journal's report of itself (lag, queue) go in the same transaction, after the head, whose row
     * lock orders them with a rebuild of the counts (P-63, P-64).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void writeBatch(
            List<TraceRecord> records, String chain, long lastSeq, String lastHash, long lagMillis, int queueDepth) {
        try (Connection c = dataSource.getConnection()) {
            rows.insert(c, records);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            TraceRows.advanceHead(c, chain, lastSeq, lastHash, now);
            TraceAggregates.add(c, TraceAggregates.count(chain, records));
            TraceAggregates.report(c, chain, lagMillis, queueDepth, now.toInstant());
        } catch (SQLException e) {
            throw new TraceWriteFailed(records.size() + " trace(s) of " + chain + " not written", e);
        }
    }

    /** A batch the database refused; its transaction rolls back (a runtime exception). */
    static final class TraceWriteFailed extends RuntimeException {
        TraceWriteFailed(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /**
     * The journal's report of itself (lag, queue) on its chain's head, when it has nothing to commit (P-64): in a
     * transaction of its own; nothing when the chain has no head yet.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void report(String chain, long lagMillis, int queueDepth) {
        try (Connection c = dataSource.getConnection()) {
            TraceAggregates.report(c, chain, lagMillis, queueDepth, Instant.now());
        } catch (SQLException e) {
            throw new TraceWriteFailed("the journal report of " + chain + " not written", e);
        }
    }

    /** The chain's head as committed: (0, genesis) for a new chain. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TraceChainHead head(String chain) {
        TraceChainHead head = em.find(TraceChainHead.class, chain);
        return head != null ? head : new TraceChainHead(chain, 0, TraceChain.GENESIS, null);
    }

    /**
     * In the caller's transaction, under a row lock of the admin chain's head: the trace commits
     * or rolls back with the change it records (D-17).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeWithin(TraceRecord record, String chain, TraceChain hasher) {
        append(record, chain, hasher);
    }

    /**
     * In a transaction of its own, under the same row lock: a trace on the admin chain that records no change (an
     * auditor's read of the traces, issue 14), committed before this returns.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void writeAlone(TraceRecord record, String chain, TraceChain hasher) {
        append(record, chain, hasher);
    }

    private void append(TraceRecord record, String chain, TraceChain hasher) {
        TraceChainHead head = em.find(TraceChainHead.class, chain, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("chain head " + chain + " missing (migration V4)");
        }
        long seq = head.lastSeq() + 1;
        record.chain(chain, seq, head.lastHash(), hasher);
        em.persist(record);
        head.advance(seq, record.recordHash(), OffsetDateTime.now(ZoneOffset.UTC));
    }
}
