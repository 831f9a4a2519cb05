package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.interopsr.admin.console.ConventionFields.Field;
import fr.interopsr.admin.console.ConventionFields.Kind;
import fr.interopsr.admin.console.ConventionForm.Checked;
import fr.interopsr.admin.console.ConventionForm.Placed;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionReadResult;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.json.CanonicalJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convention form without a container (issue 18 §1): a document to the form's fields, posted back as a browser
 * posts them, gives a document of equal canonical JSON (the demo conventions, and documents that use every member);
 * blank optional fields are absent or null, never {@code ""}; every problem of the reader lands at its field and row;
 * bad input (not a number, not JSON) is a problem, never an exception.
 */
class ConventionFormTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    static Stream<Path> demoConventions() throws IOException {
        return Files.list(Path.of("..", "server-config", "dev", "conventions"))
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("demoConventions")
    void aDemoConventionGoesThroughTheFormUnchanged(Path file) throws IOException {
        roundTrip(Files.readString(file));
    }

    @Test
    void aDocumentUsingEveryMemberGoesThroughTheFormUnchanged() throws Exception {
        roundTrip(everyMember(true).toString());
        roundTrip(everyMember(false).toString());
    }

    /** Both views save documents of equal canonical JSON: the form's JSON is the reader's normal form. */
    private static void roundTrip(String json) {
        ConventionReadResult original = ConventionDocumentReader.read(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(original.isValid(), original.describe());
        ConventionDocument document = original.document().orElseThrow();

        ConventionForm form = ConventionForm.of(parse(json));
        ConventionForm posted = ConventionForm.fromSubmission(asBrowserPosts(form));
        Checked checked = posted.check();
        assertTrue(checked.valid(), checked.problems().toString());
        assertEquals(
                CanonicalJson.write(document.toJson()),
                CanonicalJson.write(checked.document().orElseThrow().toJson()));
        assertEquals(
                CanonicalJson.write(document.toJson()),
                CanonicalJson.write(checked.json()),
                "the form writes the document as the reader's normal form");
        assertEquals(document, checked.document().orElseThrow());
    }

    /** What a browser posts for the form: the rows, ticked boxes only, text areas with CRLF line ends. */
    static Map<String, List<String>> asBrowserPosts(ConventionForm form) {
        Map<String, List<String>> posted = new LinkedHashMap<>();
        posted.put("csrf", List.of("t"));
        for (Field f : ConventionFields.FIELDS) {
            switch (f.kind()) {
                case LIST -> posted.put(f.key(), form.rows(f.key()));
                case CHECKBOX -> {
                    if (form.checked(f.key())) {
                        posted.put(f.key(), List.of("true"));
                    }
                }
                case JSON, MULTILINE ->
                    posted.put(f.key(), List.of(form.value(f.key()).replace("\n", "\r\n")));
                default -> posted.put(f.key(), List.of(form.value(f.key())));
            }
        }
        form.uploads().forEach((group, handle) -> posted.put(ConventionForm.UPLOAD_PREFIX + group, List.of(handle)));
        return posted;
    }

    /** A document with every member the reader knows (userAuthentication with inline keys or with a URL). */
    static JsonObject everyMember(boolean inlineKeys) throws Exception {
        String pem = pem(certificate("CN=dp.example,O=Provider", true));
        var jwks = Json.createReader(new StringReader("{\"keys\":["
                        + new ECKeyGenerator(Curve.P_256)
                                .keyID("k1")
                                .generate()
                                .toPublicJWK()
                                .toJSONString()
                        + "]}"))
                .readObject();
        var user = Json.createObjectBuilder()
                .add("issuer", "https://op.example/realms/x")
                .add("audiences", Json.createArrayBuilder().add("aud-1").add("aud-2"))
                .add("subjectClaim", "preferred_username")
                .add(
                        "acrValues",
                        Json.createObjectBuilder().add("loa-high", "eidas3").add("loa-low", "eidas1"))
                .add("maxAuthenticationAgeSeconds", 3600);
        if (inlineKeys) {
            user.add("jwks", jwks).addNull("jwksUri");
        } else {
            user.addNull("jwks").add("jwksUri", "https://op.example/keys");
        }
        return Json.createObjectBuilder()
                .add("id", "every-member")
                .add("version", "2.1")
                .add("environment", "qualif")
                .add("status", "suspended")
                .add("requiredAcr", "eidas2")
                .add("scopes", Json.createArrayBuilder().add("urn:x:1.0:read").add("urn:x:1.0:write"))
                .add("defaultScopes", Json.createArrayBuilder().add("urn:x:1.0:write"))
                .add("singleUse", true)
                .add(
                        "identityProvider",
                        Json.createObjectBuilder()
                                .add("issuer", "https://idp.example/interops")
                                .add("tokenLifetimeSeconds", 900)
                                .add(
                                        "signatureAlgorithms",
                                        Json.createArrayBuilder().add("PS256").add("ES256"))
                                .add("tokenUrl", "https://idp.example/interops/idp/token")
                                .add("clientAuthentication", "tls_client_auth")
                                .add("clockSync", "ntp.idp.example")
                                .add(
                                        "extraClaims",
                                        Json.createObjectBuilder()
                                                .add("organisation", "Org \"X\"\n<b>")
                                                .add(
                                                        "nested",
                                                        Json.createObjectBuilder()
                                                                .add("n", 1.5)))
                                .add("jwks", jwks)
                                .add("certificateBoundVi", true)
                                .add("userAuthentication", user))
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder()
                                .add("id", "https://app.example/a")
                                .add("clientId", "client:1")
                                .add("mutualTls", true)
                                .add(
                                        "certificate",
                                        Json.createObjectBuilder()
                                                .add("subjectDn", "CN=app,O=Client")
                                                .add("issuerDn", "CN=Client CA")
                                                .add("sha256", "AB:".repeat(31) + "AB"))
                                .add(
                                        "reverseProxyIps",
                                        Json.createArrayBuilder()
                                                .add("10.0.0.1")
                                                .add("2001:db8::1"))
                                .add("clockSync", "ntp.app.example"))
                .add(
                        "dataProvider",
                        Json.createObjectBuilder()
                                .add("serviceId", "urn:service:dp")
                                .add("baseUrl", "https://dp.example/api")
                                .add(
                                        "reverseProxyIps",
                                        Json.createArrayBuilder().add("192.168.1.2"))
                                .add("certificateChainPem", pem)
                                .add("allowedClockSkewSeconds", 0)
                                .add("clockSync", "ntp.dp.example")
                                .add(
                                        "introspectionCertificate",
                                        Json.createObjectBuilder()
                                                .addNull("subjectDn")
                                                .addNull("issuerDn")
                                                .add("sha256", "0".repeat(64))))
                .build();
    }

