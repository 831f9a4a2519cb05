package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health and metrics on the managed server (D-3, D-22, docs/monitoring.md): the named health checks on the
 * HTTP port (WildFly's management port when {@code it.management.port} is set), {@code /interops/metrics} in Prometheus text over plain HTTP only, and the counters that tokens,
 * refusals and VI checks move.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {

    private static final String READ = "urn:demo:beneficiaries:1.0:read";
    private static final String PLAIN = "http://localhost:" + HTTP_PORT;
    /** Health: the HTTP port on Payara Micro; on WildFly its management port, when a profile names it (D-22). */
    private static final String HEALTH = "http://localhost:" + Integer.getInteger("it.management.port", HTTP_PORT);

    private static final String METRICS = PLAIN + "/interops/metrics";
    private static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    private static HttpResponse<String> plainGet(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** The health answer once it is UP (start-up may still be finishing), or the last one after 30 s. */
    private static HttpResponse<String> health(String url) throws Exception {
        HttpResponse<String> r = plainGet(url);
        for (int i = 0; i < 30 && r.statusCode() != 200; i++) {
            Thread.sleep(1000);
            r = plainGet(url);
        }
        return r;
    }

    private static Map<String, JsonObject> checks(String body) {
        Map<String, JsonObject> byName = new HashMap<>();
        for (JsonValue v : json(body).getJsonArray("checks")) {
            byName.put(v.asJsonObject().getString("name"), v.asJsonObject());
        }
        return byName;
    }

    // ---------------------------------------------------------------- health

    @Test
    void readinessIsUpWithItsNamedChecks() throws Exception {
        HttpResponse<String> r = health(HEALTH + "/health/ready");
        System.out.println("readiness: " + r.body());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("UP", json(r.body()).getString("status"));
        Map<String, JsonObject> checks = checks(r.body());
        for (String name :
                new String[] {"interops-startup", "interops-database", "interops-signing-keys", "interops-trace-journal"
                }) {
            assertTrue(checks.containsKey(name), name + " in " + r.body());
            assertEquals("UP", checks.get(name).getString("status"), r.body());
        }
        assertEquals(
                "answered",
                checks.get("interops-database").getJsonObject("data").getString("database"));
        assertTrue(
                checks.get("interops-signing-keys")
                        .getJsonObject("data")
                        .toString()
                        .contains("ES256"),
                r.body());
        String lower = r.body().toLowerCase(Locale.ROOT);
        for (String secret : new String[] {"password", "jdbc:", "changeit", "secret", "hmac"}) {
            assertFalse(lower.contains(secret), secret + " in " + r.body());
        }
    }

    /**
     * Issue 16, "Readiness itself": once UP, readiness stays UP. Polled every second for 30 s after its first UP, every
     * answer is 200 UP. On Payara a database probe submitted from the health request (served by the disabled
     * {@code __default-web-module}) was aborted, and readiness answered UP once and 503 ever after; the probe now runs
     * on the application's scheduler ({@code DatabaseReadiness}).
     */
    @Test
    void readinessStaysUpForThirtySecondsOnceUp() throws Exception {
        HttpResponse<String> first = health(HEALTH + "/health/ready");
        assertEquals(200, first.statusCode(), "never UP: " + first.body());
        List<String> notUp = new ArrayList<>();
        long start = System.nanoTime();
        for (int second = 1; second <= 30; second++) {
            long wait = start + Duration.ofSeconds(second).toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait).toMillis());
            }
            HttpResponse<String> r = plainGet(HEALTH + "/health/ready");
            boolean up = r.statusCode() == 200 && "UP".equals(json(r.body()).getString("status", ""));
            if (!up) {
                notUp.add(second + " s: " + r.statusCode() + " " + r.body());
            }
        }
        assertEquals(List.of(), notUp, "readiness left UP after its first UP");
    }

    @Test
    void livenessIsUpWithTheJournalWriter() throws Exception {
        HttpResponse<String> r = health(HEALTH + "/health/live");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("UP", json(r.body()).getString("status"));
        JsonObject journal = checks(r.body()).get("interops-trace-journal");
        assertNotNull(journal, r.body());
        assertEquals("UP", journal.getString("status"));
        assertEquals("running", journal.getJsonObject("data").getString("writer"));
    }

    // ---------------------------------------------------------------- metrics endpoint

    @Test
    void metricsOverPlainHttpArePrometheusText() throws Exception {
        HttpResponse<String> r = plainGet(METRICS);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                r.headers().toString());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        String text = r.body();
        for (String family : new String[] {
            "interops_tokens_issued_total counter",
            "interops_tokens_refused_total counter",
            "interops_token_requests_seconds histogram",
            "interops_vi_validations_total counter",
            "interops_vi_cache_lookups_total counter",
            "interops_journal_traces_committed_total counter",
            "interops_journal_batch_size_traces histogram",
            "interops_journal_commit_seconds histogram",
            "interops_journal_queue_depth_traces gauge",
            "interops_journal_lag_seconds gauge",
            "interops_journal_failures_total counter",
            "interops_trace_verifications_total counter",
            "interops_trace_verification_intact gauge",
            "interops_trace_verification_problems gauge",
            "jvm_memory_used_bytes gauge",
            "jvm_threads_live_threads gauge",
            "process_uptime_seconds gauge"
        }) {
            assertTrue(text.contains("# TYPE " + family), family + " in\n" + text);
        }
        assertEquals(1.0, value(text, "interops_journal_writer_up", Map.of()));
        assertFalse(text.contains("demo-beneficiaries"), "no convention id as a label");
        assertFalse(text.contains("institution-"), "no client id as a label");
    }

    @Test
    void metricsAreServedOnlyOverPlainHttp() throws Exception {
        HttpResponse<String> https = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/metrics")).build());
        assertEquals(404, https.statusCode(), https.body());
        String viaProxyHttps = rawHttp(
                "127.0.0.2",
                HTTP_PORT,
                "GET /interops/metrics HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
        assertTrue(viaProxyHttps.startsWith("HTTP/1.1 404"), viaProxyHttps);
        HttpResponse<String> post = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(METRICS))
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void everyOtherPathIsStillRefusedOverPlainHttp() throws Exception {
        for (String path : new String[] {
            "/interops/idp/jwks",
            "/interops/.well-known/oauth-authorization-server",
            "/interops/admin/api/conventions",
            "/interops/metrics/more",
            "/interops/metricsx",
            "/interops/admin/console"
        }) {
            HttpResponse<String> r = plainGet(PLAIN + path);
            assertEquals(400, r.statusCode(), path + ": " + r.body());
            assertEquals("invalid_request", json(r.body()).getString("error"), path);
            assertTrue(json(r.body()).getString("error_description").contains("HTTPS"), path);
        }
    }

    // ---------------------------------------------------------------- counters

    @Test
    void anIssuedTokenAndARefusedOneMoveTheirCounters() throws Exception {
        Map<String, String> issued = Map.of("method", "tls_client_auth", "algorithm", "ES256");
        Map<String, String> invalidClient = Map.of("error", "invalid_client");
        String before = plainGet(METRICS).body();

        HttpResponse<String> ok = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials").build());
        assertEquals(200, ok.statusCode(), ok.body());
        HttpResponse<String> refused = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", "not-the-secret"))
                        .build());
        assertEquals(401, refused.statusCode(), refused.body());

        String after = plainGet(METRICS).body();
        assertEquals(
                value(before, "interops_tokens_issued_total", issued) + 1,
                value(after, "interops_tokens_issued_total", issued),
                after);
        assertEquals(
                value(before, "interops_tokens_refused_total", invalidClient) + 1,
                value(after, "interops_tokens_refused_total", invalidClient));
        assertEquals(
                value(before, "interops_tokens_refused_total", Map.of("error", "invalid_scope")),
                value(after, "interops_tokens_refused_total", Map.of("error", "invalid_scope")));
        assertEquals(
                value(before, "interops_token_requests_seconds_count", Map.of("outcome", "issued")) + 1,
                value(after, "interops_token_requests_seconds_count", Map.of("outcome", "issued")));
        assertEquals(
                value(before, "interops_token_requests_seconds_count", Map.of("outcome", "refused")) + 1,
                value(after, "interops_token_requests_seconds_count", Map.of("outcome", "refused")));
        assertTrue(
                value(after, "interops_journal_traces_committed_total", Map.of())
                        >= value(before, "interops_journal_traces_committed_total", Map.of()) + 2,
                "both traces committed");
    }

    @Test
    void viChecksMoveTheirOutcomeAndCacheCounters() throws Exception {
        HttpClient client = withCertificate("institution-a");
        String before = plainGet(METRICS).body();

        HttpResponse<String> bad = send(
                client,
                HttpRequest.newBuilder(URI.create(RECORD))
                        .header("Authorization", "Bearer not-a-vi")
                        .build());
        assertEquals(401, bad.statusCode(), bad.body());
        HttpResponse<String> token =
                send(client, form("grant_type=client_credentials&scope=" + READ).build());
        assertEquals(200, token.statusCode(), token.body());
        String vi = json(token.body()).getString("access_token");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = send(
                    client,
                    HttpRequest.newBuilder(URI.create(RECORD))
                            .header("Authorization", "Bearer " + vi)
                            .build());
            assertEquals(200, r.statusCode(), r.body());
        }

        String after = plainGet(METRICS).body();
        assertEquals(delta(before, after, "interops_vi_validations_total", Map.of("outcome", "structure")), 1, after);
        assertEquals(delta(before, after, "interops_vi_validations_total", Map.of("outcome", "success")), 2);
        assertEquals(delta(before, after, "interops_vi_validations_total", Map.of("outcome", "signature")), 0);
        assertEquals(
                delta(before, after, "interops_vi_cache_lookups_total", Map.of("result", "miss")),
                2,
                "the bad VI and the first use of the good one");
        assertEquals(delta(before, after, "interops_vi_cache_lookups_total", Map.of("result", "hit")), 1);
        assertTrue(value(after, "interops_vi_cache_entries", Map.of()) >= 1);
    }

    // ---------------------------------------------------------------- Prometheus text

    private static double delta(String before, String after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The value of the one sample {@code name} whose labels include {@code labels}. */
    static double value(String text, String name, Map<String, String> labels) {
        Double found = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
                continue;
            }
            String labelPart =
                    line.startsWith(name + "{") ? line.substring(name.length(), line.lastIndexOf('}') + 1) : "";
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                assertNull(found, "one sample of " + name + labels);
                found = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertNotNull(found, name + labels + " in\n" + text);
        return found;
    }
}
