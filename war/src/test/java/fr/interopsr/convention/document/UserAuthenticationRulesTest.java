package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.ConventionDocumentReaderTest.fields;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.onlyProblem;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.problems;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.valid;
import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.with;
import static fr.interopsr.convention.document.Documents.withJson;
import static fr.interopsr.convention.document.Documents.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 17 §3: the {@code identityProvider.userAuthentication} block, read and checked, every problem listed. */
class UserAuthenticationRulesTest {

    private static final String UA = "identityProvider.userAuthentication";
    private static ECKey key;

    @BeforeAll
    static void keys() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("op-1").generate();
    }

    private static String block(String keys) {
        return "{\"issuer\":\"https://op.example\"," + keys + ",\"audiences\":[\"interops\"],"
                + "\"acrValues\":{\"urn:op:low\":\"eidas1\",\"urn:op:high\":\"eidas3\"},"
                + "\"maxAuthenticationAgeSeconds\":900}";
    }

    private static JsonObject inline() {
        return withJson(
                example(), UA, block("\"jwks\":{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}"));
    }

    @Test
    void aBlockWithInlineKeysReadsAndWritesBack() {
        ConventionDocument doc = valid(inline());
        UserAuthenticationTerms u = doc.identityProvider().userAuthentication().orElseThrow();
        assertEquals("https://op.example", u.issuer());
        assertEquals(List.of("interops"), u.audiences());
        assertEquals("sub", u.subjectClaim(), "sub by default");
        assertEquals(
                Map.of("urn:op:low", AuthenticationLevel.EIDAS1, "urn:op:high", AuthenticationLevel.EIDAS3),
                u.acrValues());
        assertEquals(900, u.maxAuthenticationAgeSeconds());
        assertEquals("op-1", u.jwkSet().orElseThrow().getKeys().get(0).getKeyID());
        assertEquals(doc, valid(doc.toJson()), "read back from its own JSON");
    }

    @Test
    void aBlockWithAnHttpsJwksUriReads() {
        JsonObject json =
                withJson(example(), UA, block("\"jwksUri\":\"https://op.example/jwks\",\"subjectClaim\":\"uid\""));
        UserAuthenticationTerms u =
                valid(json).identityProvider().userAuthentication().orElseThrow();
        assertEquals(Optional.of("https://op.example/jwks"), u.jwksUri());
        assertEquals("uid", u.subjectClaim());
    }

    @Test
    void noBlockMeansNoTokenExchange() {
        assertTrue(valid(example()).identityProvider().userAuthentication().isEmpty());
    }

    @Test
    void keysMustBeGivenOnceEitherWay() {
        onlyProblem(withJson(example(), UA, block("\"subjectClaim\":\"sub\"")), UA);
        onlyProblem(
                withJson(
                        example(),
                        UA,
                        block("\"jwksUri\":\"https://op.example/jwks\",\"jwks\":{\"keys\":["
                                + key.toPublicJWK().toJSONString() + "]}")),
                UA);
    }

    @Test
    void theJwksUriMustBeHttps() {
        onlyProblem(withJson(example(), UA, block("\"jwksUri\":\"http://op.example/jwks\"")), UA + ".jwksUri");
    }

    @Test
    void inlineKeysArePublicAndAtLeastOne() {
        onlyProblem(withJson(example(), UA, block("\"jwks\":{\"keys\":[]}")), UA + ".jwks.keys");
        List<Problem> p = problems(withJson(example(), UA, block("\"jwks\":{\"keys\":[" + key.toJSONString() + "]}")));
        assertTrue(fields(p).stream().allMatch(f -> f.startsWith(UA + ".jwks.keys[0]")), p::toString);
    }

    @Test
    void everyFieldIsChecked() {
        JsonObject bad = with(inline(), UA + ".issuer", "http://op.example");
        bad = withJson(bad, UA + ".audiences", "[]");
        bad = withJson(bad, UA + ".acrValues", "{\"urn:op:low\":\"eidas4\"}");
        bad = with(bad, UA + ".maxAuthenticationAgeSeconds", 0);
        bad = with(bad, UA + ".unknown", "x");
        Set<String> f = fields(problems(bad));
        assertTrue(
                f.containsAll(Set.of(
                        UA + ".issuer",
                        UA + ".audiences",
                        UA + ".acrValues.urn:op:low",
                        UA + ".maxAuthenticationAgeSeconds",
                        UA + ".unknown")),
                f::toString);
        onlyProblem(without(inline(), UA + ".maxAuthenticationAgeSeconds"), UA + ".maxAuthenticationAgeSeconds");
        onlyProblem(withJson(inline(), UA + ".acrValues", "{}"), UA + ".acrValues");
    }

    @Test
    void someAcrValueMustMeetTheRequiredAcr() {
        JsonObject doc =
                with(withJson(inline(), UA + ".acrValues", "{\"urn:op:low\":\"eidas1\"}"), "requiredAcr", "eidas2");
        Problem p = onlyProblem(doc, UA + ".acrValues");
        assertTrue(p.message().contains("eidas2"), p::toString);
        valid(with(inline(), "requiredAcr", "eidas3"));
    }
}
