package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.ConventionDocumentReaderTest.onlyProblem;
import static fr.interopsr.convention.document.ConventionDocumentReaderTest.valid;
import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.withJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Issue 17: {@code dataProvider.introspectionCertificate}, shaped like {@code serviceProvider.certificate}. */
class IntrospectionCertificateTest {

    @Test
    void absentByDefaultAndLeftOutOfTheJson() {
        ConventionDocument doc = valid(example());
        assertTrue(doc.dataProvider().introspectionCertificate().isEmpty());
        assertFalse(
                doc.dataProvider().toJson().containsKey("introspectionCertificate"), "1.0 documents keep their form");
    }

    @Test
    void readByNamesOrFingerprintAndWrittenBack() {
        JsonObject json = withJson(
                example(),
                "dataProvider.introspectionCertificate",
                "{\"subjectDn\":\"CN=dp,O=Provider\",\"issuerDn\":\"CN=Provider CA\",\"sha256\":null}");
        ConventionDocument doc = valid(json);
        CertificateBindingTerms t =
                doc.dataProvider().introspectionCertificate().orElseThrow();
        assertEquals("CN=dp,O=Provider", t.subjectDn().orElseThrow());
        assertEquals(
                "CN=Provider CA",
                doc.dataProvider()
                        .toJson()
                        .getJsonObject("introspectionCertificate")
                        .getString("issuerDn"));
        assertTrue(valid(withJson(example(), "dataProvider.introspectionCertificate", "null"))
                .dataProvider()
                .introspectionCertificate()
                .isEmpty());
    }

    @Test
    void aSubjectWithoutItsIssuerIsRefusedAsForClients() {
        onlyProblem(
                withJson(example(), "dataProvider.introspectionCertificate", "{\"subjectDn\":\"CN=dp\"}"),
                "dataProvider.introspectionCertificate.issuerDn");
        onlyProblem(
                withJson(example(), "dataProvider.introspectionCertificate", "{\"sha256\":\"xyz\"}"),
                "dataProvider.introspectionCertificate.sha256");
    }
}
