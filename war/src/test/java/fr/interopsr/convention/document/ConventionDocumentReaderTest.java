package fr.interopsr.convention.document;

import static fr.interopsr.convention.document.Documents.example;
import static fr.interopsr.convention.document.Documents.with;
import static fr.interopsr.convention.document.Documents.withJson;
import static fr.interopsr.convention.document.Documents.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The convention document rules of CONTRACT.md and IR-20: every problem listed, each named. */
class ConventionDocumentReaderTest {

    static ConventionDocument valid(JsonObject json) {
        ConventionReadResult r = ConventionDocumentReader.read(json);
        assertTrue(r.isValid(), r::describe);
        return r.document().orElseThrow();
    }

    static List<Problem> problems(JsonObject json) {
        ConventionReadResult r = ConventionDocumentReader.read(json);
        assertFalse(r.isValid(), "should be refused");
        assertTrue(r.document().isEmpty());
        return r.problems();
    }

    static Problem onlyProblem(JsonObject json, String field) {
        List<Problem> problems = problems(json);
        assertEquals(1, problems.size(), () -> "one problem expected, got " + problems);
        assertEquals(field, problems.get(0).field(), problems.get(0)::toString);
        return problems.get(0);
    }

    static Set<String> fields(List<Problem> problems) {
        return problems.stream().map(Problem::field).collect(Collectors.toSet());
    }

    @Test
    void contractExampleReads() {
        ConventionDocument doc = valid(example());
        assertEquals("cnaf-rise-prod", doc.id());
        assertEquals("1.0", doc.version());
        assertEquals("prod", doc.environment());
        assertEquals(ConventionStatus.ACTIVE, doc.status());
        assertEquals(Optional.empty(), doc.requiredAcr());
        assertEquals(List.of("urn:cnaf:rise:1.0:read", "urn:cnaf:rise:1.0:write"), doc.scopes());
        assertEquals(List.of("urn:cnaf:rise:1.0:read"), doc.defaultScopes());
        assertFalse(doc.singleUse());
        IdentityProviderTerms idp = doc.identityProvider();
        assertEquals("https://idp.client.example/interops", idp.issuer());
        assertEquals(600, idp.tokenLifetimeSeconds());
        assertEquals(List.of(SignatureAlgorithm.ES256), idp.signatureAlgorithms());
        assertEquals(Optional.of("https://idp.client.example/interops/idp/token"), idp.tokenUrl());
        assertEquals(ClientAuthentication.TLS_CLIENT_AUTH, idp.clientAuthentication());
        assertEquals(Optional.of("ntp.client.example"), idp.clockSync());
        assertTrue(idp.extraClaims().isEmpty());
        assertEquals(0, idp.jwkSet().orElseThrow().getKeys().size());
        ServiceProviderTerms sp = doc.serviceProvider();
        assertEquals("https://app.client.example", sp.id());
        assertEquals("app-client", sp.clientId());
        assertTrue(sp.mutualTls());
        CertificateBindingTerms cert = sp.certificate().orElseThrow();
        assertEquals(Optional.of("CN=app,O=Client"), cert.subjectDn());
        assertEquals(Optional.of("CN=Client CA"), cert.issuerDn());
        assertEquals(Optional.empty(), cert.sha256());
        DataProviderTerms dp = doc.dataProvider();
        assertEquals("https://rise.provider.example", dp.serviceId());
        assertEquals(Optional.of("https://rise.provider.example/interops/api"), dp.baseUrl());
        assertEquals(120, dp.allowedClockSkewSeconds());
        assertEquals(List.of(), dp.certificateChain());
    }

    @Test
    void exampleOfTheContractFileReadsAsBytes() throws Exception {
        ConventionReadResult r = ConventionDocumentReader.read(Documents.contractExampleFile());
        assertTrue(r.isValid(), r::describe);
        assertEquals(valid(example()), r.document().orElseThrow(), "the copy in Documents matches CONTRACT.md");
    }

