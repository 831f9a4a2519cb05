package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.devpki.DevPki;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18 §3 over real HTTPS with the dev PKI's client certificates: AuthZEN evaluation and evaluations, the
 * discovery document, replay with a past timestamp around a convention change, who may ask (a partner about itself
 * only, staff with Basic, nobody without credentials), the content type and bad inputs, and the data provider's
 * decisions shared with the partner concerned and no one else (D-27).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessDecisionsIT {

    static final String EVALUATION = BASE + "/access/v1/evaluation";
    static final String EVALUATIONS = BASE + "/access/v1/evaluations";
    static final String DECISIONS = BASE + "/access/v1/decisions";
    static final String RECORD_URI = "https://localhost:8443/interops/api/v1/beneficiaries/B00001";
    static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";
    static final String READ = "urn:demo:beneficiaries:1.0:read";
    static final String WRITE = "urn:demo:beneficiaries:1.0:write";
    static final String REPLAYED = "access-replay";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of("access-replay.json", replayConvention("[\"" + READ + "\", \"" + WRITE + "\"]")));
        return war();
    }

    /**
     * The replay convention binds institution-b's certificate, which the other test classes of the same run expect
     * to be bound to no client (TokenEndpointIT): it is retired once this class is done (a retired convention binds
     * nothing).
     */
    @AfterAll
    static void retireTheReplayConvention() throws Exception {
        HttpResponse<String> retired = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/api/conventions/" + REPLAYED + "?comment="
                                + URLEncoder.encode("AccessDecisionsIT done", StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .DELETE()
                        .build());
        assertEquals(200, retired.statusCode(), retired.body());
    }

    /** institution-b's convention (tls_client_auth, bound by names), changed by the replay test. */
    static String replayConvention(String scopes) {
        return """
                {
                  "id": "%s", "version": "1.0", "environment": "dev", "status": "active", "requiredAcr": null,
                  "scopes": %s, "defaultScopes": ["%s"], "singleUse": false,
                  "identityProvider": {
                    "issuer": "%s", "tokenLifetimeSeconds": 300, "signatureAlgorithms": ["ES256"],
                    "tokenUrl": "https://localhost:8443/interops/idp/token",
                    "clientAuthentication": "tls_client_auth", "clockSync": "pool.ntp.org",
                    "extraClaims": {}, "jwks": {"keys": []}
                  },
                  "serviceProvider": {
                    "id": "https://institution-b.example/replay-app", "clientId": "institution-b", "mutualTls": false,
                    "certificate": {"subjectDn": "CN=institution-b,O=Institution Demo B,C=FR", "issuerDn": "%s",
                                    "sha256": null},
                    "reverseProxyIps": [], "clockSync": "pool.ntp.org"
                  },
                  "dataProvider": {
                    "serviceId": "https://localhost:8443/interops/api/v1/beneficiaries", "baseUrl": null,
                    "reverseProxyIps": [], "certificateChainPem": null, "allowedClockSkewSeconds": 60,
                    "clockSync": "pool.ntp.org"
                  }
                }
                """.formatted(REPLAYED, scopes, WRITE, ISSUER, DevPki.CA_SUBJECT);
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void discoveryIsPublic() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/.well-known/authzen-configuration"))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject m = json(r.body());
        assertTrue(m.getString("access_evaluation_endpoint").endsWith("/interops/access/v1/evaluation"));
        assertTrue(m.getString("access_evaluations_endpoint").endsWith("/interops/access/v1/evaluations"));
        assertTrue(m.getString("policy_decision_point").endsWith("/interops"));
    }

    /**
     * AuthZEN's request identification: the PEP's {@code X-Request-ID} comes back on the discovery document, on a
     * decision, on a batch, and on the refusals (401 without credentials, 403 about another client, 415, 400); a
     * value longer than 256 is not repeated, one with a tab or outside ASCII never as it was sent, and the call goes
     * on.
     */
    @Test
    void theRequestIdComesBackOnEveryAnswer() throws Exception {
        HttpClient a = withCertificate("institution-a");
        String id = "pep-7f3c/2026 12:00";
        HttpResponse<String> discovery = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/.well-known/authzen-configuration"))
                        .header("X-Request-ID", id)
                        .build());
        assertEquals(200, discovery.statusCode());
        assertEquals(id, discovery.headers().firstValue("X-Request-ID").orElse(null), "discovery");
        List<HttpResponse<String>> answers = List.of(
                postWithId(
                        a, EVALUATION, question("client", "institution-a", "GET", null, null), id, "application/json"),
                postWithId(
                        a,
                        EVALUATIONS,
                        "{\"action\":{\"name\":\"GET\"},\"resource\":{\"type\":\"uri\",\"id\":\"" + RECORD_URI
                                + "\"},\"evaluations\":[{\"subject\":{\"type\":\"client\",\"id\":\"institution-a\"}}]}",
                        id,
                        "application/json"),
                postWithId(
                        anonymous(),
                        EVALUATION,
                        question("client", "institution-a", "GET", null, null),
                        id,
                        "application/json"),
                postWithId(
                        a,
                        EVALUATION,
                        question("client", "institution-b-portal", "GET", null, null),
                        id,
                        "application/json"),
                postWithId(a, EVALUATION, question("client", "institution-a", "GET", null, null), id, "text/plain"),
                postWithId(a, EVALUATION, "not json", id, "application/json"));
        List<Integer> statuses = new ArrayList<>();
        for (HttpResponse<String> r : answers) {
            statuses.add(r.statusCode());
            assertEquals(id, r.headers().firstValue("X-Request-ID").orElse(null), r.statusCode() + " " + r.body());
        }
        assertEquals(List.of(200, 200, 401, 403, 415, 400), statuses);
        HttpResponse<String> tooLong = postWithId(
                a,
                EVALUATION,
                question("client", "institution-a", "GET", null, null),
                "x".repeat(257),
                "application/json");
        assertEquals(200, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.headers().firstValue("X-Request-ID").isEmpty(), "longer than 256: not repeated");
        // a tab or a byte outside ASCII: the container may hand the header on changed (a tab made a space, say);
        // whatever is repeated is visible ASCII, never what was sent
        for (String sent : List.of("a\tb", "caf\u00e9")) {
            HttpResponse<String> r = postWithId(
                    a, EVALUATION, question("client", "institution-a", "GET", null, null), sent, "application/json");
            assertEquals(200, r.statusCode(), r.body());
            String back = r.headers().firstValue("X-Request-ID").orElse("");
            assertNotEquals(sent, back);
            assertTrue(back.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), "repeated as <" + back + ">");
            System.out.println("X-Request-ID " + sent.replace("\t", "\\t") + " came back as <" + back + ">");
        }
    }

    // ---------------------------------------------------------------- who may ask, and how

    @Test
    void withoutCredentials401() throws Exception {
        HttpResponse<String> r = post(anonymous(), EVALUATION, question("client", "institution-a", "GET", null, null));
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        // the refusal is traced before it is answered, as the token endpoint's are
        Map<String, String> refused = trace(
                "SELECT kind, status, error_code, step, detail FROM trace_record WHERE correlation_id = ?",
                r.headers().firstValue("Correlationid").orElseThrow());
        assertEquals("ACCESS_DECISION", refused.get("kind"));
        assertEquals("invalid_client", refused.get("error_code"));
        assertEquals("access_client", refused.get("step"));
        assertTrue(refused.get("detail").contains("no client certificate"), refused.get("detail"));
        assertEquals(
                401,
                send(anonymous(), HttpRequest.newBuilder(URI.create(DECISIONS)).build())
                        .statusCode());
        HttpResponse<String> wrong = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(EVALUATION))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic("admin", "not-the-password"))
                        .POST(HttpRequest.BodyPublishers.ofString(question("client", "x", "GET", null, null)))
                        .build());
        assertEquals(401, wrong.statusCode(), wrong.body());
    }

    @Test
    void anotherContentTypeIs415() throws Exception {
        HttpResponse<String> r = send(
                withCertificate("institution-a"),
                HttpRequest.newBuilder(URI.create(EVALUATION))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                question("client", "institution-a", "GET", null, null)))
                        .build());
        assertEquals(415, r.statusCode(), r.body());
        assertEquals("unsupported_media_type", json(r.body()).getString("error"));
    }

    @Test
    void badInputIs400WithTheMemberNamed() throws Exception {
        HttpClient a = withCertificate("institution-a");
        HttpResponse<String> r = post(a, EVALUATION, "{\"subject\":{\"type\":\"client\",\"id\":\"institution-a\"}}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r.body()).getString("error_description").contains("action is missing"), r.body());
        assertEquals(400, post(a, EVALUATION, "not json").statusCode());
        HttpResponse<String> zone =
                post(a, EVALUATION, question("client", "institution-a", "GET", null, "2026-12-05T10:00:00"));
        assertEquals(400, zone.statusCode());
        assertTrue(zone.body().contains("with a zone"), zone.body());
        assertEquals(
                400,
                send(
                                a,
                                HttpRequest.newBuilder(URI.create(DECISIONS + "?limit=100000"))
                                        .build())
                        .statusCode());
    }

    @Test
    void aPartnerAsksAboutItselfOnly() throws Exception {
        HttpClient a = withCertificate("institution-a");
        HttpResponse<String> other = post(a, EVALUATION, question("client", "institution-b-portal", "GET", null, null));
        assertEquals(403, other.statusCode(), other.body());
        HttpResponse<String> otherConvention =
                post(a, EVALUATION, question("convention", "demo-beneficiaries-basic", "GET", null, null));
        assertEquals(403, otherConvention.statusCode(), otherConvention.body());
        HttpResponse<String> batch = post(
                a,
                EVALUATIONS,
                "{\"action\":{\"name\":\"GET\"},\"resource\":{\"type\":\"uri\",\"id\":\"" + RECORD_URI + "\"},"
                        + "\"evaluations\":[{\"subject\":{\"type\":\"client\",\"id\":\"institution-a\"}},"
                        + "{\"subject\":{\"type\":\"client\",\"id\":\"institution-b\"}}]}");
        assertEquals(403, batch.statusCode(), batch.body());
    }

    // ---------------------------------------------------------------- decisions

    @Test
    void decisionsAllowedAndRefusedWithTheirConventionAndRevision() throws Exception {
        HttpClient a = withCertificate("institution-a");
        String pem = certificatePem("institution-a");
        HttpResponse<String> allowed = post(a, EVALUATION, question("client", "institution-a", "GET", pem, null));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("no-store", allowed.headers().firstValue("Cache-Control").orElse(""));
        JsonObject yes = json(allowed.body());
        assertTrue(yes.getBoolean("decision"), allowed.body());
        JsonObject ctx = yes.getJsonObject("context");
        assertEquals("demo-beneficiaries-mtls", ctx.getJsonObject("convention").getString("id"));
        assertTrue(ctx.getJsonObject("convention").getInt("revision") >= 1);
        assertEquals(READ, ctx.getString("required_scope"));
        assertTrue(ctx.getBoolean("dry_run"));
        assertTrue(ctx.getJsonArray("current_inputs").toString().contains("uploaded_certificates"));

        Map<String, String> trace = lastOf("ACCESS_DECISION");
        assertEquals("SUCCESS", trace.get("status"));
        assertEquals("client:institution-a", trace.get("actor"));
        assertEquals("demo-beneficiaries-mtls", trace.get("convention_id"));
        assertTrue(trace.get("detail").startsWith("dry-run"), trace.get("detail"));
        assertEquals(ctx.getString("id"), trace.get("correlation_id"));

        // the convention wants mutual TLS: a call without a client certificate is refused at the step mtls
        JsonObject no = json(post(a, EVALUATION, question("client", "institution-a", "GET", null, null))
                .body());
        assertFalse(no.getBoolean("decision"));
        assertEquals("mtls", no.getJsonObject("context").getJsonObject("reason").getString("step"));
        assertEquals("FAILURE", lastOf("ACCESS_DECISION").get("status"));
        assertEquals("mtls", lastOf("ACCESS_DECISION").get("step"));

        // no such method: refused at the resource
        JsonObject delete = json(post(a, EVALUATION, question("client", "institution-a", "DELETE", pem, null))
                .body());
        assertEquals(
                "method_not_allowed",
                delete.getJsonObject("context").getJsonObject("reason").getString("error"));

        // staff with Basic may ask about anyone
        HttpResponse<String> staff = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(EVALUATION))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                question("convention", "demo-beneficiaries-basic", "GET", null, null)))
                        .build());
        assertEquals(200, staff.statusCode(), staff.body());
        assertTrue(json(staff.body()).getBoolean("decision"), staff.body());
        assertEquals("admin", lastOf("ACCESS_DECISION").get("actor"));
    }

    @Test
    void evaluationsInOneBatch() throws Exception {
        String pem = certificatePem("institution-a").replace("\n", "\\n");
        String body = "{\"subject\":{\"type\":\"client\",\"id\":\"institution-a\"},"
                + "\"resource\":{\"type\":\"uri\",\"id\":\"" + RECORD_URI + "\"},"
                + "\"context\":{\"http\":{\"client_certificate\":\"" + pem + "\"}},"
                + "\"evaluations\":[{\"action\":{\"name\":\"GET\"}},"
                + "{\"action\":{\"name\":\"PUT\"},\"resource\":{\"type\":\"uri\",\"id\":\"" + RECORD_URI
                + "/allowance\"}},"
                + "{\"action\":{\"name\":\"GET\"},\"context\":{}},"
                + "{\"action\":{\"name\":\"FETCH\"}}]}";
        HttpResponse<String> r = post(withCertificate("institution-a"), EVALUATIONS, body);
        assertEquals(200, r.statusCode(), r.body());
        JsonArray items = json(r.body()).getJsonArray("evaluations");
        assertEquals(4, items.size(), r.body());
        assertTrue(items.getJsonObject(0).getBoolean("decision"));
        assertTrue(items.getJsonObject(1).getBoolean("decision"));
        assertEquals(WRITE, items.getJsonObject(1).getJsonObject("context").getString("required_scope"));
        assertFalse(items.getJsonObject(2).getBoolean("decision"), "no certificate under mutual TLS");
        assertEquals(
                400,
                items.getJsonObject(3)
                        .getJsonObject("context")
                        .getJsonObject("error")
                        .getInt("status"));
        // deny_on_first_deny stops at the first refusal
        String stop = body.replace(
                "\"evaluations\":[",
                "\"options\":{\"evaluations_semantic\":\"deny_on_first_deny\"},"
                        + "\"evaluations\":[{\"action\":{\"name\":\"DELETE\"}},");
        JsonArray stopped = json(post(withCertificate("institution-a"), EVALUATIONS, stop)
                        .body())
                .getJsonArray("evaluations");
        assertEquals(1, stopped.size());
    }

    // ---------------------------------------------------------------- replay around a convention change

    @Test
    void aPastTimestampUsesTheRevisionInForceThen() throws Exception {
        HttpClient b = withCertificate("institution-b");
        Instant before = Instant.now();
        Thread.sleep(50);
        // an administrator removes the read scope: a new revision
        HttpResponse<String> changed = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/api/conventions/" + REPLAYED + "?comment="
                                + URLEncoder.encode("read removed", StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .PUT(HttpRequest.BodyPublishers.ofString(replayConvention("[\"" + WRITE + "\"]")))
                        .build());
        assertEquals(200, changed.statusCode(), changed.body());
        Thread.sleep(50);
        Instant after = Instant.now();

        JsonObject then = json(post(b, EVALUATION, question("convention", REPLAYED, "GET", null, before.toString()))
                .body());
        assertTrue(then.getBoolean("decision"), then.toString());
        int revisionThen =
                then.getJsonObject("context").getJsonObject("convention").getInt("revision");
        assertTrue(then.getJsonObject("context").getBoolean("replay"));

        JsonObject now = json(post(b, EVALUATION, question("convention", REPLAYED, "GET", null, after.toString()))
                .body());
        assertFalse(now.getBoolean("decision"), now.toString());
        assertEquals(
                revisionThen + 1,
                now.getJsonObject("context").getJsonObject("convention").getInt("revision"));
        assertEquals(
                "resource_scope",
                now.getJsonObject("context").getJsonObject("reason").getString("step"));
        Map<String, String> trace = lastOf("ACCESS_DECISION");
        assertEquals(String.valueOf(revisionThen + 1), trace.get("convention_revision"));
        assertTrue(trace.get("detail").contains("replay"), trace.get("detail"));
        // the write scope is still there
        assertTrue(json(post(
                                b,
                                EVALUATION,
                                question("client", "institution-b", "PUT", null, null)
                                        .replace("B00001\"", "B00001/allowance\""))
                        .body())
                .getBoolean("decision"));
    }

    // ---------------------------------------------------------------- decisions shared with the party concerned

    @Test
    void aPartnerListsItsOwnDecisionsAndNoOneElses() throws Exception {
        HttpClient a = withCertificate("institution-a");
        HttpResponse<String> token =
                send(a, form("grant_type=client_credentials").build());
        assertEquals(200, token.statusCode(), token.body());
        String vi = json(token.body()).getString("access_token");
        HttpResponse<String> call = send(
                a,
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + vi)
                        .build());
        assertEquals(200, call.statusCode(), call.body());
        String correlation = call.headers().firstValue("Correlationid").orElseThrow();

        HttpResponse<String> mine = send(
                a,
                HttpRequest.newBuilder(URI.create(DECISIONS + "?correlationId=" + correlation))
                        .build());
        assertEquals(200, mine.statusCode(), mine.body());
        JsonObject page = json(mine.body());
        assertEquals("institution-a", page.getString("clientId"));
        JsonArray decisions = page.getJsonArray("decisions");
        assertEquals(2, decisions.size(), mine.body());
        assertEquals("TRANSACTION", decisions.getJsonObject(0).getString("kind"), mine.body());
        JsonObject verification = decisions.getJsonObject(1);
        assertEquals("VI_VERIFICATION", verification.getString("kind"));
        assertEquals("SUCCESS", verification.getString("status"));
        String shown = verification.getString("viWithoutSignature");
        assertEquals(vi.substring(0, vi.lastIndexOf('.')), shown, "the VI without its signature");
        assertFalse(mine.body().contains(vi.substring(vi.lastIndexOf('.') + 1)), "no signature anywhere");

        // the same call is not institution-b's
        HttpResponse<String> theirs = send(
                withCertificate("institution-b"),
                HttpRequest.newBuilder(URI.create(DECISIONS + "?correlationId=" + correlation))
                        .build());
        assertEquals(200, theirs.statusCode(), theirs.body());
        assertEquals(0, json(theirs.body()).getJsonArray("decisions").size(), theirs.body());
        // and a partner cannot name another client
        assertEquals(
                403,
                send(
                                a,
                                HttpRequest.newBuilder(URI.create(DECISIONS + "?clientId=institution-b"))
                                        .build())
                        .statusCode());

        // paging: one at a time, the cursor leads to the other
        JsonObject first = json(send(
                        a,
                        HttpRequest.newBuilder(URI.create(DECISIONS + "?limit=1&correlationId=" + correlation))
                                .build())
                .body());
        assertEquals(1, first.getJsonArray("decisions").size());
        JsonObject second = json(send(
                        a,
                        HttpRequest.newBuilder(URI.create(DECISIONS + "?limit=1&correlationId=" + correlation
                                        + "&cursor=" + first.getString("next_cursor")))
                                .build())
                .body());
        assertEquals(
                "VI_VERIFICATION",
                second.getJsonArray("decisions").getJsonObject(0).getString("kind"));
        assertTrue(second.isNull("next_cursor"));

        // an auditor (Basic) lists any client's decisions, and the read is traced
        HttpResponse<String> audit = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(DECISIONS + "?clientId=institution-a&correlationId=" + correlation))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .build());
        assertEquals(200, audit.statusCode(), audit.body());
        assertEquals(2, json(audit.body()).getJsonArray("decisions").size(), audit.body());
        assertEquals("traces-queried", lastOf("ADMIN_ACTION").get("step"));
        HttpResponse<String> noClient = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(DECISIONS))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .build());
        assertEquals(400, noClient.statusCode(), noClient.body());
    }

    // ---------------------------------------------------------------- helpers

    private static String question(String type, String id, String method, String pem, String timestamp) {
        StringBuilder context = new StringBuilder();
        if (timestamp != null) {
            context.append("\"timestamp\":\"").append(timestamp).append("\"");
        }
        if (pem != null) {
            if (context.length() > 0) {
                context.append(',');
            }
            context.append("\"http\":{\"client_certificate\":\"")
                    .append(pem.replace("\n", "\\n"))
                    .append("\"}");
        }
        return "{\"subject\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"},"
                + "\"action\":{\"name\":\"" + method + "\"},"
                + "\"resource\":{\"type\":\"uri\",\"id\":\"" + RECORD_URI + "\"}"
                + (context.length() == 0 ? "" : ",\"context\":{" + context + "}") + "}";
    }

    private static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static HttpResponse<String> postWithId(
            HttpClient client, String url, String body, String requestId, String contentType) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", contentType)
                        .header("X-Request-ID", requestId)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** The CERTIFICATE block of the dev PKI's PEM file (which holds the key too). */
    private static String certificatePem(String name) throws Exception {
        String text = Files.readString(PKI.resolve(name + ".pem"));
        int start = text.indexOf("-----BEGIN CERTIFICATE-----");
        String end = "-----END CERTIFICATE-----";
        return text.substring(start, text.indexOf(end) + end.length());
    }

    private static Map<String, String> lastOf(String kind) throws Exception {
        return trace("SELECT * FROM trace_record WHERE kind = ? ORDER BY id DESC LIMIT 1", kind);
    }
}
