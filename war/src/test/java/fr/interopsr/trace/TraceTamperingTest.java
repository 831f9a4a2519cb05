package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import fr.interopsr.vi.SigningKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, the tampering suite: each tampering the issue lists, made with plain SQL on a journal
 * written by the journal's own code (records, heads, signed rounds, retention marks), is reported
 * with its chain, its sequence numbers and its kind; an untouched journal, and one trimmed only by
 * the retention job, are intact. The command line reports the same ({@code TraceVerifyCommandTest}, module {@code tools}).
 * {@code TraceTamperingPostgresTest} runs the same cases on PostgreSQL.
 */
class TraceTamperingTest {

    static final TraceChain HASHER = JournalFixture.HASHER;
    static final SigningKey KEY = JournalFixture.KEY;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    /** A new database. Overridden on PostgreSQL. */
    Connection database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("journal-" + DATABASES.incrementAndGet()) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(ds).migrate();
        return ds.getConnection();
    }

    /** node:a 20 records, node:b 10, admin 5, with rounds as they went; a last round sees every head. */
    JournalFixture journal() throws Exception {
        return JournalFixture.standard(database());
    }

    /** The tables of the journal and its evidence. */
    static final List<String> JOURNAL_TABLES = List.of(
            "trace_record", "trace_chain_head", "trace_checkpoint_round", "trace_retention_mark", "trace_checkpoint");

    static EvidenceProblem only(TraceAudit.Report report, EvidenceProblem.Kind kind) {
        List<EvidenceProblem> of =
                report.problems().stream().filter(p -> p.kind() == kind).toList();
        assertEquals(1, of.size(), kind + " in " + report.problems());
        return of.get(0);
    }

    static void assertProblem(EvidenceProblem p, String chain, long from, long to) {
        assertEquals(chain, p.chain(), p.toString());
        assertEquals(from, p.from(), p.toString());
        assertEquals(to, p.to(), p.toString());
    }

    @Test
    void anUntouchedJournalIsIntact() throws Exception {
        JournalFixture j = journal();
        TraceAudit.Report r = j.checkWithOutside();
        assertTrue(r.intact(), r.problems().toString());
        assertEquals(35, r.records());
        assertEquals(5, r.rounds());
        assertEquals(
                List.of("admin", "node:a", "node:b"),
                r.chains().stream().map(TraceAudit.ChainReport::chain).toList());
        assertEquals(20, r.chains().get(1).signedSequence());
    }

    @Test
    void recordsDeletedAtTheStartInTheMiddleAndAtTheEndAreNamed() throws Exception {
        JournalFixture j = journal();
        j.sql("DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq <= 3");
        assertProblem(only(j.check(), EvidenceProblem.Kind.MISSING), "node:a", 1, 3);

        j = journal();
        j.sql("DELETE FROM trace_record WHERE chain = 'node:b' AND chain_seq BETWEEN 4 AND 6");
        assertProblem(only(j.check(), EvidenceProblem.Kind.MISSING), "node:b", 4, 6);

        j = journal();
        j.sql("DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq >= 17");
        TraceAudit.Report r = j.check();
        assertProblem(only(r, EvidenceProblem.Kind.TRUNCATED), "node:a", 17, 20);
        assertEquals(1, r.problems().size(), r.problems().toString());
    }

    @Test
    void aWholeChainDeletedIsNamedByTheRoundsThatSawIt() throws Exception {
        for (String chain : List.of("node:b", "admin")) {
            JournalFixture j = journal();
            j.sql(
                    "DELETE FROM trace_record WHERE chain = '" + chain + "'",
                    "DELETE FROM trace_chain_head WHERE chain = '" + chain + "'");
            TraceAudit.Report r = j.check();
            assertFalse(r.intact());
            assertProblem(only(r, EvidenceProblem.Kind.CHAIN_MISSING), chain, 1, chain.equals("admin") ? 5 : 10);
        }
    }

    @Test
    void aChainDeletedWithEveryRoundNamingItIsFoundByTheOutsideCopyOnly() throws Exception {
        JournalFixture j = journal();
        j.sql(
                "DELETE FROM trace_record WHERE chain = 'node:b'",
                "DELETE FROM trace_chain_head WHERE chain = 'node:b'",
                "DELETE FROM trace_checkpoint_round");
        assertTrue(j.check().intact(), "the bound of docs/traces.md: the database alone cannot tell");
        TraceAudit.Report r = j.checkWithOutside();
        assertProblem(only(r, EvidenceProblem.Kind.CHECKPOINT_MISSING), "node:a", 1, 5);
        assertEquals("node:b", only(r, EvidenceProblem.Kind.ROLLED_BACK).chain());
    }

    @Test
    void everyHashedFieldChangedIsFoundAtItsRecord() throws Exception {
        for (String change : List.of(
                "occurred_at = occurred_at + INTERVAL '1' SECOND",
                "status = 'FAILURE'",
                "vi = 'another.vi.value'",
                "node = 'n2'",
                "format = 1",
                "format = 2",
                "key_id = 'hk-0000000000000000'",
                // issue 17 §4 (format 3): the correlation fields are covered too
                "correlation_id = '00000000-0000-0017-0000-000000000001'",
                "correlation_id = NULL",
                "traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-01'",
                "traceparent = NULL",
                "correlation_note = 'traceparent dropped: not a valid W3C traceparent'")) {
            JournalFixture j = journal();
            j.sql("UPDATE trace_record SET " + change + " WHERE chain = 'node:a' AND chain_seq = 7");
            TraceAudit.Report r = j.check();
            EvidenceProblem p = r.problems().get(0);
            assertTrue(
                    p.kind() == EvidenceProblem.Kind.ALTERED || p.kind() == EvidenceProblem.Kind.UNKNOWN_KEY,
                    change + ": " + r.problems());
            assertProblem(p, "node:a", 7, 7);
            assertEquals(1, r.problems().size(), change + ": " + r.problems());
        }
    }

    @Test
    void recordsRenumberedOrReorderedAreFound() throws Exception {
        JournalFixture j = journal();
        j.sql(
                "UPDATE trace_record SET chain_seq = -1 WHERE chain = 'node:a' AND chain_seq = 8",
                "UPDATE trace_record SET chain_seq = 8 WHERE chain = 'node:a' AND chain_seq = 9",
                "UPDATE trace_record SET chain_seq = 9 WHERE chain = 'node:a' AND chain_seq = -1");
        TraceAudit.Report r = j.check();
        List<Long> altered = r.problems().stream()
                .filter(p -> p.kind() == EvidenceProblem.Kind.ALTERED)
                .map(EvidenceProblem::from)
                .toList();
        // the two moved records, and the one after them, which follows another hash than the one now before it
        assertEquals(List.of(8L, 9L, 10L), altered, r.problems().toString());

        j = journal();
        j.sql("UPDATE trace_record SET chain_seq = chain_seq + 100 WHERE chain = 'node:b' AND chain_seq >= 6");
        r = j.check();
        assertProblem(only(r, EvidenceProblem.Kind.MISSING), "node:b", 6, 105);
        assertFalse(r.intact());
    }

    @Test
    void aCheckpointChangedOrDeletedIsFound() throws Exception {
        JournalFixture j = journal();
        j.sql("UPDATE trace_checkpoint_round SET previous = '" + "1".repeat(64) + "' WHERE round_seq = 3");
        assertProblem(only(j.check(), EvidenceProblem.Kind.CHECKPOINT_ALTERED), "node:a", 3, 3);

        j = journal();
        j.sql("DELETE FROM trace_checkpoint_round WHERE round_seq = 2");
        assertProblem(only(j.check(), EvidenceProblem.Kind.CHECKPOINT_MISSING), "node:a", 2, 2);

        j = journal();
        // a round replaced by another well-formed one: the next round's link names the real one
        String third = j.outside.get(2);
        String fourth = j.outside.get(3);
        j.sql("UPDATE trace_checkpoint_round SET jws = '" + fourth + "' WHERE round_seq = 3");
        assertEquals(
                EvidenceProblem.Kind.CHECKPOINT_ALTERED,
                j.check().problems().get(0).kind());
        assertFalse(third.equals(fourth));

        j = journal();
        j.sql("DELETE FROM trace_checkpoint_round WHERE round_seq = 5");
        TraceAudit.Report fromDatabase = j.check();
        assertTrue(fromDatabase.intact(), "the last round alone: the bound of docs/traces.md");
        assertProblem(only(j.checkWithOutside(), EvidenceProblem.Kind.CHECKPOINT_MISSING), "node:a", 5, 5);
    }

    @Test
    void aDatabaseRolledBackToAnOlderBackupIsFoundWithTheOutsideCopy() throws Exception {
        JournalFixture j = journal();
        // the backup: a copy of the journal's tables, taken with the server stopped
        for (String table : JOURNAL_TABLES) {
            j.sql("CREATE TABLE backup_" + table + " AS SELECT * FROM " + table);
        }
        j.append("node:a", 4).append("node:b", 2).round();
        // the restore: the tables as the backup has them, the checkpoints kept outside as they are
        for (String table : JOURNAL_TABLES) {
            j.sql("DELETE FROM " + table, "INSERT INTO " + table + " SELECT * FROM backup_" + table);
        }
        JournalFixture restored = j;
        assertTrue(restored.check().intact(), "without the outside copy, an older backup is consistent");
        TraceAudit.Report r = restored.checkWithOutside();
        assertFalse(r.intact());
        List<EvidenceProblem> rolled = r.problems().stream()
                .filter(p -> p.kind() == EvidenceProblem.Kind.ROLLED_BACK)
                .toList();
        assertEquals(2, rolled.size(), r.problems().toString());
        assertProblem(rolled.get(0), "node:a", 21, 24);
        assertProblem(rolled.get(1), "node:b", 11, 12);
        assertProblem(only(r, EvidenceProblem.Kind.CHECKPOINT_MISSING), "node:a", 6, 6);
    }

    @Test
    void retentionLeavesSignedMarksAndATrimmedJournalIsIntact() throws Exception {
        JournalFixture j = new JournalFixture(database());
        Instant old = Instant.now().minus(Duration.ofDays(200));
        j.append("node:a", 6, old)
                .round(old.plusSeconds(10))
                .append("admin", 2, old)
                .round(old.plusSeconds(20));
        j.append("node:a", 4).round();
        Instant cutoff = Instant.now().minus(Duration.ofDays(100));
        List<TraceRetention.Purged> purged = TraceRetention.purge(j.c, cutoff, 100, TraceTamperingTest::mark);
        assertEquals(
                List.of("admin 3 2", "node:a 7 6", "rounds:node:a 3 2"),
                purged.stream()
                        .map(p -> p.chain() + " " + p.keptFrom() + " " + p.removed())
                        .toList());
        // the outside copy holds the marks too, as the server appends them
        try (Statement s = j.c.createStatement();
                var marks = s.executeQuery("SELECT jws FROM trace_retention_mark")) {
            while (marks.next()) {
                j.outside.add(marks.getString(1));
            }
        }
        TraceAudit.Report r = j.checkWithOutside();
        assertTrue(r.intact(), r.problems().toString());
        assertEquals(3, r.outsideCheckpoints(), "3 rounds; the 3 marks are read, not counted");

        j.sql("DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq = 7");
        assertProblem(only(j.check(), EvidenceProblem.Kind.MISSING), "node:a", 7, 7);
    }

    @Test
    void retentionTakesTheChainsToTrimAndTheirLastOldRecordFromOneStatement() throws Exception {
        JournalFixture j = new JournalFixture(database());
        Instant old = Instant.now().minus(Duration.ofDays(200));
        Instant cutoff = Instant.now().minus(Duration.ofDays(100));
        j.append("node:a", 6, old).append("node:a", 4);
        j.append("node:b", 3); // nothing older than the cut-off
        j.append("admin", 2, old.plusSeconds(60)).append("admin", 1, cutoff).append("admin", 2, old);
        j.append("node:c", 5, cutoff.minusMillis(1)).round();
        // the last old record by sequence, not by time: admin's 4 and 5 are old again (a node's clock set back)
        assertEquals(java.util.Map.of("node:a", 6L, "admin", 5L, "node:c", 5L), TraceRetention.olderThan(j.c, cutoff));
        List<TraceRetention.Purged> purged = TraceRetention.purge(j.c, cutoff, 100, TraceTamperingTest::mark);
        assertEquals(
                List.of("admin 6 5", "node:a 7 6", "node:c 6 5"),
                purged.stream()
                        .filter(p -> !p.chain().startsWith("rounds:"))
                        .map(p -> p.chain() + " " + p.keptFrom() + " " + p.removed())
                        .toList());
        assertTrue(TraceRetention.olderThan(j.c, cutoff).isEmpty());
        assertEquals(List.of(), TraceRetention.purge(j.c, cutoff, 100, TraceTamperingTest::mark));
        assertTrue(j.check().intact(), j.check().problems().toString());
    }

    @Test
    void aRetentionMarkChangedOrSignedTooSoonIsRefused() throws Exception {
        JournalFixture j = new JournalFixture(database());
        Instant old = Instant.now().minus(Duration.ofDays(20));
        j.append("node:a", 6, old)
                .round(old.plusSeconds(10))
                .append("node:a", 4)
                .round();
        // the period signed is 100 days, but the cut-off is 10 days ago: the mark does not hold
        TraceRetention.purge(j.c, Instant.now().minus(Duration.ofDays(10)), 100, TraceTamperingTest::mark);
        TraceAudit.Report r = j.check();
        assertEquals(
                EvidenceProblem.Kind.RETENTION_MARK,
                r.problems().get(0).kind(),
                r.problems().toString());
        assertProblem(only(r, EvidenceProblem.Kind.MISSING), "node:a", 1, 6);

        JournalFixture k = new JournalFixture(database());
        k.append("node:a", 6, old)
                .round(old.plusSeconds(10))
                .append("node:a", 4)
                .round();
        TraceRetention.purge(k.c, Instant.now().minus(Duration.ofDays(10)), 10, TraceTamperingTest::mark);
        assertTrue(k.check().intact(), k.check().problems().toString());
        k.sql("UPDATE trace_retention_mark SET period_days = 1 WHERE chain = 'node:a'");
        assertEquals(
                EvidenceProblem.Kind.RETENTION_MARK, k.check().problems().get(0).kind());
    }

    @Test
    void aCheckpointKeyRotationRaisesNoFalseAlarm() throws Exception {
        JournalFixture j = journal();
        SigningKey next = JournalFixture.key(
                "k2", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(400)));
        j.key = next;
        j.append("node:a", 3).round();
        // both keys, each checked at its own time
        CheckpointKeys both = CheckpointKeys.parse(CheckpointKeys.of(List.of(KEY))
                .with(CheckpointKeys.of(List.of(next)))
                .toJwks());
        assertTrue(TraceAudit.check(j.c, HASHER, both, Optional.of(j.outside)).intact());
        // the old key gone from the key store: the rounds it signed are authenticated by the later ones' links
        assertTrue(TraceAudit.check(j.c, HASHER, CheckpointKeys.of(List.of(next)), Optional.empty())
                .intact());
        // a key used outside its validity is refused
        SigningKey expired = JournalFixture.key(
                "k3", Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        j.key = expired;
        j.append("node:b", 1).round();
        TraceAudit.Report r =
                TraceAudit.check(j.c, HASHER, CheckpointKeys.of(List.of(KEY, next, expired)), Optional.empty());
        assertEquals(
                EvidenceProblem.Kind.BAD_SIGNATURE,
                r.problems().get(0).kind(),
                r.problems().toString());
        assertTrue(
                r.problems().get(0).message().contains("not valid at its time"),
                r.problems().toString());
    }

    static String mark(String chain, long keptFrom, String anchor, Instant cutoff, int periodDays, Instant at)
            throws Exception {
        return SignedEvidence.sign(
                KEY, RetentionMark.TYPE, RetentionMark.payload(chain, keptFrom, anchor, cutoff, periodDays, at));
    }
}
