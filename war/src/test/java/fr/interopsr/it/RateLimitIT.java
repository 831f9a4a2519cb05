package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 §2: a burst past the per-client limit of the token endpoint gets 429 with {@code Retry-After} and an
 * OAuth-style JSON error, and its traces stay bounded (one per key and second). The test server's per-client limit
 * is lowered in arquillian.xml ({@code interops.rate.token.per-client.*}: 40, then 20 a second) while the
 * per-address limit keeps its default; the burst claims a client id no other test uses, so no other test meets the
 * limit.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

    static final String CLIENT = "rate-limit-it";
    static final int REQUESTS = 400;

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    @Test
    void aBurstPastThePerClientLimitGets429WithRetryAfterAndFewTraces() throws Exception {
        long before = rateLimitedTraces();
        HttpClient client = anonymous();
        HttpRequest request = form("grant_type=client_credentials")
                .header("Authorization", basic(CLIENT, "not-the-secret"))
                .build();
        long start = System.nanoTime();
        List<HttpResponse<String>> answers = burst(client, request, REQUESTS);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<HttpResponse<String>> limited =
                answers.stream().filter(r -> r.statusCode() == 429).toList();
        long unauthorized = answers.stream().filter(r -> r.statusCode() == 401).count();
        assertFalse(limited.isEmpty(), "no 429 in " + REQUESTS + " requests in " + seconds + " s");
        assertEquals(REQUESTS, limited.size() + unauthorized, "only 401 (bad secret) and 429");
        // at most the bucket (40) and its refill (20/s) get through to the client check
        assertTrue(unauthorized <= 40 + 20 * (seconds + 1), unauthorized + " passed in " + seconds + " s");
        HttpResponse<String> r = limited.get(0);
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = json(r.body());
        assertEquals("rate_limited", body.getString("error"));

        Thread.sleep(2_000); // the traces of refusals are handed to the journal without waiting for their commit
        long traces = rateLimitedTraces() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertTrue(traces >= 1, "a refusal is traced");
        assertTrue(
                traces <= Math.ceil(seconds) + 1,
                traces + " rate_limited traces for " + limited.size() + " refusals in " + seconds + " s (" + elapsed
                        + " s with the wait)");
    }

    /**
     * The revocation endpoint's own per-client limit (issue 17; default 100 at once, 20 a second): a burst of 300
     * revocations claiming one client gets 429 with the same JSON error, and the refusals leave a bounded number of
     * traces (the endpoint's VI_GENERATION records, step {@code revocation}). From the one address of the test, 300
     * requests also empty the per-address bucket (200 at once, 40 a second): each limit traces at most one refusal
     * per key and second, so each of the two is bounded on its own.
     */
    @Test
    void aBurstOfRevocationsPastThePerClientLimitGets429() throws Exception {
        String claimed = "rate-limit-revoke-it";
        long beforeClient = rateLimitedTraces(claimed, "per-client");
        long beforeAddress = rateLimitedTraces(claimed, "per-address");
        HttpClient client = anonymous();
        HttpRequest request = form(URI.create(BASE + "/idp/revoke"), "token=not-a-vi")
                .header("Authorization", basic(claimed, "not-the-secret"))
                .build();
        long start = System.nanoTime();
        List<HttpResponse<String>> answers = burst(client, request, 300);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<HttpResponse<String>> limited =
                answers.stream().filter(r -> r.statusCode() == 429).toList();
        long unauthorized = answers.stream().filter(r -> r.statusCode() == 401).count();
        assertFalse(limited.isEmpty(), "no 429 in 300 revocations in " + seconds + " s");
        assertEquals(300, limited.size() + unauthorized, "only 401 (bad secret) and 429");
        assertTrue(unauthorized <= 100 + 20 * (seconds + 1), unauthorized + " passed in " + seconds + " s");
        HttpResponse<String> r = limited.get(0);
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        assertEquals("rate_limited", json(r.body()).getString("error"));

        Thread.sleep(2_000); // refusals' traces are not waited for
        long perClient = rateLimitedTraces(claimed, "per-client") - beforeClient;
        long perAddress = rateLimitedTraces(claimed, "per-address") - beforeAddress;
        // a burst of s seconds meets at most ceil(s) + 1 of the limiter's seconds
        long bound = (long) Math.ceil(seconds) + 1;
        assertTrue(perClient >= 1, "a refusal by the per-client limit is traced");
        assertTrue(perClient <= bound, perClient + " per-client traces in " + seconds + " s");
        assertTrue(perAddress <= bound, perAddress + " per-address traces in " + seconds + " s");
    }

    private static List<HttpResponse<String>> burst(HttpClient client, HttpRequest request, int n) throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> send(client, request)));
            }
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return answers;
    }

    private static long rateLimitedTraces() throws Exception {
        return rateLimitedTraces(CLIENT, "");
    }

    /** The client's rate_limited traces whose detail names the limit ({@code per-client}, {@code per-address}). */
    private static long rateLimitedTraces(String clientId, String limit) throws Exception {
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trace_record"
                        + " WHERE kind = 'VI_GENERATION' AND error_code = 'rate_limited' AND client_id = ?"
                        + " AND detail LIKE ?")) {
            p.setString(1, clientId);
            p.setString(2, "%" + limit + "%");
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
