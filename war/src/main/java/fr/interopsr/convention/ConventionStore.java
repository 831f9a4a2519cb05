package fr.interopsr.convention;

import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conventions in the database (tables {@code convention}, {@code convention_revision}):
 * every change makes a new immutable revision (D-14); the rules that span conventions, one
 * active convention per (iss, aud, azp, ver) (D-14) and one authentication method per client
 * (D-6), are checked here under a row lock of the head.
 */
@ApplicationScoped
public class ConventionStore {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    /** What a save did. */
    public record SaveOutcome(Optional<Convention> convention, boolean changed, List<String> problems) {
        static SaveOutcome refused(List<String> problems) {
            return new SaveOutcome(Optional.empty(), false, problems);
        }
    }

    /**
     * Records the document as the convention's new current revision, unless its content equals
     * the current one (then only the source hash is noted, D-15).
     */
    @Transactional
    public SaveOutcome save(ConventionDocument document, String actor, String comment, String sourceHash) {
        List<String> problems = crossConventionProblems(document);
        if (!problems.isEmpty()) {
            return SaveOutcome.refused(problems);
        }
        String json = document.toJson().toString();
        String hash = document.contentHash();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ConventionRecord head = em.find(ConventionRecord.class, document.id(), LockModeType.PESSIMISTIC_WRITE);
        int revision;
        if (head == null) {
            head = new ConventionRecord(document.id());
            revision = 1;
        } else {
            ConventionRevisionRecord current =
                    revision(document.id(), head.currentRevision()).orElseThrow();
            if (current.contentHash().equals(hash)) {
                if (sourceHash != null) {
                    head.sourceHash(sourceHash);
                }
                return new SaveOutcome(Optional.of(toConvention(current)), false, List.of());
            }
            revision = head.currentRevision() + 1;
        }
        head.describe(
                revision,
                document.status().jsonName(),
                document.serviceProvider().clientId(),
                document.identityProvider().issuer(),
                document.serviceProvider().id(),
                document.dataProvider().serviceId(),
                document.version(),
                now);
        head.sourceHash(sourceHash);
        if (revision == 1) {
            em.persist(head);
        }
        ConventionRevisionRecord record = new ConventionRevisionRecord(
                document.id(), revision, document.status().jsonName(), json, hash, now, actor, comment);
        em.persist(record);
        em.flush();
        return new SaveOutcome(Optional.of(new Convention(document.id(), revision, document)), true, List.of());
    }

    private List<String> crossConventionProblems(ConventionDocument document) {
        List<String> problems = new ArrayList<>();
        if (document.status() == ConventionStatus.ACTIVE) {
            List<String> clash = em.createQuery(
                            "SELECT c.id FROM ConventionRecord c WHERE c.status = 'active'"
                                    + " AND c.issuer = :iss AND c.audience = :aud AND c.serviceId = :azp"
                                    + " AND c.agreementVersion = :ver AND c.id <> :id",
                            String.class)
                    .setParameter("iss", document.identityProvider().issuer())
                    .setParameter("aud", document.serviceProvider().id())
                    .setParameter("azp", document.dataProvider().serviceId())
                    .setParameter("ver", document.version())
                    .setParameter("id", document.id())
                    .getResultList();
            for (String other : clash) {
                problems.add("convention " + other + " is already active for the same issuer, audience,"
                        + " target service and version (D-14)");
            }
        }
        for (Convention other : currentOfClient(document.serviceProvider().clientId())) {
            if (!other.id().equals(document.id())
                    && other.document().status() != ConventionStatus.RETIRED
                    && other.document().identityProvider().clientAuthentication()
                            != document.identityProvider().clientAuthentication()) {
                problems.add("identityProvider.clientAuthentication: client "
                        + document.serviceProvider().clientId() + " authenticates with "
                        + other.document()
                                .identityProvider()
                                .clientAuthentication()
                                .jsonName()
                        + " in convention " + other.id() + "; the conventions of one client must agree (D-6)");
            }
        }
        return problems;
    }

