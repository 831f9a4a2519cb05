package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.trace.CheckpointKeys;
import fr.interopsr.trace.TraceAudit;
import fr.interopsr.trace.TraceChain;
import fr.interopsr.trace.TraceReports;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
 * Issue 15, "Running the check": {@code POST /admin/api/traces/verify} with the checkpoints kept outside answers
 * 202 and the job's {@code Location}; polling it gives the report once the job is done, read from the database; a
 * whole chain deleted with its head row is reported {@code chain-missing}; the request is traced; and the JWKS of
 * {@code GET /admin/api/traces/checkpoint-keys} is what the command line's {@code --keys} accepts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TraceVerificationJobIT {

    private static final String VERIFY = BASE + "/admin/api/traces/verify";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    @Test
    void aJobWithTheOutsideCheckpointsFindsTheJournalIntactThenAChainDeletedWhole() throws Exception {
        String chain = freshSignedChain();
        List<String> outside = outsideCheckpoints();
        assertFalse(outside.isEmpty());

        // intact, with every round kept outside compared
        JsonObject done = runJob(outside);
        JsonObject report = done.getJsonObject("report");
        assertTrue(done.getBoolean("intact"), report.toString());
        assertTrue(report.getBoolean("intact"), report.toString());
        assertTrue(report.getBoolean("outsideCompared"));
        assertEquals(outside.size(), report.getInt("outsideCheckpoints"));
        assertEquals(outside.size(), done.getInt("outsideCheckpointLines"));
        assertEquals(0, done.getInt("problems"));
        assertEquals("admin", done.getString("requestedBy"));
        assertTrue(TraceSupport.chainReport(report, chain).getBoolean("intact"));
        // the request was traced on the admin chain before it was queued
        Map<String, String> trace = trace(
                "SELECT step, actor, detail FROM trace_record WHERE kind = 'ADMIN_ACTION' AND detail LIKE ?",
                "%job " + done.getString("id") + "%");
        assertEquals("traces-verified", trace.get("step"));
        assertEquals("admin", trace.get("actor"));
        assertTrue(
                trace.get("detail").endsWith(", with " + outside.size() + " line(s) of checkpoints kept outside"),
                trace.get("detail"));

        // the whole chain of this node gone, records and head row: chain-missing, named with its sequence numbers
        long head;
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE jobit_records AS SELECT * FROM trace_record WHERE chain = '" + chain + "'");
            s.execute("CREATE TABLE jobit_head AS SELECT * FROM trace_chain_head WHERE chain = '" + chain + "'");
            try (ResultSet r = s.executeQuery("SELECT last_seq FROM jobit_head")) {
                assertTrue(r.next());
                head = r.getLong(1);
            }
            s.executeUpdate("DELETE FROM trace_record WHERE chain = '" + chain + "'");
            s.executeUpdate("DELETE FROM trace_chain_head WHERE chain = '" + chain + "'");
        }
        try {
            JsonObject broken = runJob(outside);
            JsonObject r = broken.getJsonObject("report");
            assertFalse(broken.getBoolean("intact"), r.toString());
            assertTrue(broken.getInt("problems") >= 1);
            JsonObject c = TraceSupport.chainReport(r, chain);
            assertFalse(c.getBoolean("intact"), c.toString());
            JsonObject problem = c.getJsonArray("problems").getJsonObject(0);
            assertEquals("chain-missing", problem.getString("kind"), c.toString());
            assertEquals(chain, problem.getString("chain"));
            assertEquals(head, problem.getJsonNumber("to").longValue(), problem.toString());
            assertTrue(r.getJsonArray("problems").stream()
                    .map(JsonValue::asJsonObject)
                    .anyMatch(p -> p.getString("kind").equals("chain-missing")
                            && p.getString("chain").equals(chain)));
            // the alarm: this node's gauges say broken (and the SEVERE line went to the server's log)
            String metrics = metrics();
            assertEquals(0.0, ObservabilityIT.value(metrics, "interops_trace_verification_intact", Map.of()), metrics);
            assertEquals(
                    broken.getInt("problems"),
                    ObservabilityIT.value(metrics, "interops_trace_verification_problems", Map.of()));
            assertTrue(ObservabilityIT.value(metrics, "interops_trace_verifications_total", Map.of("outcome", "broken"))
                    >= 1);
        } finally {
            try (Connection c = database();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO trace_record SELECT * FROM jobit_records");
                s.executeUpdate("INSERT INTO trace_chain_head SELECT * FROM jobit_head");
                s.execute("DROP TABLE jobit_records");
                s.execute("DROP TABLE jobit_head");
            }
        }
        JsonObject restored = runJob(outside);
        assertTrue(restored.getBoolean("intact"), restored.toString());
        assertEquals(1.0, ObservabilityIT.value(metrics(), "interops_trace_verification_intact", Map.of()));
    }

    @Test
    void anUnknownJobIs404AndABadRequestIsRefusedBeforeAnyJob() throws Exception {
        HttpResponse<String> unknown = get(VERIFY + "/jobs/00000000-0000-4000-8000-000000000000");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("not_found", json(unknown.body()).getString("error"));
        assertEquals(404, get(VERIFY + "/jobs/not-an-id").statusCode());

        HttpResponse<String> plain = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(VERIFY))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertEquals(415, plain.statusCode(), plain.body());

        HttpResponse<String> unknownMember = post("{\"checkpoint\": []}");
        assertEquals(400, unknownMember.statusCode(), unknownMember.body());
        assertTrue(json(unknownMember.body()).getString("error_description").contains("checkpoint"));

        HttpResponse<String> guest = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(VERIFY))
                        .header("Authorization", basic("guest", passwordOf("guest")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertEquals(403, guest.statusCode(), guest.body());

        // a bodiless POST checks the database alone
        HttpResponse<String> bodiless = post("");
        assertEquals(202, bodiless.statusCode(), bodiless.body());
        JsonObject done = poll(bodiless);
        assertFalse(done.containsKey("outsideCheckpointLines"));
        assertFalse(done.getJsonObject("report").getBoolean("outsideCompared"));
    }

    @Test
    void theCheckpointKeysAreAJwksTheCommandLineAccepts(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        freshSignedChain();
        HttpResponse<String> keys = get(BASE + "/admin/api/traces/checkpoint-keys");
        assertEquals(200, keys.statusCode(), keys.body());
        assertTrue(keys.headers().firstValue("Content-Type").orElse("").startsWith("application/jwk-set+json"));
        assertEquals("no-store", keys.headers().firstValue("Cache-Control").orElse(""));
        JsonObject jwks = json(keys.body());
        assertFalse(jwks.getJsonArray("keys").isEmpty());
        for (JsonValue k : jwks.getJsonArray("keys")) {
            JsonObject key = k.asJsonObject();
            assertTrue(key.containsKey("kid") && key.containsKey("nbf") && key.containsKey("exp"), key.toString());
            assertFalse(key.containsKey("d"), "public keys only");
        }
        Path keysFile = dir.resolve("checkpoint-keys.jwks");
        Files.writeString(keysFile, keys.body());
        Path checkpoints = dir.resolve("checkpoints.jws");
        Files.write(checkpoints, outsideCheckpoints());

        // what the command line (trace-verify of the operator tools, module tools) runs with those files
        TraceChain hasher = TraceSupport.devHasher();
        String printed;
        try (Connection c = DriverManager.getConnection(jdbcUrl(), jdbcUser(), jdbcPassword())) {
            TraceAudit.Report report = TraceAudit.check(
                    c,
                    hasher,
                    CheckpointKeys.parse(Files.readString(keysFile)),
                    Optional.of(Files.readAllLines(checkpoints)));
            printed = TraceReports.toText(report);
            assertTrue(report.intact(), printed);
        }
        assertTrue(printed.endsWith("INTACT\n"), printed);
        assertTrue(printed.contains("kept outside compared, intact"), printed);

        // without the keys of that JWKS, the same journal does not verify
        try (Connection c = DriverManager.getConnection(jdbcUrl(), jdbcUser(), jdbcPassword())) {
            String without = TraceReports.toText(
                    TraceAudit.check(c, hasher, CheckpointKeys.parse("{\"keys\":[]}"), Optional.empty()));
            assertTrue(without.contains("bad-signature"), without);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A few token requests, then the round that signs this node's new head (1 s in the tests): the chain's name. */
    private static String freshSignedChain() throws Exception {
        TraceSupport.issueVis(3);
        String chain = TraceSupport.currentChain();
        TraceSupport.awaitSignedHead(chain);
        return chain;
    }

    /** The rounds as the checkpoint file kept outside holds them: one JWS a line, each signer's in order. */
    private static List<String> outsideCheckpoints() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT jws FROM trace_checkpoint_round ORDER BY signer, round_seq")) {
            while (r.next()) {
                lines.add(r.getString(1).strip());
            }
        }
        return lines;
    }

    /** POSTs a job with these checkpoints kept outside and polls it until it is done. */
    private static JsonObject runJob(List<String> outside) throws Exception {
        JsonArrayBuilder lines = Json.createArrayBuilder();
        outside.forEach(lines::add);
        HttpResponse<String> accepted = post(
                Json.createObjectBuilder().add("checkpoints", lines).build().toString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        return poll(accepted);
    }

    /** Polls the job of a 202 at its Location until it is done (60 s at most). */
    private static JsonObject poll(HttpResponse<String> accepted) throws Exception {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonObject body = json(accepted.body());
        String id = body.getString("id");
        assertEquals("queued", body.getString("status"));
        assertTrue(location.endsWith("/interops/admin/api/traces/verify/jobs/" + id), location);
        URI job = URI.create(VERIFY).resolve(location);
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(60).toMillis();
        while (true) {
            HttpResponse<String> r = get(job.toString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
            JsonObject j = json(r.body());
            assertEquals(id, j.getString("id"));
            String status = j.getString("status");
            assertTrue(List.of("queued", "running", "done").contains(status), j.toString());
            if (status.equals("done")) {
                assertTrue(j.containsKey("report"), j.toString());
                assertTrue(j.containsKey("finishedAt"));
                return j;
            }
            assertTrue(System.currentTimeMillis() < deadline, "job " + id + " still " + status + " after 60 s");
            Thread.sleep(200);
        }
    }

    /** The metrics, over plain HTTP as Prometheus reads them. */
    private static String metrics() throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/interops/metrics"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .build());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(VERIFY))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .header("Content-Type", "application/json")
                        .POST(
                                body.isEmpty()
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }
}
