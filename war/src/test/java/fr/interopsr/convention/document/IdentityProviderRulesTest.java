package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.ConventionDocumentReaderTest.onlyProblem;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.problems;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.valid;
import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.with;
import static fr.interopsr.convention.document.Documents.withJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** identityProvider rules: IR-9 and D-9 algorithms and keys, IR-10 issuer and claims, VI lifetime. */
class IdentityProviderRulesTest {

    private static ECKey ec256;
    private static ECKey ec384;
    private static JWK rsa2048;

    @BeforeAll
    static void keys() throws Exception {
        ec256 = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        ec384 = new ECKeyGenerator(Curve.P_384).keyID("ec-384").generate();
        rsa2048 = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    private static JsonObject withKeys(JsonObject doc, JWK... keys) {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i > 0 ? "," : "").append(keys[i].toJSONString());
        }
        return withJson(doc, "identityProvider.jwks", sb.append("]}").toString());
    }

    private static JsonObject algorithms(String json) {
        return withJson(example(), "identityProvider.signatureAlgorithms", json);
    }

    @Test
    void hmacAndNoneAreRefusedCitingD9() {
        for (String alg : List.of("HS256", "HS384", "HS512", "none")) {
            Problem p = onlyProblem(algorithms("[\"" + alg + "\"]"), "identityProvider.signatureAlgorithms[0]");
            assertTrue(p.message().contains("IR-9") && p.message().contains("D-9"), p::toString);
            assertTrue(p.message().startsWith("'" + alg + "' "), p::toString);
        }
        assertTrue(onlyProblem(algorithms("[\"HS256\"]"), "identityProvider.signatureAlgorithms[0]")
                .message()
                .contains("symmetric (HMAC)"));
        assertTrue(onlyProblem(algorithms("[\"none\"]"), "identityProvider.signatureAlgorithms[0]")
                .message()
                .contains("unsigned"));
        for (String alg : List.of("RS512", "EdDSA", "es256", "")) {
            Problem p = onlyProblem(algorithms("[\"" + alg + "\"]"), "identityProvider.signatureAlgorithms[0]");
            assertTrue(p.message().contains("D-9"), p::toString);
        }
    }

    @Test
    void algorithmListRules() {
        assertEquals(
                List.of(
                        SignatureAlgorithm.RS256,
                        SignatureAlgorithm.ES256,
                        SignatureAlgorithm.PS256,
                        SignatureAlgorithm.ES384),
                valid(algorithms("[\"RS256\",\"ES256\",\"PS256\",\"ES384\"]"))
                        .identityProvider()
                        .signatureAlgorithms());
        onlyProblem(algorithms("[]"), "identityProvider.signatureAlgorithms");
        onlyProblem(algorithms("[\"ES256\",\"ES256\"]"), "identityProvider.signatureAlgorithms[1]");
        onlyProblem(algorithms("[\"ES256\",1]"), "identityProvider.signatureAlgorithms[1]");
        List<Problem> problems = problems(algorithms("[\"ES256\",\"HS256\",\"none\"]"));
        assertEquals(
                List.of("identityProvider.signatureAlgorithms[1]", "identityProvider.signatureAlgorithms[2]"),
                problems.stream().map(Problem::field).toList());
        assertEquals(JWSAlgorithm.ES256, SignatureAlgorithm.ES256.jwsAlgorithm());
    }

    @Test
    void lifetimeMustBePositiveAndAtMostADay() {
        for (int bad : new int[] {0, -1, -600, 86_401}) {
            Problem p = onlyProblem(
                    with(example(), "identityProvider.tokenLifetimeSeconds", bad),
                    "identityProvider.tokenLifetimeSeconds");
            assertTrue(p.message().contains("between 1 and 86400"), p::toString);
        }
        onlyProblem(
                withJson(example(), "identityProvider.tokenLifetimeSeconds", "60.5"),
                "identityProvider.tokenLifetimeSeconds");
        assertEquals(
                1,
                valid(with(example(), "identityProvider.tokenLifetimeSeconds", 1))
                        .identityProvider()
                        .tokenLifetimeSeconds());
        assertEquals(
                86_400,
                valid(with(example(), "identityProvider.tokenLifetimeSeconds", 86_400))
                        .identityProvider()
                        .tokenLifetimeSeconds());
    }

    @Test
    void issuerFollowsIr10() {
        for (String bad : List.of(
                "http://idp.client.example/interops", // not https
                "https://idp.client.example/interops?x=1", // query
                "https://idp.client.example/interops?", // empty query
                "https://idp.client.example/interops#top", // fragment
                "https://idp.client.example/interops#", // empty fragment
                "https://user@idp.client.example/interops", // user info
                "https:///interops", // no host
                "https:idp.client.example", // opaque
                "/interops", // relative
                "HTTPS://idp.client.example", // scheme case
                "https://idp.client.example:0/x", // port 0
                "https://idp.client.example:70000/x", // port too big
                "https://idp.client.example:/x", // empty port
                "https://idp client.example", // space
                "https://idp.client.example/é", // non-ASCII
                "")) {
            Problem p = onlyProblem(with(example(), "identityProvider.issuer", bad), "identityProvider.issuer");
            assertTrue(p.message().contains("IR-10"), p::toString);
        }
        for (String ok : List.of(
                "https://idp.client.example",
                "https://idp.client.example:8443/interops/",
                "https://192.0.2.1/i",
                "https://[2001:db8::1]:8443/i",
                "https://IDP.Client.Example/a/b%20c")) {
            assertEquals(
                    ok,
                    valid(with(example(), "identityProvider.issuer", ok))
                            .identityProvider()
                            .issuer());
        }
    }

    @Test
    void tokenUrlMustBeHttps() {
        onlyProblem(
                with(example(), "identityProvider.tokenUrl", "http://idp.client.example/token"),
                "identityProvider.tokenUrl");
        onlyProblem(
                with(example(), "identityProvider.tokenUrl", "https://idp.client.example/token#f"),
                "identityProvider.tokenUrl");
    }

    @Test
    void extraClaimsMustNotBeRegisteredClaims() {
        JsonObject doc = withJson(
                example(),
                "identityProvider.extraClaims",
                "{\"siret\":\"12345678901234\",\"sub\":\"x\",\"habilitations\":[\"a\",{\"b\":1}],\"iss\":\"y\","
                        + "\"auth_time\":1,\"acr\":\"eidas3\"}");
        List<Problem> problems = problems(doc);
        assertEquals(
                List.of(
                        "identityProvider.extraClaims.sub",
                        "identityProvider.extraClaims.iss",
                        "identityProvider.extraClaims.auth_time",
                        "identityProvider.extraClaims.acr"),
                problems.stream()
                        .map(Problem::field)
                        .sorted((a, b) -> order(a) - order(b))
                        .toList());
        assertTrue(problems.get(0).message().contains("IR-10"));
        for (String claim : ConventionDocumentReader.REGISTERED_CLAIMS) {
            onlyProblem(
                    withJson(example(), "identityProvider.extraClaims", "{\"" + claim + "\":1}"),
                    "identityProvider.extraClaims." + claim);
        }
        JsonObject ok = valid(withJson(
                        example(),
                        "identityProvider.extraClaims",
                        "{\"siret\":\"123\",\"n\":1.5,\"o\":{\"sub\":\"nested is fine\"}}"))
                .identityProvider()
                .extraClaims();
        assertEquals("123", ok.getString("siret"));
        onlyProblem(withJson(example(), "identityProvider.extraClaims", "[]"), "identityProvider.extraClaims");
    }

    private static int order(String field) {
        return List.of("sub", "iss", "auth_time", "acr").indexOf(field.substring(field.lastIndexOf('.') + 1));
    }

    @Test
    void publicJwkSetIsKept() throws Exception {
        JsonObject doc = algorithms("[\"ES256\",\"RS256\",\"ES384\"]");
        ECKey withAlg = new ECKey.Builder(ec256.toPublicJWK())
                .keyID("ec-2")
                .algorithm(JWSAlgorithm.ES256)
                .keyUse(KeyUse.SIGNATURE)
                .build();
        ConventionDocument d =
                valid(withKeys(doc, ec256.toPublicJWK(), withAlg, rsa2048.toPublicJWK(), ec384.toPublicJWK()));
        List<JWK> keys = d.identityProvider().jwkSet().orElseThrow().getKeys();
        assertEquals(
                List.of("ec-1", "ec-2", "rsa-1", "ec-384"),
                keys.stream().map(JWK::getKeyID).toList());
        assertTrue(keys.stream().noneMatch(JWK::isPrivate));
    }

    @Test
    void privateJwkIsRefused() {
        Problem p = onlyProblem(withKeys(example(), ec256), "identityProvider.jwks.keys[0].d");
        assertTrue(p.message().contains("private key material"), p::toString);
        List<Problem> rsa = problems(withKeys(algorithms("[\"RS256\"]"), rsa2048.toPublicJWK(), rsa2048));
        assertEquals(
                List.of(
                        "identityProvider.jwks.keys[1].d",
                        "identityProvider.jwks.keys[1].p",
                        "identityProvider.jwks.keys[1].q",
                        "identityProvider.jwks.keys[1].dp",
                        "identityProvider.jwks.keys[1].dq",
                        "identityProvider.jwks.keys[1].qi"),
                rsa.stream().map(Problem::field).toList());
    }

    @Test
    void rsa1024IsRefused() throws Exception {
        JWK weak = new RSAKeyGenerator(1024, true).keyID("weak").generate().toPublicJWK();
        Problem p = onlyProblem(withKeys(algorithms("[\"RS256\"]"), weak), "identityProvider.jwks.keys[0].n");
        assertTrue(p.message().contains("1024 bits") && p.message().contains("2048"), p::toString);
    }

    @Test
    void symmetricKeyIsRefused() throws Exception {
        JWK oct = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        Problem p = onlyProblem(withKeys(example(), oct), "identityProvider.jwks.keys[0].kty");
        assertTrue(p.message().contains("D-9"), p::toString);
    }

    @Test
    void otherCurvesAndKeyTypesAreRefused() throws Exception {
        JWK p521 = new ECKeyGenerator(Curve.P_521).generate().toPublicJWK();
        onlyProblem(withKeys(example(), p521), "identityProvider.jwks.keys[0].crv");
        // RFC 8037 appendix A.2 public key
        JWK ed = JWK.parse(
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
        onlyProblem(withKeys(example(), ed), "identityProvider.jwks.keys[0].kty");
    }

    @Test
    void keyAlgorithmMustBeAllowedAndFitTheKey() {
        JWK rs = new RSAKey.Builder(rsa2048.toRSAKey().toPublicJWK())
                .algorithm(JWSAlgorithm.RS256)
                .build();
        Problem p = onlyProblem(withKeys(example(), rs), "identityProvider.jwks.keys[0].alg");
        assertTrue(p.message().contains("not among identityProvider.signatureAlgorithms [ES256]"), p::toString);
        JWK hs = new ECKey.Builder(ec256.toPublicJWK())
                .algorithm(JWSAlgorithm.HS256)
                .build();
        assertTrue(onlyProblem(withKeys(example(), hs), "identityProvider.jwks.keys[0].alg")
                .message()
                .contains("D-9"));
        JWK mismatch = new ECKey.Builder(ec256.toPublicJWK())
                .algorithm(JWSAlgorithm.ES384)
                .build();
        assertTrue(onlyProblem(
                        withKeys(algorithms("[\"ES256\",\"ES384\"]"), mismatch), "identityProvider.jwks.keys[0].alg")
                .message()
                .contains("needs an EC P-384 key"));
        onlyProblem(withKeys(example(), rsa2048.toPublicJWK()), "identityProvider.jwks.keys[0]");
        JWK enc =
                new ECKey.Builder(ec256.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build();
        onlyProblem(withKeys(example(), enc), "identityProvider.jwks.keys[0].use");
    }

    @Test
    void duplicateKidIsRefused() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Problem p = onlyProblem(
                withKeys(example(), ec256.toPublicJWK(), other.toPublicJWK()), "identityProvider.jwks.keys[1].kid");
        assertTrue(p.message().contains("keys[0]"), p::toString);
    }

    @Test
    void malformedJwkSetsAreRefused() {
        onlyProblem(withJson(example(), "identityProvider.jwks", "{}"), "identityProvider.jwks.keys");
        onlyProblem(
                withJson(example(), "identityProvider.jwks", "{\"keys\":[],\"extra\":1}"),
                "identityProvider.jwks.extra");
        onlyProblem(withJson(example(), "identityProvider.jwks", "{\"keys\":[1]}"), "identityProvider.jwks.keys[0]");
        onlyProblem(
                withJson(example(), "identityProvider.jwks", "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\"}]}"),
                "identityProvider.jwks.keys[0]");
        onlyProblem(
                withJson(example(), "identityProvider.jwks", "{\"keys\":[{\"kty\":\"XYZ\"}]}"),
                "identityProvider.jwks.keys[0]");
        // a point not on the curve
        String notOnCurve = ec256.toPublicJWK()
                .toJSONString()
                .replaceAll(
                        "\"y\":\"[^\"]+\"",
                        "\"y\":\"" + ec384.toPublicJWK().getY().toString().substring(0, 43) + "\"");
        onlyProblem(
                withJson(example(), "identityProvider.jwks", "{\"keys\":[" + notOnCurve + "]}"),
                "identityProvider.jwks.keys[0]");
    }
}
