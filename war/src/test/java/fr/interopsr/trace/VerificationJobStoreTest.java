package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, the jobs of the journal's check: the row through its states (queued, running, done or failed), its
 * report as {@link TraceReports#toJson} wrote it, a job whose node stopped shown as abandoned, one scheduled check
 * per period, and the purge. {@code VerificationJobStorePostgresTest} runs the same on PostgreSQL.
 */
class VerificationJobStoreTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    Connection c;

    /** A new database with every migration. Overridden on PostgreSQL. */
    Connection database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("jobs-" + DATABASES.incrementAndGet()) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(ds).migrate();
        return ds.getConnection();
    }

    @BeforeEach
    void open() throws Exception {
        c = database();
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    private static TraceAudit.Report report(boolean intact) {
        List<EvidenceProblem> problems = intact
                ? List.of()
                : List.of(new EvidenceProblem(
                        EvidenceProblem.Kind.CHAIN_MISSING,
                        "admin",
                        1,
                        7,
                        null,
                        "the whole chain is gone: a signed checkpoint saw records up to 7"));
        return new TraceAudit.Report(
                intact,
                12,
                3,
                true,
                4,
                List.of(
                        new TraceAudit.ChainReport("admin", intact, 0, 0, 1, 7, problems, 0),
                        new TraceAudit.ChainReport("node:a", true, 12, 12, 1, 12, List.of(), 0)),
                List.of());
    }

    @Test
    void aJobGoesFromQueuedToRunningToDoneWithItsReport() throws Exception {
        VerificationJobStore.insert(c, VerificationJob.queued(id(1), "alice", T, "node-a", 4, null));
        VerificationJob queued = VerificationJobStore.find(c, id(1)).orElseThrow();
        assertEquals(VerificationJob.Status.QUEUED, queued.status());
        assertEquals("queued", queued.shownStatus(T.plusSeconds(5)));
        assertEquals("alice", queued.requestedBy());
        assertEquals("node-a", queued.node());
        assertEquals(T, queued.requestedAt());
        assertEquals(4, queued.outsideLines());
        assertTrue(queued.report().isEmpty());

        assertTrue(VerificationJobStore.started(c, id(1), T.plusSeconds(1), null));
        assertFalse(VerificationJobStore.started(c, id(1), T.plusSeconds(2), null), "started once");
        VerificationJob running = VerificationJobStore.find(c, id(1)).orElseThrow();
        assertEquals("running", running.shownStatus(T.plusSeconds(5)));
        assertEquals(4, running.outsideLines(), "kept when the start does not know it");
        assertEquals(T.plusSeconds(1), running.startedAt());

        TraceAudit.Report report = report(false);
        VerificationJobStore.done(
                c,
                id(1),
                T.plusSeconds(30),
                report.intact(),
                VerificationAlarm.problemCount(report),
                TraceReports.toJson(report).toString());
        VerificationJob done = VerificationJobStore.find(c, id(1)).orElseThrow();
        assertEquals("done", done.shownStatus(T.plus(Duration.ofDays(2))), "a finished job is never abandoned");
        assertEquals(false, done.intact());
        assertEquals(1L, done.problems());
        assertEquals(T.plusSeconds(30), done.finishedAt());
        assertEquals(TraceReports.toJson(report), done.report().orElseThrow());

        JsonObject json = done.toJson(T.plusSeconds(31));
        assertEquals(id(1), json.getString("id"));
        assertEquals("done", json.getString("status"));
        assertFalse(json.getBoolean("intact"));
        assertEquals(1, json.getInt("problems"));
        assertEquals(4, json.getInt("outsideCheckpointLines"));
        assertEquals("2026-12-05T10:00:30Z", json.getString("finishedAt"));
        JsonObject r = json.getJsonObject("report");
        assertEquals(
                "chain-missing", r.getJsonArray("problems").getJsonObject(0).getString("kind"));
        assertEquals(7, r.getJsonArray("problems").getJsonObject(0).getInt("to"));
    }

    @Test
    void aFailedJobKeepsItsError() throws Exception {
        VerificationJobStore.insert(c, VerificationJob.queued(id(2), "bob", T, "node-b", null, null));
        VerificationJobStore.started(c, id(2), T.plusSeconds(1), 3);
        VerificationJobStore.failed(c, id(2), T.plusSeconds(2), "traces unreadable: connection refused");
        VerificationJob failed = VerificationJobStore.find(c, id(2)).orElseThrow();
        assertEquals("failed", failed.shownStatus(T.plus(Duration.ofHours(3))));
        assertEquals(3, failed.outsideLines(), "the scheduled check counts its lines when it starts");
        assertEquals("traces unreadable: connection refused", failed.error());
        assertNull(failed.intact());
        JsonObject json = failed.toJson(T);
        assertEquals("traces unreadable: connection refused", json.getString("error"));
        assertFalse(json.containsKey("report"));
        assertFalse(json.containsKey("intact"));
    }

    @Test
    void aJobWhoseNodeFellSilentIsShownAbandonedTheHeartbeatKeepsItAlive() throws Exception {
        VerificationJobStore.insert(c, VerificationJob.queued(id(3), "carol", T, "node-c", null, null));
        VerificationJobStore.started(c, id(3), T.plusSeconds(1), null);
        Instant late = T.plus(VerificationJob.ABANDONED_AFTER).plusSeconds(5);
        assertEquals(
                "abandoned", VerificationJobStore.find(c, id(3)).orElseThrow().shownStatus(late));
        // the node is alive and still checking: its heartbeat
        VerificationJobStore.heartbeat(c, List.of(id(3)), late.minusSeconds(60));
        VerificationJob beating = VerificationJobStore.find(c, id(3)).orElseThrow();
        assertEquals("running", beating.shownStatus(late));
        assertEquals("abandoned", beating.shownStatus(late.plus(VerificationJob.ABANDONED_AFTER)));
        assertEquals(
                "abandoned",
                beating.toJson(late.plus(VerificationJob.ABANDONED_AFTER)).getString("status"));
        // a queued job that never started ages the same way
        VerificationJobStore.insert(c, VerificationJob.queued(id(4), "carol", T, "node-c", null, null));
        assertEquals(
                "abandoned", VerificationJobStore.find(c, id(4)).orElseThrow().shownStatus(late));
        // a finished job no longer takes a heartbeat
        VerificationJobStore.done(c, id(3), late, true, 0, "{}");
        VerificationJobStore.heartbeat(c, List.of(id(3)), late.plusSeconds(60));
        assertEquals(late, VerificationJobStore.find(c, id(3)).orElseThrow().heartbeatAt());
    }

    @Test
    void oneScheduledCheckPerPeriod() throws Exception {
        long slot = T.getEpochSecond() / (24 * 3600);
        assertTrue(VerificationJobStore.insertScheduled(
                c, VerificationJob.queued(id(5), VerificationJob.SCHEDULER, T, "node-a", null, slot)));
        assertFalse(
                VerificationJobStore.insertScheduled(
                        c,
                        VerificationJob.queued(
                                id(6), VerificationJob.SCHEDULER, T.plusSeconds(60), "node-b", null, slot)),
                "another node finds the period taken");
        assertTrue(VerificationJobStore.find(c, id(6)).isEmpty());
        // the unique index decides when two nodes race past the first look
        VerificationJob racer =
                VerificationJob.queued(id(7), VerificationJob.SCHEDULER, T.plusSeconds(61), "node-b", null, slot);
        assertEquals(
                "23505",
                org.junit.jupiter.api.Assertions.assertThrows(
                                java.sql.SQLException.class, () -> VerificationJobStore.insert(c, racer))
                        .getSQLState());
        assertTrue(VerificationJobStore.insertScheduled(
                c,
                VerificationJob.queued(
                        id(8), VerificationJob.SCHEDULER, T.plus(1, ChronoUnit.DAYS), "node-b", null, slot + 1)));
        // jobs asked by auditors have no period: any number of them
        VerificationJobStore.insert(c, VerificationJob.queued(id(9), "alice", T, "node-a", null, null));
        VerificationJobStore.insert(c, VerificationJob.queued(id(10), "alice", T, "node-a", null, null));
        assertEquals(4, VerificationJobStore.recent(c, 10).size());
    }

    @Test
    void recentListsNewestFirstWithoutReportsAndThePurgeRemovesOldJobs() throws Exception {
        for (int i = 1; i <= 5; i++) {
            VerificationJobStore.insert(
                    c, VerificationJob.queued(id(20 + i), "alice", T.plus(Duration.ofDays(i)), "node-a", null, null));
            VerificationJobStore.done(c, id(20 + i), T.plus(Duration.ofDays(i)), true, 0, "{\"intact\":true}");
        }
        List<VerificationJob> recent = VerificationJobStore.recent(c, 3);
        assertEquals(
                List.of(id(25), id(24), id(23)),
                recent.stream().map(VerificationJob::id).toList());
        assertNull(recent.get(0).result(), "no report in the list");
        assertEquals(true, recent.get(0).intact());
        assertEquals(2, VerificationJobStore.purge(c, T.plus(Duration.ofDays(3))));
        assertEquals(3, VerificationJobStore.recent(c, 10).size());
        assertEquals(Optional.empty(), VerificationJobStore.find(c, id(21)));
    }
}
