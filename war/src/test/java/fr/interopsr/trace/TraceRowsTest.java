package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Issue 5, D-25: the journal's JDBC batch writes every column JPA reads, and ids never collide. */
class TraceRowsTest {

    private static final TraceChain HASHER = new TraceChain("0123456789abcdef0123456789abcdef".getBytes());

    private static JdbcDataSource migrated(String name) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        return ds;
    }

    private static List<TraceRecord> chained(String chain, long afterSeq, String afterHash, int n) {
        List<TraceRecord> records = new ArrayList<>();
        String hash = afterHash;
        for (int i = 1; i <= n; i++) {
            TraceEntry e = i % 2 == 0
                    ? TraceEntry.builder(TraceKind.TRANSACTION, Instant.now())
                            .success()
                            .jti("jti-" + i)
                            .convention("demo", 2)
                            .action("GET", "https://h/api/v1/beneficiaries/B1", 200, "B1")
                            .build()
                    : TraceEntry.builder(TraceKind.VI_VERIFICATION, Instant.now())
                            .failure("invalid_token", "step 9")
                            .jti("jti-" + i)
                            .issuer("https://idp")
                            .vi("a.b.c")
                            .build();
            TraceRecord r = TraceRecord.of(e, "node-1");
            r.chain(chain, afterSeq + i, hash, HASHER);
            hash = r.recordHash();
            records.add(r);
        }
        return records;
    }

    @Test
    void aBatchAndItsHeadCommitTogetherAndTheChainVerifies() throws Exception {
        JdbcDataSource ds = migrated("rows-batch");
        TraceRows rows = new TraceRows();
        List<TraceRecord> first = chained("node:n1", 0, TraceChain.GENESIS, 70);
        List<TraceRecord> second = chained("node:n1", 70, first.get(69).recordHash(), 3);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            rows.insert(c, first);
            TraceRows.advanceHead(c, "node:n1", 70, first.get(69).recordHash(), OffsetDateTime.now(ZoneOffset.UTC));
            c.commit();
            rows.insert(c, second);
            TraceRows.advanceHead(c, "node:n1", 73, second.get(2).recordHash(), OffsetDateTime.now(ZoneOffset.UTC));
            c.commit();

            List<TraceRecord> stored = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT * FROM trace_record ORDER BY chain_seq")) {
                while (r.next()) {
                    stored.add(TraceRecord.fromRow(r));
                    ids.add(r.getLong("id"));
                }
            }
            assertEquals(73, stored.size());
            List<TraceRecord> written = new ArrayList<>(first);
            written.addAll(second);
            for (int i = 0; i < written.size(); i++) {
                assertEquals(written.get(i).chainFields(), stored.get(i).chainFields(), "record " + (i + 1));
            }
            assertEquals(73, ids.stream().distinct().count());
            assertEquals(1L, ids.get(0), "the first block of trace_record_seq is 1..50");
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT last_seq, last_hash FROM trace_chain_head WHERE chain = 'node:n1'")) {
                assertTrue(r.next());
                assertEquals(73, r.getLong(1));
                assertEquals(second.get(2).recordHash(), r.getString(2));
            }
            List<TraceAudit.ChainReport> reports = TraceAudit.check(
                            c, HASHER, CheckpointKeys.of(List.of()), java.util.Optional.empty())
                    .chains();
            assertEquals(1, reports.size());
            assertTrue(reports.get(0).intact(), reports.get(0).reason());
        }
    }

    @Test
    void idsTakenByAnotherAllocatorOfTheSameSequenceNeverCollide() throws Exception {
        JdbcDataSource ds = migrated("rows-ids");
        TraceRows nodeA = new TraceRows();
        TraceRows nodeB = new TraceRows();
        try (Connection c = ds.getConnection()) {
            nodeA.insert(c, chained("node:a", 0, TraceChain.GENESIS, 30));
            nodeB.insert(c, chained("node:b", 0, TraceChain.GENESIS, 60));
            nodeA.insert(c, chained("node:a", 30, "f".repeat(64), 30));
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(DISTINCT id), COUNT(*) FROM trace_record")) {
                r.next();
                assertEquals(120, r.getInt(1));
                assertEquals(120, r.getInt(2));
            }
        }
    }

    @Test
    void aRefusedBatchLeavesNothingOnceRolledBack() throws Exception {
        JdbcDataSource ds = migrated("rows-refused");
        TraceRows rows = new TraceRows();
        List<TraceRecord> batch = chained("node:n1", 0, TraceChain.GENESIS, 5);
        batch.addAll(chained("node:n1", 2, "e".repeat(64), 1)); // chain_seq 3 twice: uq_trace_chain_seq
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertThrows(SQLException.class, () -> rows.insert(c, batch));
            c.rollback();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM trace_record")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM trace_chain_head WHERE chain = 'node:n1'")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
        }
    }

    @Test
    void theIdQueryFollowsTheDatabase() {
        assertEquals("SELECT nextval('trace_record_seq')", TraceRows.nextIdQuery("PostgreSQL"));
        assertEquals("VALUES NEXT VALUE FOR trace_record_seq", TraceRows.nextIdQuery("H2"));
        assertFalse(TraceRows.nextIdQuery(null).isEmpty());
    }
}
