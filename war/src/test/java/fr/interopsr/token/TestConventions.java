package fr.interopsr.token;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionReadResult;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Convention documents for tests, read by the real {@link ConventionDocumentReader}. */
public final class TestConventions {

    /** The issuer the tests' identity provider calls its own (D-7). */
    public static final String OWN_ISSUER = "https://idp.test.example/interops";

    private TestConventions() {}

    public static Builder builder(String id, String clientId) {
        return new Builder(id, clientId);
    }

    /** Builds the JSON text of a convention, then reads it strictly. */
    public static final class Builder {
        private final String id;
        private final String clientId;
        private String version = "1.0";
        private String environment = "test";
        private String status = "active";
        private List<String> scopes = List.of("urn:test:svc:1.0:read");
        private List<String> defaultScopes = null;
        private String issuer = OWN_ISSUER;
        private int lifetime = 300;
        private int skew = 120;
        private List<String> algorithms = List.of("ES256");
        private String clientAuthentication = "client_secret_basic";
        private String subjectDn;
        private String issuerDn;
        private String sha256;
        private List<String> reverseProxyIps = List.of();
        private String extraClaims = "{}";
        private String spId;
        private String serviceId = "https://dp.test.example/api/v1/svc";
        private boolean certificateBoundVi;
        private String requiredAcr;
        private String userAuthentication;

        private Builder(String id, String clientId) {
            this.id = id;
            this.clientId = clientId;
            this.spId = "https://sp.test.example/" + clientId;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder environment(String v) {
            environment = v;
            return this;
        }

        public Builder status(String v) {
            status = v;
            return this;
        }

        public Builder scopes(String... v) {
            scopes = List.of(v);
            return this;
        }

        public Builder defaultScopes(String... v) {
            defaultScopes = List.of(v);
            return this;
        }

        public Builder issuer(String v) {
            issuer = v;
            return this;
        }

        public Builder lifetime(int v) {
            lifetime = v;
            return this;
        }

        public Builder skew(int v) {
            skew = v;
            return this;
        }

        public Builder algorithms(String... v) {
            algorithms = List.of(v);
            return this;
        }

        public Builder serviceProviderId(String v) {
            spId = v;
            return this;
        }

        public Builder serviceId(String v) {
            serviceId = v;
            return this;
        }

        public Builder reverseProxyIps(String... v) {
            reverseProxyIps = List.of(v);
            return this;
        }
        /** A JSON object text. */
        public Builder extraClaims(String v) {
            extraClaims = v;
            return this;
        }

        /** Issue 17 §3: the {@code identityProvider.userAuthentication} block, as JSON object text. */
        public Builder userAuthentication(String v) {
            userAuthentication = v;
            return this;
        }

        public Builder requiredAcr(String v) {
            requiredAcr = v;
            return this;
        }

        public Builder tlsClientAuth(String subject, String issuerName) {
            clientAuthentication = "tls_client_auth";
            subjectDn = subject;
            issuerDn = issuerName;
            return this;
        }

        public Builder tlsClientAuthSha256(String fingerprint) {
            clientAuthentication = "tls_client_auth";
            sha256 = fingerprint;
            return this;
        }

        /** {@code identityProvider.certificateBoundVi} true (RFC 8705 §3). */
        public Builder certificateBoundVi() {
            certificateBoundVi = true;
            return this;
        }

        public String json() {
            JsonObjectBuilder idp = Json.createObjectBuilder()
                    .add("issuer", issuer)
                    .add("tokenLifetimeSeconds", lifetime)
                    .add("signatureAlgorithms", array(algorithms))
                    .add("tokenUrl", issuer + "/idp/token")
                    .add("clientAuthentication", clientAuthentication)
                    .add("clockSync", "pool.ntp.org")
                    .add(
                            "extraClaims",
                            Json.createReader(new StringReader(extraClaims)).readObject())
                    .add("jwks", Json.createObjectBuilder().add("keys", Json.createArrayBuilder()));
            if (certificateBoundVi) {
                idp.add("certificateBoundVi", true);
            }
            if (userAuthentication != null) {
                idp.add(
                        "userAuthentication",
                        Json.createReader(new StringReader(userAuthentication)).readObject());
            }
            boolean tls = "tls_client_auth".equals(clientAuthentication);
            JsonObjectBuilder sp = Json.createObjectBuilder()
                    .add("id", spId)
                    .add("clientId", clientId)
                    .add("mutualTls", tls)
                    .add("reverseProxyIps", array(reverseProxyIps))
                    .add("clockSync", "pool.ntp.org");
            if (tls) {
                JsonObjectBuilder cert = Json.createObjectBuilder();
                cert.add("subjectDn", subjectDn == null ? JsonValue.NULL : Json.createValue(subjectDn));
                cert.add("issuerDn", issuerDn == null ? JsonValue.NULL : Json.createValue(issuerDn));
                cert.add("sha256", sha256 == null ? JsonValue.NULL : Json.createValue(sha256));
                sp.add("certificate", cert);
            } else {
                sp.add("certificate", JsonValue.NULL);
            }
            JsonObjectBuilder dp = Json.createObjectBuilder()
                    .add("serviceId", serviceId)
                    .add("baseUrl", "https://dp.test.example/api")
                    .add("reverseProxyIps", Json.createArrayBuilder())
                    .add("certificateChainPem", JsonValue.NULL)
                    .add("allowedClockSkewSeconds", skew)
                    .add("clockSync", "pool.ntp.org");
            JsonObject doc = Json.createObjectBuilder()
                    .add("id", id)
                    .add("version", version)
                    .add("environment", environment)
                    .add("status", status)
                    .add("requiredAcr", requiredAcr == null ? JsonValue.NULL : Json.createValue(requiredAcr))
                    .add("scopes", array(scopes))
                    .add("defaultScopes", array(defaultScopes == null ? scopes.subList(0, 1) : defaultScopes))
                    .add("singleUse", false)
                    .add("identityProvider", idp)
                    .add("serviceProvider", sp)
                    .add("dataProvider", dp)
                    .build();
            return doc.toString();
        }

        public ConventionDocument document() {
            ConventionReadResult read = ConventionDocumentReader.read(json().getBytes(StandardCharsets.UTF_8));
            if (!read.isValid()) {
                throw new IllegalStateException("test convention " + id + " is invalid:\n" + read.describe());
            }
            return read.document().orElseThrow();
        }

        public Convention convention(int revision) {
            return new Convention(id, revision, document());
        }

        public Convention convention() {
            return convention(1);
        }

        private static JsonArrayBuilder array(List<String> values) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            values.forEach(b::add);
            return b;
        }
    }
}
