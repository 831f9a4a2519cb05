package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 §4, on PostgreSQL only (run by {@code -Ppostgres}; the failsafe configuration of war/pom.xml leaves
 * {@code *PostgresIT} out otherwise): a change's TRANSACTION trace is committed inside its transaction, before the
 * change. A trigger set by the test on {@code trace_record} refuses only TRANSACTION rows: the PUT's verification
 * trace still goes through, the change rolls back and the caller gets a 503. A trigger on {@code beneficiary} makes
 * the change's own commit fail after its trace: a second trace marks the rollback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionTracePostgresIT {

    static final String READ = "urn:demo:beneficiaries:1.0:read";
    static final String WRITE = "urn:demo:beneficiaries:1.0:write";
    static final String ID = "B00007";
    static final String ALLOWANCE = BASE + "/api/v1/beneficiaries/" + ID + "/allowance";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    @Test
    void aChangeWhoseTransactionTraceCannotBeCommittedRollsBackAndAnswers503() throws Exception {
        HttpClient client = withCertificate("institution-a");
        String vi = ownVi(client);
        int[] before = allowance();
        int amount = before[0] + 1234;
        long verifications = count("VI_VERIFICATION");
        long transactions = count("TRANSACTION");
        HttpResponse<String> refused;
        try (Trigger t = Trigger.on(
                "trace_record",
                "IF NEW.kind = 'TRANSACTION' THEN RAISE EXCEPTION 'test: no TRANSACTION trace'; END IF")) {
            refused = put(client, vi, amount);
        }
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("temporarily_unavailable", json(refused.body()).getString("error"));
        assertArrayEquals(before, allowance(), "the change was rolled back with its trace");
        assertEquals(transactions, count("TRANSACTION"), "no TRANSACTION trace was committed");
        assertEquals(verifications + 1, count("VI_VERIFICATION"), "the verification trace went through");
        Map<String, String> verification =
                trace("SELECT * FROM trace_record WHERE kind = 'VI_VERIFICATION' ORDER BY id DESC LIMIT 1", null);
        assertEquals("SUCCESS", verification.get("status"));
        assertEquals("PUT", verification.get("http_method"));

        HttpResponse<String> ok = put(client, ownVi(client), amount);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(amount, allowance()[0], "without the trigger the change is made");
        Map<String, String> transaction = lastTransaction();
        assertEquals("SUCCESS", transaction.get("status"));
        assertEquals("PUT", transaction.get("http_method"));
        assertEquals("200", transaction.get("http_status"));
        assertEquals(ID, transaction.get("resource_id"));
    }

    @Test
    void aChangeWhoseOwnCommitFailsAfterItsTraceLeavesASecondTraceMarkingTheRollback() throws Exception {
        HttpClient client = withCertificate("institution-a");
        String vi = ownVi(client);
        int[] before = allowance();
        long transactions = count("TRANSACTION");
        HttpResponse<String> failed;
        try (Trigger t = Trigger.on("beneficiary", "RAISE EXCEPTION 'test: the change cannot commit'")) {
            failed = put(client, vi, before[0] + 99);
        }
        assertTrue(failed.statusCode() >= 500, failed.statusCode() + " " + failed.body());
        assertArrayEquals(before, allowance(), "the change did not happen");
        assertEquals(transactions + 2, count("TRANSACTION"), "the change's trace, then the trace of its rollback");
        Map<String, String> rollback = lastTransaction();
        assertEquals("FAILURE", rollback.get("status"));
        assertEquals("commit", rollback.get("step"));
        assertEquals("rolled_back", rollback.get("error_code"));
        assertNull(rollback.get("http_status"));
        assertEquals(ID, rollback.get("resource_id"));
        assertTrue(rollback.get("detail").contains("did not happen"), rollback.get("detail"));
    }

    // ---------------------------------------------------------------- helpers

    /** A BEFORE INSERT OR UPDATE trigger on a table of this run's schema, dropped on close. */
    private record Trigger(String table) implements AutoCloseable {
        static Trigger on(String table, String body) throws Exception {
            try (Connection c = database();
                    Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE FUNCTION it_refuse_" + table + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN " + body + "; RETURN NEW; END $$");
                s.execute("CREATE TRIGGER it_refuse_" + table + " BEFORE INSERT OR UPDATE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION it_refuse_" + table + "()");
            }
            return new Trigger(table);
        }

        @Override
        public void close() throws Exception {
            try (Connection c = database();
                    Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS it_refuse_" + table + " ON " + table);
            }
        }
    }

    private static int[] allowance() throws Exception {
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(
                        "SELECT monthly_allowance_cents, allowance_status, updated_at FROM beneficiary WHERE id = ?")) {
            p.setString(1, ID);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next());
                return new int[] {
                    r.getInt(1), r.getString(2).hashCode(), r.getTimestamp(3).hashCode()
                };
            }
        }
    }

    private static long count(String kind) throws Exception {
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trace_record WHERE kind = ?")) {
            p.setString(1, kind);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Map<String, String> lastTransaction() throws Exception {
        return trace("SELECT * FROM trace_record WHERE kind = 'TRANSACTION' ORDER BY id DESC LIMIT 1", null);
    }

    private static HttpResponse<String> put(HttpClient client, String vi, int amount) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(ALLOWANCE))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + vi)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"monthlyAmountCents\":" + amount + ",\"status\":\"active\"}"))
                        .build());
    }

    private static String ownVi(HttpClient client) throws Exception {
        HttpResponse<String> r = send(
                client,
                form("grant_type=client_credentials&scope=" + READ + "+" + WRITE)
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).getString("access_token");
    }
}