    @Test
    void tenMistakesAreAllListedWithTheirFields() {
        JsonObject doc = example();
        doc = with(doc, "id", "-not an id");
        doc = with(doc, "status", "pending");
        doc = withJson(doc, "defaultScopes", "[\"urn:cnaf:rise:1.0:delete\"]");
        doc = with(doc, "identityProvider.issuer", "http://idp.client.example/interops");
        doc = with(doc, "identityProvider.tokenLifetimeSeconds", 0);
        doc = withJson(doc, "identityProvider.signatureAlgorithms", "[\"ES256\",\"HS256\"]");
        doc = withJson(doc, "identityProvider.extraClaims", "{\"siret\":\"123\",\"sub\":\"someone\"}");
        doc = with(doc, "serviceProvider.colour", "blue");
        doc = withJson(doc, "serviceProvider.reverseProxyIps", "[\"10.0.0.1\",\"proxy.client.example\"]");
        doc = with(doc, "dataProvider.allowedClockSkewSeconds", 601);

        List<Problem> problems = problems(doc);
        assertEquals(
                List.of(
                        "id",
                        "status",
                        "defaultScopes[0]",
                        "identityProvider.issuer",
                        "identityProvider.tokenLifetimeSeconds",
                        "identityProvider.signatureAlgorithms[1]",
                        "identityProvider.extraClaims.sub",
                        "serviceProvider.colour",
                        "serviceProvider.reverseProxyIps[1]",
                        "dataProvider.allowedClockSkewSeconds"),
                problems.stream().map(Problem::field).toList(),
                problems::toString);
        problems.forEach(p -> assertFalse(p.message().isBlank()));
    }

