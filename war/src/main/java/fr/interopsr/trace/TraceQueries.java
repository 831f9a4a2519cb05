package fr.interopsr.trace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads of the trace query and the export (JPQL only, D-25). Outside any transaction, so
 * each call's entities are detached when it returns: an export reads page after page with
 * constant memory and holds no transaction open while the client downloads.
 */
@ApplicationScoped
public class TraceQueries {

    /** Rows per read of the export. */
    public static final int EXPORT_PAGE = 1000;

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    /** One page of the query and the number of matching records. */
    public record Page(List<TraceRecord> items, long total) {}

    /** Newest first (time, then id). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Page page(TraceParams.Query q) {
        Where w = where(q.filter());
        long total = w.apply(em.createQuery("SELECT COUNT(t) FROM TraceRecord t" + w.clause(), Long.class))
                .getSingleResult();
        List<TraceRecord> items = total <= q.offset()
                ? List.of()
                : w.apply(em.createQuery(
                                "SELECT t FROM TraceRecord t" + w.clause() + " ORDER BY t.occurredAt DESC, t.id DESC",
                                TraceRecord.class))
                        .setFirstResult(q.offset())
                        .setMaxResults(q.size())
                        .getResultList();
        em.clear();
        return new Page(items, total);
    }

    /**
     * The first export page. For a period ({@code from} given), the keyset starts just below the
     * period's lowest id, {@code SELECT MIN(id)} over an index range of {@code ix_trace_time}: every
     * record of the period has an id at least that. Started at {@link Long#MIN_VALUE}, the first page
     * walked the primary key through every older record before it found the period (5.6 s for the last
     * month of 10 million traces: docs/performance.md, "Traces at scale"). Empty when the period holds
     * no record.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<TraceRecord> first(TraceFilter filter, int limit) {
        long afterId = Long.MIN_VALUE;
        if (filter.from() != null) {
            Long lowest = periodStart(filter);
            if (lowest == null) {
                return List.of();
            }
            afterId = lowest - 1;
        }
        return after(filter, afterId, limit);
    }

    /** The lowest id among the records of the filter's period, or null when there is none. */
    private Long periodStart(TraceFilter filter) {
        TypedQuery<Long> q;
        if (filter.to() == null) {
            q = em.createQuery("SELECT MIN(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from", Long.class);
        } else {
            q = em.createQuery(
                            "SELECT MIN(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from AND t.occurredAt < :to",
                            Long.class)
                    .setParameter("to", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        return q.setParameter("from", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC))
                .getSingleResult();
    }

    /** The next export page: matching records with an id above {@code afterId}, by id (keyset paging). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<TraceRecord> after(TraceFilter filter, long afterId, int limit) {
        Where w = where(filter);
        String clause = w.clause().isEmpty() ? " WHERE t.id > :afterId" : w.clause() + " AND t.id > :afterId";
        List<TraceRecord> rows = w.apply(
                        em.createQuery("SELECT t FROM TraceRecord t" + clause + " ORDER BY t.id", TraceRecord.class))
                .setParameter("afterId", afterId)
                .setMaxResults(limit)
                .getResultList();
        em.clear();
        return rows;
    }

    private record Where(String clause, Map<String, Object> parameters) {
        <T> TypedQuery<T> apply(TypedQuery<T> query) {
            parameters.forEach(query::setParameter);
            return query;
        }
    }

    private static Where where(TraceFilter f) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (f.kind() != null) {
            conditions.add("t.kind = :kind");
            parameters.put("kind", f.kind());
        }
        if (f.status() != null) {
            conditions.add("t.status = :status");
            parameters.put("status", f.status());
        }
        if (f.from() != null) {
            conditions.add("t.occurredAt >= :from");
            parameters.put("from", OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            conditions.add("t.occurredAt < :to");
            parameters.put("to", OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        if (f.jti() != null) {
            conditions.add("t.jti = :jti");
            parameters.put("jti", f.jti());
        }
        if (f.convention() != null) {
            conditions.add("t.conventionId = :convention");
            parameters.put("convention", f.convention());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
    }
}
