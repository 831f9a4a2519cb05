package fr.interopsr.it;

import static fr.interopsr.it.TestServer.BUILD;
import static fr.interopsr.it.TestServer.database;
import static fr.interopsr.it.TestServer.form;
import static fr.interopsr.it.TestServer.send;
import static fr.interopsr.it.TestServer.withCertificate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.interopsr.trace.CheckpointRound;
import fr.interopsr.trace.TraceChain;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What the trace journal's integration tests share (TraceJournalIT, TraceVerificationJobIT, GracefulStopIT): VIs
 * issued to make traces, the chain of the server that runs, its head, the wait for a round that signs it, the HMAC
 * key of the development properties, and a chain's part of a report.
 */
final class TraceSupport {

    private TraceSupport() {}

    /** {@code n} VIs issued to institution-a by this token endpoint: as many VI_GENERATION traces. */
    static void issueVis(URI tokenEndpoint, int n) throws Exception {
        HttpClient client = withCertificate("institution-a");
        for (int i = 0; i < n; i++) {
            var token = send(
                    client, form(tokenEndpoint, "grant_type=client_credentials").build());
            assertEquals(200, token.statusCode(), token.body());
        }
    }

    /** {@code n} VIs issued by the test server. */
    static void issueVis(int n) throws Exception {
        issueVis(URI.create(TestServer.TOKEN), n);
    }

    /** The test server process's chain: the chain of the newest node trace (ids grow across processes). */
    static String currentChain() throws SQLException {
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT chain FROM trace_record WHERE chain LIKE 'node:%' ORDER BY id DESC")) {
            assertTrue(r.next(), "the server wrote node traces");
            return r.getString(1);
        }
    }

    /** The chain's head row: its last sequence number and hash. */
    static CheckpointRound.Head head(Connection c, String chain) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT last_seq, last_hash FROM trace_chain_head WHERE chain = ?")) {
            p.setString(1, chain);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next(), chain + " has its head row");
                return new CheckpointRound.Head(chain, r.getLong(1), r.getString(2));
            }
        }
    }

    /** Waits until a round of the test server signs the chain's current head (1 s between rounds in the tests). */
    static CheckpointRound.Head awaitSignedHead(String chain) throws Exception {
        CheckpointRound.Head head;
        try (Connection c = database()) {
            head = head(c, chain);
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = database();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT jws FROM trace_checkpoint_round")) {
                while (r.next()) {
                    if (CheckpointRound.parse(r.getString(1))
                            .map(round -> round.heads().contains(head))
                            .orElse(false)) {
                        return head;
                    }
                }
            }
            Thread.sleep(300);
        }
        fail("no round signed the head " + head.seq() + " of " + chain + " within 15 s");
        return head;
    }

    /** The HMAC key of the development properties the servers of the tests run with (base64). */
    static String devHmacKey() throws IOException {
        Properties dev = new Properties();
        try (InputStream in = Files.newInputStream(BUILD.resolve("payara/dev.properties"))) {
            dev.load(in);
        }
        return dev.getProperty("interops.traces.hmac-key");
    }

    /** What chains the servers of the tests: the development HMAC key. */
    static TraceChain devHasher() throws IOException {
        return TraceChain.ofBase64(devHmacKey(), null);
    }

    /** One chain's part of a check's JSON report. */
    static JsonObject chainReport(JsonObject report, String chain) {
        return report.getJsonArray("chains").stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("chain").equals(chain))
                .findFirst()
                .orElseThrow(() -> new AssertionError(chain + " not in " + report));
    }
}
