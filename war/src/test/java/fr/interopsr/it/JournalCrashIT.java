package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durability of the trace journal across a crash (issue 5, "Done when" 1; D-17): Payara Micro is
 * started as a child process with the options of {@code mvn -Prun}, loaded by 8 concurrent clients
 * (token requests with the institution-a certificate, then GETs of a beneficiary with the VI obtained),
 * killed with SIGKILL ({@link Process#destroyForcibly()}) in the middle of the load, and restarted on
 * the same database. Then every VI a client received must have its VI_GENERATION trace, every
 * answered API call its VI_VERIFICATION and TRANSACTION traces, and {@code GET /admin/api/traces/verify}
 * must find every chain intact.
 *
 * <p>Not an Arquillian test: Arquillian stops its container politely, and this test is about not being
 * polite. The database is the H2 file of the embedded default; with {@code -Ppostgres} it is a schema
 * of its own on the PostgreSQL of the tests. Ports {@code crash.http.port} / {@code crash.https.port}
 * (20080 / 20443); {@code crash.h2.options} appends settings to the H2 URL, for experiments.
 */
class JournalCrashIT {

    static final int HTTP = Integer.getInteger("crash.http.port", 20080);
    /** A start takes 10 s on an idle 2-core machine and nearly 50 s when other builds load it. */
    static final int READY_SECONDS = 180;

    static final int HTTPS = Integer.getInteger("crash.https.port", 20443);
    static final String SITE = "https://localhost:" + HTTPS + "/interops";
    static final URI TOKEN_URI = URI.create(SITE + "/idp/token");
    static final URI RECORD_URI = URI.create(SITE + "/api/v1/beneficiaries/B00001");
    static final URI VERIFY_URI = URI.create(SITE + "/admin/api/traces/verify");
    static final URI READY_URI = URI.create("http://localhost:" + HTTP + "/health/ready");
    static final int CLIENTS = 8;
    static final String PG_CRASH_SCHEMA = "crash_" + RUN;

    private final Path dir = BUILD.resolve("it-data").resolve("crash-" + RUN).toAbsolutePath();
    private volatile Process server;
    private Thread reaper;
    private boolean passed;

    @BeforeEach
    void prepare() throws Exception {
        MicroProcess.freshDirectory(dir);
        if (POSTGRES) {
            MicroProcess.resetSchema(PG_CRASH_SCHEMA, true);
        }
        // the child dies with this JVM, whatever happens to it
        reaper = new Thread(() -> {
            Process p = server;
            if (p != null) {
                p.destroyForcibly();
            }
        });
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    @AfterEach
    void cleanUp() throws Exception {
        MicroProcess.stop(server, 15);
        server = null;
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        for (int n = 1; n <= 2; n++) {
            // Payara Micro's unpacked runtimes; the killed one never removes its own
            MicroProcess.deleteTree(dir.resolve("tmp-server-" + n));
        }
        if (POSTGRES && passed) {
            MicroProcess.resetSchema(PG_CRASH_SCHEMA, false);
        }
    }

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAnswerGivenBeforeAKill9HasItsTracesAndTheChainsVerify() throws Exception {
        server = start(1);
        awaitReady(server, 1);

        Load before = new Load();
        before.start();
        long loadStart = System.nanoTime();
        // mid-run: enough answers for the test to mean something, the load still at full speed
        while (System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(20)
                && (System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(5) || before.vis.size() < 100)) {
            Thread.sleep(100);
        }
        assertTrue(server.isAlive(), "the server died by itself; see " + log(1));
        long killAt = System.nanoTime();
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no @PreDestroy, nothing flushed
        assertTrue(server.waitFor(15, TimeUnit.SECONDS), "the killed server exits");
        before.stop();
        int exit = server.exitValue();
        String beforeSummary = before.summary(killAt);
        System.out.println("[JournalCrashIT] killed (exit " + exit + ") mid-run: " + beforeSummary);
        assertTrue(before.vis.size() >= 20, "the load reached the server before the kill: " + beforeSummary);

        server = start(2);
        awaitReady(server, 2);
        Load after = new Load();
        after.start();
        Thread.sleep(3000);
        after.stop();
        System.out.println("[JournalCrashIT] after the restart: " + after.summary(System.nanoTime()));
        assertFalse(after.vis.isEmpty(), "the restarted server issues VIs again");

        List<String> problems = new ArrayList<>();
        Traces traces = Traces.read(database());
        List<Missing> lostAtKill = traces.missingFor(before, killAt, "before the kill");
        List<Missing> missing = new ArrayList<>(lostAtKill);
        missing.addAll(traces.missingFor(after, System.nanoTime(), "after the restart"));
        if (!missing.isEmpty()) {
            problems.add(String.format(
                    "LOST TRACES: %d of %d VIs received have no VI_GENERATION trace; %d VI_VERIFICATION"
                            + " and %d TRANSACTION traces missing for the %d API calls answered 200; the clients received those"
                            + " answers %d to %d ms before SIGKILL was sent (negative: just after, already on the wire);"
                            + " %d missing after the restart (database %s)",
                    missing.stream()
                            .filter(m -> m.kind().equals("VI_GENERATION"))
                            .count(),
                    before.vis.size() + after.vis.size(),
                    missing.stream()
                            .filter(m -> m.kind().equals("VI_VERIFICATION"))
                            .mapToInt(Missing::count)
                            .sum(),
                    missing.stream()
                            .filter(m -> m.kind().equals("TRANSACTION"))
                            .mapToInt(Missing::count)
                            .sum(),
                    before.answeredCalls() + after.answeredCalls(),
                    lostAtKill.stream().mapToLong(Missing::agoMs).min().orElse(0),
                    lostAtKill.stream().mapToLong(Missing::agoMs).max().orElse(0),
                    missing.size() - lostAtKill.size(),
                    POSTGRES ? "PostgreSQL schema " + PG_CRASH_SCHEMA : "H2 " + dir.resolve("interops")));
            missing.stream()
                    .sorted(Comparator.comparingLong(Missing::agoMs).reversed())
                    .forEach(m -> problems.add(m.text()));
        }

        JsonObject report = verify();
        System.out.println("[JournalCrashIT] verify: " + report);
        List<String> nodeChains = report.getJsonArray("chains").stream()
                .map(JsonValue::asJsonObject)
                .map(c -> c.getString("chain"))
                .filter(n -> n.startsWith("node:"))
                .toList();
        if (!report.getBoolean("intact")) {
            problems.add("GET /admin/api/traces/verify reports a broken chain: " + report);
        }
        if (nodeChains.size() < 2) {
            problems.add("expected the chains of the killed node and of the restarted one, found " + nodeChains);
        }
        assertTrue(
                problems.isEmpty(),
                problems.size() + " problem(s) (server logs: " + log(1) + ", " + log(2) + "):\n  "
                        + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 40))));
        System.out.println("[JournalCrashIT] every VI received has its VI_GENERATION trace ("
                + (before.vis.size() + after.vis.size())
                + "), every answered API call its VI_VERIFICATION and TRANSACTION"
                + " traces (" + (before.answeredCalls() + after.answeredCalls()) + "), chains intact: " + nodeChains);
        passed = true;
    }

    // ------------------------------------------------------------------ the load

    /** 8 clients: a VI with the institution-a certificate, then one or two GETs of B00001 with it. */
    private static final class Load {
        /** jti -> when the client received the VI (nanoTime). */
        final Map<String, Long> vis = new ConcurrentHashMap<>();
        /** jti -> API calls answered 200 with that VI. */
        final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        /** jti -> when the last API call with it was answered. */
        final Map<String, Long> answeredAt = new ConcurrentHashMap<>();

        final Map<Integer, AtomicInteger> otherStatuses = new ConcurrentHashMap<>();
        final AtomicLong ioErrors = new AtomicLong();
        private volatile boolean stop;
        private final List<Thread> threads = new ArrayList<>();

        void start() throws Exception {
            for (int i = 0; i < CLIENTS; i++) {
                HttpClient client = withCertificate("institution-a");
                Thread t = new Thread(() -> run(client), "crash-client-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void run(HttpClient client) {
            while (!stop) {
                try {
                    HttpResponse<String> token = send(
                            client,
                            form(TOKEN_URI, "grant_type=client_credentials").build());
                    long at = System.nanoTime();
                    if (token.statusCode() != 200) {
                        otherStatuses
                                .computeIfAbsent(token.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        continue;
                    }
                    String vi = json(token.body()).getString("access_token");
                    String jti = jtiOf(vi);
                    vis.put(jti, at);
                    int calls = 1 + ThreadLocalRandom.current().nextInt(2);
                    for (int i = 0; i < calls && !stop; i++) {
                        HttpResponse<String> r = send(
                                client,
                                HttpRequest.newBuilder(RECORD_URI)
                                        .timeout(Duration.ofSeconds(20))
                                        .header("Authorization", "Bearer " + vi)
                                        .build());
                        long answeredNow = System.nanoTime();
                        if (r.statusCode() == 200) {
                            answered.computeIfAbsent(jti, j -> new AtomicInteger())
                                    .incrementAndGet();
                            answeredAt.put(jti, answeredNow);
                        } else {
                            otherStatuses
                                    .computeIfAbsent(r.statusCode(), s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    ioErrors.incrementAndGet(); // the server is dying or dead: no answer, nothing to check
                    pause();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    ioErrors.incrementAndGet();
                    pause();
                }
            }
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            stop = true;
            for (Thread t : threads) {
                t.join(25_000);
            }
        }

        int answeredCalls() {
            return answered.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        String summary(long killAt) {
            long lastSecondVis = vis.values().stream()
                    .filter(t -> killAt - t < 1_000_000_000L)
                    .count();
            long lastSecondCalls = answeredAt.values().stream()
                    .filter(t -> killAt - t < 1_000_000_000L)
                    .count();
            return vis.size() + " VIs received (" + lastSecondVis + " in the last second), " + answeredCalls()
                    + " API calls answered 200 (the last call of " + lastSecondCalls + " VIs in the last second),"
                    + " other statuses " + new TreeMap<>(otherStatuses) + ", " + ioErrors.get()
                    + " requests without answer";
        }
    }

    static String jtiOf(String vi) {
        String payload = new String(Base64.getUrlDecoder().decode(vi.split("\\.")[1]), StandardCharsets.UTF_8);
        return json(payload).getString("jti");
    }

    // ------------------------------------------------------------------ the traces as stored

    /** Traces missing for an answer that a client received {@code agoMs} before the kill (or the end). */
    private record Missing(String kind, int count, long agoMs, String text) {}

    /** The request traces in the database, by jti. */
    private record Traces(Set<String> generated, Map<String, Integer> verified, Map<String, Integer> transactions) {

        static Traces read(Connection connection) throws SQLException {
            Set<String> generated = new HashSet<>();
            Map<String, Integer> verified = new HashMap<>();
            Map<String, Integer> transactions = new HashMap<>();
            try (Connection c = connection;
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT kind, status, jti, http_status FROM trace_record"
                                    + " WHERE jti IS NOT NULL AND kind IN ('VI_GENERATION', 'VI_VERIFICATION', 'TRANSACTION')")) {
                while (r.next()) {
                    String kind = r.getString(1);
                    boolean success = "SUCCESS".equals(r.getString(2));
                    String jti = r.getString(3);
                    int status = r.getInt(4);
                    if (kind.equals("VI_GENERATION") && success) {
                        generated.add(jti);
                    } else if (kind.equals("VI_VERIFICATION") && success) {
                        verified.merge(jti, 1, Integer::sum);
                    } else if (kind.equals("TRANSACTION") && status == 200) {
                        transactions.merge(jti, 1, Integer::sum);
                    }
                }
            }
            return new Traces(generated, verified, transactions);
        }

        List<Missing> missingFor(Load load, long reference, String phase) {
            List<Missing> problems = new ArrayList<>();
            load.vis.forEach((jti, at) -> {
                if (!generated.contains(jti)) {
                    long ago = ms(reference - at);
                    problems.add(new Missing(
                            "VI_GENERATION",
                            1,
                            ago,
                            phase + ": VI " + jti + " received " + ago
                                    + " ms before the kill/end has no VI_GENERATION trace"));
                }
            });
            load.answered.forEach((jti, n) -> {
                long ago = ms(reference - load.answeredAt.get(jti));
                int v = verified.getOrDefault(jti, 0);
                int t = transactions.getOrDefault(jti, 0);
                if (v < n.get()) {
                    problems.add(new Missing(
                            "VI_VERIFICATION",
                            n.get() - v,
                            ago,
                            phase + ": " + n.get()
                                    + " API call(s) with VI " + jti + " answered 200 (last " + ago
                                    + " ms before the kill/end) but "
                                    + v + " VI_VERIFICATION trace(s)"));
                }
                if (t < n.get()) {
                    problems.add(new Missing(
                            "TRANSACTION",
                            n.get() - t,
                            ago,
                            phase + ": " + n.get()
                                    + " API call(s) with VI " + jti + " answered 200 (last " + ago
                                    + " ms before the kill/end) but "
                                    + t + " TRANSACTION trace(s)"));
                }
            });
            return problems;
        }

        private static long ms(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }

    // ------------------------------------------------------------------ the server, as mvn -Prun starts it

    private Process start(int n) throws Exception {
        // crash.h2.options: extra H2 URL settings for experiments, e.g. -Dcrash.h2.options=';WRITE_DELAY\=0'
        MicroProcess.Launch launch = new MicroProcess.Launch(dir, HTTP, HTTPS)
                .h2Options(";AUTO_SERVER\\=TRUE" + System.getProperty("crash.h2.options", ""));
        if (POSTGRES) {
            launch.postgres(PG_CRASH_SCHEMA);
        }
        return launch.start("server-" + n);
    }

    private Path log(int n) {
        return dir.resolve("server-" + n + ".log");
    }

    private void awaitReady(Process p, int n) throws Exception {
        long ms = MicroProcess.awaitReady(p, READY_URI, log(n), READY_SECONDS, "start " + n);
        System.out.println("[JournalCrashIT] start " + n + " ready in " + ms + " ms");
    }

    // ------------------------------------------------------------------ database and verify

    private Connection database() throws SQLException {
        if (POSTGRES) {
            return MicroProcess.postgres(PG_CRASH_SCHEMA);
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("interops") + ";AUTO_SERVER=TRUE", "sa", "sa");
    }

    private JsonObject verify() throws Exception {
        String password = Files.readString(dir.resolve("secrets").resolve("admin.password"))
                .strip();
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(VERIFY_URI)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", basic("admin", password))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }
}
