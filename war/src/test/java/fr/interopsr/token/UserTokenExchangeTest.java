package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceStatus;
import fr.interopsr.vi.IdentificationVectorIssuer;
import fr.interopsr.vi.SigningKeys;
import fr.interopsr.vi.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §3: RFC 8693 token exchange at the token endpoint, in plain Java, with an OpenID provider made in the test
 * ({@link TestOpenIdProvider}): success, wrong issuer, expired token, acr too low, unknown kid, a convention without
 * {@code userAuthentication}, and the RFC 8693 parameter rules. Both traces are checked: the VI's generation and the
 * user's authentication (IR-18).
 */
class UserTokenExchangeTest {

    private static final String OWN = TestConventions.OWN_ISSUER;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    private static final TestOpenIdProvider OP = new TestOpenIdProvider("op-key-1");
    private static final TestOpenIdProvider STRANGER = new TestOpenIdProvider("op-key-1");
    private static SigningKeys signingKeys;
    private static ConventionIndex index;

    @BeforeAll
    static void setUp() throws Exception {
        var keys = TestKeys.ec("secp256r1");
        signingKeys = new SigningKeys(List.of(
                TestKeys.signingKey("es256", keys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)))));
        index = ConventionIndex.of(
                List.of(
                        TestConventions.builder("conv-citizen", "citizen-portal")
                                .requiredAcr("eidas2")
                                .skew(60)
                                .userAuthentication(OP.userAuthentication())
                                .convention(3),
                        TestConventions.builder("conv-plain", "plain-portal").convention(1)),
                1);
    }

    private static final ClientDirectory DIRECTORY = new ClientDirectory() {
        @Override
        public Optional<ClientAuthentication> methodOf(String clientId) {
            return index.methodOf(clientId);
        }

        @Override
        public boolean secretMatches(String clientId, String secret) {
            return ("secret-of-" + clientId).equals(secret);
        }

        @Override
        public List<String> clientsBoundTo(ValidatedCertificate certificate) {
            return List.of();
        }
    };

    private static TokenExchange.Outcome exchange(String client, String body) {
        TokenExchange exchange = new TokenExchange(
                new ClientAuthenticator(DIRECTORY, chain -> {
                    throw new AssertionError("no certificate here");
                }),
                () -> index,
                new IdentificationVectorIssuer(signingKeys),
                OWN,
                Clock.fixed(NOW, ZoneOffset.UTC));
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((client + ":secret-of-" + client).getBytes(StandardCharsets.UTF_8));
        return exchange.exchange(new TokenHttpRequest(
                RequestOrigin.of("203.0.113.7", true, h -> null, Set.of()),
                "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8),
                List.of(basic),
                null));
    }

    private static String form(String idToken) {
        return "grant_type=" + enc(GrantType.TOKEN_EXCHANGE) + "&subject_token=" + enc(idToken) + "&subject_token_type="
                + enc(ID_TOKEN_TYPE);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static TokenExchange.Outcome citizen(JWTClaimsSet claims) {
        return exchange("citizen-portal", form(OP.idToken(claims)));
    }

    /** A refusal with its code, both traces failed, and the user trace's description. */
    private static TokenRefusal refusedUser(TokenExchange.Outcome o, String expectedInDescription) {
        assertTrue(o.answer().isEmpty(), "a VI was issued");
        TokenRefusal r = o.refusal().orElseThrow();
        assertEquals(TokenErrorCode.INVALID_REQUEST, r.code(), r::traceDetail);
        assertEquals(400, r.httpStatus());
        assertTrue(r.description().contains(expectedInDescription), r.description());
        assertEquals(TraceStatus.FAILURE, o.trace().status());
        TraceEntry user = o.userTrace().orElseThrow();
        assertEquals(TraceKind.USER_AUTHENTICATION, user.kind());
        assertEquals(TraceStatus.FAILURE, user.status());
        assertEquals("invalid_request", user.errorCode());
        assertEquals(TestOpenIdProvider.ISSUER, user.issuer());
        assertEquals("citizen-portal", user.clientId());
        assertEquals("conv-citizen", user.conventionId());
        assertEquals(NOW, user.occurredAt());
        return r;
    }

    @Test
    void anIdTokenOfTheConventionsProviderGivesAViAboutTheUser() throws Exception {
        TokenExchange.Outcome o = citizen(TestOpenIdProvider.claims(NOW).build());
        assertTrue(
                o.answer().isPresent(),
                () -> o.refusal().map(TokenRefusal::traceDetail).orElse(""));
        JsonObject answer =
                Json.createReader(new StringReader(o.answer().get().toJson())).readObject();
        assertEquals("urn:ietf:params:oauth:token-type:access_token", answer.getString("issued_token_type"));
        assertEquals("Bearer", answer.getString("token_type"));
        JWTClaimsSet vi = SignedJWT.parse(answer.getString("access_token")).getJWTClaimsSet();
        assertEquals("user-42", vi.getSubject());
        assertEquals("eidas2", vi.getStringClaim("acr"));
        assertEquals(NOW.minusSeconds(60).getEpochSecond(), vi.getLongClaim("auth_time"));
        assertEquals(OWN, vi.getIssuer());

        TraceEntry generation = o.trace();
        assertEquals(TraceKind.VI_GENERATION, generation.kind());
        assertEquals(TraceStatus.SUCCESS, generation.status());
        assertEquals("user-42", generation.subject());
        assertEquals("citizen-portal", generation.clientId());
        TraceEntry user = o.userTrace().orElseThrow();
        assertEquals(TraceKind.USER_AUTHENTICATION, user.kind());
        assertEquals(TraceStatus.SUCCESS, user.status());
        assertEquals(NOW, user.occurredAt());
        assertEquals("user-42", user.subject());
        assertEquals("eidas2", user.authMethod());
        assertEquals(TestOpenIdProvider.ISSUER, user.issuer());
        assertEquals("conv-citizen", user.conventionId());
        assertEquals(3, user.conventionRevision());
        assertTrue(user.detail().contains("urn:op:substantial"), user.detail());
    }

    @Test
    void aHigherAcrIsAccepted() throws Exception {
        TokenExchange.Outcome o = citizen(
                TestOpenIdProvider.claims(NOW).claim("acr", "urn:op:high").build());
        JWTClaimsSet vi =
                SignedJWT.parse(o.answer().orElseThrow().vector().compact()).getJWTClaimsSet();
        assertEquals("eidas3", vi.getStringClaim("acr"));
    }

    @Test
    void aWrongIssuerIsInvalidRequest() {
        TokenExchange.Outcome o = citizen(
                TestOpenIdProvider.claims(NOW).issuer("https://evil.example").build());
        refusedUser(o, "iss");
        // the signature verified: the trace may name the user the token speaks of
        assertEquals("user-42", o.userTrace().orElseThrow().subject());
    }

    @Test
    void anExpiredTokenIsInvalidRequest() {
        TokenExchange.Outcome o = citizen(TestOpenIdProvider.claims(NOW.minusSeconds(3600))
                .claim("auth_time", NOW.minusSeconds(120).getEpochSecond())
                .build());
        refusedUser(o, "Expired");
    }

    @Test
    void anAcrBelowTheConventionsRequiredAcrIsInvalidRequest() {
        TokenExchange.Outcome o = citizen(
                TestOpenIdProvider.claims(NOW).claim("acr", "urn:op:low").build());
        TokenRefusal r = refusedUser(o, "requires eidas2");
        assertTrue(r.description().contains("eidas1"), r.description());
        assertEquals("eidas1", o.userTrace().orElseThrow().authMethod());
    }

    @Test
    void anAcrTheConventionDoesNotMapIsInvalidRequest() {
        refusedUser(
                citizen(TestOpenIdProvider.claims(NOW).claim("acr", "urn:other").build()), "acrValues");
    }

    @Test
    void anUnknownKidIsInvalidRequest() {
        TokenExchange.Outcome o = exchange(
                "citizen-portal", form(OP.idToken(TestOpenIdProvider.claims(NOW).build(), "rotated-away")));
        refusedUser(o, "'rotated-away'");
        assertNull(o.userTrace().orElseThrow().subject(), "an unverified token names no one in the trace");
    }

    @Test
    void anotherProvidersSignatureIsInvalidRequest() {
        TokenExchange.Outcome o = exchange(
                "citizen-portal",
                form(STRANGER.idToken(TestOpenIdProvider.claims(NOW).build())));
        refusedUser(o, "signature");
        assertNull(o.userTrace().orElseThrow().subject());
    }

    @Test
    void anotherAudienceIsInvalidRequest() {
        refusedUser(
                citizen(TestOpenIdProvider.claims(NOW).audience("someone-else").build()), "audience");
    }

    @Test
    void anAuthenticationOlderThanTheConventionAllowsIsInvalidRequest() {
        refusedUser(
                citizen(TestOpenIdProvider.claims(NOW)
                        .claim(
                                "auth_time",
                                NOW.minusSeconds(TestOpenIdProvider.MAX_AGE + 61)
                                        .getEpochSecond())
                        .build()),
                "maxAuthenticationAgeSeconds");
    }

    @Test
    void anIatInTheFutureIsInvalidRequest() {
        refusedUser(
                citizen(TestOpenIdProvider.claims(NOW)
                        .issueTime(Date.from(NOW.plusSeconds(120)))
                        .build()),
                "iat");
    }

    @Test
    void anIdTokenWithoutAuthTimeIsInvalidRequest() {
        refusedUser(
                citizen(TestOpenIdProvider.claims(NOW).claim("auth_time", null).build()), "auth_time");
    }

    @Test
    void aClientWhoseConventionsHaveNoUserAuthenticationIsUnauthorizedClient() {
        TokenExchange.Outcome o = exchange(
                "plain-portal", form(OP.idToken(TestOpenIdProvider.claims(NOW).build())));
        TokenRefusal r = o.refusal().orElseThrow();
        assertEquals(TokenErrorCode.UNAUTHORIZED_CLIENT, r.code());
        assertTrue(r.description().contains("userAuthentication"), r.description());
        assertTrue(o.userTrace().isEmpty(), "no ID token was looked at");
        assertEquals("unauthorized_client", o.trace().errorCode());
    }

    @Test
    void theRfc8693ParametersAreChecked() {
        String token = OP.idToken(TestOpenIdProvider.claims(NOW).build());
        String grant = "grant_type=" + enc(GrantType.TOKEN_EXCHANGE);
        List<String[]> cases = List.of(
                new String[] {grant + "&subject_token_type=" + enc(ID_TOKEN_TYPE), "subject_token is required"},
                new String[] {grant + "&subject_token=" + enc(token), "subject_token_type is required"},
                new String[] {
                    grant + "&subject_token=" + enc(token) + "&subject_token_type="
                            + enc("urn:ietf:params:oauth:token-type:access_token"),
                    "subject_token_type must be"
                },
                new String[] {form(token) + "&actor_token=x&actor_token_type=" + enc(ID_TOKEN_TYPE), "actor_token"},
                new String[] {form(token) + "&requested_token_type=" + enc("urn:x"), "requested_token_type"},
                new String[] {grant + "&subject_token=not-a-jwt&subject_token_type=" + enc(ID_TOKEN_TYPE), "JWT"});
        for (String[] c : cases) {
            TokenExchange.Outcome o = exchange("citizen-portal", c[0]);
            TokenRefusal r = o.refusal().orElseThrow(() -> new AssertionError("accepted: " + c[0]));
            assertEquals(TokenErrorCode.INVALID_REQUEST, r.code(), c[0]);
            assertTrue(r.description().contains(c[1]), () -> c[0] + " -> " + r.description());
        }
    }

    @Test
    void clientCredentialsStillIssuesAViAboutTheClient() throws Exception {
        TokenExchange.Outcome o = exchange("citizen-portal", "grant_type=client_credentials");
        JWTClaimsSet vi =
                SignedJWT.parse(o.answer().orElseThrow().vector().compact()).getJWTClaimsSet();
        assertEquals("citizen-portal", vi.getSubject());
        assertNull(vi.getClaim("acr"));
        assertNull(vi.getClaim("auth_time"));
        assertTrue(o.userTrace().isEmpty());
        assertTrue(!o.answer().get().toJson().contains("issued_token_type"));
    }
}
