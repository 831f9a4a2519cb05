package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the check walks the embedded H2 (issue 15: up to what size {@code GET /admin/api/traces/verify} is
 * reasonable, {@code docs/traces.md}): fills an H2 file with {@code interops.rate.records} records of about 1 KB
 * (a VI each) as the journal writes them, one round, then times two full checks. A measurement, not a test of
 * the build: it runs only when asked,
 * {@code mvn -pl war test -Dtest=TraceAuditRateTest -Dinterops.rate.records=200000}.
 */
@EnabledIfSystemProperty(named = "interops.rate.records", matches = "\\d+")
class TraceAuditRateTest {

    @TempDir
    Path dir;

    @Test
    void aFullCheckOfTheEmbeddedDatabase() throws Exception {
        int total = Integer.getInteger("interops.rate.records");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("rate") + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(ds).migrate();
        TraceChain hasher = TraceTamperingTest.HASHER;
        String vi = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImlkcC0xIn0." + "x".repeat(600) + "." + "s".repeat(86);
        try (Connection c = ds.getConnection()) {
            TraceRows rows = new TraceRows();
            long seq = 0;
            String hash = TraceChain.GENESIS;
            c.setAutoCommit(false);
            while (seq < total) {
                List<TraceRecord> batch = new ArrayList<>();
                for (int i = 0; i < 1000 && seq < total; i++) {
                    TraceRecord r = TraceRecord.of(
                            TraceEntry.builder(TraceKind.VI_GENERATION, Instant.now())
                                    .success()
                                    .jti("uuid:" + UUID.randomUUID())
                                    .issuer("https://localhost:8443/interops")
                                    .audience("https://institution-a.example/beneficiaries-app")
                                    .clientId("institution-a")
                                    .scopes("urn:demo:beneficiaries:1.0:read")
                                    .convention("demo-beneficiaries-mtls", 1)
                                    .remoteAddress("192.0.2.10")
                                    .authMethod("tls_client_auth")
                                    .vi(vi)
                                    .build(),
                            "rate");
                    r.chain("node:rate", ++seq, hash, hasher);
                    hash = r.recordHash();
                    batch.add(r);
                }
                rows.insert(c, batch);
                TraceRows.advanceHead(c, "node:rate", seq, hash, OffsetDateTime.now(ZoneOffset.UTC));
                c.commit();
            }
            c.setAutoCommit(true);
            new CheckpointRounds("node:rate").next(c, TraceTamperingTest.KEY, Instant.now());
            for (int run = 1; run <= 2; run++) {
                long start = System.nanoTime();
                TraceAudit.Report r = TraceAudit.check(
                        c, hasher, CheckpointKeys.of(List.of(TraceTamperingTest.KEY)), Optional.empty());
                long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
                assertTrue(r.intact(), r.problems().toString());
                assertEquals(total, r.records());
                System.out.println("TraceAuditRateTest run " + run + ": " + r.records() + " records in " + millis
                        + " ms, " + r.records() * 1000 / millis + " records/s, on "
                        + Runtime.getRuntime().availableProcessors() + " CPU(s)");
            }
        }
    }
}
