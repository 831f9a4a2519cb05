package fr.interopsr.trace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The journal's transactions: a batch of a node chain in one commit, an admin action in its change's. */
@ApplicationScoped
public class TraceWriter {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    /** Commits the batch and the chain's new head together (group commit, D-17). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void writeBatch(List<TraceRecord> records, String chain, long lastSeq, String lastHash) {
        for (TraceRecord record : records) {
            em.persist(record);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        TraceChainHead head = em.find(TraceChainHead.class, chain);
        if (head == null) {
            em.persist(new TraceChainHead(chain, lastSeq, lastHash, now));
        } else {
            head.advance(lastSeq, lastHash, now);
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
