package fr.interopsr.it.cluster;

import static fr.interopsr.it.TestServer.basic;
import static fr.interopsr.it.TestServer.json;
import static fr.interopsr.it.TestServer.send;

import fr.interopsr.it.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * What a partner and an administrator do against a cluster, through a node ({@link ClusterNode#base()}) or a proxy
 * ({@link HaProxy#base()}): the development PKI's TLS clients of {@link TestServer}, token requests, calls under
 * {@code /api/} and the administration API.
 */
public final class Partners {

    /** The record the demo conventions' scope reads. */
    public static final String RECORD = "/api/v1/beneficiaries/B00001";

    private Partners() {}

    /** TLS trusting the development CA, no client certificate. */
    public static HttpClient anonymous() throws Exception {
        return TestServer.anonymous();
    }

    /** TLS presenting the development PKI's certificate {@code name} ({@code institution-a}, …). */
    public static HttpClient withCertificate(String name) throws Exception {
        return TestServer.withCertificate(name);
    }

    /** A client-credentials token request with {@code Authorization: Basic}. */
    public static HttpResponse<String> token(HttpClient client, String base, String clientId, String secret)
            throws Exception {
        return send(
                client,
                TestServer.form(URI.create(base + "/idp/token"), "grant_type=client_credentials")
                        .header("Authorization", basic(clientId, secret))
                        .build());
    }

    /** A client-credentials token request authenticated by the TLS client certificate alone (tls_client_auth). */
    public static HttpResponse<String> token(HttpClient client, String base) throws Exception {
        return send(
                client,
                TestServer.form(URI.create(base + "/idp/token"), "grant_type=client_credentials")
                        .build());
    }

    /** The VI of a 200 token answer; fails with the answer otherwise. */
    public static String vi(HttpResponse<String> tokenAnswer) {
        if (tokenAnswer.statusCode() != 200) {
            throw new AssertionError("token request answered " + tokenAnswer.statusCode() + ": " + tokenAnswer.body());
        }
        return json(tokenAnswer.body()).getString("access_token");
    }

    /** {@code GET <base>/api/v1/beneficiaries/B00001} with the VI. */
    public static HttpResponse<String> api(HttpClient client, String base, String vi) throws Exception {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(base + RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + vi)
                        .build());
    }

    /** A request of the administration API ({@code <base>/admin/api…}) as {@code admin}. */
    public static HttpRequest.Builder admin(String base, String path, String adminPassword) {
        return HttpRequest.newBuilder(URI.create(base + "/admin/api" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("admin", adminPassword));
    }

    /** The {@code jti} of a VI. */
    public static String jti(String vi) {
        String payload = new String(Base64.getUrlDecoder().decode(vi.split("\\.")[1]), StandardCharsets.UTF_8);
        return json(payload).getString("jti");
    }
}