    // ------------------------------------------------------------------ blank fields

    @Test
    void blankOptionalFieldsAreNullOrAbsentNeverEmptyStrings() throws Exception {
        ConventionForm form = ConventionForm.of(everyMember(true))
                .with("identityProvider.tokenUrl", "")
                .with("identityProvider.clockSync", "  ")
                .with("identityProvider.extraClaims", "")
                .with("identityProvider.jwks", "")
                .with("requiredAcr", "")
                .with("dataProvider.certificateChainPem", "")
                .with("dataProvider.allowedClockSkewSeconds", "")
                .with("dataProvider.baseUrl", "")
                .with("serviceProvider.certificate.subjectDn", "")
                .with("serviceProvider.certificate.issuerDn", "")
                .with("serviceProvider.certificate.sha256", "")
                .with("dataProvider.introspectionCertificate.sha256", "")
                .with("identityProvider.userAuthentication.subjectClaim", "");
        for (String user : List.of("issuer", "jwks", "acrValues", "maxAuthenticationAgeSeconds")) {
            form = form.with("identityProvider.userAuthentication." + user, "");
        }
        while (!form.rows("identityProvider.userAuthentication.audiences").isEmpty()) {
            form = form.withRowRemoved("identityProvider.userAuthentication.audiences", 0);
        }
        JsonObject json = form.json().json();
        JsonObject idp = json.getJsonObject("identityProvider");
        assertEquals(JsonValue.NULL, json.get("requiredAcr"));
        assertEquals(JsonValue.NULL, idp.get("tokenUrl"));
        assertEquals(JsonValue.NULL, idp.get("clockSync"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, idp.get("extraClaims"));
        assertEquals(JsonValue.NULL, idp.get("jwks"));
        assertFalse(idp.containsKey("userAuthentication"), "no token exchange: the member is absent");
        assertEquals(JsonValue.NULL, json.getJsonObject("serviceProvider").get("certificate"));
        JsonObject dp = json.getJsonObject("dataProvider");
        assertEquals(JsonValue.NULL, dp.get("certificateChainPem"));
        assertEquals(JsonValue.NULL, dp.get("baseUrl"));
        assertFalse(dp.containsKey("allowedClockSkewSeconds"), "blank: the reader's default");
        assertFalse(dp.containsKey("introspectionCertificate"));
        assertFalse(json.toString().contains("\"\""), json.toString());

        Checked checked = form.check();
        assertTrue(checked.valid(), checked.problems().toString());
        assertEquals(120, checked.document().orElseThrow().dataProvider().allowedClockSkewSeconds());
    }

    @Test
    void anUntickedCertificateBoundViIsLeftOutAndTickedBoxesAreTrue() throws Exception {
        ConventionForm form = ConventionForm.fromSubmission(Map.of("singleUse", List.of("true")));
        JsonObject json = form.json().json();
        assertEquals(JsonValue.TRUE, json.get("singleUse"));
        assertEquals(JsonValue.FALSE, json.getJsonObject("serviceProvider").get("mutualTls"));
        assertFalse(json.getJsonObject("identityProvider").containsKey("certificateBoundVi"));
    }

    // ------------------------------------------------------------------ problems at their fields

    @Test
    void everyProblemIsPlacedAtItsFieldAndRow() throws Exception {
        ConventionForm form = ConventionForm.of(parse(demo("demo-beneficiaries-basic.json")))
                .with("identityProvider.tokenLifetimeSeconds", "ten minutes")
                .with("identityProvider.jwks", "{\"keys\": [")
                .with("identityProvider.extraClaims", "{\"sub\": \"x\"}")
                .with("dataProvider.allowedClockSkewSeconds", "1.5")
                .with("serviceProvider.certificate.subjectDn", "CN=app")
                .with("id", "");
        // a blank row first: the bad algorithm is element 1 of the JSON array but row 2 of the form
        form = form.withRowAdded("identityProvider.signatureAlgorithms")
                .withRowAdded("identityProvider.signatureAlgorithms");
        Map<String, List<String>> posted = asBrowserPosts(form);
        posted.put("identityProvider.signatureAlgorithms", List.of("ES256", "", "HS256"));
        posted.put("defaultScopes", List.of("urn:not:a:scope"));
        Checked checked = ConventionForm.fromSubmission(posted).check();

        assertFalse(checked.valid());
        assertTrue(checked.document().isEmpty());
        assertEquals(
                1,
                checked.at("identityProvider.tokenLifetimeSeconds", -1).size(),
                checked.problems().toString());
        assertTrue(message(checked, "identityProvider.tokenLifetimeSeconds", -1)
                .contains("'ten minutes' is not a whole number"));
        assertEquals(1, checked.at("identityProvider.jwks", -1).size(), "one problem, not one per cause");
        assertTrue(message(checked, "identityProvider.jwks", -1).contains("is not valid JSON"));
        assertTrue(message(checked, "identityProvider.extraClaims", -1).contains("registered VI claim"));
        assertTrue(message(checked, "dataProvider.allowedClockSkewSeconds", -1).contains("whole number"));
        assertTrue(message(checked, "identityProvider.signatureAlgorithms", 2).contains("HS256"));
        assertTrue(checked.at("identityProvider.signatureAlgorithms", 1).isEmpty(), "the blank row is not at fault");
        assertTrue(message(checked, "defaultScopes", 0).contains("not one of the convention's scopes"));
        assertTrue(message(checked, "serviceProvider.certificate.issuerDn", -1).contains("issuerDn"));
        assertTrue(message(checked, "id", -1).contains("is required"));
        assertTrue(checked.problems().stream().allMatch(p -> p.key() != null), "every problem has its field");
        List<String> order =
                checked.problems().stream().map(Placed::key).distinct().toList();
        assertEquals("id", order.get(0), "in the order of the page: " + order);
        assertTrue(
                order.indexOf("defaultScopes") < order.indexOf("identityProvider.tokenLifetimeSeconds"),
                order.toString());
        assertTrue(
                order.indexOf("identityProvider.jwks") < order.indexOf("serviceProvider.certificate.issuerDn"),
                order.toString());
    }

    @Test
    void aProblemPathGoesToTheLongestFieldOrGroup() {
        Map<String, List<Integer>> rows = Map.of("scopes", List.of(0, 2, 3));
        assertPlaced("identityProvider.jwks", -1, "identityProvider.jwks.keys[0].kty", rows);
        assertPlaced("scopes", 2, "scopes[1]", rows);
        assertPlaced("scopes", -1, "scopes[7]", rows);
        assertPlaced("scopes", -1, "scopes", rows);
        assertPlaced("identityProvider.userAuthentication", -1, "identityProvider.userAuthentication", rows);
        assertPlaced(
                "identityProvider.userAuthentication.acrValues",
                -1,
                "identityProvider.userAuthentication.acrValues.x",
                rows);
        assertPlaced("serviceProvider.certificate", -1, "serviceProvider.certificate", rows);
        assertPlaced("identityProvider", -1, "identityProvider.colour", rows);
        assertPlaced("identityProvider.issuer", -1, "identityProvider.issuer", rows);
        assertPlaced(null, -1, "$", rows);
        assertPlaced(null, -1, "colour", rows);
        assertPlaced("id", -1, "id", rows);
    }

    private static void assertPlaced(String key, int row, String path, Map<String, List<Integer>> rows) {
        Placed p = ConventionForm.place(new fr.interopsr.convention.document.Problem(path, "m"), rows);
        assertEquals(key, p.key(), path);
        assertEquals(row, p.row(), path);
    }

    @Test
    void whateverIsPostedTheFormNeverThrows() {
        List<String> odd = List.of(
                "",
                " ",
                "-",
                "1e999999",
                "99999999999999999999999999999999999999999999",
                "null",
                "[]",
                "{",
                "\u0000",
                "\"x\"",
                "true",
                "{\"keys\": 5}",
                "1".repeat(300_000));
        for (Field f : ConventionFields.FIELDS) {
            for (String value : odd) {
                Map<String, List<String>> posted = new LinkedHashMap<>();
                posted.put(f.key(), List.of(value, value));
                Checked checked = ConventionForm.fromSubmission(posted).check();
                assertFalse(checked.valid(), f.key() + " = " + value.substring(0, Math.min(20, value.length())));
            }
        }
        assertFalse(ConventionForm.fromSubmission(Map.of()).check().valid());
    }

    // ------------------------------------------------------------------ rows

    @Test
    void rowsAreAddedAndRemovedOnlyInLists() throws Exception {
        ConventionForm form = ConventionForm.of(parse(demo("demo-beneficiaries-mtls.json")));
        assertEquals(2, form.rows("scopes").size());
        ConventionForm added = form.withRowAdded("scopes");
        assertEquals(
                List.of("urn:demo:beneficiaries:1.0:read", "urn:demo:beneficiaries:1.0:write", ""),
                added.rows("scopes"));
        assertEquals(
                List.of("urn:demo:beneficiaries:1.0:write", ""),
                added.withRowRemoved("scopes", 0).rows("scopes"));
        assertEquals(form, form.withRowAdded("id"), "not a list");
        assertEquals(form, form.withRowRemoved("scopes", 9));
        assertEquals(form, form.withRowRemoved("scopes", -1));
        assertEquals(form, form.withRowAdded("no.such.field"));
        ConventionForm full = form;
        for (int i = 0; i < ConventionFields.MAX_ROWS + 5; i++) {
            full = full.withRowAdded("defaultScopes");
        }
        assertEquals(ConventionFields.MAX_ROWS, full.rows("defaultScopes").size());
        // a blank row is not written: the added row changes nothing until it is filled
        assertEquals(
                CanonicalJson.write(form.json().json()),
                CanonicalJson.write(added.json().json()));
    }

    // ------------------------------------------------------------------ the JSON view to the form

    @Test
    void membersWithoutAFieldAreNamed() throws Exception {
        JsonObject doc = Json.createObjectBuilder(parse(demo("demo-beneficiaries-basic.json")))
                .add("colour", "blue")
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(parse(demo("demo-beneficiaries-basic.json"))
                                        .getJsonObject("identityProvider"))
                                .add("shade", 1))
                .add("dataProvider", 5)
                .build();
        assertEquals(List.of("colour", "identityProvider.shade", "dataProvider"), ConventionForm.unknownMembers(doc));
        assertEquals(List.of(), ConventionForm.unknownMembers(everyMember(true)));
    }

