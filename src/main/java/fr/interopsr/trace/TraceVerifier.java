package fr.interopsr.trace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks every hash chain of the trace table and reports, per chain, the first altered, inserted
 * or deleted record (issue 5, D-18). Reads in pages, so millions of records need little memory.
 */
@ApplicationScoped
public class TraceVerifier {

    private static final int PAGE = 1000;

    @PersistenceContext(unitName = "interops")
    EntityManager em;
    @Inject
    TraceJournal journal;

    /** One chain's verdict. */
    public record ChainReport(String chain, TraceChain.Verdict verdict) {
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public List<ChainReport> verifyAll() {
        List<ChainReport> reports = new ArrayList<>();
        List<String> chains = em.createQuery("SELECT DISTINCT t.chain FROM TraceRecord t WHERE t.chain IS NOT NULL"
                + " ORDER BY t.chain", String.class).getResultList();
        for (String chain : chains) {
            reports.add(new ChainReport(chain, journal.hasher().verify(links(chain), 0)));
        }
        return reports;
    }

    private Iterator<TraceChain.Link> links(String chain) {
        return new Iterator<>() {
            private List<TraceRecord> page = List.of();
            private int index;
            private long after = Long.MIN_VALUE;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                if (done) {
                    return false;
                }
                page = em.createQuery("SELECT t FROM TraceRecord t WHERE t.chain = :c AND t.chainSeq > :after"
                                + " ORDER BY t.chainSeq", TraceRecord.class)
                        .setParameter("c", chain).setParameter("after", after).setMaxResults(PAGE).getResultList();
                em.clear();
                index = 0;
                done = page.size() < PAGE;
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).chainSeq();
                }
                return !page.isEmpty();
            }

            @Override
            public TraceChain.Link next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TraceRecord r = page.get(index++);
                return new TraceChain.Link(r.id(), r.chainSeq(), r.recordHash(), r.chainFields());
            }
        };
    }
}
