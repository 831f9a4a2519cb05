package fr.interopsr.it.cluster;

import static fr.interopsr.it.TestServer.json;

import fr.interopsr.it.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Partners' load through a proxy (issue 16, behaviours 5-7): {@code connections} workers, each with its own HTTP/1.1
 * connection (one {@link HttpClient} each), half of them institution-a over mTLS ({@code tls_client_auth}), half a
 * {@code client_secret_basic} client without a certificate. Each worker asks for a VI, calls
 * {@code GET /api/v1/beneficiaries/B00001} with it, and keeps using it (so that VIs signed before a key rotation are
 * used after it) until it is {@code reuseSeconds} old, then asks for the next. Every call is recorded: when it began
 * and ended, its status or its exception, and the VI's {@code jti} and {@code kid}.
 */
public final class ClusterLoad implements AutoCloseable {

    public enum Kind {
        TOKEN_MTLS,
        TOKEN_BASIC,
        API
    }

    /**
     * One call; {@code status} 0 when no answer came ({@code error} says why); {@code jti}, {@code kid} of the VI
     * received or used, {@code iat} (epoch seconds) of the VI received.
     */
    public record Call(
            int worker,
            Kind kind,
            long startNanos,
            long endNanos,
            Instant startedAt,
            int status,
            String error,
            String jti,
            String kid,
            long iat,
            String body) {

        public boolean ok() {
            return status == 200;
        }

        public boolean token() {
            return kind != Kind.API;
        }

        @Override
        public String toString() {
            return String.format(
                    "%s worker %d at %s (%d ms): %s%s",
                    kind,
                    worker,
                    startedAt,
                    TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos),
                    status == 0 ? "no answer, " + error : "HTTP " + status,
                    status == 0 || status == 200 ? "" : " " + abbreviate(body));
        }
    }

    private final String base;
    private final int connections;
    private final String basicClient;
    private final String basicSecret;
    private final long reuseNanos;
    private final int thinkMillis;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    /**
     * @param base         what the partners call ({@link HaProxy#base()})
     * @param connections  workers, each with one connection; even numbers are mTLS, odd ones Basic
     * @param reuseSeconds how long a worker uses one VI before asking for the next
     * @param thinkMillis  the mean pause of a worker between two calls (0: none; the two CPUs of a CI machine are
     *     shared with the nodes, and a node restarting under a saturating load starts three times slower)
     */
    public ClusterLoad(
            String base, int connections, String basicClient, String basicSecret, int reuseSeconds, int thinkMillis) {
        this.base = base;
        this.connections = connections;
        this.basicClient = basicClient;
        this.basicSecret = basicSecret;
        this.reuseNanos = TimeUnit.SECONDS.toNanos(reuseSeconds);
        this.thinkMillis = thinkMillis;
    }

    public ClusterLoad start() throws Exception {
        for (int i = 0; i < connections; i++) {
            boolean mtls = i % 2 == 0;
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(mtls ? TestServer.tls(TestServer.clientKeys("institution-a")) : TestServer.tls())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            int worker = i;
            Thread t = new Thread(() -> run(worker, mtls, client), "cluster-load-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        return this;
    }

    private void run(int worker, boolean mtls, HttpClient client) {
        String vi = null;
        long viAt = 0;
        while (!stop) {
            if (vi == null || System.nanoTime() - viAt > reuseNanos) {
                HttpRequest.Builder r = TestServer.form(
                                URI.create(base + "/idp/token"), "grant_type=client_credentials")
                        .timeout(Duration.ofSeconds(20));
                if (!mtls) {
                    r.header("Authorization", TestServer.basic(basicClient, basicSecret));
                }
                Call c = call(worker, mtls ? Kind.TOKEN_MTLS : Kind.TOKEN_BASIC, client, r.build(), null, null);
                if (c.ok()) {
                    vi = json(c.body()).getString("access_token");
                    viAt = c.endNanos();
                    calls.add(withVi(c, vi));
                } else {
                    calls.add(c);
                    pause(50);
                    continue;
                }
            }
            Call c = call(
                    worker,
                    Kind.API,
                    client,
                    HttpRequest.newBuilder(URI.create(base + Partners.RECORD))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + vi)
                            .build(),
                    jti(vi),
                    kid(vi));
            calls.add(c);
            if (!c.ok()) {
                pause(50);
            }
            if (thinkMillis > 0) {
                pause(ThreadLocalRandom.current().nextInt(thinkMillis / 2, thinkMillis * 3 / 2 + 1));
            }
        }
    }

    private static Call call(int worker, Kind kind, HttpClient client, HttpRequest request, String jti, String kid) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Call(
                    worker, kind, start, System.nanoTime(), startedAt, r.statusCode(), null, jti, kid, 0, r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(worker, kind, start, System.nanoTime(), startedAt, 0, e.toString(), jti, kid, 0, null);
        } catch (Exception e) {
            return new Call(worker, kind, start, System.nanoTime(), startedAt, 0, e.toString(), jti, kid, 0, null);
        }
    }

    private static Call withVi(Call c, String vi) {
        return new Call(
                c.worker(),
                c.kind(),
                c.startNanos(),
                c.endNanos(),
                c.startedAt(),
                c.status(),
                null,
                jti(vi),
                kid(vi),
                part(vi, 1).getJsonNumber("iat").longValue(),
                null);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers after their current call. */
    public void stop() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(Predicate<Call> which) {
        return calls.stream().filter(which).toList();
    }

    public List<Call> failures() {
        return calls(c -> !c.ok());
    }

    /** Calls so far, by kind, answered and failed; the statuses seen. */
    public String summary() {
        List<Call> all = calls();
        Map<Kind, Long> ok = all.stream()
                .filter(Call::ok)
                .collect(Collectors.groupingBy(Call::kind, TreeMap::new, Collectors.counting()));
        Map<String, Long> failed = all.stream()
                .filter(c -> !c.ok())
                .collect(Collectors.groupingBy(
                        c -> c.status() == 0 ? "no answer" : "HTTP " + c.status(),
                        TreeMap::new,
                        Collectors.counting()));
        return all.size() + " calls, answered 200: " + ok + ", failed: " + failed;
    }

    /** The {@code jti} of a VI. */
    public static String jti(String vi) {
        return part(vi, 1).getString("jti");
    }

    /** The {@code kid} of a VI's header: the key that signed it. */
    public static String kid(String vi) {
        return part(vi, 0).getString("kid");
    }

    private static JsonObject part(String vi, int i) {
        return json(new String(Base64.getUrlDecoder().decode(vi.split("\\.")[i]), StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    // ------------------------------------------------------------------ the traces of the calls answered

    /**
     * What the answered calls lack in {@code trace_record} (matched by {@code jti}): a VI received without its
     * VI_GENERATION trace, API calls answered 200 without as many VI_VERIFICATION and TRANSACTION traces. Empty when
     * every answered call has its traces.
     */
    public List<String> missingTraces(Connection db) throws SQLException {
        Set<String> generated = new HashSet<>();
        Map<String, Integer> verified = new HashMap<>();
        Map<String, Integer> transactions = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT kind, status, jti, http_status FROM trace_record"
                        + " WHERE jti IS NOT NULL AND kind IN ('VI_GENERATION', 'VI_VERIFICATION', 'TRANSACTION')")) {
            while (r.next()) {
                String kind = r.getString(1);
                boolean success = "SUCCESS".equals(r.getString(2));
                String jti = r.getString(3);
                if (kind.equals("VI_GENERATION") && success) {
                    generated.add(jti);
                } else if (kind.equals("VI_VERIFICATION") && success) {
                    verified.merge(jti, 1, Integer::sum);
                } else if (kind.equals("TRANSACTION") && r.getInt(4) == 200) {
                    transactions.merge(jti, 1, Integer::sum);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        Map<String, List<Call>> answeredByJti = new HashMap<>();
        for (Call c : calls(Call::ok)) {
            if (c.token()) {
                if (!generated.contains(c.jti())) {
                    missing.add("VI " + c.jti() + " received (" + c + ") has no VI_GENERATION trace");
                }
            } else {
                answeredByJti.computeIfAbsent(c.jti(), j -> new ArrayList<>()).add(c);
            }
        }
        answeredByJti.forEach((jti, answered) -> {
            int v = verified.getOrDefault(jti, 0);
            int t = transactions.getOrDefault(jti, 0);
            if (v < answered.size() || t < answered.size()) {
                Call last = answered.stream()
                        .max(Comparator.comparingLong(Call::endNanos))
                        .orElseThrow();
                missing.add(answered.size() + " API call(s) with VI " + jti + " answered 200 (last: " + last + ") but "
                        + v + " VI_VERIFICATION and " + t + " TRANSACTION trace(s)");
            }
        });
        return missing;
    }
}