    @Test
    void emptyObjectListsEveryRequiredField() {
        List<Problem> problems = problems(JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(
                Set.of(
                        "id",
                        "version",
                        "environment",
                        "status",
                        "scopes",
                        "identityProvider",
                        "serviceProvider",
                        "dataProvider"),
                fields(problems));
        problems.forEach(p -> assertEquals("is required", p.message()));
    }

    @Test
    void requiredSectionFieldsAreNamed() {
        JsonObject doc = withJson(example(), "identityProvider", "{}");
        doc = withJson(doc, "serviceProvider", "{}");
        doc = withJson(doc, "dataProvider", "{}");
        assertEquals(
                Set.of(
                        "identityProvider.issuer",
                        "identityProvider.tokenLifetimeSeconds",
                        "identityProvider.signatureAlgorithms",
                        "identityProvider.clientAuthentication",
                        "serviceProvider.id",
                        "serviceProvider.clientId",
                        "dataProvider.serviceId"),
                fields(problems(doc)));
    }

    @Test
    void nullForARequiredFieldIsNamed() {
        Problem p = onlyProblem(with(example(), "id", JsonValue.NULL), "id");
        assertEquals("is required and must not be null", p.message());
    }

    @Test
    void unknownFieldsAreNamedAtEveryLevel() {
        JsonObject doc = with(example(), "comment", "hello");
        doc = with(doc, "identityProvider.audience", "x");
        doc = with(doc, "serviceProvider.certificate.serialNumber", "01");
        doc = with(doc, "dataProvider.Baseurl", "https://x.example");
        List<Problem> problems = problems(doc);
        assertEquals(
                Set.of(
                        "comment",
                        "identityProvider.audience",
                        "serviceProvider.certificate.serialNumber",
                        "dataProvider.Baseurl"),
                fields(problems));
        Problem nested = problems.stream()
                .filter(p -> p.field().endsWith("serialNumber"))
                .findFirst()
                .orElseThrow();
        assertTrue(nested.message().contains("unknown field 'serialNumber'"), nested::toString);
        assertTrue(nested.message().contains("serviceProvider.certificate"), nested::toString);
    }

    @Test
    void wrongJsonTypesAreNamed() {
        JsonObject doc = with(example(), "scopes", "urn:cnaf:rise:1.0:read");
        doc = with(doc, "singleUse", "no");
        doc = with(doc, "identityProvider.tokenLifetimeSeconds", "600");
        doc = withJson(doc, "serviceProvider", "[]");
        doc = withJson(doc, "dataProvider.reverseProxyIps", "[10]");
        doc = with(doc, "version", JsonValue.TRUE);
        List<Problem> problems = problems(doc);
        assertEquals(
                Set.of(
                        "scopes",
                        "singleUse",
                        "identityProvider.tokenLifetimeSeconds",
                        "serviceProvider",
                        "dataProvider.reverseProxyIps[0]",
                        "version"),
                fields(problems),
                problems::toString);
        assertTrue(problems.contains(new Problem("scopes", "must be an array, not a string")));
        assertTrue(problems.contains(new Problem("singleUse", "must be true or false, not a string")));
        assertTrue(problems.contains(
                new Problem("identityProvider.tokenLifetimeSeconds", "must be an integer, not a string")));
        assertTrue(problems.contains(new Problem("serviceProvider", "must be an object, not an array")));
        assertTrue(problems.contains(new Problem("dataProvider.reverseProxyIps[0]", "must be a string, not a number")));
        assertTrue(problems.contains(new Problem("version", "must be a string, not a boolean")));
    }

    @Test
    void duplicateMembersAreRefused() {
        String text = Documents.CONTRACT_EXAMPLE.replace(
                "\"id\": \"cnaf-rise-prod\",", "\"id\": \"cnaf-rise-prod\", \"id\": \"other\",");
        ConventionReadResult r = ConventionDocumentReader.read(text.getBytes(StandardCharsets.UTF_8));
        assertFalse(r.isValid());
        assertEquals(List.of(new Problem("id", "member 'id' appears more than once in the same object")), r.problems());

        String nested = Documents.CONTRACT_EXAMPLE.replace(
                "\"tokenLifetimeSeconds\": 600,", "\"tokenLifetimeSeconds\": 600, \"tokenLifetimeSeconds\": 86400,");
        r = ConventionDocumentReader.read(nested.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "identityProvider.tokenLifetimeSeconds", r.problems().get(0).field());
    }

    @Test
    void notJsonNotUtf8TooLargeAndNotAnObjectAreRefused() {
        assertEquals(
                "$",
                ConventionDocumentReader.read("{\"id\":".getBytes(StandardCharsets.UTF_8))
                        .problems()
                        .get(0)
                        .field());
        assertTrue(ConventionDocumentReader.read(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'})
                .problems()
                .get(0)
                .message()
                .contains("UTF-8"));
        assertTrue(ConventionDocumentReader.read("[]".getBytes(StandardCharsets.UTF_8))
                .problems()
                .get(0)
                .message()
                .contains("JSON object"));
        byte[] big = new byte[ConventionDocumentReader.MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertTrue(
                ConventionDocumentReader.read(big).problems().get(0).message().contains("1 MiB"));
        assertFalse(ConventionDocumentReader.read((byte[]) null).isValid());
        assertFalse(ConventionDocumentReader.read((JsonObject) null).isValid());
    }

    @Test
    void identifierRules() {
        assertTrue(ConventionDocumentReader.read(with(example(), "id", "a")).isValid());
        assertTrue(ConventionDocumentReader.read(with(example(), "id", "A1._-" + "x".repeat(59)))
                .isValid());
        onlyProblem(with(example(), "id", "x".repeat(65)), "id");
        onlyProblem(with(example(), "id", "_x"), "id");
        onlyProblem(with(example(), "id", "a/b"), "id");
        onlyProblem(with(example(), "id", ""), "id");
        onlyProblem(with(example(), "version", ""), "version");
        onlyProblem(with(example(), "version", "1".repeat(33)), "version");
        onlyProblem(with(example(), "version", "1.0 beta"), "version");
        onlyProblem(with(example(), "version", "1.0é"), "version");
        assertTrue(ConventionDocumentReader.read(with(example(), "version", "v2.1-rc+1"))
                .isValid());
        onlyProblem(with(example(), "environment", "pré-prod"), "environment");
        onlyProblem(with(example(), "environment", "e".repeat(33)), "environment");
        onlyProblem(with(example(), "status", "ACTIVE"), "status");
        for (ConventionStatus s : ConventionStatus.values()) {
            assertEquals(s, valid(with(example(), "status", s.jsonName())).status());
        }
        onlyProblem(with(example(), "requiredAcr", "eidas4"), "requiredAcr");
        assertEquals(
                Optional.of(AuthenticationLevel.EIDAS2),
                valid(with(example(), "requiredAcr", "eidas2")).requiredAcr());
        assertEquals(Optional.empty(), valid(without(example(), "requiredAcr")).requiredAcr());
        onlyProblem(with(example(), "serviceProvider.clientId", "app client"), "serviceProvider.clientId");
        assertTrue(ConventionDocumentReader.read(with(example(), "serviceProvider.clientId", "urn:app:1.0_x-y"))
                .isValid());
        onlyProblem(with(example(), "serviceProvider.id", "app.client.example"), "serviceProvider.id");
        onlyProblem(with(example(), "serviceProvider.id", "https://app.example/#x"), "serviceProvider.id");
        assertTrue(ConventionDocumentReader.read(with(example(), "serviceProvider.id", "urn:client:app"))
                .isValid());
        onlyProblem(with(example(), "dataProvider.serviceId", "/rise"), "dataProvider.serviceId");
        onlyProblem(
                with(example(), "dataProvider.baseUrl", "http://rise.provider.example/api"), "dataProvider.baseUrl");
        onlyProblem(with(example(), "serviceProvider.clockSync", "n".repeat(257)), "serviceProvider.clockSync");
    }

    @Test
    void scopeRules() {
        onlyProblem(withJson(withJson(example(), "scopes", "[]"), "defaultScopes", "[]"), "scopes");
        JsonObject doc = withJson(
                example(),
                "scopes",
                "[\"urn:cnaf:rise:1.0:read\",\"has space\",\"quote\\\"\",\"back\\\\slash\",\"\",\"urn:cnaf:rise:1.0:read\"]");
        List<Problem> problems = problems(doc);
        assertEquals(
                List.of("scopes[1]", "scopes[2]", "scopes[3]", "scopes[4]", "scopes[5]"),
                problems.stream().map(Problem::field).toList(),
                problems::toString);
        assertTrue(problems.get(0).message().contains("IR-16"));
        assertTrue(problems.get(4).message().contains("listed twice"));
        List<Problem> tooLong =
                problems(withJson(example(), "scopes", "[\"urn:cnaf:rise:1.0:read\",\"" + "s".repeat(257) + "\"]"));
        assertEquals(
                List.of(new Problem(
                        "scopes[1]", "'" + "s".repeat(77) + "...' must be 1 to 256 characters long (IR-16)")),
                tooLong);
        assertTrue(ConventionDocumentReader.read(withJson(
                        example(),
                        "scopes",
                        "[\"urn:cnaf:rise:1.0:read\",\"https://rise.provider.example/scopes/write\",\"!#[]~\"]"))
                .isValid());
    }

    @Test
    void defaultScopeNotInScopesIsRefused() {
        Problem p = onlyProblem(
                withJson(example(), "defaultScopes", "[\"urn:cnaf:rise:1.0:read\",\"urn:cnaf:rise:2.0:read\"]"),
                "defaultScopes[1]");
        assertEquals("'urn:cnaf:rise:2.0:read' is not one of the convention's scopes", p.message());
        onlyProblem(
                withJson(example(), "defaultScopes", "[\"urn:cnaf:rise:1.0:read\",\"urn:cnaf:rise:1.0:read\"]"),
                "defaultScopes[1]");
        assertEquals(
                List.of(), valid(withJson(example(), "defaultScopes", "[]")).defaultScopes());
    }

    @Test
    void defaultsAreFilledIn() {
        JsonObject doc = without(example(), "defaultScopes");
        doc = without(doc, "singleUse");
        doc = without(doc, "requiredAcr");
        doc = without(doc, "identityProvider.tokenUrl");
        doc = without(doc, "identityProvider.clockSync");
        doc = without(doc, "identityProvider.extraClaims");
        doc = without(doc, "identityProvider.jwks");
        doc = without(doc, "serviceProvider.mutualTls");
        doc = without(doc, "serviceProvider.certificate");
        doc = without(doc, "serviceProvider.reverseProxyIps");
        doc = without(doc, "dataProvider.allowedClockSkewSeconds");
        doc = with(doc, "dataProvider.baseUrl", JsonValue.NULL);
        ConventionDocument d = valid(doc);
        assertEquals(List.of(), d.defaultScopes());
        assertFalse(d.singleUse());
        assertFalse(d.serviceProvider().mutualTls());
        assertEquals(
                DataProviderTerms.DEFAULT_ALLOWED_CLOCK_SKEW_SECONDS,
                d.dataProvider().allowedClockSkewSeconds());
        JsonObject json = d.toJson();
        assertEquals(JsonValue.NULL, json.get("requiredAcr"));
        assertEquals(JsonValue.FALSE, json.get("singleUse"));
        assertEquals(0, json.getJsonArray("defaultScopes").size());
        JsonObject idp = json.getJsonObject("identityProvider");
        assertEquals(JsonValue.NULL, idp.get("tokenUrl"));
        assertEquals(JsonValue.NULL, idp.get("clockSync"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, idp.get("extraClaims"));
        assertEquals(JsonValue.NULL, idp.get("jwks"));
        JsonObject sp = json.getJsonObject("serviceProvider");
        assertEquals(JsonValue.FALSE, sp.get("mutualTls"));
        assertEquals(JsonValue.NULL, sp.get("certificate"));
        assertEquals(0, sp.getJsonArray("reverseProxyIps").size());
        assertEquals(120, json.getJsonObject("dataProvider").getInt("allowedClockSkewSeconds"));
        assertEquals(JsonValue.NULL, json.getJsonObject("dataProvider").get("baseUrl"));
    }

    @Test
    void clockSkewBounds() {
        assertEquals(
                0,
                valid(with(example(), "dataProvider.allowedClockSkewSeconds", 0))
                        .dataProvider()
                        .allowedClockSkewSeconds());
        assertEquals(
                600,
                valid(with(example(), "dataProvider.allowedClockSkewSeconds", 600))
                        .dataProvider()
                        .allowedClockSkewSeconds());
        onlyProblem(
                with(example(), "dataProvider.allowedClockSkewSeconds", -1), "dataProvider.allowedClockSkewSeconds");
        onlyProblem(
                withJson(example(), "dataProvider.allowedClockSkewSeconds", "1.5"),
                "dataProvider.allowedClockSkewSeconds");
        onlyProblem(
                withJson(example(), "dataProvider.allowedClockSkewSeconds", "1e999999999"),
                "dataProvider.allowedClockSkewSeconds");
    }

    @Test
    void tlsClientAuthWithoutMutualTlsIsAllowed() {
        JsonObject doc = with(example(), "serviceProvider.mutualTls", JsonValue.FALSE);
        assertEquals(
                ClientAuthentication.TLS_CLIENT_AUTH,
                valid(doc).identityProvider().clientAuthentication());
        doc = with(example(), "identityProvider.clientAuthentication", "client_secret_basic");
        assertEquals(
                ClientAuthentication.CLIENT_SECRET_BASIC,
                valid(doc).identityProvider().clientAuthentication());
        onlyProblem(
                with(example(), "identityProvider.clientAuthentication", "private_key_jwt"),
                "identityProvider.clientAuthentication");
    }

    @Test
    void certificateBindingRules() {
        Problem p = onlyProblem(
                withJson(
                        example(),
                        "serviceProvider.certificate",
                        "{\"subjectDn\":null,\"issuerDn\":\"CN=Client CA\",\"sha256\":null}"),
                "serviceProvider.certificate");
        assertTrue(p.message().contains("subjectDn or a sha256"));
        onlyProblem(withJson(example(), "serviceProvider.certificate", "{}"), "serviceProvider.certificate");
        Problem subjectAlone = onlyProblem(
                withJson(
                        example(),
                        "serviceProvider.certificate",
                        "{\"subjectDn\":\"CN=app,O=Client\",\"issuerDn\":null,\"sha256\":null}"),
                "serviceProvider.certificate.issuerDn");
        assertTrue(subjectAlone.message().contains("issuerDn"), subjectAlone.message());
        onlyProblem(
                with(example(), "serviceProvider.certificate.subjectDn", "just a name"),
                "serviceProvider.certificate.subjectDn");
        onlyProblem(
                with(example(), "serviceProvider.certificate.issuerDn", "CN"), "serviceProvider.certificate.issuerDn");
        onlyProblem(with(example(), "serviceProvider.certificate.sha256", "abc"), "serviceProvider.certificate.sha256");
        onlyProblem(
                with(example(), "serviceProvider.certificate.sha256", "g".repeat(64)),
                "serviceProvider.certificate.sha256");
        String colons = String.join(":", Collections.nCopies(32, "AB"));
        CertificateBindingTerms c = valid(
                        withJson(example(), "serviceProvider.certificate", "{\"sha256\":\"" + colons + "\"}"))
                .serviceProvider()
                .certificate()
                .orElseThrow();
        assertEquals(Optional.of("ab".repeat(32)), c.sha256Hex());
        assertEquals(Optional.empty(), c.subjectDn());
        CertificateBindingTerms dn =
                valid(example()).serviceProvider().certificate().orElseThrow();
        assertEquals(new X500Principal("CN=app, O=Client"), dn.subject().orElseThrow());
        assertEquals(
                Optional.empty(),
                valid(with(example(), "serviceProvider.certificate", JsonValue.NULL))
                        .serviceProvider()
                        .certificate());
    }

    @Test
    void reverseProxyIpsMustBeLiterals() {
        JsonObject doc = withJson(example(), "serviceProvider.reverseProxyIps", "[\"192.0.2.10\",\"2001:db8::10\"]");
        doc = withJson(doc, "dataProvider.reverseProxyIps", "[\"::ffff:198.51.100.7\"]");
        ConventionDocument d = valid(doc);
        assertEquals(List.of("192.0.2.10", "2001:db8::10"), d.serviceProvider().reverseProxyIps());
        assertEquals(List.of("::ffff:198.51.100.7"), d.dataProvider().reverseProxyIps());
        List<Problem> problems = problems(withJson(
                example(), "dataProvider.reverseProxyIps", "[\"localhost\",\"10.0.0.0/8\",\"[::1]\",\"256.0.0.1\"]"));
        assertEquals(4, problems.size(), problems::toString);
    }

    @Test
    void problemsRenderAsFieldAndMessage() {
        ConventionReadResult r =
                ConventionDocumentReader.read(with(example(), "identityProvider.tokenLifetimeSeconds", 0));
        assertEquals(
                "identityProvider.tokenLifetimeSeconds: is 0; it must be between 1 and 86400 seconds: a VI must"
                        + " expire, and not later than a day after issue (IR-10, IR-20)",
                r.describe());
        assertEquals("OK", ConventionDocumentReader.read(example()).describe());
    }
}
