package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.vi.SigningKey;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health checks' decisions, without a container. */
class HealthChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static Map<String, Object> data(HealthCheckResponse r) {
        return r.getData().orElseThrow();
    }

    // ---------------------------------------------------------------- trace journal (liveness and readiness)

    @Test
    void journalIsUpWhileTheWriterRunsAndNothingWaitsTooLong() {
        HealthCheckResponse r = TraceJournalHealth.of(true, 2_500_000_000L, 3, 60);
        assertEquals(Status.UP, r.getStatus());
        assertEquals("interops-trace-journal", r.getName());
        assertEquals("running", data(r).get("writer"));
        assertEquals(2500L, data(r).get("lagMillis"));
        assertEquals(3L, data(r).get("queueDepth"));
    }

    @Test
    void journalIsDownWhenTheWriterStoppedOrIsStuck() {
        assertEquals(Status.DOWN, TraceJournalHealth.of(false, 0, 0, 60).getStatus());
        assertEquals("stopped", data(TraceJournalHealth.of(false, 0, 0, 60)).get("writer"));
        HealthCheckResponse stuck = TraceJournalHealth.of(true, 61_000_000_000L, 20_000, 60);
        assertEquals(Status.DOWN, stuck.getStatus());
        assertEquals("stuck", data(stuck).get("writer"));
    }

    // ---------------------------------------------------------------- signing keys

    private static SigningKey key(JWSAlgorithm alg, Instant from, Instant to) {
        return new SigningKey("k", alg, "kid", null, null, from, to);
    }

    @Test
    void signingKeysAreUpWhenOneIsValidNow() {
        HealthCheckResponse r = SigningKeysReadiness.of(
                List.of(
                        key(JWSAlgorithm.ES256, NOW.minusSeconds(10), NOW.plusSeconds(10)),
                        key(JWSAlgorithm.RS256, NOW.minusSeconds(100), NOW.minusSeconds(10))),
                NOW);
        assertEquals(Status.UP, r.getStatus());
        assertEquals(1L, data(r).get("usable"));
        assertEquals(2L, data(r).get("loaded"));
        assertEquals("ES256", data(r).get("algorithms"));
    }

    @Test
    void signingKeysAreDownWhenAllExpiredOrNotYetValid() {
        HealthCheckResponse r = SigningKeysReadiness.of(
                List.of(
                        key(JWSAlgorithm.ES256, NOW.minusSeconds(100), NOW.minusSeconds(1)),
                        key(JWSAlgorithm.ES256, NOW.plusSeconds(10), NOW.plusSeconds(100))),
                NOW);
        assertEquals(Status.DOWN, r.getStatus());
        assertEquals(0L, data(r).get("usable"));
        assertEquals("", data(r).get("algorithms"));
    }

    // ---------------------------------------------------------------- database

    private static DataSource dataSource(Callable<Connection> connect) {
        return (DataSource) Proxy.newProxyInstance(
                HealthChecksTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connect.call();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Connection connection(boolean valid) {
        return (Connection) Proxy.newProxyInstance(
                HealthChecksTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> valid;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void databaseThatAnswersIsUp() {
        HealthCheckResponse r = new DatabaseReadiness().check(dataSource(() -> connection(true)), threads, 2000);
        assertEquals(Status.UP, r.getStatus());
        assertEquals("interops-database", r.getName());
        assertEquals("answered", data(r).get("database"));
        assertEquals(
                Status.DOWN,
                new DatabaseReadiness()
                        .check(dataSource(() -> connection(false)), threads, 2000)
                        .getStatus());
    }

    @Test
    void databaseErrorIsDownWithoutTheDriversMessage() {
        HealthCheckResponse r = new DatabaseReadiness()
                .check(
                        dataSource(() -> {
                            throw new SQLException(
                                    "connection to jdbc:postgresql://db.internal/interops user=interops password=s3cret refused");
                        }),
                        threads,
                        2000);
        assertEquals(Status.DOWN, r.getStatus());
        assertEquals("unreachable", data(r).get("database"));
        assertFalse(r.getData().toString().contains("s3cret"));
        assertFalse(r.getData().toString().contains("db.internal"));
    }

    @Test
    void aHungDatabaseIsDownWithinTheTimeoutAndProbesDoNotPileUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        DataSource hung = dataSource(() -> {
            probes.incrementAndGet();
            release.await();
            return connection(true);
        });
        DatabaseReadiness check = new DatabaseReadiness();
        long start = System.nanoTime();
        HealthCheckResponse r = check.check(hung, threads, 200);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Status.DOWN, r.getStatus());
        assertEquals("no answer within 200 ms", data(r).get("database"));
        assertTrue(tookMillis < 2000, "bounded: " + tookMillis + " ms");
        check.check(hung, threads, 200);
        check.check(hung, threads, 200);
        assertEquals(1, probes.get(), "the probe under way is waited for again, not doubled");
        release.countDown();
        Thread.sleep(100);
        assertEquals(Status.UP, check.check(hung, threads, 2000).getStatus());
    }

    @Test
    void readinessAnswersTheLatestProbeWhileItIsFreshAndIsDownBeforeAndAfter() {
        // issue 16: the probe runs on the start-up scheduler, the health request only reads its latest answer
        HealthCheckResponse up = new DatabaseReadiness().check(dataSource(() -> connection(true)), threads, 2000);
        long probedAt = 1_000_000_000L;
        HealthCheckResponse before = DatabaseReadiness.answer(null, 0, probedAt, 2000);
        assertEquals(Status.DOWN, before.getStatus());
        assertEquals("not checked yet", data(before).get("database"));
        long fresh = probedAt + TimeUnit.MILLISECONDS.toNanos(DatabaseReadiness.STALE_AFTER_MILLIS);
        assertEquals(
                Status.UP, DatabaseReadiness.answer(up, probedAt, fresh, 2000).getStatus());
        long stale = probedAt + TimeUnit.MILLISECONDS.toNanos(DatabaseReadiness.STALE_AFTER_MILLIS + 2001);
        HealthCheckResponse hung = DatabaseReadiness.answer(up, probedAt, stale, 2000);
        assertEquals(Status.DOWN, hung.getStatus());
        assertTrue(data(hung).get("database").toString().startsWith("no answer within "));
    }
}
