package fr.interopsr.convention.document;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

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

    /**
     * The example of CONTRACT.md's "## Convention document" section (the project's external contract), as
     * bytes: the test resource {@code contract/convention-document-example.json} is that ```json block copied
     * verbatim, so that the test runs in any clone.
     */
    static byte[] contractExampleFile() throws IOException {
        try (InputStream in = Documents.class.getResourceAsStream("/contract/convention-document-example.json")) {
            if (in == null) {
                throw new FileNotFoundException("test resource /contract/convention-document-example.json");
            }
            return in.readAllBytes();
        }
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
