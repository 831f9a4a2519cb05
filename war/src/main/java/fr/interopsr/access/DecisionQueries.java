package fr.interopsr.access;

import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceRecord;
import fr.interopsr.trace.TraceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The read behind {@code GET /access/v1/decisions} (D-27): the data provider's traces of one client's calls, newest
 * first, by keyset (time, id). A trace belongs to the client only through what was verified:
 *
 * <ul>
 *   <li>a {@code VI_VERIFICATION} of {@code /api/} whose {@code certificateSha256} is a certificate bound to the
 *       client, or whose {@code clientId} is the client — the data provider writes it only when the VI's signature
 *       verified, the client of the convention found at step 7 (never {@code sub});
 *   <li>a {@code TRANSACTION} whose call (the same {@code correlationId}) has such an accepted
 *       {@code VI_VERIFICATION}: its own {@code clientId} is the VI's {@code sub} and is never looked at.
 * </ul>
 *
 * Introspection traces ({@code /idp/introspect}) are not the client's calls and are left out. JPQL only (D-25). The
 * indexes of migration V15 serve the two ways in ({@code certificate_sha256} and {@code client_id}, each with the
 * time); the correlation index of V12 serves the transactions.
 */
@ApplicationScoped
public class DecisionQueries {

    /** A call's TRANSACTION is written after its VI_VERIFICATION, within this (the longest a call may take). */
    static final Duration CALL_WINDOW = Duration.ofMinutes(10);

    /** Never an empty IN list (not JPQL): this matches no SHA-256. */
    private static final String NO_CERTIFICATE = "-";

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    /**
     * The criteria.
     *
     * @param clientId      the client whose decisions are listed
     * @param certificates  the SHA-256s (lowercase hex) of the certificates bound to it
     * @param from          inclusive
     * @param to            exclusive
     * @param correlationId only this call, or null
     * @param after         the cursor: only records before it in the order (newest first), or null
     * @param limit         at most this many
     */
    public record Filter(
            String clientId,
            Set<String> certificates,
            Instant from,
            Instant to,
            String correlationId,
            DecisionCursor after,
            int limit) {}

    /** One page, newest first; {@code limit + 1} are read to know whether another page follows. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<TraceRecord> page(Filter f) {
        StringBuilder jpql = new StringBuilder("SELECT t FROM TraceRecord t WHERE t.occurredAt >= :from"
                + " AND t.occurredAt < :to"
                + " AND ((t.kind = :verification"
                + " AND (t.targetUrl IS NULL OR t.targetUrl NOT LIKE '%/idp/introspect')"
                + " AND (t.certificateSha256 IN :certs OR t.clientId = :client))"
                + " OR (t.kind = :transaction AND t.correlationId IN (SELECT v.correlationId FROM TraceRecord v"
                + " WHERE v.kind = :verification AND v.status = :success AND v.correlationId IS NOT NULL"
                + " AND v.occurredAt >= :windowFrom AND v.occurredAt < :to"
                + " AND (v.certificateSha256 IN :certs OR v.clientId = :client))))");
        if (f.correlationId() != null) {
            jpql.append(" AND t.correlationId = :correlation");
        }
        if (f.after() != null) {
            jpql.append(" AND (t.occurredAt < :cursorTime OR (t.occurredAt = :cursorTime AND t.id < :cursorId))");
        }
        jpql.append(" ORDER BY t.occurredAt DESC, t.id DESC");
        TypedQuery<TraceRecord> q = em.createQuery(jpql.toString(), TraceRecord.class)
                .setParameter("from", utc(f.from()))
                .setParameter("to", utc(f.to()))
                .setParameter("windowFrom", utc(f.from().minus(CALL_WINDOW)))
                .setParameter("verification", TraceKind.VI_VERIFICATION)
                .setParameter("transaction", TraceKind.TRANSACTION)
                .setParameter("success", TraceStatus.SUCCESS)
                .setParameter(
                        "certs", f.certificates().isEmpty() ? List.of(NO_CERTIFICATE) : List.copyOf(f.certificates()))
                .setParameter("client", f.clientId());
        if (f.correlationId() != null) {
            q.setParameter("correlation", f.correlationId());
        }
        if (f.after() != null) {
            q.setParameter("cursorTime", utc(f.after().occurredAt()));
            q.setParameter("cursorId", f.after().id());
        }
        List<TraceRecord> rows = q.setMaxResults(f.limit() + 1).getResultList();
        em.clear();
        return rows;
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
