package fr.interopsr.convention.document;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test documents: the CONTRACT.md example and ways to change one member of it. */
final class Documents {

    /** The example of CONTRACT.md "Convention document", copied. */
    static final String CONTRACT_EXAMPLE = """
            {
              "id": "cnaf-rise-prod",
              "version": "1.0",
              "environment": "prod",
              "status": "active",
              "requiredAcr": null,
              "scopes": ["urn:cnaf:rise:1.0:read", "urn:cnaf:rise:1.0:write"],
              "defaultScopes": ["urn:cnaf:rise:1.0:read"],
              "singleUse": false,
              "identityProvider": {
                "issuer": "https://idp.client.example/interops",
                "tokenLifetimeSeconds": 600,
                "signatureAlgorithms": ["ES256"],
                "tokenUrl": "https://idp.client.example/interops/idp/token",
                "clientAuthentication": "tls_client_auth",
                "clockSync": "ntp.client.example",
                "extraClaims": {},
                "jwks": {"keys": []}
              },
              "serviceProvider": {
                "id": "https://app.client.example",
                "clientId": "app-client",
                "mutualTls": true,
                "certificate": {"subjectDn": "CN=app,O=Client", "issuerDn": "CN=Client CA", "sha256": null},
                "reverseProxyIps": [],
                "clockSync": "ntp.client.example"
              },
              "dataProvider": {
                "serviceId": "https://rise.provider.example",
                "baseUrl": "https://rise.provider.example/interops/api",
                "reverseProxyIps": [],
                "certificateChainPem": null,
                "allowedClockSkewSeconds": 120,
                "clockSync": "ntp.provider.example"
              }
            }
            """;

    private Documents() {}

    static JsonObject example() {
        return json(CONTRACT_EXAMPLE);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The ```json block under "## Convention document" in the shared CONTRACT.md, when the file is there. */
    static Optional<String> exampleFromSharedContract() throws IOException {
        String dir = System.getProperty("interops.shared.dir", "../shared");
        Path contract = Path.of(dir, "CONTRACT.md");
        if (!Files.isRegularFile(contract)) {
            return Optional.empty();
        }
        String text = Files.readString(contract, StandardCharsets.UTF_8);
        int section = text.indexOf("## Convention document");
        if (section < 0) {
            return Optional.empty();
        }
        int start = text.indexOf("```json", section);
        int end = text.indexOf("```", start + 7);
        return start < 0 || end < 0 ? Optional.empty() : Optional.of(text.substring(start + 7, end));
    }

    /** {@code doc} with the member at the dotted {@code path} set to {@code value} (null: removed). */
    static JsonObject with(JsonObject doc, String path, JsonValue value) {
        int dot = path.indexOf('.');
        JsonObjectBuilder b = Json.createObjectBuilder(doc);
        if (dot < 0) {
            if (value == null) {
                b.remove(path);
            } else {
                b.add(path, value);
            }
            return b.build();
        }
        String head = path.substring(0, dot);
        return b.add(head, with(doc.getJsonObject(head), path.substring(dot + 1), value))
                .build();
    }

    static JsonObject with(JsonObject doc, String path, String value) {
        return with(doc, path, Json.createValue(value));
    }

    static JsonObject with(JsonObject doc, String path, int value) {
        return with(doc, path, Json.createValue(value));
    }

    static JsonObject withJson(JsonObject doc, String path, String jsonText) {
        return with(doc, path, Json.createReader(new StringReader(jsonText)).readValue());
    }

    static JsonObject without(JsonObject doc, String path) {
        return with(doc, path, (JsonValue) null);
    }
}
