package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.ConventionDocumentReaderTest.onlyProblem;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.valid;
import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.with;
import static fr.interopsr.convention.document.Documents.withJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code identityProvider.certificateBoundVi} (RFC 8705 §3, an extension beyond Interops-R 1.0, P-43). */
class CertificateBoundViRulesTest {

    private static JsonObject bound(JsonObject doc) {
        return with(doc, "identityProvider.certificateBoundVi", JsonValue.TRUE);
    }

    @Test
    void falseByDefaultAndLeftOutOfTheJsonSoThatAnInteropsR10DocumentKeepsItsHash() {
        ConventionDocument plain = valid(example());
        assertFalse(plain.identityProvider().certificateBoundVi());
        assertFalse(plain.identityProvider().toJson().containsKey("certificateBoundVi"));
        ConventionDocument explicitFalse =
                valid(with(example(), "identityProvider.certificateBoundVi", JsonValue.FALSE));
        assertEquals(plain, explicitFalse);
        assertEquals(plain.contentHash(), explicitFalse.contentHash());
    }

    @Test
    void trueOnATlsClientAuthConventionReadsAndSurvivesItsOwnJson() {
        ConventionDocument doc = valid(bound(example()));
        assertEquals(
                ClientAuthentication.TLS_CLIENT_AUTH, doc.identityProvider().clientAuthentication());
        assertTrue(doc.identityProvider().certificateBoundVi());
        assertEquals(JsonValue.TRUE, doc.identityProvider().toJson().get("certificateBoundVi"));
        ConventionDocument again = ConventionDocumentReader.read(
                        doc.toJson().toString().getBytes(StandardCharsets.UTF_8))
                .document()
                .orElseThrow();
        assertEquals(doc, again);
        assertEquals(doc.contentHash(), again.contentHash());
        assertFalse(doc.contentHash().equals(valid(example()).contentHash()));
    }

    @Test
    void trueOnAClientSecretBasicConventionIsRefusedAndNamed() {
        JsonObject basic = with(bound(example()), "identityProvider.clientAuthentication", "client_secret_basic");
        Problem p = onlyProblem(basic, "identityProvider.certificateBoundVi");
        assertTrue(p.message().contains("client_secret_basic"), p::toString);
        assertTrue(p.message().contains("tls_client_auth"), p::toString);
        assertTrue(p.message().contains("RFC 8705"), p::toString);
    }

    @Test
    void onlyABooleanIsAccepted() {
        Problem p = onlyProblem(
                withJson(example(), "identityProvider.certificateBoundVi", "\"yes\""),
                "identityProvider.certificateBoundVi");
        assertTrue(p.message().contains("true or false"), p::toString);
    }

    @Test
    void anExtraClaimCannotBeTheConfirmationClaim() {
        Problem p = onlyProblem(
                withJson(example(), "identityProvider.extraClaims", "{\"cnf\":{\"x5t#S256\":\"x\"}}"),
                "identityProvider.extraClaims.cnf");
        assertTrue(p.message().contains("certificateBoundVi"), p::toString);
    }
}
