package fr.interopsr.vi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.SignatureAlgorithm;
import fr.interopsr.token.TestConventions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IR-9, IR-10: the VI as signed. */
class IdentificationVectorIssuerTest {

    private static final Instant NOW = Instant.parse("2031-02-03T04:05:06.789Z");
    private static SigningKey es;
    private static SigningKey rs;

    @BeforeAll
    static void keys() throws Exception {
        KeyPair ec = TestKeys.ec("secp256r1");
        es = TestKeys.signingKey("es", ec, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        rs = TestKeys.signingKey("rs", TestKeys.rsa(2048), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    }

    private static ConventionDocument doc(String... algorithms) {
        return TestConventions.builder("c", "client").algorithms(algorithms).document();
    }

    @Test
    void firstAlgorithmOfTheConventionWithAKeySigns() throws Exception {
        IdentificationVectorIssuer both = new IdentificationVectorIssuer(new SigningKeys(List.of(es, rs)));
        IssuedVector v =
                both.issue(doc("RS256", "ES256"), "client", List.of("s"), NOW).orElseThrow();
        SignedJWT jwt = SignedJWT.parse(v.compact());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(rs.kid(), jwt.getHeader().getKeyID());
        assertEquals(SignatureAlgorithm.RS256, v.algorithm(), "for the metrics");
        assertTrue(jwt.verify(new RSASSAVerifier((RSAKey) rs.publicJwk())));

        IdentificationVectorIssuer ecOnly = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        SignedJWT fallback = SignedJWT.parse(ecOnly.issue(doc("RS256", "ES256"), "client", List.of("s"), NOW)
                .orElseThrow()
                .compact());
        assertEquals(JWSAlgorithm.ES256, fallback.getHeader().getAlgorithm());
        assertTrue(fallback.verify(new ECDSAVerifier((ECKey) es.publicJwk())));
    }

    @Test
    void anRsaKeySignsPs256WhenTheConventionAsksForIt() throws Exception {
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(es, rs)));
        SignedJWT jwt = SignedJWT.parse(issuer.issue(doc("PS256"), "client", List.of("s"), NOW)
                .orElseThrow()
                .compact());
        assertEquals(JWSAlgorithm.PS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAKey) rs.publicJwk())));
        assertNull(rs.publicJwk().getAlgorithm(), "an RSA JWK names no alg: it serves RS256 and PS256");
    }

    @Test
    void aKeyThatExpiresBeforeTheViIsNotUsed() throws Exception {
        SigningKey ending = TestKeys.signingKey(
                "ending", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(60));
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(ending)));
        assertEquals(
                Optional.empty(),
                issuer.issue(doc("ES256"), "client", List.of("s"), NOW),
                "a 600 s VI would outlive its key in the JWK Set");
    }

    @Test
    void noKeyForTheConventionsAlgorithmsIsEmpty() throws Exception {
        IdentificationVectorIssuer ecOnly = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        assertEquals(Optional.empty(), ecOnly.issue(doc("RS256", "PS256"), "client", List.of("s"), NOW));
        assertEquals(Optional.empty(), ecOnly.issue(doc("ES384"), "client", List.of("s"), NOW));
        assertEquals(
                Optional.empty(),
                ecOnly.issue(doc("ES256"), "client", List.of("s"), NOW.plus(Duration.ofDays(2))),
                "expired key used");
    }

    @Test
    void issuedAtIsTruncatedToTheSecondAndVectorRecordMatchesClaims() throws Exception {
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        IssuedVector v = issuer.issue(
                        TestConventions.builder("c", "client").lifetime(600).document(),
                        "client",
                        List.of("a", "b"),
                        NOW)
                .orElseThrow();
        var claims = SignedJWT.parse(v.compact()).getJWTClaimsSet();
        assertEquals(Instant.parse("2031-02-03T04:05:06Z"), v.issuedAt());
        assertEquals(v.issuedAt(), claims.getIssueTime().toInstant());
        assertEquals(v.expiresAt(), claims.getExpirationTime().toInstant());
        assertEquals(600, v.lifetimeSeconds());
        assertEquals(v.jti(), claims.getJWTID());
        assertEquals(es.kid(), v.kid());
        assertEquals("a b", claims.getStringClaim("scp"));
    }

    @Test
    void aKeyThatWouldExpireBeforeTheViIsNoLongerAcceptedDoesNotSignIt() throws Exception {
        // lifetime 600 s, skew 120 s: a data provider accepts the VI until 720 s from now, so its key must be in the
        // JWK Set that long (issue 16: a key leaves the JWK Set at its notAfter)
        KeyPair ec = TestKeys.ec("secp256r1");
        SigningKey endsTooSoon = TestKeys.signingKey("soon", ec, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(650));
        SigningKey lastsLongEnough =
                TestKeys.signingKey("enough", ec, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(721));
        ConventionDocument d =
                TestConventions.builder("c", "client").lifetime(600).skew(120).document();
        assertEquals(
                Optional.empty(),
                new IdentificationVectorIssuer(new SigningKeys(List.of(endsTooSoon))).issue(d, "c", List.of("s"), NOW));
        assertEquals(
                lastsLongEnough.kid(),
                new IdentificationVectorIssuer(new SigningKeys(List.of(lastsLongEnough)))
                        .issue(d, "c", List.of("s"), NOW)
                        .orElseThrow()
                        .kid());
        // of an old key about to end and a newer one, the newer signs anyway
        SigningKey newer = TestKeys.signingKey(
                "newer", TestKeys.ec("secp256r1"), NOW.minusSeconds(10), NOW.plus(Duration.ofDays(9)));
        assertEquals(
                newer.kid(),
                new IdentificationVectorIssuer(new SigningKeys(List.of(endsTooSoon, newer)))
                        .issue(d, "c", List.of("s"), NOW)
                        .orElseThrow()
                        .kid());
    }

    @Test
    void jtiIsUniquePerVi() throws Exception {
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        ConventionDocument d = doc("ES256");
        assertNotEquals(
                issuer.issue(d, "c", List.of("s"), NOW).orElseThrow().jti(),
                issuer.issue(d, "c", List.of("s"), NOW).orElseThrow().jti());
    }

    @Test
    void extraClaimsOfEveryJsonTypeGoAtTopLevel() throws Exception {
        ConventionDocument d = TestConventions.builder("c", "client")
                .extraClaims("{\"org\":\"Org \u00e9\",\"n\":42,\"big\":9007199254740993,\"ratio\":0.25,\"flag\":false,"
                        + "\"tags\":[\"a\",1,true],\"meta\":{\"k\":{\"deep\":[1,2]}}}")
                .document();
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        Map<String, Object> payload = SignedJWT.parse(issuer.issue(d, "client", List.of("s"), NOW)
                        .orElseThrow()
                        .compact())
                .getPayload()
                .toJSONObject();
        assertEquals("Org \u00e9", payload.get("org"));
        assertEquals(42L, ((Number) payload.get("n")).longValue());
        assertEquals(9007199254740993L, ((Number) payload.get("big")).longValue());
        assertEquals(0.25, ((Number) payload.get("ratio")).doubleValue());
        assertEquals(Boolean.FALSE, payload.get("flag"));
        assertEquals(3, ((List<?>) payload.get("tags")).size());
        assertEquals(Map.of("k", Map.of("deep", List.of(1L, 2L))), payload.get("meta"));
    }

    @Test
    void integerExtraClaimBeyondLongRangeIsIssued() throws Exception {
        ConventionDocument d = TestConventions.builder("c", "client")
                .extraClaims("{\"huge\":123456789012345678901234567890}")
                .document();
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        assertDoesNotThrow(() -> issuer.issue(d, "client", List.of("s"), NOW));
    }

    @Test
    void nullExtraClaimIsKept() throws Exception {
        ConventionDocument d = TestConventions.builder("c", "client")
                .extraClaims("{\"none\":null}")
                .document();
        IdentificationVectorIssuer issuer = new IdentificationVectorIssuer(new SigningKeys(List.of(es)));
        Map<String, Object> payload = SignedJWT.parse(issuer.issue(d, "client", List.of("s"), NOW)
                        .orElseThrow()
                        .compact())
                .getPayload()
                .toJSONObject();
        assertTrue(payload.containsKey("none"), payload::toString);
    }
}
