package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import fr.interopsr.trace.TraceAggregates.Granularity;
import fr.interopsr.trace.TraceAggregates.Key;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 §2, P-63: the dashboard's counts. Bucketing by minute and by hour, one row set per node chain, the
 * introspection apart from the API calls; the counts added by batches on the database equal the traces, a rebuild
 * gives the same rows, and the traces' hashes are not touched.
 */
class TraceAggregatesTest {

    static final Instant T = Instant.parse("2026-12-07T10:59:58.250Z");

    Connection database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:aggregates-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        return ds.getConnection();
    }

    static TraceRecord record(TraceKind kind, Instant at, String conv, String error, String step, String url) {
        TraceEntry.Builder b = TraceEntry.builder(kind, at).convention(conv, conv == null ? null : 1);
        if (error == null) {
            b.success();
        } else {
            b.failure(error, "why").step(step);
        }
        if (url != null) {
            b.action("GET", url, null, null);
        }
        return TraceRecord.of(b.build(), "n1");
    }

    @Test
    void aTraceCountsInItsMinuteAndItsHour() {
        Map<Key, Long> counts = TraceAggregates.count(
                "node:a",
                List.of(
                        record(TraceKind.VI_GENERATION, T, "c1", null, null, null),
                        record(TraceKind.VI_GENERATION, T.plusSeconds(1), "c1", null, null, null),
                        record(TraceKind.VI_GENERATION, T.plusSeconds(3), "c1", null, null, null)));
        // 10:59:58, 10:59:59 in minute 10:59; 11:00:01 in minute 11:00 and hour 11:00
        assertEquals(
                2L,
                counts.get(new Key(
                        "node:a",
                        Granularity.MINUTE,
                        Instant.parse("2026-12-07T10:59:00Z"),
                        "VI_GENERATION",
                        "SUCCESS",
                        "c1",
                        "",
                        "")));
        assertEquals(
                1L,
                counts.get(new Key(
                        "node:a",
                        Granularity.MINUTE,
                        Instant.parse("2026-12-07T11:00:00Z"),
                        "VI_GENERATION",
                        "SUCCESS",
                        "c1",
                        "",
                        "")));
        assertEquals(
                2L,
                counts.get(new Key(
                        "node:a",
                        Granularity.HOUR,
                        Instant.parse("2026-12-07T10:00:00Z"),
                        "VI_GENERATION",
                        "SUCCESS",
                        "c1",
                        "",
                        "")));
        assertEquals(
                1L,
                counts.get(new Key(
                        "node:a",
                        Granularity.HOUR,
                        Instant.parse("2026-12-07T11:00:00Z"),
                        "VI_GENERATION",
                        "SUCCESS",
                        "c1",
                        "",
                        "")));
        assertEquals(4, counts.size());
        assertEquals(6L, counts.values().stream().mapToLong(Long::longValue).sum(), "each trace twice: minute, hour");
    }

    @Test
    void refusalsKeepTheirErrorAndStepAndTheIntrospectionIsNotAnApiCall() {
        Map<Key, Long> counts = TraceAggregates.count(
                "node:b",
                List.of(
                        record(TraceKind.VI_VERIFICATION, T, null, "invalid_token", "TIME", "https://h/interops/api/x"),
                        record(
                                TraceKind.VI_VERIFICATION,
                                T,
                                "c2",
                                "invalid_token",
                                "revoked",
                                "https://h/interops/idp/introspect")));
        assertTrue(counts.containsKey(new Key(
                "node:b",
                Granularity.MINUTE,
                Granularity.MINUTE.bucket(T),
                "VI_VERIFICATION",
                "FAILURE",
                "",
                "invalid_token",
                "TIME")));
        assertTrue(counts.containsKey(new Key(
                "node:b",
                Granularity.HOUR,
                Granularity.HOUR.bucket(T),
                TraceAggregates.INTROSPECTION,
                "FAILURE",
                "c2",
                "invalid_token",
                "revoked")));
        assertEquals("VI_VERIFICATION", TraceAggregates.kindOf("VI_VERIFICATION", "https://h/interops/api/v1/b/1"));
        assertEquals("INTROSPECTION", TraceAggregates.kindOf("VI_VERIFICATION", "https://h/interops/idp/introspect?x"));
        assertEquals("TRANSACTION", TraceAggregates.kindOf("TRANSACTION", "https://h/interops/idp/introspect"));
        assertEquals("x".repeat(32), TraceAggregates.column("x".repeat(40), 32));
    }

    /** Writes the records as the journal does: batch, head, counts, report, one transaction. */
    static void journal(Connection c, TraceRows rows, String chain, List<TraceRecord> records) throws Exception {
        c.setAutoCommit(false);
        long seq;
        String hash;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT last_seq, last_hash FROM trace_chain_head WHERE chain = '" + chain + "'")) {
            seq = r.next() ? r.getLong(1) : 0;
            hash = seq == 0 ? TraceChain.GENESIS : r.getString(2);
        }
        for (TraceRecord r : records) {
            r.chain(chain, ++seq, hash, JournalFixture.HASHER);
            hash = r.recordHash();
        }
        rows.insert(c, records);
        TraceRows.advanceHead(c, chain, seq, hash, OffsetDateTime.now(ZoneOffset.UTC));
        TraceAggregates.add(c, TraceAggregates.count(chain, records));
        TraceAggregates.report(c, chain, 12, 3, Instant.now());
        c.commit();
        c.setAutoCommit(true);
    }

    static List<TraceRecord> mixed(Instant around, int n) {
        List<TraceRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = around.plusSeconds(i * 37L);
            out.add(
                    switch (i % 4) {
                        case 0 -> record(TraceKind.VI_GENERATION, at, "c" + (i % 3), null, null, null);
                        case 1 -> record(TraceKind.VI_GENERATION, at, null, "invalid_client", null, null);
                        case 2 -> record(TraceKind.VI_VERIFICATION, at, "c1", null, null, "https://h/interops/api/a");
                        default ->
                            record(TraceKind.VI_VERIFICATION, at, "c2", "invalid_token", "SIGNATURE", "https://h/api");
                    });
        }
        return out;
    }

    static List<String> rows(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT chain, granularity, bucket_start, kind, status, convention_id,"
                        + " error_code, step, traces FROM trace_aggregate ORDER BY chain, granularity, bucket_start,"
                        + " kind, status, convention_id, error_code, step")) {
            while (r.next()) {
                out.add(r.getString(1) + "|" + r.getString(2) + "|"
                        + r.getObject(3, OffsetDateTime.class).toInstant() + "|" + r.getString(4) + "|"
                        + r.getString(5) + "|" + r.getString(6) + "|" + r.getString(7) + "|" + r.getString(8) + "|"
                        + r.getLong(9));
            }
        }
        return out;
    }

    @Test
    void batchesOfTwoNodesAddUpToTheirTracesAndARebuildGivesTheSameRows() throws Exception {
        try (Connection c = database()) {
            TraceRows rows = new TraceRows();
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
            List<TraceRecord> a = mixed(start, 300); // over about three hours
            journal(c, rows, "node:a", a.subList(0, 120));
            journal(c, rows, "node:b", mixed(start.plusSeconds(5), 40));
            journal(c, rows, "node:a", a.subList(120, 300)); // the same buckets again: UPDATE, then new ones: INSERT
            Instant from = start.minus(1, ChronoUnit.HOURS);
            Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
            for (Granularity g : Granularity.values()) {
                assertEquals(Map.of("node:a", 300L, "node:b", 40L), TraceAggregates.perChain(c, g, from, to), g.name());
            }
            TraceAggregates.Counts counts = TraceAggregates.read(c, Granularity.MINUTE, from, to);
            assertEquals(
                    340L,
                    counts.totals().stream()
                            .mapToLong(TraceAggregates.Total::traces)
                            .sum());
            assertEquals(
                    85L, // a quarter of each node's traces: 75 + 10
                    counts.totals().stream()
                            .filter(t -> "SIGNATURE".equals(t.step()))
                            .mapToLong(TraceAggregates.Total::traces)
                            .sum());
            List<String> live = rows(c);
            List<String> hashes = hashes(c);

            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE trace_aggregate SET traces = traces + 1000");
                s.executeUpdate("DELETE FROM trace_aggregate WHERE granularity = 'H'");
            }
            List<TraceAggregates.Rebuilt> rebuilt = TraceAggregates.rebuild(c, from, to);
            assertEquals(2, rebuilt.size());
            assertEquals(300L, rebuilt.get(0).traces());
            assertEquals(live, rows(c), "a rebuild gives what the batches wrote");
            assertEquals(hashes, hashes(c), "the traces are untouched");

            List<TraceAggregates.JournalReport> reports = TraceAggregates.reports(c);
            assertEquals(2, reports.size());
            assertEquals(12L, reports.get(0).lagMillis());
            assertEquals(3, reports.get(0).queueDepth());
            assertNotNull(reports.get(0).reportedAt());
        }
    }

    /** A rebuild counts a day per transaction (TraceAggregates.SLICE): a period of several days loses nothing. */
    @Test
    void aRebuildOverSeveralDaysCountsEachDayOnceAndGivesTheSameRows() throws Exception {
        try (Connection c = database()) {
            TraceRows rows = new TraceRows();
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(60, ChronoUnit.HOURS);
            journal(c, rows, "node:a", mixed(start, 90)); // some 60 h ago
            journal(c, rows, "node:a", mixed(start.plus(23, ChronoUnit.HOURS), 60)); // across a slice's end
            journal(c, rows, "node:a", mixed(start.plus(50, ChronoUnit.HOURS), 30));
            List<String> live = rows(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE trace_aggregate SET traces = traces + 7");
            }
            List<TraceAggregates.Rebuilt> rebuilt = TraceAggregates.rebuild(
                    c, start.minus(1, ChronoUnit.HOURS), Instant.now().plus(1, ChronoUnit.HOURS));
            assertEquals(180L, rebuilt.get(0).traces(), "every trace counted once over three slices");
            assertEquals(live, rows(c));
        }
    }

    @Test
    void aRebuildOfAPartOfThePeriodLeavesTheRestAndPruneDropsOldBuckets() throws Exception {
        try (Connection c = database()) {
            TraceRows rows = new TraceRows();
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
            journal(c, rows, "node:a", mixed(start, 400)); // about four hours
            List<String> live = rows(c);
            TraceAggregates.rebuild(c, start.plus(1, ChronoUnit.HOURS), start.plus(2, ChronoUnit.HOURS));
            assertEquals(live, rows(c));

            long removed = TraceAggregates.prune(c, start.plus(2, ChronoUnit.HOURS), start.plus(1, ChronoUnit.HOURS));
            assertTrue(removed > 0);
            Map<String, Long> minutes =
                    TraceAggregates.perChain(c, Granularity.MINUTE, start, start.plus(2, ChronoUnit.HOURS));
            assertNull(minutes.get("node:a"), "minutes before the cut are gone");
            assertEquals(
                    Map.of("node:a", 400L - countBefore(start, 400, start.plus(1, ChronoUnit.HOURS))),
                    TraceAggregates.perChain(c, Granularity.HOUR, start, start.plus(1, ChronoUnit.DAYS)));
        }
    }

    private static long countBefore(Instant start, int n, Instant cut) {
        return mixed(start, n).stream()
                .filter(r -> r.occurredAt().toInstant().isBefore(cut))
                .count();
    }

    private static List<String> hashes(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT chain, chain_seq, record_hash FROM trace_record ORDER BY id")) {
            while (r.next()) {
                out.add(r.getString(1) + r.getLong(2) + r.getString(3));
            }
        }
        return out;
    }
}
