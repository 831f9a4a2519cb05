package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Where the export's keyset starts (issue 15): for a period with more of the journal's time before it than
 * in it, just below the period's lowest id, read by one JPQL {@code MIN}; else, and without a period, at the
 * lowest id there is. The JPQL and its parameters as
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

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant YEAR_BEFORE = FROM.minus(Duration.ofDays(365));

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /**
     * An EntityManager that records each query; it answers the journal's oldest and newest times to the span,
     * {@code lowest} to the period's MIN(id), nothing to a page.
     */
    private TraceQueries queries(Instant oldest, Instant newest, Long lowest) {
        EntityManager em = (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, (p, m, args) -> {
                    if (m.getName().equals("createQuery")) {
                        String jpql = (String) args[0];
                        Object single = jpql.contains("MIN(t.occurredAt)")
                                ? new Object[] {oldest == null ? null : utc(oldest), newest == null ? null : utc(newest)
                                }
                                : new Object[] {lowest, lowest == null ? 0L : 1000L};
                        return query(jpql, single);
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

    private TypedQuery<?> query(String jpql, Object single) {
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
                            return single;
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

    private static final String SPAN = "SELECT MIN(t.occurredAt), MAX(t.occurredAt) FROM TraceRecord t";

    @Test
    void anExportOfTheLastMonthStartsAtThePeriodsLowestId() {
        queries(YEAR_BEFORE, TO, 9_240_428L).first(new TraceFilter(null, null, FROM, TO, null, null), 1000);
        assertEquals(3, sent.size(), sent.toString());
        assertEquals(new Sent(SPAN, Map.of(), null), sent.get(0));
        assertEquals(
                new Sent(
                        "SELECT MIN(t.id), COUNT(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from AND"
                                + " t.occurredAt < :to",
                        Map.of("from", utc(FROM), "to", utc(TO)),
                        null),
                sent.get(1));
        assertEquals(
                new Sent(
                        "SELECT t FROM TraceRecord t WHERE t.occurredAt >= :from AND t.occurredAt < :to"
                                + " AND t.id > :afterId ORDER BY t.id",
                        Map.of("from", utc(FROM), "to", utc(TO), "afterId", 9_240_427L),
                        1000),
                sent.get(2));
    }

    @Test
    void aPeriodOpenAtItsEndStartsTheSameWayWithItsOtherConditions() {
        TraceFilter since = new TraceFilter(TraceKind.TRANSACTION, null, FROM, null, null, null);
        queries(YEAR_BEFORE, TO, 42L).first(since, 1000);
        assertEquals(
                List.of(
                        SPAN,
                        "SELECT MIN(t.id), COUNT(t.id) FROM TraceRecord t WHERE t.occurredAt >= :from",
                        "SELECT t FROM TraceRecord t WHERE t.kind = :kind AND t.occurredAt >= :from AND t.id > :afterId"
                                + " ORDER BY t.id"),
                sent.stream().map(Sent::jpql).toList());
        assertEquals(41L, sent.get(2).parameters().get("afterId"));
    }

    @Test
    void aPeriodNearTheJournalsStartKeepsTheWalkFromTheLowestId() {
        // one day of the journal before the period, thirty in it: the walk through that day is the cheaper
        queries(FROM.minus(Duration.ofDays(1)), TO.plus(Duration.ofDays(300)), 7L)
                .first(new TraceFilter(null, null, FROM, TO, null, null), 1000);
        assertEquals(
                List.of(
                        SPAN,
                        "SELECT t FROM TraceRecord t WHERE t.occurredAt >= :from AND t.occurredAt < :to"
                                + " AND t.id > :afterId ORDER BY t.id"),
                sent.stream().map(Sent::jpql).toList());
        assertEquals(Long.MIN_VALUE, sent.get(1).parameters().get("afterId"));
        sent.clear();
        // a year before it, then a period open at its end that reaches the newest record one day later
        queries(YEAR_BEFORE, FROM.plus(Duration.ofDays(1)), 7L)
                .first(new TraceFilter(null, null, FROM, null, null, null), 1000);
        assertEquals(3, sent.size(), sent.toString());
        assertEquals(6L, sent.get(2).parameters().get("afterId"));
    }

    @Test
    void aPeriodWithoutRecordsReadsNoPage() {
        assertTrue(queries(YEAR_BEFORE, TO, null)
                .first(new TraceFilter(null, null, FROM, TO, null, null), 1000)
                .isEmpty());
        assertEquals(2, sent.size(), sent.toString());
        sent.clear();
        assertTrue(queries(null, null, null)
                .first(new TraceFilter(null, null, FROM, TO, null, null), 1000)
                .isEmpty());
        assertEquals(List.of(SPAN), sent.stream().map(Sent::jpql).toList(), "an empty journal");
    }

    @Test
    void withoutAStartTheKeysetStartsAtTheLowestId() {
        queries(YEAR_BEFORE, TO, 1L).first(TraceFilter.ALL, 1000);
        assertEquals(
                List.of(new Sent(
                        "SELECT t FROM TraceRecord t WHERE t.id > :afterId ORDER BY t.id",
                        Map.of("afterId", Long.MIN_VALUE),
                        1000)),
                sent);
        sent.clear();
        queries(YEAR_BEFORE, TO, 1L).first(new TraceFilter(null, null, null, TO, null, null), 1000);
        assertEquals(Long.MIN_VALUE, sent.get(0).parameters().get("afterId"));
        assertEquals(1, sent.size(), "no MIN when the period has no start");
    }
}
