package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.Correlation;
import fr.interopsr.platform.SchemaMigrator;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * D-26, issue 14 §5: records name the HMAC key that chained them, so that replacing the key (a
 * production start refuses the development one) never makes older records unverifiable; records
 * written before key ids (format 1) still verify, and the format and key id are covered by the hash.
 */
class TraceKeyRotationTest {

    private static final byte[] OLD = "an old key of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW = "the new key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final String CHAIN = "node:n1";

    private static JdbcDataSource migrated(String name) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        return ds;
    }

    /** Appends {@code n} records chained with {@code hasher} in {@code format}; returns the new head hash. */
    private static String append(
            Connection c, TraceRows rows, long afterSeq, String afterHash, int n, TraceChain hasher, int format)
            throws Exception {
        List<TraceRecord> records = new ArrayList<>();
        String hash = afterHash;
        for (int i = 1; i <= n; i++) {
            TraceRecord r = TraceRecord.of(
                    TraceEntry.builder(TraceKind.VI_GENERATION, Instant.now())
                            .success()
                            .jti("jti-" + (afterSeq + i))
                            .build(),
                    "n1");
            r.chain(CHAIN, afterSeq + i, hash, hasher, format);
            hash = r.recordHash();
            records.add(r);
        }
        rows.insert(c, records);
        TraceRows.advanceHead(c, CHAIN, afterSeq + n, hash, OffsetDateTime.now(ZoneOffset.UTC));
        c.commit();
        return hash;
    }

    private static TraceAudit.ChainReport verify(Connection c, TraceChain hasher) throws Exception {
        List<TraceAudit.ChainReport> reports = TraceAudit.check(
                        c, hasher, CheckpointKeys.of(List.of()), Optional.empty())
                .chains();
        assertEquals(1, reports.size());
        return reports.get(0);
    }

    private static long idAt(Connection c, long seq) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM trace_record WHERE chain_seq = " + seq)) {
            assertTrue(r.next());
            return r.getLong(1);
        }
    }

    @Test
    void keyIdsNameKeysAndRevealNoKey() {
        String id = TraceChain.keyIdOf(OLD);
        assertTrue(id.matches("hk-[0-9a-f]{16}"), id);
        assertEquals(id, new TraceChain(OLD).keyId());
        assertNotEquals(id, TraceChain.keyIdOf(NEW));
        TraceChain both = TraceChain.ofBase64(
                Base64.getEncoder().encodeToString(NEW),
                " " + Base64.getEncoder().encodeToString(OLD) + " ,");
        assertEquals(List.of(TraceChain.keyIdOf(NEW), TraceChain.keyIdOf(OLD)), both.keyIds());
    }

    @Test
    void aRotatedChainVerifiesWithTheOldKeyKeptAsPrevious() throws Exception {
        try (Connection c = migrated("rotation").getConnection()) {
            c.setAutoCommit(false);
            TraceRows rows = new TraceRows();
            String head = append(c, rows, 0, TraceChain.GENESIS, 3, new TraceChain(OLD), 2);
            append(c, rows, 3, head, 3, new TraceChain(NEW, List.of(OLD)), 2);

            TraceAudit.ChainReport v = verify(c, new TraceChain(NEW, List.of(OLD)));
            assertTrue(v.intact(), v.reason());
            assertEquals(6, v.checked());

            TraceAudit.ChainReport withoutOld = verify(c, new TraceChain(NEW));
            assertFalse(withoutOld.intact());
            assertEquals(idAt(c, 1), withoutOld.firstBrokenRecordId().orElseThrow());
            assertTrue(withoutOld.reason().contains(TraceChain.keyIdOf(OLD)), withoutOld.reason());

            TraceAudit.ChainReport withoutNew = verify(c, new TraceChain(OLD));
            assertEquals(idAt(c, 4), withoutNew.firstBrokenRecordId().orElseThrow());
        }
    }

    @Test
    void recordsOfFormatOneVerifyBesideFormatTwo() throws Exception {
        try (Connection c = migrated("format-change").getConnection()) {
            c.setAutoCommit(false);
            TraceRows rows = new TraceRows();
            String head = append(c, rows, 0, TraceChain.GENESIS, 3, new TraceChain(OLD), 1);
            // what a node of the previous release wrote: no format, no key id
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE trace_record SET format = NULL WHERE chain_seq <= 3");
            }
            c.commit();
            append(c, rows, 3, head, 2, new TraceChain(NEW, List.of(OLD)), 2);
            TraceAudit.ChainReport v = verify(c, new TraceChain(NEW, List.of(OLD)));
            assertTrue(v.intact(), v.reason());
            assertEquals(5, v.checked());
            assertFalse(verify(c, new TraceChain(NEW)).intact(), "format-1 records need the key that chained them");
        }
    }

    @Test
    void theFormatAndTheKeyIdAreCoveredByTheHash() throws Exception {
        try (Connection c = migrated("format-covered").getConnection()) {
            c.setAutoCommit(false);
            TraceRows rows = new TraceRows();
            String head = append(c, rows, 0, TraceChain.GENESIS, 2, new TraceChain(OLD), 2);
            append(c, rows, 2, head, 2, new TraceChain(NEW, List.of(OLD)), 2);
            TraceChain both = new TraceChain(NEW, List.of(OLD));
            try (Statement s = c.createStatement()) {
                s.executeUpdate(
                        "UPDATE trace_record SET key_id = '" + TraceChain.keyIdOf(OLD) + "' WHERE chain_seq = 3");
            }
            c.commit();
            TraceAudit.ChainReport v = verify(c, both);
            assertFalse(v.intact());
            assertEquals(idAt(c, 3), v.firstBrokenRecordId().orElseThrow());
            try (Statement s = c.createStatement()) {
                s.executeUpdate(
                        "UPDATE trace_record SET key_id = '" + TraceChain.keyIdOf(NEW) + "' WHERE chain_seq = 3");
                s.executeUpdate("UPDATE trace_record SET format = 1 WHERE chain_seq = 4");
            }
            c.commit();
            v = verify(c, both);
            assertFalse(v.intact());
            assertEquals(idAt(c, 4), v.firstBrokenRecordId().orElseThrow());
        }
    }

    @Test
    void recordsOfFormatsOneAndTwoVerifyBesideFormatThreeWhichCoversTheCorrelation() throws Exception {
        try (Connection c = migrated("format-three").getConnection()) {
            c.setAutoCommit(false);
            TraceRows rows = new TraceRows();
            TraceChain both = new TraceChain(NEW, List.of(OLD));
            String head = append(c, rows, 0, TraceChain.GENESIS, 2, new TraceChain(OLD), 1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE trace_record SET format = NULL WHERE chain_seq <= 2");
            }
            c.commit();
            head = append(c, rows, 2, head, 2, both, 2);
            // issue 17 §4: the records of a call carry its correlation
            Correlation.use(Correlation.of(
                    List.of("6F9619FF-8B86-4011-B42D-00C04FC964FF"),
                    List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
            try {
                append(c, rows, 4, head, 2, both, TraceRecord.CURRENT_FORMAT);
            } finally {
                Correlation.end();
            }
            assertEquals(3, TraceRecord.CURRENT_FORMAT);
            TraceAudit.ChainReport v = verify(c, both);
            assertTrue(v.intact(), v.reason());
            assertEquals(6, v.checked());
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT format, correlation_id, traceparent, correlation_note"
                            + " FROM trace_record ORDER BY chain_seq")) {
                List<String> rowsRead = new ArrayList<>();
                while (r.next()) {
                    rowsRead.add(r.getObject(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
                }
                assertEquals(
                        List.of(
                                "null null null null",
                                "null null null null",
                                "2 null null null",
                                "2 null null null",
                                "3 6f9619ff-8b86-4011-b42d-00c04fc964ff"
                                        + " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 null",
                                "3 6f9619ff-8b86-4011-b42d-00c04fc964ff"
                                        + " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 null"),
                        rowsRead);
            }
            // a correlation put on a record of format 2, which had none, and one taken off a record of format 3: found
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE trace_record SET correlation_id = '6f9619ff-8b86-4011-b42d-00c04fc964ff'"
                        + " WHERE chain_seq = 3");
                s.executeUpdate("UPDATE trace_record SET correlation_id = NULL WHERE chain_seq = 6");
            }
            c.commit();
            List<Long> broken =
                    TraceAudit.check(c, both, CheckpointKeys.of(List.of()), Optional.empty()).problems().stream()
                            .map(EvidenceProblem::from)
                            .toList();
            assertEquals(
                    List.of(3L, 6L), broken, "a column a record's format lacks must stay empty; format 3 covers it");
        }
    }
}
