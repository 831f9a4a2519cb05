package fr.interopsr.access;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRevisionRecord;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ConventionTimeline} over the table {@code convention_revision} (JPQL only, D-25), shared by every node, so
 * that every node answers the same. A revision is immutable (D-14), so its parsed document is kept in a bounded
 * cache per node, keyed by convention id and revision.
 */
@ApplicationScoped
public class DatabaseConventionTimeline implements ConventionTimeline {

    static final int MAX_CACHED = 2048;

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    private final Map<String, Convention> parsed = new ConcurrentHashMap<>();

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> inForceAt(Instant at) {
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        return em
                .createQuery(
                        "SELECT r FROM ConventionRevisionRecord r WHERE r.createdAt <= :t AND r.revision ="
                                + " (SELECT MAX(s.revision) FROM ConventionRevisionRecord s"
                                + " WHERE s.conventionId = r.conventionId AND s.createdAt <= :t)"
                                + " ORDER BY r.conventionId",
                        ConventionRevisionRecord.class)
                .setParameter("t", t)
                .getResultList()
                .stream()
                .map(this::toRevision)
                .toList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Revision> revision(String conventionId, int n) {
        return em.createQuery(
                        "SELECT r FROM ConventionRevisionRecord r WHERE r.conventionId = :id AND r.revision = :n",
                        ConventionRevisionRecord.class)
                .setParameter("id", conventionId)
                .setParameter("n", n)
                .getResultStream()
                .findFirst()
                .map(this::toRevision);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Revision> current(String conventionId) {
        return em.createQuery(
                        "SELECT r FROM ConventionRevisionRecord r WHERE r.conventionId = :id ORDER BY r.revision DESC",
                        ConventionRevisionRecord.class)
                .setParameter("id", conventionId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(this::toRevision);
    }

    private Revision toRevision(ConventionRevisionRecord r) {
        String key = r.conventionId() + "\n" + r.revision();
        Convention c = parsed.get(key);
        if (c == null) {
            var read = ConventionDocumentReader.read(r.document().getBytes(StandardCharsets.UTF_8));
            ConventionDocument document = read.document()
                    .orElseThrow(() -> new IllegalStateException("stored convention " + r.conventionId() + " revision "
                            + r.revision() + " no longer reads: " + read.describe()));
            c = new Convention(r.conventionId(), r.revision(), document);
            if (parsed.size() >= MAX_CACHED) {
                parsed.clear(); // bounded per node; revisions never change, so a miss only costs a parse
            }
            parsed.put(key, c);
        }
        return new Revision(c, r.createdAt().toInstant());
    }
}