    /** The current revision of every convention, retired ones included. */
    @Transactional
    public List<Convention> currentRevisions() {
        return em
                .createQuery(
                        "SELECT r FROM ConventionRevisionRecord r, ConventionRecord c"
                                + " WHERE r.conventionId = c.id AND r.revision = c.currentRevision ORDER BY c.id",
                        ConventionRevisionRecord.class)
                .getResultList()
                .stream()
                .map(ConventionStore::toConvention)
                .toList();
    }

    private List<Convention> currentOfClient(String clientId) {
        return em
                .createQuery(
                        "SELECT r FROM ConventionRevisionRecord r, ConventionRecord c"
                                + " WHERE r.conventionId = c.id AND r.revision = c.currentRevision AND c.clientId = :client",
                        ConventionRevisionRecord.class)
                .setParameter("client", clientId)
                .getResultList()
                .stream()
                .map(ConventionStore::toConvention)
                .toList();
    }

    @Transactional
    public Optional<ConventionRevisionRecord> revision(String id, int revision) {
        return em.createQuery(
                        "SELECT r FROM ConventionRevisionRecord r" + " WHERE r.conventionId = :id AND r.revision = :n",
                        ConventionRevisionRecord.class)
                .setParameter("id", id)
                .setParameter("n", revision)
                .getResultStream()
                .findFirst();
    }

    @Transactional
    public Optional<ConventionRecord> head(String id) {
        return Optional.ofNullable(em.find(ConventionRecord.class, id));
    }

    /**
     * Changes whenever any convention changes, on any node (D-16): revisions and uploaded client
     * certificates (D-6) are only ever added, so their number grows with every change.
     */
    @Transactional
    public long changeMark() {
        long revisions = em.createQuery("SELECT COUNT(r) FROM ConventionRevisionRecord r", Long.class)
                .getSingleResult();
        Object certificates =
                em.createNativeQuery("SELECT COUNT(*) FROM client_certificate").getSingleResult();
        return revisions + ((Number) certificates).longValue();
    }

    /** The current revision record of every convention (for the administration), ordered by id. */
    @Transactional
    public List<ConventionRevisionRecord> currentRevisionRecords() {
        return em.createQuery(
                        "SELECT r FROM ConventionRevisionRecord r, ConventionRecord c"
                                + " WHERE r.conventionId = c.id AND r.revision = c.currentRevision ORDER BY c.id",
                        ConventionRevisionRecord.class)
                .getResultList();
    }

    /** Every revision of a convention, oldest first (D-14, seed 003: historical rules kept). */
    @Transactional
    public List<ConventionRevisionRecord> revisions(String id) {
        return em.createQuery(
                        "SELECT r FROM ConventionRevisionRecord r WHERE r.conventionId = :id" + " ORDER BY r.revision",
                        ConventionRevisionRecord.class)
                .setParameter("id", id)
                .getResultList();
    }

    /**
     * The client certificates uploaded through the administration (table {@code client_certificate}):
     * they bind their client for {@code tls_client_auth} (D-6). Plain SQL over two text columns: the
     * entity belongs to the administration.
     */
    @Transactional
    public List<ConventionRegistry.UploadedCertificate> uploadedCertificates() {
        List<?> rows = em.createNativeQuery("SELECT client_id, sha256 FROM client_certificate")
                .getResultList();
        List<ConventionRegistry.UploadedCertificate> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            out.add(new ConventionRegistry.UploadedCertificate((String) columns[0], (String) columns[1]));
        }
        return out;
    }

    static Convention toConvention(ConventionRevisionRecord r) {
        var read = ConventionDocumentReader.read(r.document().getBytes(StandardCharsets.UTF_8));
        ConventionDocument document = read.document()
                .orElseThrow(() -> new IllegalStateException("stored convention " + r.conventionId() + " revision "
                        + r.revision() + " no longer reads: " + read.describe()));
        return new Convention(r.conventionId(), r.revision(), document);
    }
}