    @Test
    void aMemberOfAnotherTypeIsShownAsItsText() {
        JsonObject doc = Json.createObjectBuilder()
                .add("id", 5)
                .add("scopes", Json.createArrayBuilder().add(1).add("a"))
                .add("identityProvider", Json.createObjectBuilder().add("tokenLifetimeSeconds", "300"))
                .build();
        ConventionForm form = ConventionForm.of(doc);
        assertEquals("5", form.value("id"));
        assertEquals(List.of("1", "a"), form.rows("scopes"));
        assertEquals("300", form.value("identityProvider.tokenLifetimeSeconds"));
        assertEquals(300, form.json().json().getJsonObject("identityProvider").getInt("tokenLifetimeSeconds"));
    }

    // ------------------------------------------------------------------ uploads and posts

    @Test
    void pendingUploadsAreBoundedAndNamedByRandomHandles() throws Exception {
        PendingUploads store = new PendingUploads();
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < PendingUploads.MAX + 3; i++) {
            handles.add(store.put("pem " + i));
        }
        assertEquals(PendingUploads.MAX, store.size());
        assertTrue(store.get(handles.get(0)).isEmpty(), "the oldest is dropped");
        assertEquals(
                "pem " + (PendingUploads.MAX + 2),
                store.get(handles.get(handles.size() - 1)).orElseThrow());
        assertTrue(handles.stream().allMatch(PendingUploads::isHandle));
        assertFalse(PendingUploads.isHandle("../x"));
        assertTrue(store.get(null).isEmpty());
        // a handle that is not one is not kept by the form
        assertTrue(ConventionForm.fromSubmission(Map.of("upload.serviceProvider.certificate", List.of("<x>")))
                .uploads()
                .isEmpty());
    }

    @Test
    void anUploadIsOnePemCertificateAndItsFactsAreShown() throws Exception {
        X509Certificate good = certificate("CN=console-client,O=Test", true);
        X509Certificate parsed = PendingUploads.certificate(pem(good).getBytes(StandardCharsets.UTF_8));
        PendingUploads.Shown shown = PendingUploads.shown(parsed, NOW);
        assertEquals("CN=console-client,O=Test", shown.subjectDn());
        assertEquals("CN=Form Test CA", shown.issuerDn());
        assertEquals(64, shown.sha256().length());
        assertEquals(good.getNotAfter().toInstant(), shown.notAfter());
        assertNull(shown.warning());
        assertTrue(PendingUploads.shown(certificate("CN=server", false), NOW)
                .warning()
                .contains("clientAuth"));
        assertThrows(IllegalArgumentException.class, () -> PendingUploads.certificate("not pem".getBytes()));
        assertThrows(
                IllegalArgumentException.class,
                () -> PendingUploads.certificate((pem(good) + pem(good)).getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> PendingUploads.certificate(new byte[70_000]));
    }

    @Test
    void aPostIsReadWithinBounds() throws Exception {
        FormSubmission s = FormSubmission.read(List.of(
                part("csrf", false, "t"),
                part("scopes", false, "a"),
                part("scopes", false, "b"),
                part("file.serviceProvider.certificate", true, "PEM"),
                part("stray", true, "ignored")));
        assertEquals(List.of("a", "b"), s.values().get("scopes"));
        assertEquals("t", s.first("csrf").orElseThrow());
        assertEquals("PEM", new String(s.files().get("serviceProvider.certificate"), StandardCharsets.UTF_8));
        assertFalse(s.values().containsKey("stray"));
        assertThrows(
                FormSubmission.TooLarge.class,
                () -> FormSubmission.read(List.of(part("file.x", true, "x".repeat(FormSubmission.MAX_FILE + 1)))));
        assertThrows(
                FormSubmission.TooLarge.class,
                () -> FormSubmission.read(List.of(part("f", false, "x".repeat(ConventionForm.MAX_VALUE + 1)))));
        List<FormSubmission.Part> many = new ArrayList<>();
        for (int i = 0; i <= FormSubmission.MAX_PARTS; i++) {
            many.add(part("scopes", false, "x"));
        }
        assertThrows(FormSubmission.TooLarge.class, () -> FormSubmission.read(many));
    }

    // ------------------------------------------------------------------ helpers

    private static FormSubmission.Part part(String name, boolean file, String content) {
        return new FormSubmission.Part(name, file, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static String message(Checked checked, String key, int row) {
        List<Placed> here = checked.at(key, row);
        assertFalse(here.isEmpty(), key + "[" + row + "] has no problem; all: " + checked.problems());
        return here.get(0).problem().message();
    }

    private static String demo(String name) throws IOException {
        return Files.readString(Path.of("..", "server-config", "dev", "conventions", name));
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static X509Certificate certificate(String subject, boolean clientAuth) throws Exception {
        DevPki.Ca ca =
                DevPki.createCa("CN=Form Test CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400)));
        return DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        subject,
                        NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(90)),
                        clientAuth,
                        null)
                .certificate();
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void everyFieldAndGroupHasItsLabelAndHelpInBothLanguages() {
        for (String language : Messages.LANGUAGES) {
            Messages m = Messages.of(language);
            for (Field f : ConventionFields.FIELDS) {
                assertTrue(m.has("field." + f.key()), language + " field." + f.key());
                assertTrue(m.has("field." + f.key() + ".help"), language + " field." + f.key() + ".help");
            }
            for (ConventionFields.Group g : ConventionFields.allGroups()) {
                assertTrue(m.has("group." + g.key()), g.key());
                assertTrue(m.has("group." + g.key() + ".help"), g.key());
                if (g.optional()) {
                    assertTrue(m.has("terms.absent." + g.key()), g.key());
                }
            }
        }
        assertTrue(ConventionFields.FIELDS.stream().anyMatch(f -> f.kind() == Kind.MULTILINE));
    }
}
