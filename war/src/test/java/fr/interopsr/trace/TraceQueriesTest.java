package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Where the export's keyset starts (issue 15): for a period, just below the period's lowest id, read by
 * one JPQL {@code MIN}; without a period, at the lowest id there is. The JPQL and its parameters as
 * {@link TraceQueries} gives them to the provider (a recording EntityManager; the bench and TraceApiIT run
 * them on EclipseLink).
 */
class TraceQueriesTest {

    /** A statement and its parameters, as the provider got them. */
    private record Sent(String jpql, Map<String, Object> parameters, Integer maxResults) {
        @Override
        public String toString() {
            return jpql + " " + parameters + (maxResults == null ? "" : " max " + maxResults);
        }
    }

    private final List<Sent> sent = new ArrayList<>();

    /** An EntityManager that records each query and answers {@code lowest} to a MIN, nothing to a page. */
    private TraceQueries queries(Long lowest) {
        EntityManager em = (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, (p, m, args) -> {
                    if (m.getName().equals("createQuery")) {
                        return query((String) args[0], lowest);
                    }
                    if (m.getName().equals("clear")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        TraceQueries q = new TraceQueries();
        q.em = em;
        return q;
    }

    private TypedQuery<?> query(String jpql, Long lowest) {
        Map<String, Object> parameters = new TreeMap<>();
        Integer[] max = {null};
        Object[] self = {null};
        self[0] = Proxy.newProxyInstance(
                TypedQuery.class.getClassLoader(), new Class<?>[] {TypedQuery.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setParameter" -> parameters.put((String) args[0], args[1]);
                        case "setMaxResults" -> max[0] = (Integer) args[0];
                        case "getSingleResult" -> {
                            sent.add(new Sent(jpql, parameters, max[0]));
                            return lowest;
                        }
                        case "getResultList" -> {
                            sent.add(new Sent(jpql, parameters, max[0]));
                            return List.of();
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return self[0];
                });
        return (TypedQuery<?>) self[0];
    }

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    @Test
    void anExportOfAPeriodStartsAtThePeriodsLowestId() {
        queries(9_240_428L).first(new TraceFilter(null, null, FROM, TO, null, null), 1000);
        assertEquals(2, sent.size(), sent.toString());
        assertEquals(
                new Sent(
                        "SELECT MIN(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from AND t.occurredAt < :to",
                        Map.of("from", utc(FROM), "to", utc(TO)),
                        null),
                sent.get(0));
        assertEquals(
                new Sent(
                        "SELECT t FROM TraceRecord t WHERE t.occurredAt >= :from AND t.occurredAt < :to"
                                + " AND t.id > :afterId ORDER BY t.id",
                        Map.of("from", utc(FROM), "to", utc(TO), "afterId", 9_240_427L),
                        1000),
                sent.get(1));
    }

    @Test
    void aPeriodOpenAtItsEndStartsTheSameWayWithItsOtherConditions() {
        TraceFilter since = new TraceFilter(TraceKind.TRANSACTION, null, FROM, null, null, null);
        queries(42L).first(since, 1000);
        assertEquals(
                List.of(
                        "SELECT MIN(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from",
                        "SELECT t FROM TraceRecord t WHERE t.kind = :kind AND t.occurredAt >= :from AND t.id > :afterId"
                                + " ORDER BY t.id"),
                sent.stream().map(Sent::jpql).toList());
        assertEquals(41L, sent.get(1).parameters().get("afterId"));
    }

    @Test
    void aPeriodWithoutRecordsReadsNoPage() {
        assertTrue(queries(null)
                .first(new TraceFilter(null, null, FROM, TO, null, null), 1000)
                .isEmpty());
        assertEquals(1, sent.size(), sent.toString());
    }

    @Test
    void withoutAStartTheKeysetStartsAtTheLowestId() {
        queries(1L).first(TraceFilter.ALL, 1000);
        assertEquals(
                List.of(new Sent(
                        "SELECT t FROM TraceRecord t WHERE t.id > :afterId ORDER BY t.id",
                        Map.of("afterId", Long.MIN_VALUE),
                        1000)),
                sent);
        sent.clear();
        queries(1L).first(new TraceFilter(null, null, null, TO, null, null), 1000);
        assertEquals(Long.MIN_VALUE, sent.get(0).parameters().get("afterId"));
        assertEquals(1, sent.size(), "no MIN when the period has no start");
    }
}
