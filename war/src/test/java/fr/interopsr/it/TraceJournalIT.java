package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.trace.CheckpointKeys;
import fr.interopsr.trace.RetentionMark;
import fr.interopsr.trace.SignedEvidence;
import fr.interopsr.trace.TraceAudit;
import fr.interopsr.trace.TraceRetention;
import fr.interopsr.vi.SigningKey;
import fr.interopsr.vi.SigningKeys;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journal's tamper evidence end to end (issue 5, D-18): rows altered, deleted and inserted
 * directly in the database are each found by {@code GET /admin/api/traces/verify}, which names the
 * first broken record.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TraceJournalIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    @Test
    void alteredDeletedAndInsertedRecordsAreFound() throws Exception {
        TraceSupport.issueVis(4);
        JsonObject before = verify();
        String chain = TraceSupport.currentChain();
        assertTrue(TraceSupport.chainReport(before, chain).getBoolean("intact"), before.toString());
        // the command line's code (TraceAudit over plain JDBC), outside the server, with the same key
        try (Connection c = database()) {
            var report = TraceAudit.check(
                    c,
                    TraceSupport.devHasher(),
                    CheckpointKeys.of(devSigningKeys().all()),
                    Optional.empty());
            assertFalse(report.chains().isEmpty());
            assertTrue(report.intact(), report.problems().toString());
        }
        long head = headSeq(chain); // other tests may have purged the start of the chain: work near its head
        long victim = recordAt(chain, head - 2);
        long next = recordAt(chain, head - 1);

        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trace_backup AS SELECT * FROM trace_record WHERE id = " + victim);
            s.executeUpdate("UPDATE trace_record SET detail = 'tampered' WHERE id = " + victim);
        }
        assertBroken(chain, victim, "altered");
        restore(victim);
        assertTrue(verify().getBoolean("intact"), "restored");

        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM trace_record WHERE id = " + victim);
        }
        assertBroken(chain, next, "missing");
        restore(victim);
        assertTrue(verify().getBoolean("intact"), "restored");

        long forged;
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE trace_backup SET id = id + 1000000, chain_seq = 1000000," + " record_hash = '"
                    + "ab".repeat(32) + "'");
            s.executeUpdate("INSERT INTO trace_record SELECT * FROM trace_backup");
            forged = victim + 1000000;
        }
        assertBroken(chain, forged, "missing");
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM trace_record WHERE id = " + forged);
            s.execute("DROP TABLE trace_backup");
        }
        assertTrue(verify().getBoolean("intact"));
    }

    @Test
    void truncationBeforeTheLastSignedCheckpointIsFound() throws Exception {
        TraceSupport.issueVis(3);
        String chain = TraceSupport.currentChain();
        // a round that signs the chain's head (issue 15: a round names every chain)
        long last = recordAt(chain, TraceSupport.awaitSignedHead(chain).seq());
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trace_tail AS SELECT * FROM trace_record WHERE id = " + last);
            s.executeUpdate("DELETE FROM trace_record WHERE id = " + last);
        }
        JsonObject c = TraceSupport.chainReport(verify(), chain);
        assertFalse(c.getBoolean("intact"), c.toString());
        assertTrue(c.getString("reason").contains("checkpoint"), c.toString());
        try (Connection conn = database();
                Statement s = conn.createStatement()) {
            s.executeUpdate("INSERT INTO trace_record SELECT * FROM trace_tail");
            s.execute("DROP TABLE trace_tail");
        }
        assertTrue(verify().getBoolean("intact"));
    }

    @Test
    void retentionRemovesWholeSegmentsAndTheRestStillVerifies() throws Exception {
        TraceSupport.issueVis(3);
        TraceSupport.awaitSignedHead(TraceSupport.currentChain()); // the head signed: the retention may cut below it
        List<TraceRetention.Purged> purged;
        try (Connection c = database()) {
            // what the server's hourly job does, with a period of 0 days and the server's own signing key
            SigningKey key =
                    devSigningKeys().current(JWSAlgorithm.ES256, Instant.now()).orElseThrow();
            purged = TraceRetention.purge(
                    c,
                    Instant.now(),
                    0,
                    (chain, keptFrom, anchor, cutoff, days, at) -> SignedEvidence.sign(
                            key, RetentionMark.TYPE, RetentionMark.payload(chain, keptFrom, anchor, cutoff, days, at)));
        }
        assertFalse(purged.isEmpty(), "some records expired");
        assertTrue(purged.stream().anyMatch(p -> p.removed() > 0));
        TraceSupport.issueVis(1);
        JsonObject report = verify();
        assertTrue(report.getBoolean("intact"), report.toString());
    }

    /** The development signing keys, which sign the server's checkpoints too. */
    private static SigningKeys devSigningKeys() throws Exception {
        return SigningKeys.load(PKI.resolve("signing.p12"), PASSWORD);
    }

    private static void restore(long id) throws Exception {
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM trace_record WHERE id = " + id);
            s.executeUpdate("INSERT INTO trace_record SELECT * FROM trace_backup");
        }
    }

    private static void assertBroken(String chain, long recordId, String reasonWord) throws Exception {
        JsonObject report = verify();
        assertFalse(report.getBoolean("intact"), report.toString());
        JsonObject c = TraceSupport.chainReport(report, chain);
        assertEquals(recordId, c.getJsonNumber("firstBrokenRecordId").longValue(), c.toString());
        assertTrue(c.getString("reason").contains(reasonWord) || reasonWord.equals("altered"), c.toString());
    }

    private static long headSeq(String chain) throws Exception {
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(
                        "SELECT MAX(chain_seq) FROM trace_record WHERE chain = ? AND chain_seq < 1000000")) {
            p.setString(1, chain);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }
    }

    private static long recordAt(String chain, long seq) throws Exception {
        try (Connection c = database();
                PreparedStatement p =
                        c.prepareStatement("SELECT id FROM trace_record WHERE chain = ? AND chain_seq = ?")) {
            p.setString(1, chain);
            p.setLong(2, seq);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }
    }

    private static JsonObject verify() throws Exception {
        String password = passwordOf("admin");
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/api/traces/verify"))
                        .header("Authorization", basic("admin", password))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }
}
