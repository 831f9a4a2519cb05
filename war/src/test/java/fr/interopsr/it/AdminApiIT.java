package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.CertificateBinding;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administration REST API (issue 4, CONTRACT.md "Administration") over real HTTPS with HTTP
 * Basic against the admin users (D-21): authentication and role, validation, revisions and their
 * comments (D-14), the life cycle's effect on issuance (D-16), secret rotation with grace (D-6),
 * certificate upload binding a tls_client_auth client (D-6), all-or-nothing import, traces (D-17).
 * Each test works on conventions of its own, under ids no other test class uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

    private static final String API = BASE + "/admin/api";
    private static final String CONVENTIONS = API + "/conventions";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    // ---------------------------------------------------------------- authentication and role

    @Test
    void withoutLoginTheApiAnswers401() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONVENTIONS)).GET().build());
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                r.headers().map().toString());
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONVENTIONS))
                        .header("Authorization", basic("admin", "not-the-password"))
                        .GET()
                        .build());
        assertEquals(401, r.statusCode(), r.body());
    }

    @Test
    void aUserWithoutTheAdminRoleIs403() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONVENTIONS))
                        .header("Authorization", basic("guest", password("guest")))
                        .GET()
                        .build());
        assertEquals(403, r.statusCode(), r.body());
        HttpResponse<String> change = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONVENTIONS))
                        .header("Authorization", basic("guest", password("guest")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                document("guest-" + tag(), "x", "draft").toString()))
                        .build());
        assertEquals(403, change.statusCode(), change.body());
    }

    // ---------------------------------------------------------------- validation

    @Test
    void everyProblemOfADocumentIsListedAndNothingIsCreated() throws Exception {
        String id = "adm-invalid-" + tag();
        JsonObject base = document(id, "client-" + id, "active");
        JsonObject bad = Json.createObjectBuilder(base)
                .add("surprise", true)
                .add("defaultScopes", Json.createArrayBuilder().add("urn:not:listed"))
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(base.getJsonObject("identityProvider"))
                                .add(
                                        "signatureAlgorithms",
                                        Json.createArrayBuilder().add("HS256"))
                                .add("tokenLifetimeSeconds", 0))
                .build();
        HttpResponse<String> r = post(CONVENTIONS, bad.toString());
        JsonArray problems = assertInvalid(r);
        assertHasProblem(problems, "surprise");
        assertHasProblem(problems, "defaultScopes[0]");
        assertHasProblem(problems, "identityProvider.signatureAlgorithms[0]");
        assertHasProblem(problems, "identityProvider.tokenLifetimeSeconds");
        assertEquals(404, get(CONVENTIONS + "/" + id).statusCode());

        for (String body : new String[] {"", "{", "[1]", "{\"id\":\"a\",\"id\":\"b\"}", "\"text\""}) {
            assertInvalid(post(CONVENTIONS, body));
        }
    }

    // ---------------------------------------------------------------- revisions

    @Test
    void createThenUpdateMakesTwoRevisionsWithTheirComments() throws Exception {
        String id = "adm-history-" + tag();
        JsonObject doc = document(id, "client-" + id, "draft");
        HttpResponse<String> created = post(CONVENTIONS + "?comment=" + enc("first draft"), doc.toString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/admin/api/conventions/" + id));
        assertEquals(1, json(created.body()).getInt("revision"));
        JsonArray versions = jsonArray(get(CONVENTIONS + "/" + id + "/versions").body());
        assertEquals(1, versions.size());

        assertEquals(409, post(CONVENTIONS, doc.toString()).statusCode(), "the id exists");

        JsonObject changed = Json.createObjectBuilder(doc)
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(doc.getJsonObject("identityProvider"))
                                .add("tokenLifetimeSeconds", 120))
                .build();
        HttpResponse<String> updated = put(id, "?comment=" + enc("shorter VIs, ticket 42"), changed);
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(2, json(updated.body()).getInt("revision"));
        assertEquals(
                120,
                json(updated.body())
                        .getJsonObject("document")
                        .getJsonObject("identityProvider")
                        .getInt("tokenLifetimeSeconds"));

        versions = jsonArray(get(CONVENTIONS + "/" + id + "/versions").body());
        assertEquals(2, versions.size());
        assertEquals(1, versions.getJsonObject(0).getInt("n"));
        assertEquals("first draft", versions.getJsonObject(0).getString("comment"));
        assertEquals("shorter VIs, ticket 42", versions.getJsonObject(1).getString("comment"));
        assertEquals("admin", versions.getJsonObject(1).getString("createdBy"));
        assertNotEquals(
                versions.getJsonObject(0).getString("contentHash"),
                versions.getJsonObject(1).getString("contentHash"));
        JsonObject first = json(get(CONVENTIONS + "/" + id + "/versions/1").body());
        assertEquals(
                300,
                first.getJsonObject("document")
                        .getJsonObject("identityProvider")
                        .getInt("tokenLifetimeSeconds"),
                "the first revision is kept as it was");
        assertEquals(404, get(CONVENTIONS + "/" + id + "/versions/3").statusCode());

        HttpResponse<String> same = put(id, "", changed);
        assertEquals(200, same.statusCode());
        assertFalse(json(same.body()).getBoolean("changed"), "the same content makes no revision");
        assertEquals(
                2, jsonArray(get(CONVENTIONS + "/" + id + "/versions").body()).size());

        JsonObject otherId =
                Json.createObjectBuilder(changed).add("id", id + "-x").build();
        assertHasProblem(assertInvalid(put(id, "", otherId)), "id");
        String unknown = "adm-unknown-" + tag();
        assertEquals(
                404,
                put(
                                unknown,
                                "",
                                Json.createObjectBuilder(changed)
                                        .add("id", unknown)
                                        .build())
                        .statusCode());

        Map<String, String> trace = trace(
                "SELECT * FROM trace_record WHERE kind = 'ADMIN_ACTION'" + " AND convention_id = ? ORDER BY id DESC",
                id);
        assertEquals("admin", trace.get("actor"));
        assertEquals("updated", trace.get("step"));
        assertEquals("1", trace.get("revision_before"));
        assertEquals("2", trace.get("convention_revision"));
        assertTrue(trace.get("detail").contains("shorter VIs, ticket 42"), trace.get("detail"));

        JsonArray listed = jsonArray(get(CONVENTIONS + "?q=" + enc(id)).body());
        assertEquals(1, listed.size());
        assertEquals(2, listed.getJsonObject(0).getInt("revision"));
        assertEquals("draft", listed.getJsonObject(0).getString("status"));
        assertEquals("client-" + id, listed.getJsonObject(0).getString("clientId"));
        assertEquals(
                0,
                jsonArray(get(CONVENTIONS + "?status=active&q=" + enc(id)).body())
                        .size());
        assertEquals(400, get(CONVENTIONS + "?status=sleeping").statusCode());
    }

    // ---------------------------------------------------------------- life cycle and issuance

    @Test
    void suspendingStopsIssuanceAtOnceAndActivatingRestoresIt() throws Exception {
        String id = "adm-life-" + tag();
        String client = "client-" + id;
        JsonObject doc = document(id, client, "active");
        assertEquals(201, post(CONVENTIONS, doc.toString()).statusCode());
        String secret = rotate(id, "").getString("clientSecret");
        HttpResponse<String> issued = token(client, secret);
        assertEquals(200, issued.statusCode());
        String vi = json(issued.body()).getString("access_token");
        assertEquals(200, api(vi).statusCode(), "the VI is accepted at the data provider");
        assertEquals(200, api(vi).statusCode(), "and again, from the validation cache");

        assertEquals(
                200,
                put(id, "?comment=" + enc("incident 7"), status(doc, "suspended"))
                        .statusCode());
        assertTokenError(token(client, secret), 400, "unauthorized_client");
        HttpResponse<String> refusedAtApi = api(vi);
        assertEquals(401, refusedAtApi.statusCode(), "effective on the next request: cache dropped (D-16)");
        assertTrue(
                refusedAtApi.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        Map<String, String> trace = trace(
                "SELECT * FROM trace_record WHERE kind = 'ADMIN_ACTION'" + " AND convention_id = ? ORDER BY id DESC",
                id);
        assertEquals("status", trace.get("step"));

        HttpResponse<String> refused = put(id, "", status(doc, "draft"));
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(json(refused.body()).getString("error_description").contains("suspended to draft"));

        assertEquals(200, put(id, "", status(doc, "active")).statusCode());
        assertEquals(200, token(client, secret).statusCode());

        HttpResponse<String> retired = send(
                anonymous(),
                admin(CONVENTIONS + "/" + id + "?comment=" + enc("end"))
                        .header("Content-Type", "application/json")
                        .DELETE()
                        .build());
        assertEquals(200, retired.statusCode(), retired.body());
        assertEquals("retired", json(retired.body()).getString("status"));
        assertEquals(4, json(retired.body()).getInt("revision"));
        assertEquals(401, token(client, secret).statusCode(), "a retired convention's client is unknown");
        assertEquals(409, put(id, "", status(doc, "active")).statusCode(), "retired is final");
        assertEquals(
                409,
                send(
                                anonymous(),
                                admin(CONVENTIONS + "/" + id)
                                        .header("Content-Type", "application/json")
                                        .DELETE()
                                        .build())
                        .statusCode());
        assertEquals(
                "retired",
                trace(
                                "SELECT * FROM trace_record WHERE kind = 'ADMIN_ACTION'"
                                        + " AND convention_id = ? ORDER BY id DESC",
                                id)
                        .get("step"));
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void rotatedSecretsKeepThePreviousOneForTheGracePeriodOnly() throws Exception {
        String id = "adm-secret-" + tag();
        String client = "client-" + id;
        assertEquals(
                201,
                post(CONVENTIONS, document(id, client, "active").toString()).statusCode());

        JsonObject first = rotate(id, "");
        assertEquals(client, first.getString("clientId"));
        assertTrue(first.isNull("previousValidUntil"), "no previous secret");
        String s1 = first.getString("clientSecret");

        JsonObject second = rotate(id, "?graceSeconds=600&comment=" + enc("planned rotation"));
        String s2 = second.getString("clientSecret");
        Instant until = Instant.parse(second.getString("previousValidUntil"));
        assertTrue(until.isAfter(Instant.now().plusSeconds(500))
                && until.isBefore(Instant.now().plusSeconds(700)));
        assertEquals(200, token(client, s1).statusCode(), "the old secret works within the grace period");
        assertEquals(200, token(client, s2).statusCode());

        String s3 = rotate(id, "?graceSeconds=0").getString("clientSecret");
        assertTokenError(token(client, s1), 401, "invalid_client");
        assertTokenError(token(client, s2), 401, "invalid_client");
        assertEquals(200, token(client, s3).statusCode());

        Map<String, String> trace = trace(
                "SELECT * FROM trace_record WHERE kind = 'ADMIN_ACTION'"
                        + " AND convention_id = ? AND step = 'secret-rotated' ORDER BY id DESC",
                id);
        assertFalse(trace.get("detail").contains(s3), "the secret is never traced");

        assertEquals(
                400,
                send(
                                anonymous(),
                                admin(CONVENTIONS + "/" + id + "/secret?graceSeconds=abc")
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build())
                        .statusCode());
        assertEquals(
                400,
                send(
                                anonymous(),
                                admin(CONVENTIONS + "/" + id + "/secret?graceSeconds=2592001")
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build())
                        .statusCode());
        assertEquals(
                404,
                send(
                                anonymous(),
                                admin(CONVENTIONS + "/adm-none-" + tag() + "/secret")
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build())
                        .statusCode());
        assertEquals(
                409,
                send(
                                anonymous(),
                                admin(CONVENTIONS + "/demo-beneficiaries-mtls/secret")
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build())
                        .statusCode(),
                "a tls_client_auth client");
    }

    // ---------------------------------------------------------------- certificates

    @Test
    void anUploadedCertificateBindsItsTlsClient() throws Exception {
        String id = "adm-cert-" + tag();
        String client = "client-" + id;
        JsonObject base = document(id, client, "active");
        JsonObject doc = Json.createObjectBuilder(base)
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(base.getJsonObject("identityProvider"))
                                .add("clientAuthentication", "tls_client_auth"))
                .build();
        assertEquals(201, post(CONVENTIONS, doc.toString()).statusCode());

        DevPki.Ca ca = DevPki.loadCa(PKI.resolve("ca.p12"), PASSWORD);
        Instant now = Instant.now();
        DevPki.Issued issued = DevPki.issueClientCertificate(
                ca.privateKey(),
                ca.certificate(),
                "CN=" + client + ",O=Admin IT,C=FR",
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(20)),
                true,
                null);
        var tlsClient = client(tls(clientKeys(issued.privateKey(), issued.certificate(), ca.certificate())));
        HttpResponse<String> unbound =
                send(tlsClient, form("grant_type=client_credentials").build());
        assertEquals("invalid_client", json(unbound.body()).getString("error"), "not bound yet: " + unbound.body());

        HttpResponse<String> uploaded = send(
                anonymous(),
                admin(CONVENTIONS + "/" + id + "/certificates")
                        .header("Content-Type", "application/x-pem-file")
                        .POST(HttpRequest.BodyPublishers.ofString(pem(issued.certificate())))
                        .build());
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject facts = json(uploaded.body());
        assertEquals("CN=" + client + ",O=Admin IT,C=FR", facts.getString("subject"));
        assertEquals(ca.certificate().getSubjectX500Principal().getName(), facts.getString("issuer"));
        assertEquals(CertificateBinding.sha256Hex(issued.certificate()), facts.getString("sha256"));
        assertEquals(issued.certificate().getNotAfter().toInstant(), Instant.parse(facts.getString("notAfter")));

        HttpResponse<String> vi =
                send(tlsClient, form("grant_type=client_credentials").build());
        assertEquals(200, vi.statusCode(), vi.body());

        assertEquals(
                1,
                jsonArray(get(CONVENTIONS + "/" + id + "/certificates").body()).size());
        assertEquals(
                409,
                send(
                                anonymous(),
                                admin(CONVENTIONS + "/" + id + "/certificates")
                                        .header("Content-Type", "application/x-pem-file")
                                        .POST(HttpRequest.BodyPublishers.ofString(pem(issued.certificate())))
                                        .build())
                        .statusCode());
        for (String notOne : new String[] {"", "hello", pem(issued.certificate()) + pem(ca.certificate())}) {
            HttpResponse<String> r = send(
                    anonymous(),
                    admin(CONVENTIONS + "/" + id + "/certificates")
                            .header("Content-Type", "application/x-pem-file")
                            .POST(HttpRequest.BodyPublishers.ofString(notOne))
                            .build());
            assertEquals(400, r.statusCode(), r.body());
        }

        JsonObject listed = jsonArray(get(CONVENTIONS + "?q=" + enc(id)).body()).getJsonObject(0);
        assertEquals(1, listed.getJsonArray("certificateWarnings").size(), "expires within 30 days");
        boolean expiring = jsonArray(get(API + "/certificates/expiring?days=25").body()).stream()
                .map(JsonValue::asJsonObject)
                .anyMatch(e -> e.getString("conventionId").equals(id));
        assertTrue(expiring);
        boolean notYet = jsonArray(get(API + "/certificates/expiring?days=10").body()).stream()
                .map(JsonValue::asJsonObject)
                .anyMatch(e -> e.getString("conventionId").equals(id));
        assertFalse(notYet);
        assertEquals(
                "certificate-uploaded",
                trace(
                                "SELECT * FROM trace_record WHERE kind = 'ADMIN_ACTION'"
                                        + " AND convention_id = ? ORDER BY id DESC",
                                id)
                        .get("step"));
    }

    // ---------------------------------------------------------------- content types (issue 14)

    @Test
    void aChangeWithoutItsContentTypeIs415AndChangesNothing() throws Exception {
        // a cross-site form can send text/plain with the browser's cached Basic credentials: it must do nothing
        String id = "adm-type-" + tag();
        String client = "client-" + id;
        assertEquals(
                201,
                post(CONVENTIONS, document(id, client, "active").toString()).statusCode());
        String secret = rotate(id, "").getString("clientSecret");
        String rotations = "SELECT count(*) AS n FROM trace_record WHERE kind = 'ADMIN_ACTION'"
                + " AND convention_id = ? AND step = 'secret-rotated'";
        String before = trace(rotations, id).get("n");

        HttpResponse<String> textPlain = send(
                anonymous(),
                admin(CONVENTIONS + "/" + id + "/secret")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build());
        assertUnsupported(textPlain, "application/json");
        HttpResponse<String> none = send(
                anonymous(),
                admin(CONVENTIONS + "/" + id + "/secret")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertUnsupported(none, "application/json");
        assertEquals(before, trace(rotations, id).get("n"), "the secret was rotated");
        assertEquals(200, token(client, secret).statusCode(), "the secret is unchanged");

        assertUnsupported(
                send(anonymous(), admin(CONVENTIONS + "/" + id).DELETE().build()), "application/json");
        String form = "adm-type-form-" + tag();
        assertUnsupported(
                send(
                        anonymous(),
                        admin(CONVENTIONS)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(document(form, "client-" + form, "draft")
                                        .toString()))
                                .build()),
                "application/json");
        assertEquals(404, get(CONVENTIONS + "/" + form).statusCode(), "nothing created");
        assertEquals("active", json(get(CONVENTIONS + "/" + id).body()).getString("status"), "not retired");
    }

    @Test
    void theCertificateUploadTakesPemOnly() throws Exception {
        String id = "adm-type-pem-" + tag();
        String client = "client-" + id;
        JsonObject base = document(id, client, "active");
        JsonObject doc = Json.createObjectBuilder(base)
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(base.getJsonObject("identityProvider"))
                                .add("clientAuthentication", "tls_client_auth"))
                .build();
        assertEquals(201, post(CONVENTIONS, doc.toString()).statusCode());
        DevPki.Ca ca = DevPki.loadCa(PKI.resolve("ca.p12"), PASSWORD);
        Instant now = Instant.now();
        DevPki.Issued issued = DevPki.issueClientCertificate(
                ca.privateKey(),
                ca.certificate(),
                "CN=" + client + ",O=Admin IT,C=FR",
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(20)),
                true,
                null);
        for (String type : new String[] {"application/json", "text/plain", null}) {
            HttpRequest.Builder upload = admin(CONVENTIONS + "/" + id + "/certificates");
            if (type != null) {
                upload.header("Content-Type", type);
            }
            assertUnsupported(
                    send(
                            anonymous(),
                            upload.POST(HttpRequest.BodyPublishers.ofString(pem(issued.certificate())))
                                    .build()),
                    "application/x-pem-file");
        }
        assertEquals(
                0,
                jsonArray(get(CONVENTIONS + "/" + id + "/certificates").body()).size(),
                "nothing uploaded");
    }

    // ---------------------------------------------------------------- export and import

    @Test
    void anImportWithOneBadDocumentWritesNothing() throws Exception {
        String a = "adm-import-a-" + tag();
        String b = "adm-import-b-" + tag();
        JsonObject bad = Json.createObjectBuilder(document("adm-import-c-" + tag(), "c-" + tag(), "active"))
                .add("scopes", Json.createArrayBuilder())
                .build();
        JsonArray batch = Json.createArrayBuilder()
                .add(document(a, "client-" + a, "active"))
                .add(document(b, "client-" + b, "draft"))
                .add(bad)
                .build();
        HttpResponse<String> refused = post(CONVENTIONS + "/import?comment=" + enc("from sandbox"), batch.toString());
        JsonArray problems = assertInvalid(refused);
        assertTrue(
                problems.stream().map(JsonValue::asJsonObject).allMatch(p -> p.getInt("index") == 2), refused.body());
        assertEquals(404, get(CONVENTIONS + "/" + a).statusCode(), "nothing created");
        assertEquals(404, get(CONVENTIONS + "/" + b).statusCode(), "nothing created");

        // a document that only the database can refuse (D-14: same iss, aud, azp, ver as an active one)
        JsonObject clash = Json.createObjectBuilder(document(b, "client-" + b, "active"))
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder(
                                document(a, "client-" + b, "active").getJsonObject("serviceProvider")))
                .build();
        HttpResponse<String> clashing = post(
                CONVENTIONS + "/import",
                Json.createArrayBuilder()
                        .add(document(a, "client-" + a, "active"))
                        .add(clash)
                        .build()
                        .toString());
        assertEquals(1, assertInvalid(clashing).getJsonObject(0).getInt("index"), clashing.body());
        assertEquals(404, get(CONVENTIONS + "/" + a).statusCode(), "rolled back, the first one too");

        HttpResponse<String> imported = post(
                CONVENTIONS + "/import?comment=" + enc("from sandbox"),
                Json.createArrayBuilder()
                        .add(document(a, "client-" + a, "active"))
                        .add(document(b, "client-" + b, "draft"))
                        .build()
                        .toString());
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(2, json(imported.body()).getJsonArray("created").size());
        assertEquals(
                "from sandbox",
                jsonArray(get(CONVENTIONS + "/" + a + "/versions").body())
                        .getJsonObject(0)
                        .getString("comment"));

        JsonArray exported = jsonArray(get(CONVENTIONS + "/export").body());
        assertTrue(exported.stream().map(JsonValue::asJsonObject).anyMatch(d -> d.getString("id")
                .equals(a)));
        assertTrue(exported.stream().map(JsonValue::asJsonObject).anyMatch(d -> d.getString("id")
                .equals("demo-beneficiaries-basic")));
        HttpResponse<String> again = post(CONVENTIONS + "/import", exported.toString());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(0, json(again.body()).getJsonArray("created").size());
        assertEquals(0, json(again.body()).getJsonArray("updated").size(), "re-importing an export changes nothing");
    }

    // ---------------------------------------------------------------- helpers

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String password(String user) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(user + ".password"))
                .strip();
    }

    private static HttpRequest.Builder admin(String url) throws IOException {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("admin", password("admin")));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return send(anonymous(), admin(url).GET().build());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return send(
                anonymous(),
                admin(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static HttpResponse<String> put(String id, String query, JsonObject body) throws Exception {
        return send(
                anonymous(),
                admin(CONVENTIONS + "/" + id + query)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    private static JsonObject rotate(String id, String query) throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                admin(CONVENTIONS + "/" + id + "/secret" + query)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        return json(r.body());
    }

    private static HttpResponse<String> api(String vi) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/beneficiaries/B00001"))
                        .header("Authorization", "Bearer " + vi)
                        .build());
    }

    private static HttpResponse<String> token(String client, String secret) throws Exception {
        return send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic(client, secret))
                        .build());
    }

    private static void assertUnsupported(HttpResponse<String> r, String needed) {
        assertEquals(415, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        JsonObject body = json(r.body());
        assertEquals("unsupported_media_type", body.getString("error"), r.body());
        assertTrue(body.getString("error_description").contains(needed), r.body());
    }

    private static void assertTokenError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, json(r.body()).getString("error"), r.body());
    }

    private static JsonArray assertInvalid(HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        JsonObject body = json(r.body());
        assertEquals("invalid_convention", body.getString("error"), r.body());
        assertFalse(body.getString("error_description").isBlank());
        JsonArray problems = body.getJsonArray("problems");
        assertFalse(problems.isEmpty(), r.body());
        return problems;
    }

    private static void assertHasProblem(JsonArray problems, String field) {
        assertTrue(
                problems.stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(p -> p.getString("field").equals(field)
                                && !p.getString("message").isBlank()),
                field + " in " + problems);
    }

    private static JsonArray jsonArray(String s) {
        return Json.createReader(new StringReader(s)).readArray();
    }

    /** The test server's Basic convention under another id, client, audience and status. */
    private static JsonObject document(String id, String clientId, String status) throws IOException {
        JsonObject base;
        try (InputStream in = AdminApiIT.class.getResourceAsStream("/conventions/demo-beneficiaries-basic.json")) {
            base = Json.createReader(in).readObject();
        }
        return Json.createObjectBuilder(base)
                .add("id", id)
                .add("status", status)
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder(base.getJsonObject("serviceProvider"))
                                .add("clientId", clientId)
                                .add("id", "https://" + id + ".example/app"))
                .build();
    }

    private static JsonObject status(JsonObject doc, String status) {
        return Json.createObjectBuilder(doc).add("status", status).build();
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
