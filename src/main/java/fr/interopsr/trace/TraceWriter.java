package fr.interopsr.trace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Persists one trace in a transaction of its own, committed when {@link #write} returns. */
@ApplicationScoped
public class TraceWriter {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(TraceRecord record) {
        em.persist(record);
    }

    /** In the caller's transaction: the trace commits or rolls back with the change it records (D-17). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeWithin(TraceRecord record) {
        em.persist(record);
    }
}
