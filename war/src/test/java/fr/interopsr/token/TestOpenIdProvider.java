package fr.interopsr.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An OpenID provider made in the test (issue 17 §3): its own EC P-256 keys, ID tokens signed with them, and the
 * {@code userAuthentication} block that trusts it. The acr values map {@code urn:op:low} to eidas1,
 * {@code urn:op:substantial} to eidas2 and {@code urn:op:high} to eidas3.
 */
public final class TestOpenIdProvider {

    public static final String ISSUER = "https://op.test.example";
    public static final String AUDIENCE = "interops-idp";
    public static final int MAX_AGE = 600;

    private final ECKey key;

    public TestOpenIdProvider(String kid) {
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's public JWK Set, as JSON text. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The block with inline keys. */
    public String userAuthentication() {
        return block(b ->
                b.add("jwks", Json.createReader(new StringReader(jwksJson())).readObject()));
    }

    /** The block with the keys at an https URL. */
    public String userAuthentication(String jwksUri) {
        return block(b -> b.add("jwksUri", jwksUri));
    }

    private static String block(UnaryOperator<JsonObjectBuilder> keys) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("issuer", ISSUER)
                .add("audiences", Json.createArrayBuilder().add(AUDIENCE))
                .add("subjectClaim", "sub")
                .add(
                        "acrValues",
                        Json.createObjectBuilder()
                                .add("urn:op:low", "eidas1")
                                .add("urn:op:substantial", "eidas2")
                                .add("urn:op:high", "eidas3"))
                .add("maxAuthenticationAgeSeconds", MAX_AGE);
        return keys.apply(b).build().toString();
    }

    /**
     * Serves the public JWK Set at {@code https://localhost:<port>/jwks} with a JDK HTTPS server whose certificate is
     * the dev PKI's {@code server.p12} (localhost, issued by the dev CA); counts the fetches.
     */
    public Served serve(Path serverP12, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverP12)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger fetches = new AtomicInteger();
        byte[] body = jwksJson().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new Served(server, fetches);
    }

    /** A running JWKS server. */
    public record Served(HttpsServer server, AtomicInteger fetches) implements AutoCloseable {
        public String jwksUri() {
            return "https://localhost:" + server.getAddress().getPort() + "/jwks";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Claims of a good ID token at {@code now}: user {@code user-42}, acr substantial, authenticated a minute ago. */
    public static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-42")
                .audience(List.of(AUDIENCE))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("auth_time", now.minusSeconds(60).getEpochSecond())
                .claim("acr", "urn:op:substantial")
                .claim("nonce", "n-0S6_WzA2Mj");
    }

    public String idToken(JWTClaimsSet claims) {
        return idToken(claims, key.getKeyID());
    }

    /** Signed with this provider's key, under the given {@code kid}. */
    public String idToken(JWTClaimsSet claims, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .type(JOSEObjectType.JWT)
                            .keyID(kid)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
