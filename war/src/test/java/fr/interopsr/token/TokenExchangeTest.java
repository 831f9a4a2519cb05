package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.CertificateFailure;
import fr.interopsr.pki.ClientCertificateValidator;
import fr.interopsr.pki.ImpersonationPki;
import fr.interopsr.pki.TestPki;
import fr.interopsr.pki.TrustMaterial;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceStatus;
import fr.interopsr.vi.IdentificationVectorIssuer;
import fr.interopsr.vi.SigningKey;
import fr.interopsr.vi.SigningKeys;
import fr.interopsr.vi.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token endpoint's decision end to end in plain Java (IR-1..IR-6, IR-9, IR-10, IR-18, D-2, D-3,
 * D-6..D-9): real convention documents, real index, real signing keys from a PKCS#12.
 */
class TokenExchangeTest {

    private static final String OWN = TestConventions.OWN_ISSUER;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String READ = "urn:test:svc:1.0:read";
    private static final String WRITE = "urn:test:svc:1.0:write";
    private static final String RS_SCOPE = "urn:test:rs:1.0:read";
    private static final String PARTNER_IP = "198.51.100.10";
    private static final String CLIENT_IP = "203.0.113.7";
    private static final String PROXY_IP = "10.0.0.2";
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    static Path dir;

    private static KeyPair ecKeys;
    private static KeyPair rsaKeys;
    private static SigningKeys signingKeys;
    private static X509Certificate mtlsCert;
    private static X509Certificate strangerCert;
    private static ConventionIndex index;
    /** The test CA and its CRL: what the real validator checks client certificates against (D-1). */
    private static TrustMaterial trust;
    /** Issue 14 §3: two partner CAs, a rogue sub-CA named like the victim's CA, a re-keyed CA. */
    private static ImpersonationPki victimPki;

