package fr.interopsr.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.it.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, "Database outage": one Payara Micro node whose datasource goes through a {@link TcpProxy} to the
 * PostgreSQL of the tests, cut in two ways, each time with a VI obtained before the cut:
 *
 * <ul>
 *   <li>readiness ({@code /health/ready} on the HTTP port) turns DOWN within {@value #DOWN_WITHIN_SECONDS} s, and
 *       liveness stays UP throughout;
 *   <li>token requests (mTLS and Basic), a call under {@code /api/} and a call of the admin API each answer 503 with
 *       a JSON {@code temporarily_unavailable} and a {@code Retry-After}: never a 500, and none takes more than
 *       {@value #CALL_BOUND_SECONDS} s (P-42: a black-holed read gives up after the driver's {@code socketTimeout},
 *       10 s, a new connection after {@code loginTimeout}, 5 s, the journal's wait after 10 s; EclipseLink's retries of
 *       the sample service's JPA read make the worst case about 35 to 46 s on Payara, P-59);
 *   <li>after the restore, readiness is UP within {@value #DOWN_WITHIN_SECONDS} s with no restart, and the same calls
 *       succeed;
 *   <li>at the end, every VI the node answered with has its VI_GENERATION trace (by {@code jti}), and no 200 under
 *       {@code /api/} came without its VI_VERIFICATION trace.
 * </ul>
 *
 * Ports: {@code outage.port.base} (23200): the node on 23200 (HTTP) and 23201 (HTTPS), the proxy on 23250.
 */
class DatabaseOutageIT {

    static final int PORT_BASE = Integer.getInteger("outage.port.base", 23200);
    static final int PROXY_PORT = PORT_BASE + 50;
    static final int DOWN_WITHIN_SECONDS = 5;
    /**
     * No call may take longer than this during an outage (P-42; the client gives up at twice that). On Payara, a JPA read
     * in a black hole takes up to about 41 s: EclipseLink retries it three times, 5 s apart, each attempt ending at the
     * driver's 5 s log-in timeout. The client secrets of a Basic token request are read with JDBC (P-59: 5 s, was 41 s);
     * the sample service's record is still read through JPA (35.1 s on 2026-12-05 19:50; 45.9 s before, when the call
     * also waited for its verification trace). Elsewhere 0.1 to 11 s.
     */
    static final int CALL_BOUND_SECONDS = 60;

    static final String MTLS_CLIENT = "institution-a";
    static final String BASIC_CLIENT = "institution-b-portal";

    private static Cluster cluster;
    private static TcpProxy proxy;
    private static ClusterNode node;
    private static HttpClient mtls;
    private static HttpClient anonymous;
    private static final HttpClient plain =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every jti the node answered a token request with (200), for the trace check at the end. */
    private static final Set<String> issued = ConcurrentHashMap.newKeySet();
    /** The jti of every VI that got a 200 under /api/. */
    private static final Set<String> served = ConcurrentHashMap.newKeySet();

    private static boolean passed;

    @BeforeAll
    static void start() throws Exception {
        proxy = new TcpProxy(Cluster.pgHost(), Integer.parseInt(Cluster.pgPort()), PROXY_PORT);
        cluster = Cluster.create("outage", Map.of(), PORT_BASE);
        node = cluster.node(0).set("interops.pg.host", "127.0.0.1").set("interops.pg.port", String.valueOf(PROXY_PORT));
        cluster.start(1);
        mtls = Partners.withCertificate(MTLS_CLIENT);
        anonymous = Partners.anonymous();
    }

    @AfterAll
    static void stop() throws Exception {
        Cluster.tearDown(
                "DatabaseOutageIT (node log " + (node == null ? "none" : node.log()) + ")", !passed, cluster, proxy);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCutDatabaseGives503sWithTheirTracesAndReadinessComesBackWithNoRestart() throws Exception {
        long pid = node.process().pid();
        List<String> report = new ArrayList<>();
        assertSucceeds("before any cut", report);
        for (TcpProxy.Mode cut : List.of(TcpProxy.Mode.CLOSED, TcpProxy.Mode.BLACK_HOLE)) {
            String vi = Partners.vi(token(mtlsToken()).response());
            issued.add(Partners.jti(vi));

            long cutAt = System.nanoTime();
            if (cut == TcpProxy.Mode.CLOSED) {
                proxy.cutByReset();
            } else {
                proxy.cutByBlackHole();
            }
            long downMs = awaitReadiness(503, cutAt, cut);
            report.add(cut + ": readiness DOWN after " + downMs + " ms");

            // the four kinds of call at once: the time of a black hole is paid once, not four times
            Map<String, Future<Timed>> calls = new LinkedHashMap<>();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                calls.put("token (mTLS)", threads.submit(() -> token(mtlsToken())));
                calls.put("token (Basic)", threads.submit(() -> token(basicToken())));
                calls.put("API", threads.submit(() -> api(vi)));
                calls.put("admin API", threads.submit(() -> timed(() -> send(anonymous, admin("/conventions")))));
                for (var e : calls.entrySet()) {
                    Timed t = e.getValue().get(3 * CALL_BOUND_SECONDS, TimeUnit.SECONDS);
                    report.add(cut + ": " + e.getKey() + " " + t);
                    assertUnavailable(cut + ", " + e.getKey(), t);
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(200, status(live()), cut + ": liveness stays UP");
            assertEquals(503, status(ready()), cut + ": readiness still DOWN while cut");

            long restoredAt = System.nanoTime();
            proxy.restore();
            long upMs = awaitReadiness(200, restoredAt, cut);
            report.add(cut + ": readiness UP again " + upMs + " ms after the restore");
            assertSucceeds("after the " + cut + " restore", report);
            assertEquals(pid, node.process().pid(), "no restart");
            assertTrue(node.alive(), "no restart");
        }
        System.out.println("[DatabaseOutageIT]\n  " + String.join("\n  ", report));

        Set<String> untracedVis = missing("VI_GENERATION", issued);
        Set<String> untracedCalls = missing("VI_VERIFICATION", served);
        assertTrue(untracedVis.isEmpty(), "VIs answered without their VI_GENERATION trace: " + untracedVis);
        assertTrue(untracedCalls.isEmpty(), "API calls served without their VI_VERIFICATION trace: " + untracedCalls);
        System.out.println("[DatabaseOutageIT] " + issued.size() + " VIs issued and " + served.size()
                + " VIs served under /api/, each with its trace");
        passed = true;
    }

    // ------------------------------------------------------------------ calls

    /** An answer and how long it took. */
    record Timed(HttpResponse<String> response, long millis) {
        @Override
        public String toString() {
            return response.statusCode() + " in " + millis + " ms, Retry-After "
                    + response.headers().firstValue("Retry-After").orElse("-") + ", " + response.body();
        }
    }

    private static Timed timed(Callable<HttpResponse<String>> call) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = call.call();
        return new Timed(r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static HttpRequest mtlsToken() {
        return TestServer.form(node.uri("/idp/token"), "grant_type=client_credentials")
                .timeout(Duration.ofSeconds(2 * CALL_BOUND_SECONDS))
                .build();
    }

    private static HttpRequest basicToken() throws Exception {
        return TestServer.form(node.uri("/idp/token"), "grant_type=client_credentials")
                .timeout(Duration.ofSeconds(2 * CALL_BOUND_SECONDS))
                .header("Authorization", TestServer.basic(BASIC_CLIENT, cluster.secretOf(BASIC_CLIENT)))
                .build();
    }

    /** A token request; the jti of a 200 is kept for the trace check. */
    private static Timed token(HttpRequest request) throws Exception {
        HttpClient client = request.headers().firstValue("Authorization").isPresent() ? anonymous : mtls;
        Timed t = timed(() -> send(client, request));
        if (t.response().statusCode() == 200) {
            issued.add(Partners.jti(Partners.vi(t.response())));
        }
        return t;
    }

    private static Timed api(String vi) throws Exception {
        Timed t = timed(() -> send(
                mtls,
                HttpRequest.newBuilder(node.uri(Partners.RECORD))
                        .timeout(Duration.ofSeconds(2 * CALL_BOUND_SECONDS))
                        .header("Authorization", "Bearer " + vi)
                        .build()));
        if (t.response().statusCode() == 200) {
            served.add(Partners.jti(vi));
        }
        return t;
    }

    private static HttpRequest admin(String path) throws Exception {
        return Partners.admin(node.base(), path, cluster.adminPassword())
                .timeout(Duration.ofSeconds(2 * CALL_BOUND_SECONDS))
                .build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** 503, JSON temporarily_unavailable, Retry-After, within the bound. */
    private static void assertUnavailable(String what, Timed t) {
        HttpResponse<String> r = t.response();
        assertEquals(503, r.statusCode(), what + ": " + t);
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                what + ": JSON: " + t);
        JsonObject body = TestServer.json(r.body());
        assertEquals("temporarily_unavailable", body.getString("error", null), what + ": " + t);
        assertTrue(r.headers().firstValue("Retry-After").isPresent(), what + ": Retry-After: " + t);
        assertTrue(t.millis() <= CALL_BOUND_SECONDS * 1000L, what + ": within " + CALL_BOUND_SECONDS + " s: " + t);
    }

    /** Token (mTLS and Basic), API and admin API calls all succeed. */
    private static void assertSucceeds(String when, List<String> report) throws Exception {
        Timed byCertificate = token(mtlsToken());
        Timed bySecret = token(basicToken());
        assertEquals(200, byCertificate.response().statusCode(), when + ", token (mTLS): " + byCertificate);
        assertEquals(200, bySecret.response().statusCode(), when + ", token (Basic): " + bySecret);
        Timed call = api(Partners.vi(byCertificate.response()));
        assertEquals(200, call.response().statusCode(), when + ", API: " + call);
        Timed admin = timed(() -> send(anonymous, admin("/conventions")));
        assertEquals(200, admin.response().statusCode(), when + ", admin API: " + admin);
        report.add(when + ": token (mTLS) " + byCertificate.millis() + " ms, token (Basic) " + bySecret.millis()
                + " ms, API " + call.millis() + " ms, admin API " + admin.millis() + " ms, all 200");
    }

    // ------------------------------------------------------------------ health

    private static URI ready() {
        return node.ready();
    }

    private static URI live() {
        return URI.create("http://localhost:" + node.httpPort() + "/health/live");
    }

    private static int status(URI health) throws Exception {
        return plain.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /**
     * Polls readiness every 200 ms until it answers {@code wanted}, checking liveness at each poll; fails after {@value
     * #DOWN_WITHIN_SECONDS} s from {@code sinceNanos}. Returns the milliseconds it took.
     */
    private static long awaitReadiness(int wanted, long sinceNanos, TcpProxy.Mode cut) throws Exception {
        long deadline = sinceNanos + TimeUnit.SECONDS.toNanos(DOWN_WITHIN_SECONDS);
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(ready());
            if (last == wanted) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
            }
            assertEquals(200, status(live()), cut + ": liveness stays UP");
            Thread.sleep(200);
        }
        throw new AssertionError(cut + ": readiness answered " + last + ", not " + wanted + ", " + DOWN_WITHIN_SECONDS
                + " s after the " + (wanted == 503 ? "cut" : "restore") + "\n" + node.tail());
    }

    // ------------------------------------------------------------------ traces

    /** The jtis of {@code jtis} that have no successful trace of {@code kind}. */
    private static Set<String> missing(String kind, Set<String> jtis) throws Exception {
        Set<String> traced = new TreeSet<>();
        try (Connection c = cluster.database();
                PreparedStatement p = c.prepareStatement(
                        "SELECT jti FROM trace_record WHERE kind = ? AND status = 'SUCCESS' AND jti IS NOT NULL")) {
            p.setString(1, kind);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    traced.add(rs.getString(1));
                }
            }
        }
        Set<String> missing = new TreeSet<>(jtis);
        missing.removeAll(traced);
        return missing;
    }
}
