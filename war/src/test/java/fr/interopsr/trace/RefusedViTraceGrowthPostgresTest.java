package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.PostgresSchemas;
import fr.interopsr.provider.TracedVi;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Refused VIs fill the database", on PostgreSQL (127.0.0.1:5432, database {@code test}; runs with
 * {@code -Ppostgres} only): 10 000 refused 16 KiB VIs, whose signature did not verify, grow
 * {@code pg_total_relation_size('trace_record')} by at most 25 MB (2.5 KiB each). At the journal's level, not through
 * a whole server (a full-server load of 10 000 calls is too slow for CI): the records are built as the data provider
 * builds a refusal's trace ({@link TracedVi} on the VI), chained with {@link TraceChain} and written by the journal's
 * own batch insert ({@link TraceRows}, what {@code TraceWriter.writeBatch} runs) in batches of 100, in a schema of
 * this test's own made by the real migrations, dropped at the end. The VIs are random base64url, which PostgreSQL
 * cannot compress: the same VIs kept whole grow the table by about 16 KiB each (checked on 300 of them).
 */
class RefusedViTraceGrowthPostgresTest {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas("growth");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TraceChain HASHER = new TraceChain(new byte[32]);

    private static DataSource ds;

    @BeforeAll
    static void schema() throws Exception {
        ds = SCHEMAS.nextDataSource();
    }

    @AfterAll
    static void drop() throws SQLException {
        SCHEMAS.dropAll();
    }

    /** A VI of exactly 16 KiB (the default cap, D-13) in JWS shape, of random base64url characters. */
    private static String vi16k() {
        byte[] bytes = new byte[12_285];
        RANDOM.nextBytes(bytes);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 16380 chars
        return "eyJ" + body.substring(0, 8000) + "." + body.substring(8000) + ".x";
    }

    /** A refusal's trace as the data provider writes it (step 15 failed, so the VI was not verified). */
    private static TraceRecord refusal(String vi, boolean signatureVerified) {
        return TraceRecord.of(
                TraceEntry.builder(TraceKind.VI_VERIFICATION, Instant.now())
                        .remoteAddress("198.51.100.23")
                        .certificateSha256("ab".repeat(32))
                        .action("GET", "https://localhost:8443/interops/api/v1/beneficiaries/B00001", null, null)
                        .jti("uuid:" + java.util.UUID.randomUUID())
                        .issuer("https://localhost:8443/interops")
                        .audience("https://institution-a.example/beneficiaries-app")
                        .serviceId("https://localhost:8443/interops/api/v1/beneficiaries")
                        .convention("demo-beneficiaries-mtls", 1)
                        .vi(TracedVi.of(vi, signatureVerified))
                        .failure(
                                "invalid_token",
                                "the ES256 signature does not verify with 1 candidate key(s) (keys of convention"
                                        + " demo-beneficiaries-mtls)")
                        .step("signature")
                        .build(),
                "node-growth");
    }

    private long seq;
    private String head = TraceChain.GENESIS;
    private final TraceRows rows = new TraceRows();

    private long write(int count, boolean signatureVerified) throws SQLException {
        long before = size();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            List<TraceRecord> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TraceRecord r = refusal(vi16k(), signatureVerified);
                r.chain("node:node-growth", ++seq, head, HASHER);
                head = r.recordHash();
                batch.add(r);
                if (batch.size() == 100 || i == count - 1) {
                    rows.insert(c, batch);
                    TraceRows.advanceHead(c, "node:node-growth", seq, head, OffsetDateTime.now(ZoneOffset.UTC));
                    c.commit();
                    batch.clear();
                }
            }
        }
        return size() - before;
    }

    private static long size() throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_total_relation_size('trace_record')")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void tenThousandRefused16KibVisGrowTheTableByAtMost25Mb() throws Exception {
        long whole = write(300, true);
        assertTrue(whole > 300L * 14 * 1024, "kept whole, each VI costs about 16 KiB: " + whole + " bytes");
        long grown = write(10_000, false);
        System.out.printf(
                "trace_record grew by %d bytes for 10000 refused 16 KiB VIs (%.0f bytes each);"
                        + " by %d bytes for 300 kept whole (%.0f each)%n",
                grown, grown / 10_000.0, whole, whole / 300.0);
        assertTrue(grown <= 25L * 1000 * 1000, "at most 25 MB: " + grown + " bytes");
    }
}
