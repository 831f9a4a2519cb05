package fr.interopsr.trace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
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
     * The first export page. Started at {@link Long#MIN_VALUE}, the keyset's first page walks the
     * primary key through every record older than the period before it finds one in it (5.6 s for the
     * last month of 10 million traces: docs/performance.md, "Traces at scale"). So, for a period
     * ({@code from} given) that has more of the journal's time before it than in it, the keyset starts
     * just below the period's lowest id, read from the index on the time ({@link #periodStart}): every
     * record of the period has an id at least that. For a period near the journal's start, the walk
     * through the few older records is the cheaper, and is kept. Empty when the period holds no record.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<TraceRecord> first(TraceFilter filter, int limit) {
        long afterId = Long.MIN_VALUE;
        if (filter.from() != null) {
            // two probes at the ends of the index on the time
            Object[] span = em.createQuery(
                            "SELECT MIN(t.occurredAt), MAX(t.occurredAt) FROM TraceRecord t", Object[].class)
                    .getSingleResult();
            if (span == null || span[0] == null) {
                return List.of();
            }
            Instant oldest = instant(span[0]);
            Instant end = filter.to() == null || filter.to().isAfter(instant(span[1])) ? instant(span[1]) : filter.to();
            if (Duration.between(oldest, filter.from()).compareTo(Duration.between(filter.from(), end)) > 0) {
                Long lowest = periodStart(filter);
                if (lowest == null) {
                    return List.of();
                }
                afterId = lowest - 1;
            }
        }
        return after(filter, afterId, limit);
    }

    /**
     * The lowest id among the records of the filter's period, or null when there is none: an index range of
     * {@code ix_trace_time}, whose cost follows the period. The {@code COUNT} is there for PostgreSQL: with
     * {@code MIN} alone, its planner turns the query into the same walk of the primary key from the lowest id
     * (it takes the ids of the period for spread over the whole table, where they are the newest), 2.8 s on
     * a million traces where the range took 1.4 s.
     */
    private Long periodStart(TraceFilter filter) {
        TypedQuery<Object[]> q;
        if (filter.to() == null) {
            q = em.createQuery(
                    "SELECT MIN(t.id), COUNT(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from", Object[].class);
        } else {
            q = em.createQuery(
                            "SELECT MIN(t.id), COUNT(t.id) FROM TraceRecord t"
                                    + " WHERE t.occurredAt >= :from AND t.occurredAt < :to",
                            Object[].class)
                    .setParameter("to", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        Object[] lowest = q.setParameter("from", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC))
                .getSingleResult();
        return lowest == null || lowest[0] == null ? null : ((Number) lowest[0]).longValue();
    }

    /** A time as the provider gives an aggregate of {@code occurredAt}. */
    private static Instant instant(Object time) {
        if (time instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (time instanceof Instant i) {
            return i;
        }
        if (time instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (time instanceof java.time.LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException(
                "a time of an unexpected type: " + time.getClass().getName());
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
        if (f.correlationId() != null) {
            conditions.add("t.correlationId = :correlationId");
            parameters.put("correlationId", f.correlationId());
        }
        if (f.traceparent() != null) {
            if (TraceFilter.isTraceId(f.traceparent())) { // version 00: "00-<trace id>-<parent id>-<flags>"
                conditions.add("t.traceparent LIKE :traceparent");
                parameters.put("traceparent", "00-" + f.traceparent() + "-%");
            } else {
                conditions.add("t.traceparent = :traceparent");
                parameters.put("traceparent", f.traceparent());
            }
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
    }
}
