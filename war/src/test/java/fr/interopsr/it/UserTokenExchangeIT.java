package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.token.TestOpenIdProvider;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 §3 over real HTTPS (Payara Micro, and WildFly with -Pwildfly): RFC 8693 token exchange of an ID token of
 * an OpenID provider made in the test, its keys inline in one convention and, in another, at an https jwksUri that a
 * JDK HTTPS server with the dev PKI's server certificate serves (trusted through {@code truststores/}). Success (and
 * the VI accepted by the data provider's step 11), wrong issuer, expired token, acr too low, unknown kid, a client
 * without userAuthentication; the user authentication trace of each; the metadata.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UserTokenExchangeIT {

    private static final String READ = "urn:demo:beneficiaries:1.0:read";
    private static final String SERVICE = "https://localhost:8443/interops/api/v1/beneficiaries";
    private static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    private static final String INLINE_CLIENT = "citizen-portal-inline";
    private static final String URL_CLIENT = "citizen-portal-url";

    private static final TestOpenIdProvider INLINE_OP = new TestOpenIdProvider("op-inline-1");
    private static final TestOpenIdProvider URL_OP = new TestOpenIdProvider("op-url-1");
    private static TestOpenIdProvider.Served served;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        served = URL_OP.serve(PKI.resolve("server.p12"), PASSWORD);
        prepareConventions(Map.of(
                "citizen-inline.json",
                convention("citizen-inline", INLINE_CLIENT, INLINE_OP.userAuthentication()),
                "citizen-url.json",
                convention("citizen-url", URL_CLIENT, URL_OP.userAuthentication(served.jwksUri()))));
        return war();
    }

    @AfterAll
    static void stopProvider() {
        if (served != null) {
            served.close();
        }
    }

    private static String convention(String id, String clientId, String userAuthentication) {
        return """
                {"id": "%s", "version": "1.0", "environment": "dev", "status": "active", "requiredAcr": "eidas2",
                 "scopes": ["%s"], "defaultScopes": ["%s"], "singleUse": false,
                 "identityProvider": {"issuer": "%s", "tokenLifetimeSeconds": 300, "signatureAlgorithms": ["ES256"],
                   "tokenUrl": null, "clientAuthentication": "client_secret_basic", "clockSync": null,
                   "extraClaims": {}, "jwks": {"keys": []}, "userAuthentication": %s},
                 "serviceProvider": {"id": "https://%s.example/app", "clientId": "%s", "mutualTls": false,
                   "certificate": null, "reverseProxyIps": [], "clockSync": null},
                 "dataProvider": {"serviceId": "%s", "baseUrl": null, "reverseProxyIps": [],
                   "certificateChainPem": null, "allowedClockSkewSeconds": 60, "clockSync": null}}
                """.formatted(id, READ, READ, ISSUER, userAuthentication, id, clientId, SERVICE);
    }

    private static HttpResponse<String> exchange(String client, String idToken) throws Exception {
        String body = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token="
                + enc(idToken) + "&subject_token_type=" + enc(ID_TOKEN_TYPE);
        return send(
                anonymous(),
                form(body)
                        .header("Authorization", basic(client, secretOf(client)))
                        .build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> lastUserTrace() throws Exception {
        return trace("SELECT * FROM trace_record WHERE kind = 'USER_AUTHENTICATION' ORDER BY id DESC LIMIT 1", null);
    }

    private static void assertRefused(HttpResponse<String> r, String code, String inDescription) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        JsonObject body = json(r.body());
        assertEquals(code, body.getString("error"), r.body());
        assertTrue(body.getString("error_description").contains(inDescription), r.body());
    }

    private static void assertUserTraceFailed(String client) throws Exception {
        Map<String, String> t = lastUserTrace();
        assertEquals("FAILURE", t.get("status"));
        assertEquals("invalid_request", t.get("error_code"));
        assertEquals(client, t.get("client_id"));
        assertEquals(TestOpenIdProvider.ISSUER, t.get("issuer"));
    }

    @Test
    void anIdTokenWithInlineKeysGivesAViAboutTheUserThatTheDataProviderAccepts() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> r = exchange(
                INLINE_CLIENT, INLINE_OP.idToken(TestOpenIdProvider.claims(now).build()));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = json(r.body());
        assertEquals("urn:ietf:params:oauth:token-type:access_token", body.getString("issued_token_type"));
        assertEquals("Bearer", body.getString("token_type"));
        String vi = body.getString("access_token");
        JWTClaimsSet claims = SignedJWT.parse(vi).getJWTClaimsSet();
        assertEquals("user-42", claims.getSubject());
        assertEquals("eidas2", claims.getStringClaim("acr"));
        assertEquals(now.minusSeconds(60).getEpochSecond(), claims.getLongClaim("auth_time"));
        assertEquals(ISSUER, claims.getIssuer());

        Map<String, String> user = lastUserTrace();
        assertEquals("SUCCESS", user.get("status"));
        assertEquals("user-42", user.get("subject"));
        assertEquals("eidas2", user.get("auth_method"));
        assertEquals(TestOpenIdProvider.ISSUER, user.get("issuer"));
        assertEquals("citizen-inline", user.get("convention_id"));
        Map<String, String> generation = trace("SELECT * FROM trace_record WHERE jti = ?", claims.getJWTID());
        assertEquals("VI_GENERATION", generation.get("kind"));
        assertEquals("user-42", generation.get("subject"));
        assertEquals(INLINE_CLIENT, generation.get("client_id"));

        // §3.5.2 step 11 at the data provider: acr meets requiredAcr, auth_time before iat
        HttpResponse<String> api = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/beneficiaries/B00001"))
                        .header("Authorization", "Bearer " + vi)
                        .build());
        assertEquals(200, api.statusCode(), api.body());
    }

    @Test
    void anIdTokenWithKeysAtAnHttpsUrlIsAcceptedAndItsKeysFetchedOverTls() throws Exception {
        HttpResponse<String> r = exchange(
                URL_CLIENT,
                URL_OP.idToken(TestOpenIdProvider.claims(Instant.now()).build()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(
                "user-42",
                SignedJWT.parse(json(r.body()).getString("access_token"))
                        .getJWTClaimsSet()
                        .getSubject());
        assertTrue(served.fetches().get() >= 1, "the server fetched the JWKS from the test's provider");
    }

    @Test
    void aWrongIssuerIsInvalidRequest() throws Exception {
        HttpResponse<String> r = exchange(
                INLINE_CLIENT,
                INLINE_OP.idToken(TestOpenIdProvider.claims(Instant.now())
                        .issuer("https://evil.example")
                        .build()));
        assertRefused(r, "invalid_request", "iss");
        assertUserTraceFailed(INLINE_CLIENT);
    }

    @Test
    void anExpiredTokenIsInvalidRequest() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> r = exchange(
                INLINE_CLIENT,
                INLINE_OP.idToken(TestOpenIdProvider.claims(now.minusSeconds(3600))
                        .claim("auth_time", now.minusSeconds(60).getEpochSecond())
                        .build()));
        assertRefused(r, "invalid_request", "Expired");
        assertUserTraceFailed(INLINE_CLIENT);
    }

    @Test
    void anAcrTooLowIsInvalidRequest() throws Exception {
        HttpResponse<String> r = exchange(
                INLINE_CLIENT,
                INLINE_OP.idToken(TestOpenIdProvider.claims(Instant.now())
                        .claim("acr", "urn:op:low")
                        .build()));
        assertRefused(r, "invalid_request", "requires eidas2");
        assertUserTraceFailed(INLINE_CLIENT);
        assertEquals("eidas1", lastUserTrace().get("auth_method"));
    }

    @Test
    void anUnknownKidIsInvalidRequest() throws Exception {
        HttpResponse<String> r = exchange(
                URL_CLIENT,
                URL_OP.idToken(TestOpenIdProvider.claims(Instant.now()).build(), "not-published"));
        assertRefused(r, "invalid_request", "'not-published'");
        assertUserTraceFailed(URL_CLIENT);
        assertNull(lastUserTrace().get("subject"), "an unverified token names no one");
    }

    @Test
    void aClientWhoseConventionHasNoUserAuthenticationIsUnauthorizedClient() throws Exception {
        HttpResponse<String> r = exchange(
                "institution-b-portal",
                INLINE_OP.idToken(TestOpenIdProvider.claims(Instant.now()).build()));
        assertRefused(r, "unauthorized_client", "userAuthentication");
        Map<String, String> t = trace("SELECT * FROM trace_record ORDER BY id DESC LIMIT 1", null);
        assertEquals("VI_GENERATION", t.get("kind"));
        assertEquals("unauthorized_client", t.get("error_code"));
    }

    @Test
    void theMetadataListsTheTokenExchangeGrant() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/.well-known/oauth-authorization-server"))
                        .build());
        assertEquals(200, r.statusCode());
        assertTrue(
                json(r.body()).getJsonArray("grant_types_supported").getValuesAs(jakarta.json.JsonString.class).stream()
                        .anyMatch(s -> s.getString().equals("urn:ietf:params:oauth:grant-type:token-exchange")),
                r.body());
    }
}
