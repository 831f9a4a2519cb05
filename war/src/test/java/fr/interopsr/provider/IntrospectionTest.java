package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.CLIENT_IP;
import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.Fixtures.OWN_ISSUER;
import static fr.interopsr.provider.Fixtures.ec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.TestPki;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.vi.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, RFC 7662: what the introspection endpoint tells a data provider — active with the claims for a VI of this
 * server under the caller's convention; {@code {"active": false}} and nothing else for every other VI; single use
 * reported, never used up; revocations in force.
 */
class IntrospectionTest {

    private final ECKey own = ec("own-1");
    private final X509Certificate dpCert;
    private final X509Certificate otherCert;
    private final ValidatedCertificate dp;
    private final ValidatedCertificate other;
    private final ConventionSpec spec = new ConventionSpec("own-conv", OWN_ISSUER);
    private final ConventionSpec once = new ConventionSpec("own-once", OWN_ISSUER);
    private final ConventionSpec external =
            new ConventionSpec("ext-conv", "https://idp.partner.example/").keys(ec("x"));
    private final AtomicReference<RevocationList> revocations = new AtomicReference<>(RevocationList.EMPTY);
    private final List<String> lookedUp = new ArrayList<>();
    private boolean used;

    IntrospectionTest() throws Exception {
        dpCert = TestKeys.selfSigned(
                TestKeys.ec("secp256r1"), "CN=dp,O=Provider,C=FR", NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        otherCert = TestKeys.selfSigned(
                TestKeys.ec("secp256r1"), "CN=other,O=Provider,C=FR", NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        dp = TestPki.selfTrusted(dpCert);
        other = TestPki.selfTrusted(otherCert);
        spec.introspectionSha256 = CertificateBinding.sha256Hex(dpCert);
        once.introspectionSha256 = CertificateBinding.sha256Hex(dpCert);
        once.singleUse = true;
        once.spId = "https://sp.test.example/once";
        external.introspectionSha256 = CertificateBinding.sha256Hex(dpCert);
    }

    private ConventionIndex index() {
        return ConventionIndex.of(List.of(spec.convention(2), once.convention(), external.convention()), 1);
    }

    private Introspection introspection() {
        ConventionIndex index = index();
        ViValidator validator = ViValidator.forIntrospection(
                () -> index, OWN_ISSUER, now -> new JWKSet(own.toPublicJWK()), 16 * 1024, revocations::get);
        return new Introspection(validator, (jti, iss) -> {
            lookedUp.add(jti);
            return used;
        });
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void aViOfOurOwnUnderTheCallersConventionIsActiveWithItsClaims() {
        String vi = spec.vi().signedWith(own);
        Introspection.Answer answer = introspection().introspect(vi, CLIENT_IP, dp, NOW);
        assertTrue(answer.active(), answer.result()::toString);
        JsonObject body = json(answer.body());
        assertTrue(body.getBoolean("active"));
        assertEquals(spec.scopes.get(0), body.getString("scope"));
        assertEquals("own-conv-client", body.getString("client_id"));
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(
                NOW.getEpochSecond() + spec.lifetime, body.getJsonNumber("exp").longValue());
        assertEquals(OWN_ISSUER, body.getString("iss"));
        assertEquals(spec.spId, body.getString("aud"));
        assertEquals(Fixtures.SERVICE, body.getString("azp"));
        assertFalse(body.containsKey("used"), "reported for single-use conventions only");
    }

    @Test
    void everyOtherViIsInactiveWithNothingElse() {
        Introspection i = introspection();
        List<String> inactive = List.of(
                "not-a-jwt",
                spec.vi().signedWith(ec("someone-else")), // step 15
                spec.vi().claim("exp", NOW.getEpochSecond() - 600).signedWith(own), // step 10
                spec.vi().claim("env", "prod").signedWith(own), // step 13
                spec.vi().claim("aud", "https://unknown.example").signedWith(own), // step 7
                external.vi().signedWith(own)); // not our issuer (D-7)
        for (String vi : inactive) {
            Introspection.Answer answer = i.introspect(vi, CLIENT_IP, dp, NOW);
            assertFalse(answer.active(), vi);
            assertEquals("{\"active\":false}", answer.body(), "no reason (D-12)");
        }
    }

    @Test
    void aDataProviderLearnsNothingAboutAnotherConventionsVis() {
        Introspection.Answer answer = introspection().introspect(spec.vi().signedWith(own), CLIENT_IP, other, NOW);
        assertFalse(answer.active());
        assertEquals(ValidationStep.TARGET_SERVICE, answer.result().failedStep().orElseThrow());
        assertTrue(
                answer.result().detail().contains("introspectionCertificate"),
                answer.result().detail());
    }

    @Test
    void onlyAnIntrospectionCertificateOfAnActiveConventionOfOursMayAsk() {
        assertTrue(Introspection.mayIntrospect(index(), OWN_ISSUER, dp));
        assertFalse(Introspection.mayIntrospect(index(), OWN_ISSUER, other));
        assertFalse(Introspection.mayIntrospect(index(), OWN_ISSUER, null));
        ConventionIndex onlyExternal = ConventionIndex.of(List.of(external.convention()), 1);
        assertFalse(Introspection.mayIntrospect(onlyExternal, OWN_ISSUER, dp), "D-7: our conventions only");
    }

    @Test
    void anUploadedCertificateIntrospectsItsConventionOnly() {
        ConventionIndex index = index();
        String sha = CertificateBinding.sha256Hex(otherCert);
        ViValidator validator = ViValidator.forIntrospection(
                () -> index,
                OWN_ISSUER,
                now -> new JWKSet(own.toPublicJWK()),
                16 * 1024,
                revocations::get,
                id -> id.equals("own-conv") ? java.util.Set.of(sha) : java.util.Set.of());
        Introspection i = new Introspection(validator, (jti, iss) -> false);
        assertTrue(
                i.introspect(spec.vi().signedWith(own), CLIENT_IP, other, NOW).active());
        assertFalse(
                i.introspect(once.vi().signedWith(own), CLIENT_IP, other, NOW).active(), "not for another one");
        assertTrue(Introspection.mayIntrospect(index, OWN_ISSUER, other, id -> java.util.Set.of(sha)));
    }

    @Test
    void singleUseIsReportedNeverUsedUp() {
        Introspection i = introspection();
        String vi = once.vi().signedWith(own);
        used = false;
        assertFalse(json(i.introspect(vi, CLIENT_IP, dp, NOW).body()).getBoolean("used"));
        assertFalse(json(i.introspect(vi, CLIENT_IP, dp, NOW).body()).getBoolean("used"), "asking uses nothing");
        used = true;
        assertTrue(json(i.introspect(vi, CLIENT_IP, dp, NOW).body()).getBoolean("used"));
        assertEquals(3, lookedUp.size());
    }

    @Test
    void aRevokedViIsInactive() {
        Introspection i = introspection();
        String vi = spec.vi().signedWith(own);
        Convention c = spec.convention(2);
        assertTrue(i.introspect(vi, CLIENT_IP, dp, NOW).active());
        String jti = json(new String(
                        java.util.Base64.getUrlDecoder().decode(vi.split("\\.")[1]),
                        java.nio.charset.StandardCharsets.UTF_8))
                .getString("jti");
        revocations.set(RevocationList.EMPTY.with(RevocationListTest.ofVi(OWN_ISSUER, jti)));
        Introspection.Answer answer = i.introspect(vi, CLIENT_IP, dp, NOW);
        assertFalse(answer.active());
        assertEquals(ValidationStep.REVOKED, answer.result().failedStep().orElseThrow());
        // a revocation of the whole convention covers it too, and a VI issued after it is not covered
        revocations.set(RevocationList.EMPTY.with(RevocationListTest.ofConvention(c.id(), NOW)));
        assertFalse(i.introspect(spec.vi().signedWith(own), CLIENT_IP, dp, NOW).active());
        String later = spec.vi()
                .claim("jti", "uuid:" + UUID.randomUUID())
                .claim("iat", NOW.getEpochSecond() + 1)
                .signedWith(own);
        assertTrue(i.introspect(later, CLIENT_IP, dp, NOW.plusSeconds(1)).active());
    }
}
