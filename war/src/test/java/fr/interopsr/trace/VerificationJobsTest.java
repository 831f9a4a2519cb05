package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, several nodes on one database: two {@link VerificationJobs}, {@code node-a} and {@code node-b}, built in
 * plain Java on the same database as the container builds one per node, each with its own clock and an executor the
 * test drives (a node whose executor is never run is a node that died). A job posted through one node is polled
 * through the other with the same state and report; the scheduled check due on both nodes at once runs once; a job
 * whose node fell silent is shown abandoned by the other node, which runs a new one; and a scheduled check whose node
 * died is taken over (P-35). {@code VerificationJobsPostgresTest} runs the same on PostgreSQL.
 */
class VerificationJobsTest {

    /** 10:00 UTC: the daily period runs from midnight to midnight UTC, so T + a few hours is the same period. */
    static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    DataSource ds;
    Connection fixtureConnection;
    JournalFixture journal;
    Node a;
    Node b;

    /** A new database with every migration. Overridden on PostgreSQL. */
    DataSource database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("jobs") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("sa");
        new SchemaMigrator(h2).migrate();
        return h2;
    }

    @BeforeEach
    void twoNodes() throws Exception {
        ds = database();
        fixtureConnection = ds.getConnection();
        journal = JournalFixture.standard(fixtureConnection);
        a = new Node("node-a");
        b = new Node("node-b");
    }

    @AfterEach
    void close() throws SQLException {
        fixtureConnection.close();
    }

    /** A time the test sets. */
    static final class TestClock extends Clock {
        volatile Instant now = T;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Runs what was handed to it when the test says so; never, for a node that died. */
    static final class HeldExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    /** One node: its jobs, its clock, its executor and how many checks it ran. */
    final class Node {
        final TestClock clock = new TestClock();
        final HeldExecutor executor = new HeldExecutor();
        final AtomicInteger checks = new AtomicInteger();
        final VerificationJobs jobs;

        Node(String name) {
            jobs = new VerificationJobs(
                    ds,
                    executor,
                    (source, outside) -> {
                        checks.incrementAndGet();
                        try (Connection c = ds.getConnection()) {
                            return TraceAudit.check(
                                    c, JournalFixture.HASHER, CheckpointKeys.of(List.of(JournalFixture.KEY)), outside);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    new VerificationJobs.Settings(name, 24, 365, Optional.empty()),
                    clock);
        }

        Node at(Instant t) {
            clock.now = t;
            return this;
        }

        VerificationJob find(String id) throws SQLException {
            return jobs.find(id).orElseThrow(() -> new AssertionError("job " + id + " not found through " + this));
        }

        /** The poll's answer as this node gives it (the API's and the console's). */
        JsonObject poll(String id) throws SQLException {
            return find(id).toJson(jobs.now());
        }
    }

    private List<VerificationJob> scheduledJobs() throws SQLException {
        return a.jobs.recent(100).stream()
                .filter(j -> j.requestedBy().equals(VerificationJob.SCHEDULER))
                .toList();
    }

    @Test
    void aJobPostedThroughOneNodeIsPolledThroughTheOtherWithTheSameStateAndReport() throws Exception {
        String id = VerificationJobs.newId();
        a.jobs.submit(id, "alice", Optional.of(journal.outside));
        JsonObject queued = b.poll(id);
        assertEquals("queued", queued.getString("status"));
        assertEquals("node-a", queued.getString("node"), "the node that runs it");
        assertEquals("alice", queued.getString("requestedBy"));
        assertEquals(journal.outside.size(), queued.getInt("outsideCheckpointLines"));
        assertEquals(a.poll(id), queued, "both nodes answer the same");

        a.executor.runAll();
        JsonObject done = b.poll(id);
        assertEquals("done", done.getString("status"), done.toString());
        assertTrue(done.getBoolean("intact"), done.toString());
        assertEquals(TraceReports.toJson(journal.checkWithOutside()), done.getJsonObject("report"));
        assertEquals(35, done.getJsonObject("report").getInt("records"));
        assertEquals(a.poll(id), done, "both nodes answer the same");
        assertEquals(1, a.checks.get());
        assertEquals(0, b.checks.get(), "the node that took the job ran it");

        // and the other way round, on a journal that is no longer intact
        journal.sql("DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq = 7");
        String second = VerificationJobs.newId();
        b.at(T.plusSeconds(60)).jobs.submit(second, "bob", Optional.empty());
        b.executor.runAll();
        JsonObject broken = a.poll(second);
        assertEquals("done", broken.getString("status"));
        assertFalse(broken.getBoolean("intact"), broken.toString());
        assertEquals(
                "missing",
                broken.getJsonObject("report")
                        .getJsonArray("problems")
                        .getJsonObject(0)
                        .getString("kind"));
        assertEquals(b.poll(second), broken);
        assertEquals(
                List.of(second, id),
                a.jobs.recent(10).stream().map(VerificationJob::id).toList());
    }

    @Test
    void aScheduledCheckDueOnBothNodesAtOnceRunsOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> errors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Node n : List.of(a.at(T), b.at(T))) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    n.jobs.scheduledTick();
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertEquals(List.of(), errors);
        a.executor.runAll();
        b.executor.runAll();
        assertEquals(1, a.checks.get() + b.checks.get(), "one check for the period, on one node");
        List<VerificationJob> scheduled = scheduledJobs();
        assertEquals(1, scheduled.size(), scheduled.toString());
        String id = scheduled.get(0).id();
        assertEquals("done", a.poll(id).getString("status"));
        assertEquals(a.poll(id), b.poll(id));

        // the later looks of the same period, on both nodes, run nothing more
        for (int quarter = 1; quarter < 8; quarter++) {
            Instant t = T.plus(VerificationJobs.TICK.multipliedBy(quarter));
            a.at(t).jobs.scheduledTick();
            b.at(t).jobs.scheduledTick();
        }
        a.executor.runAll();
        b.executor.runAll();
        assertEquals(1, a.checks.get() + b.checks.get());
        // the next day's: one more
        b.at(T.plus(Duration.ofDays(1))).jobs.scheduledTick();
        a.at(T.plus(Duration.ofDays(1)).plusSeconds(1)).jobs.scheduledTick();
        a.executor.runAll();
        b.executor.runAll();
        assertEquals(2, a.checks.get() + b.checks.get());
        assertEquals(2, scheduledJobs().size());
    }

    @Test
    void aJobWhoseNodeFellSilentIsShownAbandonedByTheOtherNodeWhichRunsANewOne() throws Exception {
        String id = VerificationJobs.newId();
        a.at(T).jobs.submit(id, "alice", Optional.empty());
        // node-a is alive five minutes later: its heartbeat, as its scheduler writes it every minute
        a.at(T.plus(Duration.ofMinutes(5))).jobs.heartbeat();
        // then node-a dies: its executor never runs the job, nothing more is written
        Instant lastSign = T.plus(Duration.ofMinutes(5));
        assertEquals(
                "queued",
                b.at(lastSign.plus(VerificationJob.ABANDONED_AFTER)).poll(id).getString("status"),
                "silent for exactly the delay: not yet");
        JsonObject abandoned = b.at(
                        lastSign.plus(VerificationJob.ABANDONED_AFTER).plusSeconds(1))
                .poll(id);
        assertEquals("abandoned", abandoned.getString("status"), abandoned.toString());
        assertEquals("node-a", abandoned.getString("node"));

        String again = VerificationJobs.newId();
        b.jobs.submit(again, "alice", Optional.of(journal.outside));
        b.executor.runAll();
        JsonObject done = b.poll(again);
        assertEquals("done", done.getString("status"));
        assertTrue(done.getBoolean("intact"));
        assertEquals("node-b", done.getString("node"));
        assertEquals("abandoned", b.poll(id).getString("status"), "the abandoned row stays as it was");
        assertEquals(0, a.checks.get());
    }

    @Test
    void aScheduledCheckWhoseNodeDiedIsTakenOverByTheOtherNode() throws Exception {
        a.at(T).jobs.scheduledTick(); // node-a takes the period, then dies before it runs it
        String taken = scheduledJobs().get(0).id();
        assertEquals("node-a", a.find(taken).node());

        // the nodes' looks are not in step: node-b's next one may come any time
        b.at(T.plus(VerificationJob.ABANDONED_AFTER)).jobs.scheduledTick();
        b.executor.runAll();
        assertEquals(0, b.checks.get(), "node-b's next look: node-a's job is not abandoned yet");
        assertEquals("queued", b.poll(taken).getString("status"));

        Instant late = T.plus(VerificationJobs.TICK);
        b.at(late).jobs.scheduledTick();
        b.executor.runAll();
        assertEquals(1, b.checks.get(), "node-b takes the period's check over");
        List<VerificationJob> scheduled = scheduledJobs();
        assertEquals(2, scheduled.size(), scheduled.toString());
        VerificationJob takeover = scheduled.stream()
                .filter(j -> !j.id().equals(taken))
                .findFirst()
                .orElseThrow();
        assertEquals("node-b", takeover.node());
        assertEquals("done", b.poll(takeover.id()).getString("status"));
        JsonObject old = b.poll(taken);
        assertEquals("failed", old.getString("status"), old.toString());
        assertTrue(
                old.getString("error").contains("node node-b took the period's check over (job " + takeover.id()),
                old.getString("error"));

        // and only once: later looks of the period, on both nodes, run nothing more; node-a, back from a long
        // pause, finds its job no longer queued and does not run it
        a.at(late.plus(VerificationJobs.TICK)).jobs.scheduledTick();
        b.at(late.plus(VerificationJobs.TICK)).jobs.scheduledTick();
        a.executor.runAll();
        b.executor.runAll();
        assertEquals(1, a.checks.get() + b.checks.get());
        assertEquals(2, scheduledJobs().size());
    }
}
