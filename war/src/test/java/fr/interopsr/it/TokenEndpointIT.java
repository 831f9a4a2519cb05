package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.devpki.DevPki;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token endpoint over real HTTPS on a managed Payara Micro, with real client certificates
 * (IR-1..IR-6, IR-9, IR-10, IR-13, IR-18, D-1..D-3, D-6..D-8). Every refusal is checked for its
 * code, its status and its trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenEndpointIT {

    private static final String READ = "urn:demo:beneficiaries:1.0:read";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    // ---------------------------------------------------------------- success

    @Test
    void mutualTlsClientObtainsAViThatAnIndependentLibraryVerifiesAgainstTheJwks() throws Exception {
        HttpResponse<String> r = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials").build());
        assertEquals(200, r.statusCode(), r.body());
        assertNoStore(r);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = json(r.body());
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(600, body.getInt("expires_in"));
        assertEquals(READ, body.getString("scope"));

        JwtContext vi =
                verifyWithJwks(body.getString("access_token"), "https://institution-a.example/beneficiaries-app");
        JwtClaims claims = vi.getJwtClaims();
        assertEquals("ES256", vi.getJoseObjects().get(0).getAlgorithmHeaderValue());
        assertEquals("JWT", vi.getJoseObjects().get(0).getHeader("typ"));
        assertNotNull(vi.getJoseObjects().get(0).getKeyIdHeaderValue());
        assertTrue(
                claims.getJwtId().matches("uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals("institution-a", claims.getSubject());
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("1.0", claims.getStringClaimValue("ver"));
        assertEquals("dev", claims.getStringClaimValue("env"));
        assertEquals(READ, claims.getStringClaimValue("scp"));
        assertEquals("https://localhost:8443/interops/api/v1/beneficiaries", claims.getStringClaimValue("azp"));
        long iat = claims.getIssuedAt().getValue();
        assertEquals(600, claims.getExpirationTime().getValue() - iat);
        assertEquals(120, iat - claims.getNotBefore().getValue());
        assertFalse(claims.hasClaim("acr"), "no user: no acr (IR-10)");

        Map<String, String> trace = traceOfJti(claims.getJwtId());
        assertEquals("SUCCESS", trace.get("status"));
        assertEquals("VI_GENERATION", trace.get("kind"));
        assertEquals("institution-a", trace.get("client_id"));
        assertEquals("demo-beneficiaries-mtls", trace.get("convention_id"));
        assertEquals("1", trace.get("convention_revision"));
        assertEquals("tls_client_auth", trace.get("auth_method"));
        assertNotNull(trace.get("certificate_sha256"));
        assertEquals("https://localhost:8443/interops/api/v1/beneficiaries", trace.get("service_id"));
    }

    @Test
    void basicClientObtainsAViWithTheConventionsExtraClaims() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials&scope=" + READ)
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        JwtClaims claims = verifyWithJwks(
                        json(r.body()).getString("access_token"), "https://institution-b.example/portal")
                .getJwtClaims();
        assertEquals("Institution Demo B", claims.getStringClaimValue("organisation"));
        assertEquals(
                300,
                claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals("client_secret_basic", traceOfJti(claims.getJwtId()).get("auth_method"));
    }

    @Test
    void basicCredentialsAreFormUrlDecodedBeforeComparison() throws Exception {
        String secret = secretOf("institution-b-portal");
        String encodedLogin = "institution%2Db%2Dportal";
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic(encodedLogin, secret))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void rs256ConventionGetsAnRs256Vi() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("rsa-client", secretOf("rsa-client")))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        JwtContext vi = verifyWithJwks(json(r.body()).getString("access_token"), "https://rsa.example/app");
        assertEquals("RS256", vi.getJoseObjects().get(0).getAlgorithmHeaderValue());
    }

    // ---------------------------------------------------------------- IR-5 scope resolution

    @Test
    void noScopeWithSeveralConventionsIsInvalidRequest() throws Exception {
        assertError(multi("grant_type=client_credentials"), 400, "invalid_request");
        assertLastTrace("FAILURE", "invalid_request", "multi-client");
    }

    @Test
    void scopesPickTheOneConventionThatHoldsThem() throws Exception {
        HttpResponse<String> r = multi("grant_type=client_credentials&scope=urn:demo:alpha:1.0:read");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("urn:demo:alpha:1.0:read", json(r.body()).getString("scope"));
    }

    @Test
    void unknownScopesAreDroppedAndTheRestGranted() throws Exception {
        HttpResponse<String> r = multi("grant_type=client_credentials&scope=urn:unknown:x+urn:demo:beta:1.0:read");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("urn:demo:beta:1.0:read", json(r.body()).getString("scope"));
    }

    @Test
    void onlyUnknownScopesIsInvalidScope() throws Exception {
        assertError(multi("grant_type=client_credentials&scope=urn:unknown:x"), 400, "invalid_scope");
    }

    @Test
    void scopesOfTwoConventionsAreInvalidScope() throws Exception {
        assertError(
                multi("grant_type=client_credentials&scope=urn:demo:alpha:1.0:read+urn:demo:beta:1.0:read"),
                400,
                "invalid_scope");
    }

    @Test
    void aScopeHeldByTwoConventionsIsAmbiguousAndInvalidScope() throws Exception {
        assertError(multi("grant_type=client_credentials&scope=urn:demo:shared:1.0:read"), 400, "invalid_scope");
    }

    @Test
    void noScopeAndNoDefaultScopesIsInvalidScope() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("nodefault-client", secretOf("nodefault-client")))
                                .build()),
                400,
                "invalid_scope");
    }

    @Test
    void malformedScopesAreInvalidScope() throws Exception {
        String secret = secretOf("institution-b-portal");
        for (String scope : new String[] {"a%22b", "a%5Cb", "a++b", "", "a%01b", "x".repeat(5000), "caf%C3%A9"}) {
            assertError(
                    send(
                            anonymous(),
                            form("grant_type=client_credentials&scope=" + scope)
                                    .header("Authorization", basic("institution-b-portal", secret))
                                    .build()),
                    400,
                    "invalid_scope");
        }
    }

    // ---------------------------------------------------------------- grant_type and the body

    @Test
    void grantTypeErrors() throws Exception {
        String auth = basic("institution-b-portal", secretOf("institution-b-portal"));
        assertError(
                send(
                        anonymous(),
                        form("scope=" + READ).header("Authorization", auth).build()),
                400,
                "invalid_grant");
        assertError(
                send(
                        anonymous(),
                        form("grant_type=Client_Credentials")
                                .header("Authorization", auth)
                                .build()),
                400,
                "invalid_grant");
        assertError(
                send(
                        anonymous(),
                        form("grant_type=password")
                                .header("Authorization", auth)
                                .build()),
                400,
                "unsupported_grant_type");
        assertError(
                send(
                        anonymous(),
                        form("grant_type=authorization_code")
                                .header("Authorization", auth)
                                .build()),
                400,
                "unsupported_grant_type");
    }

    @Test
    void repeatedParameterIsInvalidRequest() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials&scope=a&scope=b")
                                .header(
                                        "Authorization",
                                        basic("institution-b-portal", secretOf("institution-b-portal")))
                                .build()),
                400,
                "invalid_request");
    }

    @Test
    void wrongContentTypeIsInvalidRequest() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
                .build();
        assertError(send(anonymous(), request), 400, "invalid_request");
        HttpRequest latin1 = form("grant_type=client_credentials")
                .setHeader("Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1")
                .build();
        assertError(send(anonymous(), latin1), 400, "invalid_request");
    }

    @Test
    void bodyThatIsNotUtf8IsInvalidRequest() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'g', '=', (byte) 0xC3, (byte) 0x28}))
                .build();
        assertError(send(anonymous(), request), 400, "invalid_request");
        assertError(
                send(anonymous(), form("grant_type=client_credentials&x=%FF").build()), 400, "invalid_request");
        assertError(
                send(anonymous(), form("grant_type=client_credentials&x=%G1").build()), 400, "invalid_request");
    }

    @Test
    void bodyOverTheLimitIsInvalidRequest() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials&pad=" + "x".repeat(20_000))
                                .header(
                                        "Authorization",
                                        basic("institution-b-portal", secretOf("institution-b-portal")))
                                .build()),
                400,
                "invalid_request");
    }

    @Test
    void onlyPostIsAnswered() throws Exception {
        HttpResponse<String> r = send(
                anonymous(), HttpRequest.newBuilder(URI.create(TOKEN)).GET().build());
        assertEquals(405, r.statusCode());
        assertNoStore(r);
    }

    @Test
    void plainHttpIsRefusedBeforeAnyCredentialIsRead() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> r = plain.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/interops/idp/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("invalid_request", json(r.body()).getString("error"));
        assertTrue(json(r.body()).getString("error_description").contains("HTTPS"));
    }

    // ---------------------------------------------------------------- client authentication

    @Test
    void wrongSecretIs401WithABasicChallenge() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", "not-the-secret"))
                        .build());
        assertError(r, 401, "invalid_client");
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
        assertLastTrace("FAILURE", "invalid_client", null);
    }

    @Test
    void unknownClientAndGarbageBasicCredentialsAre401() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("nobody", "x"))
                                .build()),
                401,
                "invalid_client");
        for (String garbage : new String[] {
            "Basic !!!",
            "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()),
            "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'}),
            "Bearer abc",
            "Basic"
        }) {
            HttpResponse<String> r = send(
                    anonymous(),
                    form("grant_type=client_credentials")
                            .header("Authorization", garbage)
                            .build());
            assertError(r, 401, "invalid_client");
            assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent(), garbage);
        }
    }

    @Test
    void noCredentialsAtAllIs401() throws Exception {
        assertError(send(anonymous(), form("grant_type=client_credentials").build()), 401, "invalid_client");
    }

    @Test
    void twoAuthenticationMethodsAreInvalidRequest() throws Exception {
        String auth = basic("institution-b-portal", secretOf("institution-b-portal"));
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials&client_secret=x")
                                .header("Authorization", auth)
                                .build()),
                400,
                "invalid_request");
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", auth)
                                .header("Authorization", auth)
                                .build()),
                400,
                "invalid_request");
    }

    @Test
    void clientSecretInTheBodyIsNotSupported() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials&client_id=institution-b-portal&client_secret="
                                        + secretOf("institution-b-portal"))
                                .build()),
                400,
                "invalid_client");
    }

    @Test
    void basicLoginOfACertificateClientIsRefused() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("institution-a", "x"))
                                .build()),
                401,
                "invalid_client");
        assertError(
                send(
                        withCertificate("institution-a"),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("institution-a", "x"))
                                .build()),
                400,
                "invalid_request");
    }

    @Test
    void aBasicClientsCertificateIsTransportNotASecondMethod() throws Exception {
        HttpResponse<String> r = send(
                withCertificate("institution-b"),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void clientIdThatTheCertificateIsNotBoundToIsInvalidClient() throws Exception {
        assertError(
                send(
                        withCertificate("institution-a"),
                        form("grant_type=client_credentials&client_id=revoked-client")
                                .build()),
                400,
                "invalid_client");
        HttpResponse<String> ok = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials&client_id=institution-a").build());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void aTrustedCertificateBoundToNoClientIsInvalidClient() throws Exception {
        assertError(
                send(
                        withCertificate("institution-b"),
                        form("grant_type=client_credentials").build()),
                400,
                "invalid_client");
        assertLastTrace("FAILURE", "invalid_client", null);
    }

    @Test
    void revokedCertificatePassesTheHandshakeAndIsRefusedByTheApplicationWithATrace() throws Exception {
        assertError(
                send(
                        withCertificate(DevPki.REVOKED_CLIENT),
                        form("grant_type=client_credentials").build()),
                400,
                "invalid_client");
        Map<String, String> trace = lastTrace();
        assertEquals("invalid_client", trace.get("error_code"));
        assertTrue(trace.get("detail").contains("REVOKED"), trace.get("detail"));
        assertNotNull(trace.get("certificate_sha256"));
    }

    @Test
    void expiredUntrustedOrNonClientAuthCertificatesGetNoHttpAnswer() throws Exception {
        DevPki.Ca ca = DevPki.loadCa(PKI.resolve("ca.p12"), PASSWORD);
        Instant now = Instant.now();
        DevPki.Issued expired = DevPki.issueClientCertificate(
                ca.privateKey(),
                ca.certificate(),
                "CN=expired,O=Institution Demo A,C=FR",
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)),
                true,
                null);
        DevPki.Issued serverOnly = DevPki.issueClientCertificate(
                ca.privateKey(),
                ca.certificate(),
                "CN=server-eku,O=Institution Demo A,C=FR",
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)),
                false,
                DevPki.EKU_SERVER_AUTH);
        DevPki.Ca otherCa = DevPki.createCa(
                "CN=Other CA,O=Elsewhere,C=FR", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        DevPki.Issued untrusted = DevPki.issueClientCertificate(
                otherCa.privateKey(),
                otherCa.certificate(),
                "CN=institution-a,O=Institution Demo A,C=FR",
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1)),
                true,
                null);
        for (DevPki.Issued cert : new DevPki.Issued[] {expired, serverOnly, untrusted}) {
            HttpClient client = client(tlsAlwaysPresenting(cert.privateKey(), cert.certificate()));
            assertThrows(
                    IOException.class,
                    () -> send(client, form("grant_type=client_credentials").build()),
                    "the handshake refuses " + cert.certificate().getSubjectX500Principal() + " (D-1)");
        }
    }

    /**
     * Issue 14 §3 over real mutual TLS: a leaf with institution-a's subject under a sub-CA named
     * like the CA of institution-a's name binding, issued by another trusted CA, passes the
     * handshake and the certificate check, and is still refused: its issuer is not a CA
     * certificate of the trust store by key.
     */
    @Test
    void aLeafUnderASubCaNamedLikeThePartnersCaIsNotThatPartner() throws Exception {
        try (RogueSubCa rogue = RogueSubCa.install()) {
            assertError(
                    send(rogue.client(), form("grant_type=client_credentials").build()), 400, "invalid_client");
            Map<String, String> trace = lastTrace();
            assertLastTrace("FAILURE", "invalid_client", null);
            assertNull(trace.get("client_id"));
            assertTrue(
                    trace.get("detail").contains("is not a CA certificate of the trust store (compared by key)"),
                    trace.get("detail"));
        }
        // institution-a's own certificate, issued by the dev CA itself, still binds by names
        HttpResponse<String> own = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials").build());
        assertEquals(200, own.statusCode(), own.body());
    }

    @Test
    void partnerAddressesOfTheConventionAreEnforced() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("proxied-client", secretOf("proxied-client")))
                                .build()),
                400,
                "invalid_client");
        Map<String, String> trace = lastTrace();
        assertEquals("proxied", trace.get("convention_id"));
        assertTrue(trace.get("detail").contains("192.0.2.10"), trace.get("detail"));
    }

    @Test
    void suspendedAndExternalIssuerConventionsAreUnauthorizedClient() throws Exception {
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("suspended-client", secretOf("suspended-client")))
                                .build()),
                400,
                "unauthorized_client");
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Authorization", basic("external-client", secretOf("external-client")))
                                .build()),
                400,
                "unauthorized_client");
    }

    // ---------------------------------------------------------------- forwarded certificates (D-2)

    @Test
    void certificateForwardedByTheTrustedProxyIsAccepted() throws Exception {
        String header = ":"
                + Base64.getEncoder()
                        .encodeToString(clientKeys("institution-a")
                                .getCertificate("institution-a")
                                .getEncoded())
                + ":";
        String body = "grant_type=client_credentials";
        String answer = rawHttp(
                "127.0.0.2",
                HTTP_PORT,
                "POST /interops/idp/token HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                        + "X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.7\r\nClient-Cert: " + header + "\r\n"
                        + "Connection: close\r\n\r\n" + body);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        Map<String, String> trace = lastTrace();
        assertEquals("institution-a", trace.get("client_id"));
        assertEquals("203.0.113.7", trace.get("remote_address"));
    }

    @Test
    void malformedCertificateFromTheTrustedProxyIsInvalidClientAndTraced() throws Exception {
        String body = "grant_type=client_credentials";
        String answer = rawHttp(
                "127.0.0.2",
                HTTP_PORT,
                "POST /interops/idp/token HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                        + "X-Forwarded-Proto: https\r\nClient-Cert: :bm90IGEgY2VydA==:\r\n"
                        + "Connection: close\r\n\r\n" + body);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertEquals(
                "invalid_client",
                json(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("error"));
        Map<String, String> trace = lastTrace();
        assertEquals("invalid_client", trace.get("error_code"));
        assertTrue(
                trace.get("detail").contains("malformed Client-Cert header from trusted proxy 127.0.0.2"),
                trace.get("detail"));
    }

    @Test
    void theTrustedProxysOwnCertificateIsNotTheClientsWhenItForwardsNone() throws Exception {
        // D-2: the proxy at 127.0.0.2 re-encrypts to the server and shows a certificate of its own, one that is bound
        // to a tls_client_auth client; it forwards no Client-Cert, so the request presents no certificate at all
        String header = ":"
                + Base64.getEncoder()
                        .encodeToString(clientKeys("institution-a")
                                .getCertificate("institution-a")
                                .getEncoded())
                + ":";
        String body = "grant_type=client_credentials";
        String request = "POST /interops/idp/token HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\n";
        String refused =
                rawHttps("127.0.0.2", tls(clientKeys("institution-a")), request + "Connection: close\r\n\r\n" + body);
        assertTrue(refused.startsWith("HTTP/1.1 401"), refused);
        assertEquals(
                "invalid_client",
                json(refused.substring(refused.indexOf("\r\n\r\n") + 4)).getString("error"));
        Map<String, String> trace = lastTrace();
        assertEquals("invalid_client", trace.get("error_code"));
        assertNull(trace.get("client_id"), "the proxy's own certificate authenticated a client");
        assertNull(trace.get("certificate_sha256"));
        assertEquals("203.0.113.7", trace.get("remote_address"));
        // the same connection with the partner's certificate forwarded is accepted: only the header counts
        String accepted = rawHttps(
                "127.0.0.2",
                tls(clientKeys("institution-a")),
                request + "Client-Cert: " + header + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(accepted.startsWith("HTTP/1.1 200"), accepted);
        assertEquals("institution-a", lastTrace().get("client_id"));
    }

    @Test
    void aBasicClientsCertificateIsNotCheckedAndStaysOutOfTheTrace() throws Exception {
        // D-8: a certificate that comes with Basic is transport; unchecked, it must not tie the trace to its holder
        HttpResponse<String> r = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> trace = lastTrace();
        assertEquals("institution-b-portal", trace.get("client_id"));
        assertEquals("client_secret_basic", trace.get("auth_method"));
        assertNull(trace.get("certificate_sha256"), "an unchecked certificate went into the trace");
    }

    @Test
    void certificateHeaderFromAnUntrustedPeerIsIgnoredAndTraced() throws Exception {
        String header = ":"
                + Base64.getEncoder()
                        .encodeToString(clientKeys("institution-a")
                                .getCertificate("institution-a")
                                .getEncoded())
                + ":";
        assertError(
                send(
                        anonymous(),
                        form("grant_type=client_credentials")
                                .header("Client-Cert", header)
                                .build()),
                401,
                "invalid_client");
        assertTrue(
                lastTrace().get("detail").contains("untrusted peer"),
                lastTrace().get("detail"));
    }

    // ---------------------------------------------------------------- TLS (IR-14, IR-15, D-5)

    @Test
    void tls13AndTls12WithAesGcmAreNegotiated() throws Exception {
        assertEquals("TLSv1.3", handshake(new String[] {"TLSv1.3"}, null));
        assertEquals(
                "TLSv1.2",
                handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}));
    }

    @Test
    void cbcSuitesWithoutForwardSecrecyOrGcmAreRefused() {
        for (String suite : new String[] {
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"
        }) {
            assertThrows(IOException.class, () -> handshake(new String[] {"TLSv1.2"}, new String[] {suite}), suite);
        }
    }

    /** A bare TLS handshake with the given protocols and suites; returns the protocol agreed. */
    private static String handshake(String[] protocols, String[] suites) throws Exception {
        try (SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket("localhost", HTTPS_PORT)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(protocols);
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    // ---------------------------------------------------------------- metadata and keys

    @Test
    void metadataNamesTheEndpointsAndMethods() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/.well-known/oauth-authorization-server"))
                        .build());
        assertEquals(200, r.statusCode());
        JsonObject m = json(r.body());
        assertEquals(ISSUER, m.getString("issuer"));
        assertEquals(TOKEN, m.getString("token_endpoint"));
        assertEquals(BASE + "/idp/jwks", m.getString("jwks_uri"));
        // issue 17 §3: the RFC 8693 token exchange next to client_credentials
        assertEquals(
                "[\"client_credentials\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]",
                m.getJsonArray("grant_types_supported").toString());
        assertEquals(
                "[\"client_secret_basic\",\"tls_client_auth\"]",
                m.getJsonArray("token_endpoint_auth_methods_supported").toString());
        // issue 17 §1 and §2: certificate-bound VIs, introspection and revocation with their methods
        assertTrue(m.getBoolean("tls_client_certificate_bound_access_tokens"));
        assertEquals(BASE + "/idp/introspect", m.getString("introspection_endpoint"));
        assertEquals(
                "[\"tls_client_auth\"]",
                m.getJsonArray("introspection_endpoint_auth_methods_supported").toString());
        assertEquals(BASE + "/idp/revoke", m.getString("revocation_endpoint"));
        assertEquals(
                "[\"client_secret_basic\",\"tls_client_auth\"]",
                m.getJsonArray("revocation_endpoint_auth_methods_supported").toString());
        assertTrue(m.containsKey("response_types_supported"));
        assertFalse(m.containsKey("scopes_supported"));
    }

    @Test
    void jwksPublishesOnlyPublicKeys() throws Exception {
        String jwks = send(
                        anonymous(),
                        HttpRequest.newBuilder(URI.create(BASE + "/idp/jwks")).build())
                .body();
        JsonObject set = json(jwks);
        assertTrue(set.getJsonArray("keys").size() >= 2);
        set.getJsonArray("keys").forEach(k -> {
            assertFalse(k.asJsonObject().containsKey("d"), "no private part");
            assertTrue(k.asJsonObject().containsKey("kid"));
        });
    }

    @Test
    void invalidConventionFileIsRefusedAndTheOthersLoad() throws Exception {
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM convention WHERE id = ?")) {
            p.setString(1, "broken");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            p.setString(1, "demo-beneficiaries-mtls");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                assertEquals(1, r.getInt(1));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static HttpResponse<String> multi(String body) throws Exception {
        return send(
                anonymous(),
                form(body)
                        .header("Authorization", basic("multi-client", secretOf("multi-client")))
                        .build());
    }

    private static void assertNoStore(HttpResponse<String> r) {
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("no-cache", r.headers().firstValue("Pragma").orElse(null));
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertNoStore(r);
        JsonObject body = json(r.body());
        assertEquals(code, body.getString("error"), r.body());
        String description = body.getString("error_description", "");
        assertTrue(description.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), "US-ASCII description (IR-6)");
        assertFalse(r.body().contains("Exception"), "no stack trace in an answer");
    }

    private static JwtContext verifyWithJwks(String vi, String audience) throws Exception {
        String jwks = send(
                        anonymous(),
                        HttpRequest.newBuilder(URI.create(BASE + "/idp/jwks")).build())
                .body();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireNotBefore()
                .setRequireJwtId()
                .setRequireSubject()
                .build();
        return consumer.process(vi);
    }

    private static Map<String, String> traceOfJti(String jti) throws Exception {
        return trace("SELECT * FROM trace_record WHERE jti = ?", jti);
    }

    private static Map<String, String> lastTrace() throws Exception {
        return trace("SELECT * FROM trace_record ORDER BY id DESC LIMIT 1", null);
    }

    private static void assertLastTrace(String status, String code, String clientId) throws Exception {
        Map<String, String> t = lastTrace();
        assertEquals("VI_GENERATION", t.get("kind"));
        assertEquals(status, t.get("status"));
        assertEquals(code, t.get("error_code"));
        if (clientId != null) {
            assertEquals(clientId, t.get("client_id"));
        }
        assertNotNull(t.get("detail"));
    }
}
