package fr.interopsr.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionReadResult;
import fr.interopsr.pki.TestPki;
import fr.interopsr.pki.ValidatedCertificate;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Conventions (read by the real reader), keys and signed VIs for the validator's tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    static final String SERVICE = "https://dp.test.example/api/v1/svc";
    static final String OWN_ISSUER = "https://idp.own.example/interops";
    static final String CLIENT_IP = "192.0.2.10";

    private Fixtures() {}

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec384(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String b64(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }

    /** A JWS over exactly these header and payload texts, signed by {@code key} with {@code alg}. */
    static String sign(JWK key, JWSAlgorithm alg, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            return input + "." + signer.sign(new JWSHeader(alg), input.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSAlgorithm algFor(JWK key) {
        if (key instanceof ECKey ec) {
            return Curve.P_384.equals(ec.getCurve()) ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256;
        }
        return JWSAlgorithm.RS256;
    }

    static ViValidator validator(List<Convention> conventions) {
        return validator(conventions, new JWKSet(), ReplayGuard.NONE);
    }

    static ViValidator validator(List<Convention> conventions, JWKSet ownKeys, ReplayGuard guard) {
        return validator(ConventionIndex.of(conventions, 1), ownKeys, guard);
    }

    static ViValidator validator(ConventionIndex index, JWKSet ownKeys, ReplayGuard guard) {
        return new ViValidator(
                () -> index, OWN_ISSUER, now -> ownKeys, Set.of(SERVICE), ViValidator.DEFAULT_MAX_VI_BYTES, guard);
    }

    static ViRequest request(String vi) {
        return ViRequest.bearer(vi, CLIENT_IP, null, NOW);
    }

    /**
     * A call with a self-signed client certificate as the application's check accepts it when the trust store holds
     * that certificate: its own trusted CA (issue 14 §3). Null for none.
     */
    static ViRequest request(String vi, String address, X509Certificate certificate) {
        return ViRequest.bearer(vi, address, certificate == null ? null : TestPki.selfTrusted(certificate), NOW);
    }

    /** A call with a client certificate as the application's check found it. */
    static ViRequest validatedRequest(String vi, String address, ValidatedCertificate certificate) {
        return ViRequest.bearer(vi, address, certificate, NOW);
    }

    static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue v) {
            return v;
        }
        if (value instanceof String s) {
            return Json.createValue(s);
        }
        if (value instanceof Integer i) {
            return Json.createValue(i);
        }
        if (value instanceof Long l) {
            return Json.createValue(l);
        }
        if (value instanceof BigDecimal d) {
            return Json.createValue(d);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        throw new IllegalArgumentException(value.getClass().getName());
    }

    /** A convention document as JSON text, read strictly by {@link ConventionDocumentReader}. */
    static final class ConventionSpec {
        String id;
        String version = "1.0";
        String environment = "test";
        String status = "active";
        String requiredAcr;
        List<String> scopes;
        boolean singleUse;
        String issuer;
        int lifetime = 300;
        int skew = 120;
        List<String> algorithms = List.of("ES256");
        List<JWK> keys = new ArrayList<>();
        String spId;
        String clientId;
        boolean mutualTls;
        String clientAuthentication = "client_secret_basic";
        String subjectDn;
        String issuerDn;
        String sha256;
        List<String> sourceIps = List.of();
        String serviceId = SERVICE;
        /** {@code identityProvider.certificateBoundVi} (RFC 8705 §3); the reader wants tls_client_auth with it. */
        boolean certificateBoundVi;
        /** The SHA-256 of {@code dataProvider.introspectionCertificate} (issue 17), or null for none. */
        String introspectionSha256;

        ConventionSpec(String id, String issuer) {
            this.id = id;
            this.issuer = issuer;
            this.clientId = id + "-client";
            this.spId = "https://sp.test.example/" + id;
            this.scopes = List.of("urn:test:" + id + ":1.0:read", "urn:test:" + id + ":1.0:write");
        }

        ConventionSpec keys(JWK... k) {
            keys = List.of(k);
            return this;
        }

        ConventionSpec algorithms(String... a) {
            algorithms = List.of(a);
            return this;
        }

        String json() {
            JsonArrayBuilder jwks = Json.createArrayBuilder();
            keys.forEach(k ->
                    jwks.add(Json.createReader(new StringReader(k.toPublicJWK().toJSONString()))
                            .readObject()));
            JsonObjectBuilder idp = Json.createObjectBuilder()
                    .add("issuer", issuer)
                    .add("tokenLifetimeSeconds", lifetime)
                    .add("signatureAlgorithms", array(algorithms))
                    .add("tokenUrl", JsonValue.NULL)
                    .add("clientAuthentication", clientAuthentication)
                    .add("clockSync", "pool.ntp.org")
                    .add("extraClaims", JsonValue.EMPTY_JSON_OBJECT)
                    .add("jwks", Json.createObjectBuilder().add("keys", jwks));
            if (certificateBoundVi) {
                idp.add("certificateBoundVi", true);
            }
            JsonObjectBuilder sp = Json.createObjectBuilder()
                    .add("id", spId)
                    .add("clientId", clientId)
                    .add("mutualTls", mutualTls)
                    .add("reverseProxyIps", array(sourceIps))
                    .add("clockSync", "pool.ntp.org");
            if (subjectDn != null || sha256 != null) {
                sp.add(
                        "certificate",
                        Json.createObjectBuilder()
                                .add("subjectDn", Fixtures.json(subjectDn))
                                .add("issuerDn", Fixtures.json(issuerDn))
                                .add("sha256", Fixtures.json(sha256)));
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
            if (introspectionSha256 != null) {
                dp.add(
                        "introspectionCertificate",
                        Json.createObjectBuilder()
                                .add("subjectDn", JsonValue.NULL)
                                .add("issuerDn", JsonValue.NULL)
                                .add("sha256", introspectionSha256));
            }
            return Json.createObjectBuilder()
                    .add("id", id)
                    .add("version", version)
                    .add("environment", environment)
                    .add("status", status)
                    .add("requiredAcr", Fixtures.json(requiredAcr))
                    .add("scopes", array(scopes))
                    .add("defaultScopes", array(scopes.subList(0, 1)))
                    .add("singleUse", singleUse)
                    .add("identityProvider", idp)
                    .add("serviceProvider", sp)
                    .add("dataProvider", dp)
                    .build()
                    .toString();
        }

        Convention convention(int revision) {
            ConventionReadResult read = ConventionDocumentReader.read(json().getBytes(StandardCharsets.UTF_8));
            if (!read.isValid()) {
                throw new IllegalStateException("test convention " + id + " is invalid:\n" + read.describe());
            }
            return new Convention(id, revision, read.document().orElseThrow());
        }

        Convention convention() {
            return convention(1);
        }

        /** A VI with every claim of IR-10 for this convention, issued at {@link #NOW}. */
        ViSpec vi() {
            return new ViSpec()
                    .claim("jti", "uuid:" + UUID.randomUUID())
                    .claim("sub", "app-" + id)
                    .claim("iat", NOW.getEpochSecond())
                    .claim("nbf", NOW.getEpochSecond() - 60)
                    .claim("exp", NOW.getEpochSecond() + lifetime)
                    .claim("iss", issuer)
                    .claim("ver", version)
                    .claim("aud", spId)
                    .claim("scp", scopes.get(0))
                    .claim("env", environment)
                    .claim("azp", serviceId);
        }

        private static JsonArrayBuilder array(List<String> values) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            values.forEach(b::add);
            return b;
        }
    }

    /** The header and claims of a VI, then signed. */
    static final class ViSpec {
        final Map<String, JsonValue> header = new LinkedHashMap<>();
        final Map<String, JsonValue> claims = new LinkedHashMap<>();
        boolean defaultKid = true;

        ViSpec claim(String name, Object value) {
            claims.put(name, json(value));
            return this;
        }

        ViSpec without(String name) {
            claims.remove(name);
            return this;
        }

        ViSpec header(String name, Object value) {
            header.put(name, json(value));
            return this;
        }

        ViSpec noKid() {
            defaultKid = false;
            return this;
        }

        String payloadJson() {
            JsonObjectBuilder b = Json.createObjectBuilder();
            claims.forEach(b::add);
            return b.build().toString();
        }

        String headerJson(JWK key, JWSAlgorithm alg) {
            JsonObjectBuilder b =
                    Json.createObjectBuilder().add("alg", alg.getName()).add("typ", "JWT");
            if (defaultKid && key.getKeyID() != null) {
                b.add("kid", key.getKeyID());
            }
            header.forEach(b::add);
            return b.build().toString();
        }

        String signedWith(JWK key) {
            return signedWith(key, algFor(key));
        }

        String signedWith(JWK key, JWSAlgorithm alg) {
            return sign(key, alg, headerJson(key, alg), payloadJson());
        }
    }
}
