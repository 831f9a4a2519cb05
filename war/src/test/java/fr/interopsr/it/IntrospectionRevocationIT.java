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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Issue 17 part 2 over real HTTPS with the JDK's HttpClient: introspection (RFC 7662) by a data provider's TLS client
 * certificate, revocation (RFC 7009) by the client as at the token endpoint and by an administrator, the error cases
 * of each RFC, the metadata (RFC 8414), and a cached VI refused at its next use once revoked, at once on this node and
 * within 2 s when another node wrote the revocation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntrospectionRevocationIT {

    static final String INTROSPECT = BASE + "/idp/introspect";
    static final String REVOKE = BASE + "/idp/revoke";
    static final String REVOCATIONS = BASE + "/admin/api/revocations";
    static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";
    static final String API_SERVICE = "https://localhost:8443/interops/api/v1/beneficiaries";
    static final String PARTNER_SERVICE = "https://partner-dp.example/svc";
    static final String PARTNER_SCOPE = "urn:partnerdp:svc:1.0:read";
    static final String ONCE_SCOPE = "urn:partnerdp:once:1.0:read";
    static final String PARTNER_CLIENT = "partner-dp-client";
    /** institution-b's certificate is the partner data provider's introspection certificate. */
    static final String DP_CERT = "institution-b";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of(
                "introspected.json",
                convention("introspected", "https://partner-app.example", PARTNER_SERVICE, PARTNER_SCOPE, false),
                "introspected-once.json",
                convention("introspected-once", "https://partner-app.example/once", API_SERVICE, ONCE_SCOPE, true)));
        return war();
    }

    static String convention(String id, String aud, String service, String scope, boolean singleUse) {
        return """
                {
                  "id": "%s", "version": "1.0", "environment": "dev", "status": "active", "requiredAcr": null,
                  "scopes": ["%s"], "defaultScopes": ["%s"], "singleUse": %s,
                  "identityProvider": {
                    "issuer": "%s", "tokenLifetimeSeconds": 300, "signatureAlgorithms": ["ES256"],
                    "tokenUrl": "https://localhost:8443/interops/idp/token",
                    "clientAuthentication": "client_secret_basic", "clockSync": "pool.ntp.org",
                    "extraClaims": {}, "jwks": {"keys": []}
                  },
                  "serviceProvider": {
                    "id": "%s", "clientId": "%s", "mutualTls": false, "certificate": null,
                    "reverseProxyIps": [], "clockSync": "pool.ntp.org"
                  },
                  "dataProvider": {
                    "serviceId": "%s", "baseUrl": null, "reverseProxyIps": [], "certificateChainPem": null,
                    "allowedClockSkewSeconds": 60, "clockSync": "pool.ntp.org",
                    "introspectionCertificate": {
                      "subjectDn": "CN=institution-b,O=Institution Demo B,C=FR",
                      "issuerDn": "%s",
                      "sha256": null
                    }
                  }
                }
                """.formatted(id, scope, scope, singleUse, ISSUER, aud, PARTNER_CLIENT, service, DevPki.CA_SUBJECT);
    }

    // ---------------------------------------------------------------- metadata (RFC 8414)

    @Test
    void metadataListsBothEndpointsWithTheirAuthenticationMethods() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/.well-known/oauth-authorization-server"))
                        .build());
        assertEquals(200, r.statusCode());
        JsonObject m = json(r.body());
        assertTrue(m.getString("introspection_endpoint").endsWith("/interops/idp/introspect"));
        assertTrue(m.getString("revocation_endpoint").endsWith("/interops/idp/revoke"));
        assertEquals(
                "[\"tls_client_auth\"]",
                m.getJsonArray("introspection_endpoint_auth_methods_supported").toString());
        assertEquals(
                "[\"client_secret_basic\",\"tls_client_auth\"]",
                m.getJsonArray("revocation_endpoint_auth_methods_supported").toString());
    }

    // ---------------------------------------------------------------- introspection (RFC 7662)

    @Test
    void theDataProvidersCertificateLearnsAboutAViOfItsConvention() throws Exception {
        String vi = partnerVi(PARTNER_SCOPE);
        HttpResponse<String> r = introspect(withCertificate(DP_CERT), "token=" + vi);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JsonObject answer = json(r.body());
        assertTrue(answer.getBoolean("active"), r.body());
        assertEquals(PARTNER_SCOPE, answer.getString("scope"));
        assertEquals(PARTNER_CLIENT, answer.getString("client_id"));
        assertEquals("Bearer", answer.getString("token_type"));
        assertEquals(ISSUER, answer.getString("iss"));
        assertEquals(PARTNER_SERVICE, answer.getString("azp"));
        assertEquals(claim(vi, "jti"), answer.getString("jti"));
        assertTrue(answer.getJsonNumber("exp").longValue() > Instant.now().getEpochSecond());
        assertFalse(answer.containsKey("used"), "the convention is not single use");
        Map<String, String> trace = lastOf("VI_VERIFICATION");
        assertEquals("SUCCESS", trace.get("status"));
        assertEquals("introspected", trace.get("convention_id"));
        assertTrue(trace.get("target_url").endsWith("/idp/introspect"), trace.get("target_url"));
        assertTrue(trace.get("detail").startsWith("introspection: active"), trace.get("detail"));
        // token_type_hint is ignored (RFC 7662 §2.1): even a wrong one
        HttpResponse<String> hinted =
                introspect(withCertificate(DP_CERT), "token=" + vi + "&token_type_hint=refresh_token");
        assertTrue(json(hinted.body()).getBoolean("active"), hinted.body());
    }

    @Test
    void everyOtherTokenIsInactiveWithoutAReason() throws Exception {
        HttpClient dp = withCertificate(DP_CERT);
        // a VI of this server under another convention, and a token that is no VI at all
        for (String token : new String[] {basicVi(), "not.a.vi", "x"}) {
            HttpResponse<String> r = introspect(dp, "token=" + token);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{\"active\":false}", r.body());
        }
        Map<String, String> trace = lastOf("VI_VERIFICATION");
        assertEquals("FAILURE", trace.get("status"));
        assertNotNull(trace.get("step"), "the trace names the step");
    }

    @Test
    void aCallerWithoutTheIntrospectionCertificateIsInvalidClient() throws Exception {
        String vi = partnerVi(PARTNER_SCOPE);
        for (HttpClient caller :
                new HttpClient[] {anonymous(), withCertificate("institution-a"), withCertificate(DevPki.REVOKED_CLIENT)
                }) {
            HttpResponse<String> r = introspect(caller, "token=" + vi);
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("invalid_client", json(r.body()).getString("error"));
            assertFalse(r.body().contains("active"));
        }
        Map<String, String> trace = lastOf("VI_VERIFICATION");
        assertEquals("invalid_client", trace.get("error_code"));
        assertEquals("introspection_client", trace.get("step"));
    }

    @Test
    void malformedIntrospectionRequestsAreInvalidRequestOr405() throws Exception {
        HttpClient dp = withCertificate(DP_CERT);
        assertError(introspect(dp, "token_type_hint=access_token"), 400, "invalid_request");
        assertError(introspect(dp, "token="), 400, "invalid_request");
        assertError(introspect(dp, "token=a&token=b"), 400, "invalid_request");
        assertError(
                send(
                        dp,
                        HttpRequest.newBuilder(URI.create(INTROSPECT))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}"))
                                .build()),
                400,
                "invalid_request");
        HttpResponse<String> get =
                send(dp, HttpRequest.newBuilder(URI.create(INTROSPECT)).GET().build());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void singleUseIsReportedAndNeverUsedUpByIntrospection() throws Exception {
        HttpClient dp = withCertificate(DP_CERT);
        String vi = partnerVi(ONCE_SCOPE);
        assertFalse(json(introspect(dp, "token=" + vi).body()).getBoolean("used"));
        assertFalse(json(introspect(dp, "token=" + vi).body()).getBoolean("used"), "asking twice uses nothing");
        // the VI is used at the data provider (its service is this server's API; the scope is not the API's)
        send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(RECORD))
                        .header("Authorization", "Bearer " + vi)
                        .build());
        JsonObject after = json(introspect(dp, "token=" + vi).body());
        assertTrue(after.getBoolean("active"));
        assertTrue(after.getBoolean("used"));
    }

    @Test
    void anUploadedIntrospectionCertificateMayIntrospectItsConventionsVis() throws Exception {
        DevPki.Ca ca = DevPki.loadCa(PKI.resolve("ca.p12"), PASSWORD);
        Instant now = Instant.now();
        DevPki.Issued leaf = DevPki.issueClientCertificate(
                ca.privateKey(),
                ca.certificate(),
                "CN=uploaded-dp,O=Partner DP,C=FR",
                now.minusSeconds(3600),
                now.plusSeconds(86_400),
                true,
                null);
        HttpClient dp = client(tlsAlwaysPresenting(leaf.privateKey(), leaf.certificate()));
        String vi = partnerVi(PARTNER_SCOPE);
        assertError(introspect(dp, "token=" + vi), 401, "invalid_client");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(leaf.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        String url = BASE + "/admin/api/conventions/introspected/introspection-certificates";
        HttpResponse<String> uploaded = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(url + "?comment=new+dp+certificate"))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .header("Content-Type", "application/x-pem-file")
                        .POST(HttpRequest.BodyPublishers.ofString(pem))
                        .build());
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        String sha256 = json(uploaded.body()).getString("sha256");
        assertEquals("certificate-uploaded", lastOf("ADMIN_ACTION").get("step"));
        assertEquals(sha256, lastOf("ADMIN_ACTION").get("certificate_sha256"));
        JsonObject answer = json(introspect(dp, "token=" + vi).body());
        assertTrue(answer.getBoolean("active"), answer.toString());
        assertTrue(send(anonymous(), adminGet(url)).body().contains(sha256));
        // only for that convention's VIs
        assertEquals(
                "{\"active\":false}",
                introspect(dp, "token=" + partnerVi(ONCE_SCOPE)).body());
    }

    // ---------------------------------------------------------------- revocation by the client (RFC 7009)

    @Test
    void aClientRevokesItsViAndIntrospectionReportsItInactive() throws Exception {
        String vi = partnerVi(PARTNER_SCOPE);
        HttpClient dp = withCertificate(DP_CERT);
        assertTrue(json(introspect(dp, "token=" + vi).body()).getBoolean("active"));
        HttpResponse<String> r = revoke(anonymous(), basic(PARTNER_CLIENT, secretOf(PARTNER_CLIENT)), "token=" + vi);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("", r.body());
        assertEquals("{\"active\":false}", introspect(dp, "token=" + vi).body());
        Map<String, String> revocation = lastOf("VI_GENERATION");
        assertEquals("revocation", revocation.get("step"));
        assertEquals("SUCCESS", revocation.get("status"));
        assertEquals(claim(vi, "jti"), revocation.get("jti"));
        assertEquals(PARTNER_CLIENT, revocation.get("client_id"));
        assertTrue(revocation.get("detail").startsWith("revoked"), revocation.get("detail"));
        Map<String, String> refused = lastOf("VI_VERIFICATION");
        assertEquals("revoked", refused.get("step"));
    }

    @Test
    void aCachedViRevokedByItsClientIsRefusedAtItsNextUse() throws Exception {
        String vi = basicVi();
        HttpClient caller = anonymous();
        assertEquals(200, apiGet(caller, vi).statusCode());
        assertEquals(200, apiGet(caller, vi).statusCode());
        assertTrue(lastOf("VI_VERIFICATION").get("detail").contains("cached"), "the validation is cached");
        HttpResponse<String> revoked =
                revoke(anonymous(), basic("institution-b-portal", secretOf("institution-b-portal")), "token=" + vi);
        assertEquals(200, revoked.statusCode(), revoked.body());
        HttpResponse<String> refused = apiGet(caller, vi);
        assertEquals(401, refused.statusCode(), refused.body());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.contains("error=\"invalid_token\""), challenge);
        Map<String, String> trace = lastOf("VI_VERIFICATION");
        assertEquals("revoked", trace.get("step"));
        assertTrue(trace.get("detail").contains("cached"), trace.get("detail"));
        // another VI of the same client is not touched
        assertEquals(200, apiGet(caller, basicVi()).statusCode());
    }

    @Test
    void aTlsClientRevokesWithItsCertificate() throws Exception {
        HttpClient client = withCertificate("institution-a");
        String vi = mtlsVi();
        assertEquals(200, apiGet(client, vi).statusCode());
        HttpResponse<String> r = revoke(client, null, "token=" + vi + "&token_type_hint=refresh_token");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(401, apiGet(client, vi).statusCode(), "the hint is ignored: the VI is revoked (P-49)");
        assertEquals("tls_client_auth", lastOf("VI_GENERATION").get("auth_method"));
    }

    @Test
    void invalidTokensAndOtherClientsVisGetA200AndChangeNothing() throws Exception {
        String partners = partnerVi(PARTNER_SCOPE);
        String basic = basic("institution-b-portal", secretOf("institution-b-portal"));
        for (String token : new String[] {partners, "not-a-vi", "a.b.c"}) {
            assertEquals(200, revoke(anonymous(), basic, "token=" + token).statusCode());
        }
        assertTrue(
                json(introspect(withCertificate(DP_CERT), "token=" + partners).body())
                        .getBoolean("active"),
                "another client's VI is left alone");
        assertTrue(lastOf("VI_GENERATION").get("detail").startsWith("token left alone"));
    }

    @Test
    void revocationErrorsFollowRfc7009AndTheTokenEndpoint() throws Exception {
        String vi = basicVi();
        // wrong secret, unknown client, no credentials: 401 invalid_client with a Basic challenge
        for (String auth : new String[] {basic("institution-b-portal", "wrong"), basic("nobody", "x"), null}) {
            HttpResponse<String> r = revoke(anonymous(), auth, "token=" + vi);
            assertError(r, 401, "invalid_client");
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        }
        // a certificate bound to no client
        assertError(revoke(withCertificate("institution-b"), null, "token=" + vi), 401, "invalid_client");
        String auth = basic("institution-b-portal", secretOf("institution-b-portal"));
        assertError(revoke(anonymous(), auth, "token_type_hint=access_token"), 400, "invalid_request");
        assertError(revoke(anonymous(), auth, "token=" + vi + "&token=" + vi), 400, "invalid_request");
        assertError(revoke(anonymous(), auth, "token=" + vi + "&client_secret=x"), 400, "invalid_request");
        HttpResponse<String> get = send(
                anonymous(), HttpRequest.newBuilder(URI.create(REVOKE)).GET().build());
        assertEquals(405, get.statusCode());
        // nothing was revoked by any of these
        assertEquals(200, apiGet(anonymous(), vi).statusCode());
    }

    // ---------------------------------------------------------------- another node, administrators

    @Test
    void aRevocationWrittenByAnotherNodeTakesEffectWithinTwoSeconds() throws Exception {
        String vi = basicVi();
        HttpClient caller = anonymous();
        assertEquals(200, apiGet(caller, vi).statusCode());
        Instant now = Instant.now();
        // what another node's revocation leaves in the shared table
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement("INSERT INTO vi_revocation (id, kind, issuer, jti,"
                        + " issued_before, revoked_at, revoked_by, kept_until) VALUES (?, 'VI', ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, UUID.randomUUID().toString());
            p.setString(2, ISSUER);
            p.setString(3, claim(vi, "jti"));
            p.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            p.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            p.setString(6, "client:institution-b-portal");
            p.setObject(7, OffsetDateTime.ofInstant(now.plusSeconds(600), ZoneOffset.UTC));
            p.executeUpdate();
        }
        long written = System.nanoTime();
        int status = 200;
        while (status == 200
                && System.nanoTime() - written < Duration.ofSeconds(4).toNanos()) {
            status = apiGet(caller, vi).statusCode();
            if (status == 200) {
                Thread.sleep(100);
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - written).toMillis();
        assertEquals(401, status);
        assertTrue(millis <= 2000, "refused " + millis + " ms after another node's revocation");
    }

    @Test
    void anAdministratorRevokesEveryViOfAClientAndListsIt() throws Exception {
        String before = partnerVi(PARTNER_SCOPE);
        HttpResponse<String> r =
                admin(REVOCATIONS + "?comment=leaked+key", "{\"clientId\":\"" + PARTNER_CLIENT + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject made = json(r.body());
        assertEquals("CLIENT", made.getString("kind"));
        assertEquals("admin:admin", made.getString("revokedBy"));
        assertEquals(
                "{\"active\":false}",
                introspect(withCertificate(DP_CERT), "token=" + before).body());
        Map<String, String> trace = lastOf("ADMIN_ACTION");
        assertEquals("revoked", trace.get("step"));
        assertEquals(PARTNER_CLIENT, trace.get("client_id"));
        assertTrue(trace.get("detail").contains("leaked key"), trace.get("detail"));
        JsonArray list = json("{\"l\":"
                        + send(anonymous(), adminGet(REVOCATIONS)).body() + "}")
                .getJsonArray("l");
        assertTrue(list.stream().anyMatch(v -> v.asJsonObject().getString("id").equals(made.getString("id"))));
        // a VI issued in a later second is not covered (P-48)
        Thread.sleep(1100);
        String after = partnerVi(PARTNER_SCOPE);
        assertTrue(json(introspect(withCertificate(DP_CERT), "token=" + after).body())
                .getBoolean("active"));
    }

    @Test
    void anAdministratorRevokesOneJtiOrAConvention() throws Exception {
        String vi = mtlsVi();
        HttpClient client = withCertificate("institution-a");
        assertEquals(200, apiGet(client, vi).statusCode());
        assertEquals(
                201,
                admin(REVOCATIONS, "{\"jti\":\"" + claim(vi, "jti") + "\"}").statusCode());
        assertEquals(401, apiGet(client, vi).statusCode());
        String other = basicVi();
        assertEquals(200, apiGet(anonymous(), other).statusCode());
        assertEquals(
                201,
                admin(REVOCATIONS, "{\"conventionId\":\"demo-beneficiaries-basic\"}")
                        .statusCode());
        assertEquals(401, apiGet(anonymous(), other).statusCode());
        assertEquals("demo-beneficiaries-basic", lastOf("ADMIN_ACTION").get("convention_id"));
        Thread.sleep(1100); // the tests after this one get VIs of a later second (P-48)
    }

    @Test
    void badAdministratorRequestsAreRefused() throws Exception {
        assertEquals(400, admin(REVOCATIONS, "{}").statusCode());
        assertEquals(
                400, admin(REVOCATIONS, "{\"jti\":\"a\",\"clientId\":\"b\"}").statusCode());
        assertEquals(400, admin(REVOCATIONS, "{\"nope\":\"a\"}").statusCode());
        assertEquals(404, admin(REVOCATIONS, "{\"clientId\":\"nobody\"}").statusCode());
        assertEquals(404, admin(REVOCATIONS, "{\"conventionId\":\"nothing\"}").statusCode());
        HttpResponse<String> text = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(REVOCATIONS))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jti\":\"a\"}"))
                        .build());
        assertEquals(415, text.statusCode());
        HttpResponse<String> anonymousList = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(REVOCATIONS)).GET().build());
        assertEquals(401, anonymousList.statusCode());
    }

    @Test
    void theConsoleListsRevocationsAndRevokesWithItsFormAndToken() throws Exception {
        String cookie = consoleLogin();
        HttpResponse<String> page = consoleGet("/revocations", cookie);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(
                page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertFalse(page.body().contains("<script"), "the console has no script");
        String jti = "uuid:" + UUID.randomUUID();
        String form = "kind=jti&value=" + jti + "&comment=from+the+console";
        HttpResponse<String> forged = consolePost("/revocations", cookie, "csrf=forged&" + form);
        assertEquals(403, forged.statusCode(), "no CSRF token, nothing revoked");
        HttpResponse<String> done = consolePost("/revocations", cookie, "csrf=" + csrfOf(page.body()) + "&" + form);
        assertEquals(303, done.statusCode(), done.body());
        assertTrue(consoleGet("/revocations", cookie).body().contains(jti), "listed in force");
        Map<String, String> trace = lastOf("ADMIN_ACTION");
        assertEquals("revoked", trace.get("step"));
        assertEquals(jti, trace.get("jti"));
    }

    @Test
    void plainHttpIsRefusedBeforeAnyCredentialIsRead() throws Exception {
        for (String path : new String[] {"/interops/idp/introspect", "/interops/idp/revoke"}) {
            String answer = rawHttp(
                    "127.0.0.1",
                    HTTP_PORT,
                    "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\ntoken=x");
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + ": " + answer);
            assertTrue(answer.contains("HTTPS required"), path + ": " + answer);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final java.util.regex.Pattern CSRF =
            java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static String csrfOf(String page) {
        java.util.regex.Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), "a CSRF field in " + page);
        return URLEncoder.encode(m.group(1).replace("&#45;", "-").replace("&#95;", "_"), StandardCharsets.UTF_8);
    }

    private static String sessionCookie(HttpResponse<String> r, String fallback) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElse(fallback);
    }

    /** The console's login form (D-21); the session cookie. */
    private static String consoleLogin() throws Exception {
        HttpResponse<String> page = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/login")).GET().build());
        String cookie = sessionCookie(page, null);
        assertNotNull(cookie, "a session cookie");
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/login"))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrfOf(page.body()) + "&j_username=admin"
                                + "&j_password=" + URLEncoder.encode(passwordOf("admin"), StandardCharsets.UTF_8)))
                        .build());
        String location = r.headers().firstValue("Location").orElse("");
        assertFalse(location.isEmpty() || location.contains("error"), "console login: " + r.statusCode());
        return sessionCookie(r, cookie);
    }

    private static HttpResponse<String> consoleGet(String path, String cookie) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin" + path))
                        .header("Cookie", cookie)
                        .GET()
                        .build());
    }

    private static HttpResponse<String> consolePost(String path, String cookie, String body) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin" + path))
                        .header("Cookie", cookie)
                        .header("Origin", "https://localhost:" + HTTPS_PORT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static String partnerVi(String scope) throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials&scope=" + scope)
                        .header("Authorization", basic(PARTNER_CLIENT, secretOf(PARTNER_CLIENT)))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).getString("access_token");
    }

    private static String basicVi() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).getString("access_token");
    }

    private static String mtlsVi() throws Exception {
        HttpResponse<String> r = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials&scope=urn:demo:beneficiaries:1.0:read")
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).getString("access_token");
    }

    private static String claim(String vi, String name) {
        return json(new String(Base64.getUrlDecoder().decode(vi.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString(name);
    }

    private static HttpResponse<String> introspect(HttpClient client, String body) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(INTROSPECT))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static HttpResponse<String> revoke(HttpClient client, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(REVOKE))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(client, b.build());
    }

    private static HttpResponse<String> apiGet(HttpClient client, String vi) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + vi)
                        .build());
    }

    private static HttpResponse<String> admin(String url, String json) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", basic("admin", passwordOf("admin")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    private static HttpRequest adminGet(String url) throws Exception {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("admin", passwordOf("admin")))
                .GET()
                .build();
    }

    private static void assertError(HttpResponse<String> r, int status, String error) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, json(r.body()).getString("error"), r.body());
    }

    private static Map<String, String> lastOf(String kind) throws Exception {
        return trace("SELECT * FROM trace_record WHERE kind = ? ORDER BY id DESC LIMIT 1", kind);
    }
}