    private static final Map<String, String> SECRET_HASHES = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        ecKeys = TestKeys.ec("secp256r1");
        rsaKeys = TestKeys.rsa(2048);
        char[] pw = "pw".toCharArray();
        Path es = dir.resolve("es.p12");
        Path rs = dir.resolve("rs.p12");
        DevPki.writePkcs12(
                es,
                "es256",
                ecKeys.getPrivate(),
                pw,
                TestKeys.selfSigned(ecKeys, "CN=es256", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))));
        DevPki.writePkcs12(
                rs,
                "rs256",
                rsaKeys.getPrivate(),
                pw,
                TestKeys.selfSigned(
                        rsaKeys, "CN=rs256", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))));
        List<SigningKey> all = new ArrayList<>(SigningKeys.load(es, pw).all());
        all.addAll(SigningKeys.load(rs, pw).all());
        signingKeys = new SigningKeys(all);

        DevPki.Ca ca =
                DevPki.createCa("CN=Test CA,O=Test,C=FR", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        mtlsCert = DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=mtls,O=Test,C=FR",
                        NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
        strangerCert = DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=stranger,O=Test,C=FR",
                        NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();

        trust = TrustMaterial.of(List.of(ca.certificate()), List.of(TestPki.crl(ca, NOW)));
        victimPki = new ImpersonationPki(NOW);

        List<Convention> conventions = List.of(
                TestConventions.builder("conv-basic", "portal")
                        .version("2.1")
                        .environment("recette")
                        .scopes(READ, WRITE)
                        .defaultScopes(READ)
                        .lifetime(300)
                        .skew(90)
                        .serviceProviderId("https://sp.portal.example/app")
                        .serviceId("https://dp.example/api/v1/svc")
                        .extraClaims("{\"organisation\":\"Org B\",\"level\":3,\"tags\":[\"x\",\"y\"],"
                                + "\"meta\":{\"k\":true}}")
                        .convention(4),
                TestConventions.builder("conv-rs", "rs-client")
                        .scopes(RS_SCOPE)
                        .algorithms("RS256")
                        .serviceId("https://dp.example/api/v1/rs")
                        .convention(2),
                TestConventions.builder("conv-es384", "es384-client")
                        .algorithms("ES384")
                        .convention(1),
                TestConventions.builder("conv-foreign", "foreign")
                        .issuer("https://other-idp.example/interops")
                        .convention(1),
                TestConventions.builder("conv-proxied", "proxied")
                        .reverseProxyIps("192.0.2.99", PARTNER_IP)
                        .convention(3),
                TestConventions.builder("conv-v6", "v6-client")
                        .reverseProxyIps("2001:db8::10")
                        .convention(1),
                TestConventions.builder("conv-mtls", "mtls-client")
                        .tlsClientAuth("CN=mtls,O=Test,C=FR", "CN=Test CA,O=Test,C=FR")
                        .scopes(READ)
                        .convention(7),
                TestConventions.builder("conv-draft", "drafty").status("draft").convention(1),
                TestConventions.builder("conv-victim", "victim-client")
                        .tlsClientAuth(ImpersonationPki.VICTIM, ImpersonationPki.VICTIM_CA)
                        .scopes(READ)
                        .convention(1));
        index = ConventionIndex.of(conventions, 1);
        for (String client :
                List.of("portal", "rs-client", "es384-client", "foreign", "proxied", "v6-client", "drafty")) {
            SECRET_HASHES.put(client, ClientSecrets.hash("secret-of-" + client));
        }
    }

    /** The directory as RegisteredClients builds it: methods and bindings from the index, secrets as hashes. */
    private static final ClientDirectory DIRECTORY = new ClientDirectory() {
        @Override
        public Optional<ClientAuthentication> methodOf(String clientId) {
            return index.methodOf(clientId);
        }

        @Override
        public boolean secretMatches(String clientId, String secret) {
            String hash = SECRET_HASHES.get(clientId);
            return hash != null && ClientSecrets.matches(secret, hash);
        }

        @Override
        public List<String> clientsBoundTo(ValidatedCertificate certificate) {
            return index.clientsBoundTo(certificate);
        }
    };

    private static TokenExchange exchange(CertificateChecker checker) {
        return new TokenExchange(
                new ClientAuthenticator(DIRECTORY, checker),
                () -> index,
                new IdentificationVectorIssuer(signingKeys),
                OWN,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The application's check of a certificate, as ClientCertificates makes it: the real validator (D-1). */
    private static CertificateCheck check(X509Certificate[] chain) {
        return new ClientCertificateValidator().validate(chain, trust, NOW);
    }

    private static TokenExchange exchange() {
        return exchange(TokenExchangeTest::check);
    }

    private static RequestOrigin direct(String peer) {
        return RequestOrigin.of(peer, true, h -> null, Set.of());
    }

    private static RequestOrigin direct() {
        return direct(CLIENT_IP);
    }

    private static String basic(String client) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((client + ":secret-of-" + client).getBytes(StandardCharsets.UTF_8));
    }

    private static TokenHttpRequest request(RequestOrigin origin, String body, String... authorization) {
        return new TokenHttpRequest(origin, FORM, body.getBytes(StandardCharsets.UTF_8), List.of(authorization), null);
    }

    private static TokenHttpRequest basicRequest(String client, String body) {
        return request(direct(), body, basic(client));
    }

    private static TokenExchange.Outcome ok(TokenExchange.Outcome outcome) {
        assertTrue(
                outcome.answer().isPresent(),
                () -> "refused: "
                        + outcome.refusal()
                                .map(r -> r.code() + " " + r.traceDetail())
                                .orElse("?"));
        assertTrue(outcome.refusal().isEmpty());
        assertEquals(TraceStatus.SUCCESS, outcome.trace().status());
        assertNull(outcome.trace().errorCode());
        assertNotNull(outcome.trace().jti());
        return outcome;
    }

    private static TokenRefusal refused(TokenExchange.Outcome outcome, TokenErrorCode code, int status) {
        assertTrue(outcome.answer().isEmpty(), "a VI was issued");
        TokenRefusal r = outcome.refusal().orElseThrow();
        assertEquals(code, r.code(), () -> "refusal: " + r.traceDetail());
        assertEquals(status, r.httpStatus());
        TraceEntry t = outcome.trace();
        assertEquals(TraceKind.VI_GENERATION, t.kind());
        assertEquals(TraceStatus.FAILURE, t.status());
        assertEquals(code.code(), t.errorCode());
        assertNull(t.jti(), "a refusal has no jti");
        assertEquals(NOW, t.occurredAt());
        assertEquals(OWN, t.issuer());
        return r;
    }

    private static SignedJWT vi(TokenExchange.Outcome outcome) throws Exception {
        return SignedJWT.parse(outcome.answer().orElseThrow().vector().compact());
    }

    // ---------------------------------------------------------------- transport and body (D-3, IR-1)

    @Test
    void plainHttpIsRefusedBeforeAnythingElse() {
        RequestOrigin plain = RequestOrigin.of(CLIENT_IP, false, h -> null, Set.of());
        // everything else is wrong too: the transport must be what is reported
        TokenHttpRequest r = new TokenHttpRequest(
                plain, "text/plain", null, List.of("Bearer x", "Basic y"), new X509Certificate[] {strangerCert});
        TokenRefusal refusal = refused(exchange(), TokenErrorCode.INVALID_REQUEST, 400, r);
        assertEquals("HTTPS required", refusal.description());
        assertFalse(refusal.basicChallenge());
        TraceEntry t = exchange().exchange(r).trace();
        assertNull(t.clientId());
        assertNull(t.certificateSha256(), "the certificate was read before the transport was checked");
        assertEquals(CLIENT_IP, t.remoteAddress());
    }

    private static TokenRefusal refused(TokenExchange ex, TokenErrorCode code, int status, TokenHttpRequest r) {
        return refused(ex.exchange(r), code, status);
    }

    @Test
    void plainHttpWithValidCredentialsIsRefused() {
        RequestOrigin plain = RequestOrigin.of(CLIENT_IP, false, h -> null, Set.of());
        TokenRefusal r = refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                request(plain, "grant_type=client_credentials", basic("portal")));
        assertEquals("HTTPS required", r.description());
    }

    @Test
    void plainHttpClaimingHttpsFromUntrustedPeerIsRefused() {
        RequestOrigin o = RequestOrigin.of(CLIENT_IP, false, Map.of("X-Forwarded-Proto", "https")::get, Set.of());
        TokenRefusal r = refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                request(o, "grant_type=client_credentials", basic("portal")));
        assertEquals("HTTPS required", r.description());
    }

    @Test
    void missingContentTypeIsInvalidRequest() {
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                new TokenHttpRequest(
                        direct(),
                        null,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(basic("portal")),
                        null));
    }

    @Test
    void wrongContentTypeIsInvalidRequest() {
        for (String ct : List.of(
                "application/json",
                "text/plain",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencodedx",
                "")) {
            refused(
                    exchange(),
                    TokenErrorCode.INVALID_REQUEST,
                    400,
                    new TokenHttpRequest(
                            direct(),
                            ct,
                            "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                            List.of(basic("portal")),
                            null));
        }
    }

    @Test
    void charsetOtherThanUtf8IsInvalidRequest() {
        for (String ct :
                List.of(FORM + "; charset=ISO-8859-1", FORM + ";charset=us-ascii", FORM + "; charset=utf-16")) {
            TokenRefusal r = refused(
                    exchange(),
                    TokenErrorCode.INVALID_REQUEST,
                    400,
                    new TokenHttpRequest(
                            direct(),
                            ct,
                            "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                            List.of(basic("portal")),
                            null));
            assertTrue(r.description().contains("UTF-8"), r.description());
        }
    }

    @Test
    void contentTypeWithUtf8CharsetIsAcceptedInAnyCase() {
        for (String ct : List.of(
                FORM,
                FORM + "; charset=UTF-8",
                "Application/X-WWW-Form-Urlencoded;charset=utf-8",
                FORM + "; charset=\"UTF-8\"")) {
            ok(exchange()
                    .exchange(new TokenHttpRequest(
                            direct(),
                            ct,
                            "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                            List.of(basic("portal")),
                            null)));
        }
    }

    @Test
    void bodyTooLargeIsInvalidRequest() {
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                new TokenHttpRequest(direct(), FORM, null, List.of(basic("portal")), null));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                basicRequest("portal", "grant_type=client_credentials&scope=" + READ + "&scope=" + READ));
    }

    @Test
    void malformedBodyIsInvalidRequest() {
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                basicRequest("portal", "grant_type=client_credentials&x=%zz"));
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                basicRequest("portal", "grant_type=client_credentials&x=%FF"));
    }

    // ---------------------------------------------------------------- order of the rules

    @Test
    void severalMethodsAreCountedBeforeGrantType() {
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                basicRequest("portal", "grant_type=password&client_secret=x"));
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                request(direct(), "grant_type=password", basic("portal"), basic("portal")));
    }

    @Test
    void grantTypeIsCheckedBeforeAuthentication() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("portal:nope".getBytes(StandardCharsets.UTF_8));
        refused(
                exchange(),
                TokenErrorCode.UNSUPPORTED_GRANT_TYPE,
                400,
                request(direct(), "grant_type=password", wrong));
        refused(exchange(), TokenErrorCode.INVALID_GRANT, 400, request(direct(), "scope=" + READ, wrong));
        refused(
                exchange(),
                TokenErrorCode.INVALID_GRANT,
                400,
                request(direct(), "grant_type=Client_Credentials", wrong));
    }

    @Test
    void authenticationComesBeforeScopes() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("portal:nope".getBytes(StandardCharsets.UTF_8));
        TokenExchange.Outcome o =
                exchange().exchange(request(direct(), "grant_type=client_credentials&scope=a%20%20b", wrong));
        refused(o, TokenErrorCode.INVALID_CLIENT, 401);
        assertTrue(o.refusal().orElseThrow().basicChallenge());
        assertNull(o.trace().clientId(), "a client that failed authentication is traced as authenticated");
    }

    @Test
    void malformedScopeAfterAuthenticationIsInvalidScope() {
        TokenExchange.Outcome o =
                exchange().exchange(basicRequest("portal", "grant_type=client_credentials&scope=a%20%20b"));
        refused(o, TokenErrorCode.INVALID_SCOPE, 400);
        assertEquals("portal", o.trace().clientId());
        assertNull(o.trace().conventionId());
    }

    @Test
    void noCredentialsIsInvalidClient401() {
        TokenExchange.Outcome o = exchange().exchange(request(direct(), "grant_type=client_credentials"));
        refused(o, TokenErrorCode.INVALID_CLIENT, 401);
        assertTrue(o.refusal().orElseThrow().basicChallenge());
    }

    @Test
    void clientSecretPostIsInvalidClient400() {
        TokenExchange.Outcome o = exchange()
                .exchange(request(
                        direct(), "grant_type=client_credentials&client_id=portal&client_secret=secret-of-portal"));
        refused(o, TokenErrorCode.INVALID_CLIENT, 400);
        assertFalse(o.refusal().orElseThrow().basicChallenge());
    }

    @Test
    void clientAssertionTypeAloneCountsAsAMethod() {
        refused(
                exchange(),
                TokenErrorCode.INVALID_REQUEST,
                400,
                basicRequest(
                        "portal",
                        "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"));
    }

    // ---------------------------------------------------------------- success (IR-3, IR-9, IR-10)

    @Test
    void successIssuesAnEs256ViWithEveryClaim() throws Exception {
        TokenExchange.Outcome o = ok(exchange()
                .exchange(basicRequest("portal", "grant_type=client_credentials&scope=" + WRITE + "+" + READ)));
        SignedJWT jwt = vi(o);

        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        String thumbprint = new ECKey.Builder(Curve.P_256, (ECPublicKey) ecKeys.getPublic())
                .build()
                .computeThumbprint()
                .toString();
        assertEquals(thumbprint, jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) ecKeys.getPublic())), "signature");

        JWTClaimsSet c = jwt.getJWTClaimsSet();
        String jti = c.getJWTID();
        assertTrue(jti.startsWith("uuid:"), jti);
        String uuidText = jti.substring(5);
        assertTrue(UUID_TEXT.matcher(uuidText).matches(), jti);
        UUID uuid = UUID.fromString(uuidText);
        assertEquals(2, uuid.variant(), "RFC 4122 variant");
        assertEquals(4, uuid.version(), "random UUID");
        assertEquals("portal", c.getSubject());
        assertEquals(OWN, c.getIssuer());
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        assertEquals("https://sp.portal.example/app", payload.get("aud"));
        assertEquals("https://dp.example/api/v1/svc", c.getStringClaim("azp"));
        assertEquals("2.1", c.getStringClaim("ver"));
        assertEquals("recette", c.getStringClaim("env"));
        assertEquals(WRITE + " " + READ, c.getStringClaim("scp"));
        long iat = c.getIssueTime().toInstant().getEpochSecond();
        assertEquals(NOW.getEpochSecond(), iat);
        assertEquals(300, c.getExpirationTime().toInstant().getEpochSecond() - iat);
        assertEquals(iat - 90, c.getNotBeforeTime().toInstant().getEpochSecond());
        assertEquals("Org B", payload.get("organisation"));
        assertEquals(3L, ((Number) payload.get("level")).longValue());
        assertEquals(List.of("x", "y"), payload.get("tags"));
        assertEquals(Map.of("k", true), payload.get("meta"));
        assertFalse(payload.containsKey("acr"), "acr on a VI that is not about a user");
        assertFalse(payload.containsKey("auth_time"));

        TokenAnswer answer = o.answer().orElseThrow();
        assertEquals(List.of(WRITE, READ), answer.scopes());
        assertEquals(jti, answer.vector().jti());
        assertNotNull(answer.method(), "how the client authenticated, for the metrics");
        JsonObject json = Json.createReader(new StringReader(answer.toJson())).readObject();
        assertEquals(jwt.serialize(), json.getString("access_token"));
        assertEquals("Bearer", json.getString("token_type"));
        assertEquals(300, json.getInt("expires_in"));
        assertEquals(WRITE + " " + READ, json.getString("scope"));

        TraceEntry t = o.trace();
        assertEquals(TraceKind.VI_GENERATION, t.kind());
        assertEquals(TraceStatus.SUCCESS, t.status());
        assertNull(t.errorCode());
        assertEquals(jti, t.jti());
        assertEquals(OWN, t.issuer());
        assertEquals("portal", t.clientId());
        assertEquals("portal", t.subject());
        assertEquals("conv-basic", t.conventionId());
        assertEquals(4, t.conventionRevision());
        assertEquals("https://sp.portal.example/app", t.audience());
        assertEquals("https://dp.example/api/v1/svc", t.serviceId());
        assertEquals(WRITE + " " + READ, t.scopes());
        assertEquals("client_secret_basic", t.authMethod());
        assertEquals(CLIENT_IP, t.remoteAddress());
        assertEquals(NOW, t.occurredAt());
        assertNull(t.certificateSha256());
    }

    @Test
    void noScopeGrantsTheDefaultScopes() throws Exception {
        TokenExchange.Outcome o = ok(exchange().exchange(basicRequest("portal", "grant_type=client_credentials")));
        assertEquals(READ, vi(o).getJWTClaimsSet().getStringClaim("scp"));
        assertEquals(List.of(READ), o.answer().orElseThrow().scopes());
        assertEquals(READ, o.trace().scopes());
    }

    @Test
    void unknownScopesAreDroppedFromTheVi() throws Exception {
        TokenExchange.Outcome o = ok(exchange()
                .exchange(basicRequest("portal", "grant_type=client_credentials&scope=urn:other:x:1.0:read+" + READ)));
        assertEquals(READ, vi(o).getJWTClaimsSet().getStringClaim("scp"));
        assertEquals(
                READ,
                Json.createReader(new StringReader(o.answer().orElseThrow().toJson()))
                        .readObject()
                        .getString("scope"));
    }

    @Test
    void onlyUnknownScopesIsInvalidScope() {
        TokenExchange.Outcome o =
                exchange().exchange(basicRequest("portal", "grant_type=client_credentials&scope=" + RS_SCOPE));
        refused(o, TokenErrorCode.INVALID_SCOPE, 400);
        assertEquals("portal", o.trace().clientId());
    }

    @Test
    void rs256ConventionSignsRs256() throws Exception {
        TokenExchange.Outcome o = ok(exchange().exchange(basicRequest("rs-client", "grant_type=client_credentials")));
        SignedJWT jwt = vi(o);
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(
                new RSAKey.Builder((RSAPublicKey) rsaKeys.getPublic())
                        .build()
                        .computeThumbprint()
                        .toString(),
                jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) rsaKeys.getPublic())));
        assertEquals("conv-rs", o.trace().conventionId());
        assertEquals(2, o.trace().conventionRevision());
    }

    @Test
    void conventionWithoutAKeyForItsAlgorithmIsUnauthorizedClient() {
        TokenExchange.Outcome o = exchange().exchange(basicRequest("es384-client", "grant_type=client_credentials"));
        refused(o, TokenErrorCode.UNAUTHORIZED_CLIENT, 400);
        assertEquals("conv-es384", o.trace().conventionId());
    }

    @Test
    void conventionOfAnotherIssuerIsUnauthorizedClient() {
        TokenExchange.Outcome o = exchange().exchange(basicRequest("foreign", "grant_type=client_credentials"));
        refused(o, TokenErrorCode.UNAUTHORIZED_CLIENT, 400);
        assertEquals("foreign", o.trace().clientId());
        assertNull(o.trace().conventionId());
    }

    @Test
    void draftConventionIsUnauthorizedClient() {
        refused(
                exchange().exchange(basicRequest("drafty", "grant_type=client_credentials")),
                TokenErrorCode.UNAUTHORIZED_CLIENT,
                400);
    }

    @Test
    void wrongSecretIsInvalidClient401AndTraced() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("portal:nope".getBytes(StandardCharsets.UTF_8));
        TokenExchange.Outcome o = exchange().exchange(request(direct(), "grant_type=client_credentials", wrong));
        TokenRefusal r = refused(o, TokenErrorCode.INVALID_CLIENT, 401);
        assertTrue(r.basicChallenge());
        assertNull(o.trace().conventionId());
        assertTrue(o.trace().detail().contains("portal"), o.trace().detail());
    }

    // ---------------------------------------------------------------- partner addresses (D-2)

    @Test
    void clientAddressAmongPartnerAddressesIsAccepted() {
        TokenExchange.Outcome o =
                ok(exchange().exchange(request(direct(PARTNER_IP), "grant_type=client_credentials", basic("proxied"))));
        assertEquals("conv-proxied", o.trace().conventionId());
    }

    @Test
    void clientAddressNotAmongPartnerAddressesIsInvalidClient() {
        TokenExchange.Outcome o =
                exchange().exchange(request(direct(CLIENT_IP), "grant_type=client_credentials", basic("proxied")));
        TokenRefusal r = refused(o, TokenErrorCode.INVALID_CLIENT, 400);
        assertFalse(r.basicChallenge());
        TraceEntry t = o.trace();
        assertEquals("proxied", t.clientId());
        assertEquals("conv-proxied", t.conventionId());
        assertEquals(3, t.conventionRevision());
        assertEquals(CLIENT_IP, t.remoteAddress());
        assertTrue(t.detail().contains(CLIENT_IP), t.detail());
    }

    @Test
    void partnerAddressIsTheLastHopAddedByOurProxy() {
        Map<String, String> headers =
                Map.of("X-Forwarded-For", CLIENT_IP + ", " + PARTNER_IP, "X-Forwarded-Proto", "https");
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, false, headers::get, Set.of(PROXY_IP));
        ok(exchange().exchange(request(viaProxy, "grant_type=client_credentials", basic("proxied"))));
        Map<String, String> spoofed =
                Map.of("X-Forwarded-For", PARTNER_IP + ", " + CLIENT_IP, "X-Forwarded-Proto", "https");
        RequestOrigin spoof = RequestOrigin.of(PROXY_IP, false, spoofed::get, Set.of(PROXY_IP));
        refused(
                exchange().exchange(request(spoof, "grant_type=client_credentials", basic("proxied"))),
                TokenErrorCode.INVALID_CLIENT,
                400);
    }

    @Test
    void forwardedForFromUntrustedPeerDoesNotMakeAPartnerAddress() {
        RequestOrigin o = RequestOrigin.of(CLIENT_IP, true, Map.of("X-Forwarded-For", PARTNER_IP)::get, Set.of());
        TokenExchange.Outcome outcome =
                exchange().exchange(request(o, "grant_type=client_credentials", basic("proxied")));
        refused(outcome, TokenErrorCode.INVALID_CLIENT, 400);
        assertTrue(
                outcome.trace().detail().contains("untrusted"), outcome.trace().detail());
    }

    @Test
    void partnerAddressesAreComparedAsAddressesNotText() {
        ok(exchange()
                .exchange(
                        request(direct("2001:db8:0:0:0:0:0:10"), "grant_type=client_credentials", basic("v6-client"))));
    }

    // ---------------------------------------------------------------- certificates (D-2, D-8)

    private static String clientCertHeader(X509Certificate cert) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(cert.getEncoded()) + ":";
    }

    @Test
    void directCertificateAuthenticatesTlsClient() throws Exception {
        TokenExchange.Outcome o = ok(exchange()
                .exchange(new TokenHttpRequest(
                        direct(),
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {mtlsCert})));
        assertEquals("mtls-client", vi(o).getJWTClaimsSet().getSubject());
        TraceEntry t = o.trace();
        assertEquals("mtls-client", t.clientId());
        assertEquals("tls_client_auth", t.authMethod());
        assertEquals(CertificateBinding.sha256Hex(mtlsCert), t.certificateSha256());
        assertEquals("conv-mtls", t.conventionId());
        assertEquals(7, t.conventionRevision());
    }

    @Test
    void directCertificateWithMatchingClientIdAuthenticates() {
        ok(exchange()
                .exchange(new TokenHttpRequest(
                        direct(),
                        FORM,
                        "grant_type=client_credentials&client_id=mtls-client".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {mtlsCert})));
    }

    @Test
    void directCertificateWithOtherClientIdIsInvalidClient() {
        refused(
                exchange()
                        .exchange(new TokenHttpRequest(
                                direct(),
                                FORM,
                                "grant_type=client_credentials&client_id=portal".getBytes(StandardCharsets.UTF_8),
                                List.of(),
                                new X509Certificate[] {mtlsCert})),
                TokenErrorCode.INVALID_CLIENT,
                400);
    }

    @Test
    void unboundCertificateIsInvalidClient() {
        TokenExchange.Outcome o = exchange()
                .exchange(new TokenHttpRequest(
                        direct(),
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {strangerCert}));
        refused(o, TokenErrorCode.INVALID_CLIENT, 400);
        assertEquals(CertificateBinding.sha256Hex(strangerCert), o.trace().certificateSha256());
    }

    @Test
    void certificateRefusedByTheCheckIsInvalidClientAndTraced() {
        TokenExchange.Outcome o = exchange(
                        chain -> CertificateCheck.refused(CertificateFailure.REVOKED, chain[0], "test"))
                .exchange(new TokenHttpRequest(
                        direct(),
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {mtlsCert}));
        refused(o, TokenErrorCode.INVALID_CLIENT, 400);
        assertTrue(o.trace().detail().contains("REVOKED: test"), o.trace().detail());
        assertEquals(CertificateBinding.sha256Hex(mtlsCert), o.trace().certificateSha256());
    }

    @Test
    void basicOfTlsClientWithCertificateIsInvalidRequest() {
        refused(
                exchange()
                        .exchange(new TokenHttpRequest(
                                direct(),
                                FORM,
                                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                                List.of(basic("mtls-client")),
                                new X509Certificate[] {mtlsCert})),
                TokenErrorCode.INVALID_REQUEST,
                400);
    }

    @Test
    void aBasicClientsCertificateIsNotCheckedAndSoNotTraced() {
        // D-8: a certificate that comes with Basic is transport; it is not checked, so it does not go into the trace
        List<X509Certificate[]> checked = new ArrayList<>();
        TokenExchange.Outcome o = ok(exchange(chain -> {
                    checked.add(chain);
                    return CertificateCheck.refused(
                            CertificateFailure.REVOKED, chain[0], "would refuse it if it were checked");
                })
                .exchange(new TokenHttpRequest(
                        direct(),
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(basic("portal")),
                        new X509Certificate[] {strangerCert})));
        assertTrue(checked.isEmpty(), "a Basic client's certificate is transport, not a method (D-8)");
        assertEquals("client_secret_basic", o.trace().authMethod());
        assertNull(o.trace().certificateSha256(), "an unchecked certificate went into the trace");
        assertFalse(
                String.valueOf(o.trace().detail()).contains(CertificateBinding.sha256Hex(strangerCert)),
                o.trace().detail());
    }

    @Test
    void aCertificateBesideRefusedBasicOrBodyCredentialsIsNotTraced() {
        for (TokenHttpRequest r : new TokenHttpRequest[] {
            new TokenHttpRequest(
                    direct(),
                    FORM,
                    "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                    List.of(basic("nobody")),
                    new X509Certificate[] {mtlsCert}),
            new TokenHttpRequest(
                    direct(),
                    FORM,
                    "grant_type=client_credentials&client_secret=x".getBytes(StandardCharsets.UTF_8),
                    List.of(),
                    new X509Certificate[] {mtlsCert}),
            new TokenHttpRequest(
                    direct(),
                    FORM,
                    "grant_type=client_credentials&client_secret=x".getBytes(StandardCharsets.UTF_8),
                    List.of(basic("portal")),
                    new X509Certificate[] {mtlsCert})
        }) {
            TokenExchange.Outcome o = exchange().exchange(r);
            assertTrue(o.answer().isEmpty());
            assertNull(o.trace().certificateSha256(), () -> o.trace().detail());
        }
    }

    @Test
    void ourProxysOwnTlsCertificateIsNotTheClientsWhenItForwardsNone() {
        // D-2: the proxy connects with a certificate bound to a tls_client_auth client and forwards no Client-Cert
        Map<String, String> headers = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", CLIENT_IP);
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, true, headers::get, Set.of(PROXY_IP));
        List<X509Certificate[]> checked = new ArrayList<>();
        TokenExchange.Outcome o = exchange(chain -> {
                    checked.add(chain);
                    return check(chain);
                })
                .exchange(new TokenHttpRequest(
                        viaProxy,
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {mtlsCert}));
        TokenRefusal r = refused(o, TokenErrorCode.INVALID_CLIENT, 401);
        assertTrue(r.basicChallenge(), "the request presents no credentials at all");
        assertTrue(checked.isEmpty());
        assertNull(o.trace().clientId());
        assertNull(o.trace().certificateSha256(), "the proxy's own TLS certificate stood in for the client's");
        assertEquals(CLIENT_IP, o.trace().remoteAddress());
    }

    @Test
    void forwardedCertificateFromTrustedProxyIsAccepted() throws Exception {
        Map<String, String> headers = Map.of(
                "X-Forwarded-For",
                CLIENT_IP,
                "X-Forwarded-Proto",
                "https",
                RequestOrigin.CLIENT_CERT,
                clientCertHeader(mtlsCert));
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, false, headers::get, Set.of(PROXY_IP));
        List<X509Certificate[]> checked = new ArrayList<>();
        TokenExchange.Outcome o = ok(exchange(chain -> {
                    checked.add(chain);
                    return check(chain);
                })
                .exchange(request(viaProxy, "grant_type=client_credentials")));
        assertEquals("mtls-client", o.trace().clientId());
        assertEquals(CertificateBinding.sha256Hex(mtlsCert), o.trace().certificateSha256());
        assertEquals(CLIENT_IP, o.trace().remoteAddress());
        assertEquals(1, checked.size(), "the forwarded certificate was not checked again (D-1)");
        assertEquals(mtlsCert, checked.get(0)[0]);
    }

    @Test
    void malformedForwardedCertificateFromTrustedProxyIsInvalidClient() {
        Map<String, String> headers =
                Map.of("X-Forwarded-Proto", "https", RequestOrigin.CLIENT_CERT, ":bm90IGEgY2VydA==:");
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, false, headers::get, Set.of(PROXY_IP));
        refused(
                exchange().exchange(request(viaProxy, "grant_type=client_credentials")),
                TokenErrorCode.INVALID_CLIENT,
                400);
    }

    @Test
    void malformedForwardedCertificateIsTracedWithItsReasonAndNotCheckedFurther() throws Exception {
        Map<String, String> headers =
                Map.of("X-Forwarded-Proto", "https", RequestOrigin.CLIENT_CERT, ":bm90IGEgY2VydA==:");
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, true, headers::get, Set.of(PROXY_IP));
        List<X509Certificate[]> checked = new ArrayList<>();
        TokenExchange.Outcome o = exchange(chain -> {
                    checked.add(chain);
                    return check(chain);
                })
                .exchange(new TokenHttpRequest(
                        viaProxy,
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {mtlsCert}));
        TokenRefusal r = refused(o, TokenErrorCode.INVALID_CLIENT, 400);
        assertEquals("the client certificate is not accepted", r.description());
        assertTrue(
                o.trace().detail().startsWith("malformed Client-Cert header from trusted proxy " + PROXY_IP + ": "),
                o.trace().detail());
        assertNull(o.trace().certificateSha256(), "the proxy's own TLS certificate stood in for the client's");
        assertTrue(checked.isEmpty());
    }

    @Test
    void forwardedCertificateFromUntrustedPeerIsIgnoredAndTraced() throws Exception {
        Map<String, String> headers = Map.of(RequestOrigin.CLIENT_CERT, clientCertHeader(mtlsCert));
        RequestOrigin untrusted = RequestOrigin.of(CLIENT_IP, true, headers::get, Set.of(PROXY_IP));
        TokenExchange.Outcome o = exchange().exchange(request(untrusted, "grant_type=client_credentials"));
        TokenRefusal r = refused(o, TokenErrorCode.INVALID_CLIENT, 401);
        assertTrue(r.basicChallenge(), "the certificate was ignored: no credentials at all");
        assertNull(o.trace().certificateSha256());
        assertNull(o.trace().clientId());
        assertTrue(o.trace().detail().contains("untrusted"), o.trace().detail());
        assertEquals(CLIENT_IP, o.trace().remoteAddress());
    }

    @Test
    void forwardedCertificateIsIgnoredWhenTheOriginIsNotATrustedProxy() throws Exception {
        // defence in depth: an origin that carries a Client-Cert value without the trusted flag
        RequestOrigin forged = new RequestOrigin(CLIENT_IP, CLIENT_IP, true, false, clientCertHeader(mtlsCert), false);
        refused(
                exchange().exchange(request(forged, "grant_type=client_credentials")),
                TokenErrorCode.INVALID_CLIENT,
                401);
    }

    @Test
    void forwardedCertificateWinsOverTheProxysOwnTlsCertificate() throws Exception {
        Map<String, String> headers =
                Map.of("X-Forwarded-Proto", "https", RequestOrigin.CLIENT_CERT, clientCertHeader(mtlsCert));
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, true, headers::get, Set.of(PROXY_IP));
        TokenExchange.Outcome o = ok(exchange()
                .exchange(new TokenHttpRequest(
                        viaProxy,
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {strangerCert})));
        assertEquals(CertificateBinding.sha256Hex(mtlsCert), o.trace().certificateSha256());
    }

    @Test
    void successFromUntrustedForwardingPeerIsTracedAsSuch() {
        RequestOrigin o = RequestOrigin.of(CLIENT_IP, true, Map.of("X-Forwarded-For", "192.0.2.1")::get, Set.of());
        TokenExchange.Outcome outcome =
                ok(exchange().exchange(request(o, "grant_type=client_credentials", basic("portal"))));
        assertNotNull(outcome.trace().detail());
        assertTrue(
                outcome.trace().detail().contains("untrusted"), outcome.trace().detail());
        assertEquals(CLIENT_IP, outcome.trace().remoteAddress());
    }

    @Test
    void successWithoutForwardingHasNoUntrustedNote() {
        TokenExchange.Outcome outcome =
                ok(exchange().exchange(basicRequest("portal", "grant_type=client_credentials")));
        assertTrue(outcome.trace().detail() == null || !outcome.trace().detail().contains("untrusted"));
    }

    // ---------------------------------------------------------------- name bindings by key (issue 14 §3)

    private static TokenHttpRequest certificateRequest(String body, X509Certificate... chain) {
        return new TokenHttpRequest(direct(), FORM, body.getBytes(StandardCharsets.UTF_8), List.of(), chain);
    }

    /** The checker on the attack's material: the rogue sub-CA's own CRL loaded too. */
    private static TokenExchange victimExchange() {
        return exchange(chain -> victimPki.check(chain, NOW));
    }

    @Test
    void aLeafUnderASubCaNamedLikeAnotherPartnersCaCannotAuthenticateAsThatPartner() {
        X509Certificate[] rogue = victimPki.rogueChain();
        assertTrue(victimPki.check(rogue, NOW).valid(), "the rogue chain itself passes the certificate check");
        for (String body :
                List.of("grant_type=client_credentials", "grant_type=client_credentials&client_id=victim-client")) {
            TokenExchange.Outcome o = victimExchange().exchange(certificateRequest(body, rogue));
            refused(o, TokenErrorCode.INVALID_CLIENT, 400);
            TraceEntry t = o.trace();
            assertNull(t.clientId());
            assertEquals(CertificateBinding.sha256Hex(victimPki.rogue), t.certificateSha256());
            assertTrue(t.detail().contains("is not a CA certificate of the trust store (compared by key)"), t.detail());
        }
    }

    @Test
    void theVictimsOwnCertificateStillAuthenticatesUnderEitherKeyOfItsCa() throws Exception {
        for (X509Certificate[] chain :
                List.of(victimPki.victimChain(), new X509Certificate[] {victimPki.victim}, new X509Certificate[] {
                    victimPki.victimUnderNewKey
                })) {
            TokenExchange.Outcome o = ok(exchange(c -> victimPki.checkDeployed(c, NOW))
                    .exchange(certificateRequest("grant_type=client_credentials", chain)));
            assertEquals("victim-client", o.trace().clientId());
            assertEquals("victim-client", vi(o).getJWTClaimsSet().getSubject());
        }
    }
}
