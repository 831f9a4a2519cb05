package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check's records read ahead on a second connection (issue 15, P-36): the same report as read in
 * turn, page after page and across chains; the reader's failures reach the check as the same exceptions
 * and end its thread; without a second connection or a thread, the check reads in turn.
 */
class TraceAuditReadAheadTest {

    @TempDir
    Path dir;

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** Makes the reader threads, and keeps them to see that each ended. */
    private final ThreadFactory recorded = r -> {
        Thread t = new Thread(r);
        threads.add(t);
        return t;
    };

    private Connection database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("journal") + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(ds).migrate();
        return ds.getConnection();
    }

    /** node:a 2 600 records (three pages), node:b 1 200, admin 3; a round sees every head. */
    private JournalFixture longJournal() throws Exception {
        JournalFixture j = new JournalFixture(database());
        j.append("node:a", 1300).append("node:b", 1200).append("admin", 3).round();
        j.append("node:a", 1300).round();
        return j;
    }

    private void assertReadersEnded() {
        assertFalse(threads.isEmpty(), "no reader was started");
        threads.forEach(t -> assertFalse(t.isAlive(), t + " still runs"));
    }

    @Test
    void tamperingAcrossPagesIsReportedTheSameReadAheadAndInTurn() throws Exception {
        JournalFixture j = longJournal();
        j.sql(
                "UPDATE trace_record SET detail = 'changed' WHERE chain = 'node:a' AND chain_seq = 1500",
                "DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq BETWEEN 2200 AND 2210",
                "DELETE FROM trace_record WHERE chain = 'node:b' AND chain_seq = 1001");
        TraceAudit.Report r = j.checkWithOutside(); // fails unless read ahead and in turn agree
        assertEquals(
                List.of("node:a ALTERED 1500..1500", "node:a MISSING 2200..2210", "node:b MISSING 1001..1001"),
                r.problems().stream()
                        .map(p -> p.chain() + " " + p.kind() + " " + p.from() + ".." + p.to())
                        .toList());
        // every record but the 12 deleted, the altered one and the two after a gap (held against its stored hash only)
        assertEquals(3803 - 12 - 1 - 2, r.records());

        TraceAudit.Report ahead = TraceAudit.check(
                j.c,
                new TraceAudit.ReadAhead(JournalFixture.readAhead(j.c).connections(), recorded),
                JournalFixture.HASHER,
                CheckpointKeys.of(List.of(JournalFixture.KEY)),
                Optional.of(j.outside));
        assertEquals(r, ahead);
        assertEquals(1, threads.size(), "one reader for every chain");
        assertReadersEnded();
    }

    @Test
    void aFailureOfTheReaderReachesTheCheckEndsTheReaderAndClosesItsConnection() throws Exception {
        JournalFixture j = longJournal();
        TraceAudit.ReadAhead.Opener same = JournalFixture.readAhead(j.c).connections();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicInteger queries = new AtomicInteger();
        // the second connection fails at its 6th query: admin's bounds and page, node:a's bounds, then its 3rd page
        TraceAudit.ReadAhead failing =
                new TraceAudit.ReadAhead(() -> failingAt(same.open(), 6, queries, closed), recorded);
        SQLException e = assertThrows(
                SQLException.class,
                () -> TraceAudit.check(
                        j.c,
                        failing,
                        JournalFixture.HASHER,
                        CheckpointKeys.of(List.of(JournalFixture.KEY)),
                        Optional.empty()));
        assertEquals("injected failure", e.getMessage());
        assertEquals(6, queries.get());
        assertReadersEnded();
        assertTrue(closed.get(), "the second connection is closed");
        // the check's own connection still works, and the journal is intact
        assertTrue(j.check().intact());
    }

    @Test
    void aRecordTheReaderCannotReadFailsTheCheckAsInTurn() throws Exception {
        JournalFixture j = longJournal();
        j.sql("UPDATE trace_record SET kind = 'NO_SUCH_KIND' WHERE chain = 'node:b' AND chain_seq = 700");
        CheckpointKeys keys = CheckpointKeys.of(List.of(JournalFixture.KEY));
        IllegalArgumentException inTurn = assertThrows(
                IllegalArgumentException.class,
                () -> TraceAudit.check(j.c, JournalFixture.HASHER, keys, Optional.empty()));
        IllegalArgumentException ahead = assertThrows(
                IllegalArgumentException.class,
                () -> TraceAudit.check(
                        j.c,
                        new TraceAudit.ReadAhead(JournalFixture.readAhead(j.c).connections(), recorded),
                        JournalFixture.HASHER,
                        keys,
                        Optional.empty()));
        assertEquals(inTurn.getMessage(), ahead.getMessage());
        assertReadersEnded();
    }

    @Test
    void withoutASecondConnectionOrAThreadTheCheckReadsInTurn() throws Exception {
        JournalFixture j = longJournal();
        j.sql("DELETE FROM trace_record WHERE chain = 'node:a' AND chain_seq = 2000");
        CheckpointKeys keys = CheckpointKeys.of(List.of(JournalFixture.KEY));
        TraceAudit.Report inTurn = TraceAudit.check(j.c, JournalFixture.HASHER, keys, Optional.of(j.outside));
        TraceAudit.ReadAhead noConnection = new TraceAudit.ReadAhead(
                () -> {
                    throw new SQLException("the pool is empty");
                },
                recorded);
        assertEquals(inTurn, TraceAudit.check(j.c, noConnection, JournalFixture.HASHER, keys, Optional.of(j.outside)));
        assertTrue(threads.isEmpty(), "no reader without a connection");
        AtomicBoolean closed = new AtomicBoolean();
        TraceAudit.ReadAhead.Opener same = JournalFixture.readAhead(j.c).connections();
        TraceAudit.ReadAhead noThread = new TraceAudit.ReadAhead(
                () -> failingAt(same.open(), Integer.MAX_VALUE, new AtomicInteger(), closed), r -> {
                    throw new IllegalStateException("the container is shutting down");
                });
        assertEquals(inTurn, TraceAudit.check(j.c, noThread, JournalFixture.HASHER, keys, Optional.of(j.outside)));
        assertTrue(closed.get(), "the unused second connection is closed");
        assertEquals(
                List.of(EvidenceProblem.Kind.MISSING),
                inTurn.problems().stream().map(EvidenceProblem::kind).toList());
    }

    /** {@code c}, whose {@code n}-th query fails; its close is seen. */
    private static Connection failingAt(Connection c, int n, AtomicInteger queries, AtomicBoolean closed) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                    if (m.getName().equals("close")) {
                        closed.set(true);
                    }
                    Object result = call(c, m, args);
                    if (m.getName().equals("prepareStatement")) {
                        PreparedStatement p = (PreparedStatement) result;
                        return Proxy.newProxyInstance(
                                PreparedStatement.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class},
                                (sp, sm, sargs) -> {
                                    if (sm.getName().equals("executeQuery") && queries.incrementAndGet() == n) {
                                        throw new SQLException("injected failure");
                                    }
                                    return call(p, sm, sargs);
                                });
                    }
                    return result;
                });
    }

    private static Object call(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
