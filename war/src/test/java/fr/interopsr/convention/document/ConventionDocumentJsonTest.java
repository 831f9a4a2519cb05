package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.ConventionDocumentReaderTest.valid;
import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.with;
import static fr.interopsr.convention.document.Documents.withJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.interopsr.json.CanonicalJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** toJson() and contentHash() (IR-20, D-14, D-15): round trips give equal documents and stable hashes. */
class ConventionDocumentJsonTest {

    private static JsonObject rich() throws Exception {
        JsonObject doc = with(example(), "requiredAcr", "eidas2");
        doc = with(doc, "singleUse", JsonValue.TRUE);
        doc = withJson(doc, "identityProvider.signatureAlgorithms", "[\"ES256\",\"RS256\"]");
        doc = withJson(
                doc,
                "identityProvider.extraClaims",
                "{\"siret\":\"123\",\"ratio\":1.50,\"big\":1e3,\"tags\":[\"é\",{\"z\":null,\"a\":true}]}");
        doc = withJson(
                doc,
                "identityProvider.jwks",
                "{\"keys\":["
                        + new ECKeyGenerator(Curve.P_256)
                                .keyID("k1")
                                .generate()
                                .toPublicJWK()
                                .toJSONString() + "]}");
        doc = withJson(
                doc,
                "serviceProvider.certificate",
                "{\"subjectDn\":\"CN=app,O=Client\",\"issuerDn\":null," + "\"sha256\":\"" + "0f".repeat(32) + "\"}");
        doc = withJson(doc, "serviceProvider.reverseProxyIps", "[\"192.0.2.1\",\"2001:db8::1\"]");
        doc = with(doc, "dataProvider.certificateChainPem", PemCertificatesTest.chainPem());
        return doc;
    }

    @Test
    void readingToJsonBackGivesAnEqualDocumentAndHash() throws Exception {
        for (JsonObject source : List.of(example(), rich())) {
            ConventionDocument doc = valid(source);
            ConventionDocument again = valid(doc.toJson());
            assertEquals(doc, again);
            assertEquals(doc.hashCode(), again.hashCode());
            assertEquals(doc.contentHash(), again.contentHash());
            assertEquals(doc.toJson(), again.toJson());

            // through bytes, plain and canonical
            ConventionReadResult viaText =
                    ConventionDocumentReader.read(doc.toJson().toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(doc, viaText.document().orElseThrow());
            ConventionDocument viaCanonical = ConventionDocumentReader.read(CanonicalJson.bytes(doc.toJson()))
                    .document()
                    .orElseThrow();
            assertEquals(doc, viaCanonical, "1.50 and 1.5 are the same JSON number");
            assertEquals(doc.contentHash(), viaCanonical.contentHash());
        }
    }

    @Test
    void hashIgnoresMemberOrderAndDefaultsButNotContent() throws Exception {
        JsonObject source = rich();
        ConventionDocument doc = valid(source);
        ConventionDocument shuffled = valid(shuffle(source));
        assertEquals(doc, shuffled);
        assertEquals(doc.contentHash(), shuffled.contentHash());

        ConventionDocument explicitDefault = valid(with(example(), "dataProvider.allowedClockSkewSeconds", 120));
        ConventionDocument implicitDefault =
                valid(Documents.without(example(), "dataProvider.allowedClockSkewSeconds"));
        assertEquals(explicitDefault.contentHash(), implicitDefault.contentHash());

        String hash = valid(example()).contentHash();
        assertEquals(64, hash.length());
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertNotEquals(hash, valid(with(example(), "version", "1.1")).contentHash());
        assertNotEquals(
                hash, valid(example()).withStatus(ConventionStatus.SUSPENDED).contentHash());
        assertNotEquals(
                hash,
                valid(with(example(), "dataProvider.allowedClockSkewSeconds", 121))
                        .contentHash());
        assertNotEquals(
                hash,
                valid(withJson(example(), "scopes", "[\"urn:cnaf:rise:1.0:write\",\"urn:cnaf:rise:1.0:read\"]"))
                        .contentHash(),
                "scope order is content");
        assertNotEquals(
                hash,
                valid(withJson(example(), "identityProvider.extraClaims", "{\"a\":1}"))
                        .contentHash());
        assertNotEquals(valid(example()), valid(with(example(), "version", "1.1")));
    }

    @Test
    void toJsonHasTheContractNamesInContractOrder() {
        JsonObject json = valid(example()).toJson();
        assertEquals(
                List.of(
                        "id",
                        "version",
                        "environment",
                        "status",
                        "requiredAcr",
                        "scopes",
                        "defaultScopes",
                        "singleUse",
                        "identityProvider",
                        "serviceProvider",
                        "dataProvider"),
                new ArrayList<>(json.keySet()));
        assertEquals(
                List.of(
                        "issuer",
                        "tokenLifetimeSeconds",
                        "signatureAlgorithms",
                        "tokenUrl",
                        "clientAuthentication",
                        "clockSync",
                        "extraClaims",
                        "jwks"),
                new ArrayList<>(json.getJsonObject("identityProvider").keySet()));
        assertEquals(
                List.of("id", "clientId", "mutualTls", "certificate", "reverseProxyIps", "clockSync"),
                new ArrayList<>(json.getJsonObject("serviceProvider").keySet()));
        assertEquals(
                List.of(
                        "serviceId",
                        "baseUrl",
                        "reverseProxyIps",
                        "certificateChainPem",
                        "allowedClockSkewSeconds",
                        "clockSync"),
                new ArrayList<>(json.getJsonObject("dataProvider").keySet()));
        assertEquals(example(), json, "the CONTRACT.md example is already complete");
    }

    private static JsonObject shuffle(JsonObject o) {
        List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(o.entrySet());
        Collections.reverse(entries);
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> e : entries) {
            b.add(
                    e.getKey(),
                    e.getValue() instanceof JsonObject inner && !e.getKey().equals("jwks")
                            ? shuffle(inner)
                            : e.getValue());
        }
        return b.build();
    }
}
