package fr.interopsr.it;

import static fr.interopsr.it.TestServer.BASE;
import static fr.interopsr.it.TestServer.PASSWORD;
import static fr.interopsr.it.TestServer.PKI;
import static fr.interopsr.it.TestServer.anonymous;
import static fr.interopsr.it.TestServer.client;
import static fr.interopsr.it.TestServer.clientKeys;
import static fr.interopsr.it.TestServer.form;
import static fr.interopsr.it.TestServer.json;
import static fr.interopsr.it.TestServer.prepareConventions;
import static fr.interopsr.it.TestServer.rawHttps;
import static fr.interopsr.it.TestServer.send;
import static fr.interopsr.it.TestServer.tls;
import static fr.interopsr.it.TestServer.trace;
import static fr.interopsr.it.TestServer.war;
import static fr.interopsr.it.TestServer.withCertificate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.devpki.DevPki;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Certificate-bound VIs over real mutual TLS (RFC 8705 §3, issue 17 part 1, P-43..P-45), on Payara Micro and, with
 * {@code -Pwildfly}, on WildFly. The client {@code institution-c} has two valid certificates from the development CA
 * with the same subject, both bound to it by its convention's name binding (a renewal overlap, D-6); its convention
 * has {@code certificateBoundVi}. A VI obtained with one certificate works with that certificate only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CertificateBoundViIT {

    static final String READ = "urn:demo:beneficiaries:1.0:read";
    static final String SERVICE = "https://localhost:8443/interops/api/v1/beneficiaries";
    static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";
    static final String SUBJECT = "CN=institution-c,O=Institution Demo C,C=FR";
    static final String PARTNER = "https://idp.cnf-partner.example/interops";
    static final String PARTNER_AUD = "https://app.cnf-partner.example";

    /** The two certificates of institution-c, with their keys. */
    static DevPki.Issued first;

    static DevPki.Issued second;
    static X509Certificate ca;
    static ECKey partnerKey;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        DevPki.Ca devCa = DevPki.loadCa(PKI.resolve("ca.p12"), PASSWORD);
        ca = devCa.certificate();
        Instant now = Instant.now();
        first = issue(devCa, now);
        second = issue(devCa, now);
        partnerKey = new ECKeyGenerator(Curve.P_256).keyID("cnf-partner-1").generate();
        prepareConventions(Map.of(
                "cnf-bound.json", boundConvention(),
                "cnf-partner.json", partnerConvention(new JWKSet(partnerKey.toPublicJWK()).toString())));
        return war();
    }

    private static DevPki.Issued issue(DevPki.Ca devCa, Instant now) throws Exception {
        return DevPki.issueClientCertificate(
                devCa.privateKey(),
                devCa.certificate(),
                SUBJECT,
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(30)),
                true,
                null);
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void theMetadataSaysThatVisMayBeBoundToCertificates() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/.well-known/oauth-authorization-server"))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(JsonValue.TRUE, json(r.body()).get("tls_client_certificate_bound_access_tokens"), r.body());
    }

    // ---------------------------------------------------------------- our own identity provider

    @Test
    void aBoundViWorksWithItsOwnCertificateAndIsRefusedWithAnotherValidCertificateOfTheSameClient() throws Exception {
        HttpResponse<String> issued = token(with(first));
        assertEquals(200, issued.statusCode(), issued.body());
        String vi = json(issued.body()).getString("access_token");
        SignedJWT jwt = SignedJWT.parse(vi);
        assertEquals("institution-c", jwt.getJWTClaimsSet().getSubject());
        assertEquals(
                Map.of("x5t#S256", x5t(first.certificate())),
                jwt.getJWTClaimsSet().getJSONObjectClaim("cnf"),
                "RFC 8705 §3.1: base64url of the SHA-256 of the certificate's DER");
        Map<String, String> generation = lastOf("VI_GENERATION");
        assertEquals("SUCCESS", generation.get("status"));
        assertEquals(sha256Hex(first.certificate()), generation.get("certificate_sha256"));

        // with its own certificate: accepted, twice (the second from the cache)
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> ok = get(with(first), vi);
            assertEquals(200, ok.statusCode(), ok.body());
            Map<String, String> accepted = lastOf("VI_VERIFICATION");
            assertEquals("SUCCESS", accepted.get("status"));
            assertEquals("cnf-bound", accepted.get("convention_id"));
            assertEquals(sha256Hex(first.certificate()), accepted.get("certificate_sha256"));
        }

        // the other certificate of the same client passes the TLS handshake and D-1, and is bound to the client
        // (it gets VIs of its own), but this VI is not bound to it: refused under the step cnf, not served from the
        // cache
        HttpResponse<String> other = get(with(second), vi);
        assertRefusedAtCnf(other);
        assertEquals(sha256Hex(second.certificate()), lastOf("VI_VERIFICATION").get("certificate_sha256"));
        assertTrue(lastOf("VI_VERIFICATION").get("detail").contains(x5t(first.certificate())));

        // another partner's valid certificate, and no certificate at all: refused the same way
        assertRefusedAtCnf(get(withCertificate("institution-a"), vi));
        assertRefusedAtCnf(get(anonymous(), vi));

        // the second certificate's own VI is bound to it, and works with it only
        HttpResponse<String> secondIssued = token(with(second));
        assertEquals(200, secondIssued.statusCode(), secondIssued.body());
        String secondVi = json(secondIssued.body()).getString("access_token");
        assertNotEquals(
                SignedJWT.parse(secondVi).getJWTClaimsSet().getJSONObjectClaim("cnf"),
                jwt.getJWTClaimsSet().getJSONObjectClaim("cnf"));
        assertEquals(200, get(with(second), secondVi).statusCode());
        assertRefusedAtCnf(get(with(first), secondVi));
    }

    @Test
    void aCertificateForwardedByOurOwnProxyIsTheOneCompared() throws Exception {
        String vi = json(token(with(first)).body()).getString("access_token");
        String request = "GET /interops/api/v1/beneficiaries/B00001 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + vi + "\r\nX-Forwarded-For: 203.0.113.9\r\n";
        // 127.0.0.2 is the test server's trusted proxy (D-2); it presents no certificate of its own
        String accepted = rawHttps(
                "127.0.0.2", tls(), request + "Client-Cert: " + header(first) + "\r\nConnection: close\r\n\r\n");
        assertTrue(accepted.startsWith("HTTP/1.1 200"), accepted);
        String refused = rawHttps(
                "127.0.0.2", tls(), request + "Client-Cert: " + header(second) + "\r\nConnection: close\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 401"), refused);
        assertTrue(refused.contains("invalid_token"), refused);
        Map<String, String> trace = lastOf("VI_VERIFICATION");
        assertEquals("cnf", trace.get("step"), trace.get("detail"));
        assertEquals(sha256Hex(second.certificate()), trace.get("certificate_sha256"));
        assertEquals("203.0.113.9", trace.get("remote_address"));
    }

    // ---------------------------------------------------------------- a partner's identity provider

    @Test
    void aPartnersViWithoutCnfIsRefusedUnderACertificateBoundConventionAndItsBoundViAccepted() throws Exception {
        assertRefusedAtCnf(get(with(first), partnerVi(null)));
        assertTrue(lastOf("VI_VERIFICATION").get("detail").contains("has no cnf"));
        HttpResponse<String> ok = get(with(first), partnerVi(x5t(first.certificate())));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("cnf-partner", lastOf("VI_VERIFICATION").get("convention_id"));
        assertRefusedAtCnf(get(with(second), partnerVi(x5t(first.certificate()))));
    }

    // ---------------------------------------------------------------- the convention field

    @Test
    void theAdminApiListsCertificateBoundViOnABasicConventionAsAProblem() throws Exception {
        JsonObject bound = json(boundConvention());
        JsonObject basic = Json.createObjectBuilder(bound)
                .add("id", "cnf-basic")
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(bound.getJsonObject("identityProvider"))
                                .add("clientAuthentication", "client_secret_basic"))
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder(bound.getJsonObject("serviceProvider"))
                                .add("id", "https://cnf-basic.example/app")
                                .add("clientId", "cnf-basic-client")
                                .add("certificate", JsonValue.NULL))
                .build();
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/api/conventions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", TestServer.basic("admin", TestServer.passwordOf("admin")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(basic.toString()))
                        .build());
        assertEquals(400, r.statusCode(), r.body());
        JsonObject body = json(r.body());
        assertEquals("invalid_convention", body.getString("error"), r.body());
        assertTrue(
                body.getJsonArray("problems").stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(p -> p.getString("field").equals("identityProvider.certificateBoundVi")
                                && p.getString("message").contains("tls_client_auth")),
                r.body());
    }

    // ---------------------------------------------------------------- helpers

    private static void assertRefusedAtCnf(HttpResponse<String> r) throws Exception {
        assertEquals(401, r.statusCode(), r.body());
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer realm=\"interops\""), challenge);
        assertTrue(challenge.contains("error=\"invalid_token\""), challenge);
        JsonObject body = json(r.body());
        assertEquals("invalid_token", body.getString("error"));
        // D-12: the caller learns nothing of the binding
        assertEquals("the VI is not valid for this service", body.getString("error_description"), r.body());
        assertFalse(r.body().contains("x5t"), r.body());
        Map<String, String> trace = lastOf("VI_VERIFICATION");
        assertEquals("FAILURE", trace.get("status"));
        assertEquals("invalid_token", trace.get("error_code"));
        assertEquals("cnf", trace.get("step"), trace.get("detail"));
    }

    private static Map<String, String> lastOf(String kind) throws Exception {
        return trace("SELECT * FROM trace_record WHERE kind = ? ORDER BY id DESC LIMIT 1", kind);
    }

    private static HttpClient with(DevPki.Issued issued) throws Exception {
        return client(tls(clientKeys(issued.privateKey(), issued.certificate(), ca)));
    }

    private static HttpResponse<String> token(HttpClient client) throws Exception {
        return send(client, form("grant_type=client_credentials").build());
    }

    private static HttpResponse<String> get(HttpClient client, String vi) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + vi)
                        .build());
    }

    private static String x5t(X509Certificate certificate) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static String sha256Hex(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** RFC 9440 {@code Client-Cert}: the DER as a byte sequence. */
    private static String header(DevPki.Issued issued) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(issued.certificate().getEncoded()) + ":";
    }

    private static String partnerVi(String thumbprint) throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("jti", "uuid:" + UUID.randomUUID())
                .add("sub", "cnf-partner-app")
                .add("iss", PARTNER)
                .add("aud", PARTNER_AUD)
                .add("azp", SERVICE)
                .add("ver", "1.0")
                .add("env", "dev")
                .add("scp", READ)
                .add("iat", now)
                .add("nbf", now - 60)
                .add("exp", now + 300);
        if (thumbprint != null) {
            claims.add("cnf", Json.createObjectBuilder().add("x5t#S256", thumbprint));
        }
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT)
                        .keyID("cnf-partner-1")
                        .build(),
                new Payload(claims.build().toString()));
        jws.sign(new ECDSASigner(partnerKey));
        return jws.serialize();
    }

    /** Our own IdP's convention for institution-c: tls_client_auth by names (both certificates), bound VIs. */
    private static String boundConvention() {
        return Json.createObjectBuilder()
                .add("id", "cnf-bound")
                .add("version", "1.0")
                .add("environment", "dev")
                .add("status", "active")
                .add("scopes", Json.createArrayBuilder().add(READ))
                .add("defaultScopes", Json.createArrayBuilder().add(READ))
                .add(
                        "identityProvider",
                        Json.createObjectBuilder()
                                .add("issuer", TestServer.ISSUER)
                                .add("tokenLifetimeSeconds", 300)
                                .add(
                                        "signatureAlgorithms",
                                        Json.createArrayBuilder().add("ES256"))
                                .add("clientAuthentication", "tls_client_auth")
                                .add("certificateBoundVi", true))
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder()
                                .add("id", "https://institution-c.example/beneficiaries-app")
                                .add("clientId", "institution-c")
                                // no D-4 mutual TLS: the certificate binding alone refuses a call without certificate
                                .add("mutualTls", false)
                                .add(
                                        "certificate",
                                        Json.createObjectBuilder()
                                                .add("subjectDn", SUBJECT)
                                                .add("issuerDn", DevPki.CA_SUBJECT)))
                .add(
                        "dataProvider",
                        Json.createObjectBuilder().add("serviceId", SERVICE).add("allowedClockSkewSeconds", 120))
                .build()
                .toString();
    }

    /** A partner IdP's convention whose VIs must be bound: its VIs carry cnf, or are refused. */
    private static String partnerConvention(String jwks) {
        return Json.createObjectBuilder()
                .add("id", "cnf-partner")
                .add("version", "1.0")
                .add("environment", "dev")
                .add("status", "active")
                .add("scopes", Json.createArrayBuilder().add(READ))
                .add("defaultScopes", Json.createArrayBuilder().add(READ))
                .add(
                        "identityProvider",
                        Json.createObjectBuilder()
                                .add("issuer", PARTNER)
                                .add("tokenLifetimeSeconds", 300)
                                .add(
                                        "signatureAlgorithms",
                                        Json.createArrayBuilder().add("ES256"))
                                .add("clientAuthentication", "tls_client_auth")
                                .add("certificateBoundVi", true)
                                .add(
                                        "jwks",
                                        Json.createReader(new StringReader(jwks))
                                                .readObject()))
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder()
                                .add("id", PARTNER_AUD)
                                .add("clientId", "cnf-partner-app")
                                .add("mutualTls", false))
                .add(
                        "dataProvider",
                        Json.createObjectBuilder().add("serviceId", SERVICE).add("allowedClockSkewSeconds", 120))
                .build()
                .toString();
    }
}
