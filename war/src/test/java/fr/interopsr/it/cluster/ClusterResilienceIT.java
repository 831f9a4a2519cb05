package fr.interopsr.it.cluster;

import static fr.interopsr.it.TestServer.BASEDIR;
import static fr.interopsr.it.TestServer.json;
import static fr.interopsr.it.TestServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.interopsr.it.TestServer;
import fr.interopsr.vi.TestKeys;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, "Behaviour" 5-7, under load through HAProxy set-up (b) ({@link ClusterLoad}: 16 connections, mTLS and
 * Basic, token requests and API calls), on one cluster of two nodes started once for the class:
 *
 * <ol>
 *   <li>{@link #aNodeKilledUnderLoad}: node-a gets SIGKILL (behaviour 5);
 *   <li>{@link #signingKeysRotatedByRollingRestartsUnderLoad}: the signing key is rotated by restarting one node at
 *       a time (behaviour 6); every stop of a running node is a SIGTERM, checked as behaviour 7 ({@link
 *       #drainedStop}).
 * </ol>
 *
 * The demo conventions are given 30 s lifetimes and 5 s of clock skew. Each node has its own file of checkpoint keys
 * (D-26), as on its own disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class ClusterResilienceIT {

    static final String BASIC_CLIENT = "institution-b-portal";
    static final int CONNECTIONS = 16;
    static final int LIFETIME = 30;
    static final int SKEW = 5;
    /** The drain of a stopped node: HAProxy's checks (inter 1 s, fall 2) take it out in 2-3 s. */
    static final int DRAIN = 4;
    /** interops.traces.checkpoint-seconds: the documented bound of a killed node's unsigned tail. */
    static final int CHECKPOINT_SECONDS = 10;

    static final String PASSWORD = "changeit";
    /**
     * A worker's mean pause between calls: 16 workers then make some 100 calls a second. At 60 ms (some 150 a
     * second) the two CPUs of CI were saturated and a node took three times as long to restart under load as at rest.
     */
    static final int THINK_MILLIS = Integer.getInteger("cluster.load.think.millis", 100);

    private Cluster cluster;
    private ClusterNode a;
    private ClusterNode b;
    private HaProxy proxy;
    private HttpClient anonymous;
    /** How long one node took to start at the cluster's start (no load). */
    private long startMillis;
    /**
     * How long behaviour 5's restart of node-a took under load, from its start to HAProxy seeing it UP (0: not
     * measured). The rotation's lead time follows from it.
     */
    private long restartUnderLoadMillis;

    private Path oldKeyStore;
    private String oldKid;

    @RegisterExtension
    final FailureFlag failures = new FailureFlag();

    @BeforeAll
    void startCluster() throws Exception {
        long t0 = System.nanoTime();
        cluster = Cluster.create("resilience", conventions());
        Files.createDirectories(keys());
        KeyPair old = TestKeys.ec("secp256r1");
        Instant now = Instant.now();
        oldKeyStore = keyStore(
                "old.p12",
                Map.of("es256-old", new Key(old, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))));
        oldKid = TestKeys.signingKey("es256-old", old, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
                .kid();
        for (int i = 0; i < 2; i++) {
            ClusterNode n = cluster.node(i);
            n.set("interops.signing.keystore", oldKeyStore.toString())
                    .set("interops.signing.keystore-password", PASSWORD)
                    .set(
                            "interops.traces.checkpoint-keys-file",
                            cluster.dir()
                                    .resolve(n.name() + "-checkpoint-keys.jwks")
                                    .toString())
                    .set("interops.traces.checkpoint-seconds", String.valueOf(CHECKPOINT_SECONDS))
                    .set("interops.shutdown.drain-seconds", String.valueOf(DRAIN));
        }
        List<ClusterNode> nodes = cluster.start(2);
        a = nodes.get(0);
        b = nodes.get(1);
        startMillis = ms(t0) / 2;
        proxy = HaProxy.termination(cluster, nodes);
        proxy.awaitUpServers(2, 30);
        anonymous = TestServer.anonymous();
        System.out.println("[ClusterResilienceIT] two nodes and the proxy up in " + ms(t0) + " ms");
    }

    /** The loads started by a test, stopped after it whatever happens. */
    private final List<ClusterLoad> loads = new ArrayList<>();

    private ClusterLoad track(ClusterLoad load) {
        loads.add(load);
        return load;
    }

    @AfterEach
    void stopLoads() throws InterruptedException {
        for (ClusterLoad l : loads) {
            l.stop();
        }
        loads.clear();
    }

    @AfterAll
    void stopCluster() throws Exception {
        Cluster.tearDown("ClusterResilienceIT", failures.failed(), cluster, proxy);
    }

    /** The demo conventions with 30 s lifetimes and 5 s of skew (the rotation's waits follow from them). */
    static Map<String, String> conventions() throws Exception {
        Map<String, String> docs = new LinkedHashMap<>();
        for (String name : List.of("demo-beneficiaries-basic.json", "demo-beneficiaries-mtls.json")) {
            String doc = Files.readString(
                            BASEDIR.resolve("server-config/dev/conventions").resolve(name))
                    .replaceAll("\"tokenLifetimeSeconds\": \\d+", "\"tokenLifetimeSeconds\": " + LIFETIME)
                    .replaceAll("\"allowedClockSkewSeconds\": \\d+", "\"allowedClockSkewSeconds\": " + SKEW);
            if (!doc.contains("\"tokenLifetimeSeconds\": " + LIFETIME)
                    || !doc.contains("\"allowedClockSkewSeconds\": " + SKEW)) {
                throw new IllegalStateException(name + " did not take the test's lifetime and skew");
            }
            docs.put(name, doc);
        }
        return docs;
    }

    // ------------------------------------------------------------------ behaviour 5

    /**
     * Behaviour 5: under load, node-a gets SIGKILL. Every call begun 5 s or more after the kill succeeds; the calls in
     * flight that failed are counted and printed; every answered call has its traces (by jti); every chain verifies,
     * and the killed node's records after the last round that names them are within the documented bound
     * (interops.traces.checkpoint-seconds before the kill).
     */
    @Test
    @Order(1)
    void aNodeKilledUnderLoad() throws Exception {
        long t0 = System.nanoTime();
        ClusterLoad load = track(new ClusterLoad(
                        proxy.base(), CONNECTIONS, BASIC_CLIENT, cluster.secretOf(BASIC_CLIENT), 3, THINK_MILLIS)
                .start());
        // warm: both nodes answer API calls (the first calls of a cold node take seconds)
        awaitApiCallsOnBothNodes(Map.of(), 20, 90);
        Thread.sleep(2000);
        assertTrue(a.alive(), "node-a runs before the kill");
        long killNanos = System.nanoTime();
        Instant killedAt = Instant.now();
        a.kill();
        long afterKill = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killNanos);
        Thread.sleep(15_000);
        load.stop();
        long recovered = killNanos + TimeUnit.SECONDS.toNanos(5);
        List<ClusterLoad.Call> failedInFlight = load.calls(c -> !c.ok() && c.startNanos() < recovered);
        List<ClusterLoad.Call> failedLate = load.calls(c -> !c.ok() && c.startNanos() >= recovered);
        System.out.println(
                "[ClusterResilienceIT] kill: node-a exited " + afterKill + " ms after SIGKILL; load " + load.summary());
        System.out.println("[ClusterResilienceIT] kill: " + failedInFlight.size()
                + " call(s) begun before kill + 5 s failed (in flight, or sent to node-a before HAProxy took it out):");
        failedInFlight.forEach(c -> System.out.println("    " + c + ", " + relative(c, killNanos)));
        long lastFailure = failedInFlight.stream()
                .mapToLong(c -> c.startNanos() - killNanos)
                .max()
                .orElse(Long.MIN_VALUE);
        if (lastFailure != Long.MIN_VALUE) {
            System.out.println("[ClusterResilienceIT] kill: the last failed call began "
                    + TimeUnit.NANOSECONDS.toMillis(lastFailure) + " ms after the kill");
        }
        assertTrue(
                failedLate.isEmpty(),
                failedLate.size() + " call(s) begun 5 s or more after the kill failed:\n  "
                        + failedLate.stream()
                                .limit(20)
                                .map(c -> c + ", " + relative(c, killNanos))
                                .collect(Collectors.joining("\n  ")));
        long answeredAfter =
                load.calls(c -> c.ok() && c.startNanos() >= recovered).size();
        assertTrue(answeredAfter > 50, "the load went on after the kill: " + answeredAfter + " answered");

        try (Connection db = cluster.database()) {
            List<String> missing = load.missingTraces(db);
            assertTrue(
                    missing.isEmpty(),
                    missing.size() + " answered call(s) without their traces:\n  "
                            + String.join("\n  ", missing.subList(0, Math.min(20, missing.size()))));
        }
        JsonObject report = verify(b);
        JsonObject chainA = chain(report, "node:node-a");
        JsonObject chainB = chain(report, "node:node-b");
        assertTrue(report.getBoolean("intact"), "every chain verifies: " + report);
        long last = chainA.getJsonNumber("lastSequence").longValue();
        long signed = chainA.getJsonNumber("signedSequence").longValue();
        System.out.println("[ClusterResilienceIT] kill: chains intact; node:node-a last " + last + ", signed up to "
                + signed + "; node:node-b last " + chainB.getJsonNumber("lastSequence") + ", signed up to "
                + chainB.getJsonNumber("signedSequence"));
        try (Connection db = cluster.database()) {
            // node-a may be killed before its first round (it signs every CHECKPOINT_SECONDS from its start)
            Instant lastRoundOfA = lastRoundTime(db, "node:node-a");
            System.out.println("[ClusterResilienceIT] kill: "
                    + (lastRoundOfA == null
                            ? "node-a signed no round before the kill"
                            : "node-a's last round signed at " + lastRoundOfA + ", "
                                    + Duration.between(lastRoundOfA, killedAt).toMillis() + " ms before the kill"));
            // the documented bound (traces.md): what no round names is at most checkpoint-seconds old at the kill
            Instant oldestUnsigned = oldestAfter(db, "node:node-a", signed);
            if (oldestUnsigned != null) {
                assertTrue(
                        !oldestUnsigned.isBefore(killedAt.minusSeconds(CHECKPOINT_SECONDS + 3)),
                        "records of node-a after the last round naming them go back to " + oldestUnsigned
                                + ", more than " + CHECKPOINT_SECONDS + " s before the kill at " + killedAt);
            }
        }
        // the killed node comes back under load: its chain goes on and still verifies
        long restart = System.nanoTime();
        try (ClusterLoad again = track(new ClusterLoad(
                        proxy.base(), CONNECTIONS, BASIC_CLIENT, cluster.secretOf(BASIC_CLIENT), 3, THINK_MILLIS)
                .start())) {
            Map<String, Long> before = transactionsByNode();
            long begin = System.nanoTime();
            a.start();
            a.awaitReady();
            proxy.awaitUpServers(2, 30);
            restartUnderLoadMillis = ms(begin);
            awaitApiCallsOnBothNodes(before, 20, 60);
            again.stop();
            System.out.println(
                    "[ClusterResilienceIT] kill: node-a back in " + ms(restart) + " ms under load; " + again.summary());
            assertTrue(again.failures().isEmpty(), "no error while the killed node comes back: " + again.failures());
        }
        JsonObject after = verify(a);
        assertTrue(after.getBoolean("intact"), "every chain verifies after the restart: " + after);
        System.out.println("[ClusterResilienceIT] behaviour 5 took " + ms(t0) + " ms");
    }

    /** Waits until each node has written {@code n} TRANSACTION traces more than {@code before} (it answers API calls). */
    private void awaitApiCallsOnBothNodes(Map<String, Long> before, long n, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Long> counts = Map.of();
        while (System.nanoTime() < deadline) {
            counts = transactionsByNode();
            if (counts.getOrDefault("node-a", 0L) >= before.getOrDefault("node-a", 0L) + n
                    && counts.getOrDefault("node-b", 0L) >= before.getOrDefault("node-b", 0L) + n) {
                return;
            }
            Thread.sleep(250);
        }
        fail("the nodes did not both answer " + n + " more API calls within " + seconds + " s: " + counts + " (before "
                + before + ")");
    }

    private Map<String, Long> transactionsByNode() throws Exception {
        Map<String, Long> c = new HashMap<>();
        try (Connection db = cluster.database();
                PreparedStatement s = db.prepareStatement(
                        "SELECT node, COUNT(*) FROM trace_record WHERE kind = 'TRANSACTION' GROUP BY node");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                c.put(r.getString(1), r.getLong(2));
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ behaviours 6 and 7

    /**
     * Behaviour 6, as docs/operations.md "Rolling signing-key rotation" says it: (1) a key store with the old key and a
     * new one whose certificate starts at T (now + a lead time longer than restarting every node) goes to every node,
     * restarted one at a time; before T, every node publishes the new key and none signs with it; (2) from T, every
     * node signs with the new key and none with the old; (3) once the longest lifetime plus skew has passed since T,
     * the old key is taken out of the key store and the nodes restarted again; until then every node published it.
     * All along, the load gets no error, every answered call has its traces, and at the end every chain verifies, the
     * rounds the old key signed included: its public half stayed in each node's checkpoint key file (D-26).
     */
    @Test
    @Order(2)
    void signingKeysRotatedByRollingRestartsUnderLoad() throws Exception {
        long t0 = System.nanoTime();
        // the lead covers two restarts under load on this machine, one and a half times over: a drained stop (the
        // drain, then some 3 s to sign the last round and exit) and a start as long as behaviour 5's restart under
        // load (three times the start at rest when behaviour 5 did not run). On CI on 2026-12-05, a lead of 1.5
        // starts at rest ran out: a start under load took three times as long as at rest.
        long startUnderLoad = restartUnderLoadMillis > 0 ? restartUnderLoadMillis : 3 * startMillis;
        long leadSeconds = Math.max(60, 3 * (DRAIN * 1000L + 5000 + startUnderLoad) / 1000 + 10);
        Instant now = Instant.now();
        Instant switchAt = now.plusSeconds(leadSeconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        KeyPair fresh = TestKeys.ec("secp256r1");
        Instant freshUntil = now.plus(Duration.ofDays(730));
        String newKid =
                TestKeys.signingKey("es256-new", fresh, switchAt, freshUntil).kid();
        KeyStore oldStore = load(oldKeyStore);
        Path both = keyStore("both.p12", Map.of("es256-new", new Key(fresh, switchAt, freshUntil)), oldStore);
        Path onlyNew = keyStore("new.p12", Map.of("es256-new", new Key(fresh, switchAt, freshUntil)));
        System.out.println("[ClusterResilienceIT] rotation: old kid " + oldKid + ", new kid " + newKid + " from "
                + switchAt + " (lead " + leadSeconds + " s)");

        JwksWatch watch = new JwksWatch(List.of(a, b)).start();
        ClusterLoad load = track(new ClusterLoad(
                        proxy.base(),
                        CONNECTIONS,
                        BASIC_CLIENT,
                        cluster.secretOf(BASIC_CLIENT),
                        LIFETIME - 5,
                        THINK_MILLIS)
                .start());
        List<String> problems = new ArrayList<>();
        try {
            // (1) the new key on every node, one at a time
            for (ClusterNode n : List.of(a, b)) {
                restart(n, Map.of("interops.signing.keystore", both.toString()), problems);
            }
            Instant published = Instant.now();
            if (!published.isBefore(switchAt)) {
                fail("the restarts ended at " + published + ", after the new key's notBefore " + switchAt
                        + ": raise the lead (start at rest " + startMillis + " ms, under load " + restartUnderLoadMillis
                        + " ms)");
            }
            for (ClusterNode n : List.of(a, b)) {
                Set<String> kids = jwksKids(n);
                assertTrue(
                        kids.contains(newKid) && kids.contains(oldKid), n + " publishes both keys before T: " + kids);
            }
            System.out.println("[ClusterResilienceIT] rotation: both nodes publish the new key "
                    + Duration.between(published, switchAt).toSeconds() + " s before it signs");
            // (2) from T, the new key signs
            sleepUntil(switchAt.plusSeconds(LIFETIME + SKEW + 1));
            // (3) the old key out, one node at a time
            Instant removalBegins = Instant.now();
            for (ClusterNode n : List.of(a, b)) {
                restart(n, Map.of("interops.signing.keystore", onlyNew.toString()), problems);
            }
            Thread.sleep(3000);
            for (ClusterNode n : List.of(a, b)) {
                Set<String> kids = jwksKids(n);
                assertEquals(Set.of(newKid), kids, n + " publishes the new key alone at the end");
            }
            load.stop();
            watch.stop();
            System.out.println("[ClusterResilienceIT] rotation: load " + load.summary());

            List<ClusterLoad.Call> failures = load.failures();
            if (!failures.isEmpty()) {
                problems.add(failures.size() + " client error(s) during the rotation:\n    "
                        + failures.stream().limit(20).map(Object::toString).collect(Collectors.joining("\n    ")));
            }
            // no VI signed with the new key before T, none with the old one after it
            long t = switchAt.getEpochSecond();
            List<ClusterLoad.Call> early =
                    load.calls(c -> c.ok() && c.token() && newKid.equals(c.kid()) && c.iat() < t);
            List<ClusterLoad.Call> late =
                    load.calls(c -> c.ok() && c.token() && oldKid.equals(c.kid()) && c.iat() >= t + 1);
            long byOld = load.calls(c -> c.ok() && c.token() && oldKid.equals(c.kid()))
                    .size();
            long byNew = load.calls(c -> c.ok() && c.token() && newKid.equals(c.kid()))
                    .size();
            long oldUsedAfterT = load.calls(c -> c.ok()
                            && !c.token()
                            && oldKid.equals(c.kid())
                            && c.startedAt().isAfter(switchAt))
                    .size();
            System.out.println("[ClusterResilienceIT] rotation: VIs signed by the old key " + byOld + ", by the new "
                    + byNew + "; API calls answered with an old-key VI after T: " + oldUsedAfterT);
            if (!early.isEmpty()) {
                problems.add(early.size() + " VI(s) signed with the new key before its notBefore: " + early.get(0));
            }
            if (!late.isEmpty()) {
                problems.add(late.size() + " VI(s) signed with the old key after the switch: " + late.get(0));
            }
            if (byOld == 0 || byNew == 0) {
                problems.add("both keys should have signed VIs: old " + byOld + ", new " + byNew);
            }
            // until T + lifetime + skew, every node that answered published the old key
            List<String> gone = watch.missing(oldKid, Instant.EPOCH, switchAt.plusSeconds(LIFETIME + SKEW));
            if (!gone.isEmpty()) {
                problems.add("the old key left a JWK Set before T + lifetime + skew: " + gone);
            }
            System.out.println("[ClusterResilienceIT] rotation: " + watch.polls.size() + " JWK Set polls, the old key"
                    + " in each until T + lifetime + skew; the removal began "
                    + Duration.between(switchAt, removalBegins).toSeconds() + " s after T");
            try (Connection db = cluster.database()) {
                List<String> missing = load.missingTraces(db);
                if (!missing.isEmpty()) {
                    problems.add(missing.size() + " answered call(s) without their traces:\n    "
                            + String.join("\n    ", missing.subList(0, Math.min(20, missing.size()))));
                }
                Map<String, Long> roundsByKey = roundsByKey(db);
                System.out.println("[ClusterResilienceIT] rotation: checkpoint rounds by key " + roundsByKey);
                if (!roundsByKey.containsKey(oldKid) || !roundsByKey.containsKey(newKid)) {
                    problems.add("rounds signed by both keys expected: " + roundsByKey);
                }
            }
            for (ClusterNode n : List.of(a, b)) {
                String file = Files.readString(
                        cluster.dir().resolve(n.name() + "-checkpoint-keys.jwks"), StandardCharsets.UTF_8);
                if (!file.contains(oldKid) || !file.contains(newKid)) {
                    problems.add(n + "'s checkpoint key file lacks a key: " + file);
                }
            }
            JsonObject report = verify(a);
            if (!report.getBoolean("intact")) {
                problems.add("the journal does not verify after the rotation: " + report);
            }
            assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
            System.out.println("[ClusterResilienceIT] behaviours 6 and 7 took " + ms(t0) + " ms");
        } finally {
            load.stop();
            watch.stop();
        }
    }

    /**
     * Restarts a node with settings changed: a stop by SIGTERM checked as behaviour 7 when it runs ({@link
     * #drainedStop}), a plain start when it is down (killed by behaviour 5); then waits until HAProxy sees it UP.
     */
    private void restart(ClusterNode n, Map<String, String> changes, List<String> problems) throws Exception {
        long t0 = System.nanoTime();
        if (n.alive()) {
            drainedStop(n, problems);
        }
        long stopped = ms(t0);
        changes.forEach(n::set);
        long begin = System.nanoTime();
        n.start();
        long launched = ms(begin);
        n.awaitReady();
        long ready = ms(begin);
        proxy.awaitUpServers(2, 30);
        System.out.println("[ClusterResilienceIT] " + n.name() + " restarted in " + ms(t0) + " ms: stopped after "
                + stopped + ", launched " + launched + " ms later (ports free), ready after " + ready
                + ", UP in HAProxy after " + ms(begin));
    }

    /**
     * Behaviour 7: SIGTERM; readiness DOWN at once while the node still answers (the drain), then the exit, and the
     * node's last round names its chain's last record. That no request through the proxy failed meanwhile is the
     * load's check.
     */
    private void drainedStop(ClusterNode n, List<String> problems) throws Exception {
        Process p = n.process();
        long term = System.nanoTime();
        p.destroy(); // SIGTERM
        long downAfter = -1;
        long servedDuringDrain = -1;
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (p.isAlive() && ms(term) < (DRAIN + 40) * 1000L) {
            if (downAfter < 0) {
                try {
                    int status = plain.send(
                                    HttpRequest.newBuilder(n.ready())
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode();
                    if (status != 200) {
                        downAfter = ms(term);
                    }
                } catch (Exception e) {
                    downAfter = ms(term); // no answer: down anyway
                }
            } else if (servedDuringDrain < 0 && ms(term) < (DRAIN - 1) * 1000L) {
                try {
                    if (send(
                                            anonymous,
                                            HttpRequest.newBuilder(n.uri("/idp/jwks"))
                                                    .timeout(Duration.ofSeconds(2))
                                                    .build())
                                    .statusCode()
                            == 200) {
                        servedDuringDrain = ms(term);
                    }
                } catch (Exception e) {
                    // counted below
                }
            }
            Thread.sleep(50);
        }
        int exit = n.stop();
        long stopped = ms(term);
        System.out.println("[ClusterResilienceIT] " + n.name() + " SIGTERM: readiness DOWN after " + downAfter
                + " ms, answered directly at " + servedDuringDrain + " ms, exited (" + exit + ") after " + stopped
                + " ms");
        if (downAfter < 0 || downAfter > 1500) {
            problems.add(n + ": readiness not DOWN within 1.5 s of SIGTERM (" + downAfter + " ms)");
        }
        if (servedDuringDrain < 0) {
            problems.add(n + ": did not answer during its drain");
        }
        if (stopped < DRAIN * 1000L) {
            problems.add(n + ": exited " + stopped + " ms after SIGTERM, before its drain of " + DRAIN + " s");
        }
        try (Connection db = cluster.database()) {
            String chain = "node:" + n.name();
            long head = head(db, chain);
            long named = lastRoundNames(db, chain, chain);
            System.out.println("[ClusterResilienceIT] " + n.name() + " final round names " + chain + " up to " + named
                    + ", its last record is " + head);
            if (named != head) {
                problems.add(n + ": its final checkpoint round names " + chain + " up to " + named
                        + ", but its last record is " + head);
            }
        }
    }

    // ------------------------------------------------------------------ the JWK Sets, watched

    /** Polls each node's JWK Set directly (not through the proxy) every 250 ms. */
    private final class JwksWatch {
        record Poll(Instant at, String node, Set<String> kids) {}

        final List<ClusterNode> nodes;
        final ConcurrentLinkedQueue<Poll> polls = new ConcurrentLinkedQueue<>();
        private volatile boolean stop;
        private Thread thread;

        JwksWatch(List<ClusterNode> nodes) {
            this.nodes = nodes;
        }

        JwksWatch start() {
            thread = new Thread(() -> {
                while (!stop) {
                    for (ClusterNode n : nodes) {
                        try {
                            HttpResponse<String> r = send(
                                    anonymous,
                                    HttpRequest.newBuilder(n.uri("/idp/jwks"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build());
                            if (r.statusCode() == 200) {
                                polls.add(new Poll(Instant.now(), n.name(), kids(r.body())));
                            }
                        } catch (Exception e) {
                            // down or restarting: no poll
                        }
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        void stop() throws InterruptedException {
            stop = true;
            if (thread != null) {
                thread.join(5000);
            }
        }

        /** The polls from {@code from} to {@code until} whose JWK Set lacked {@code kid}. */
        List<String> missing(String kid, Instant from, Instant until) {
            return polls.stream()
                    .filter(p -> !p.at().isBefore(from)
                            && p.at().isBefore(until)
                            && !p.kids().contains(kid))
                    .map(p -> p.node() + " at " + p.at() + ": " + p.kids())
                    .toList();
        }
    }

    private Set<String> jwksKids(ClusterNode n) throws Exception {
        HttpResponse<String> r = send(
                anonymous,
                HttpRequest.newBuilder(n.uri("/idp/jwks"))
                        .timeout(Duration.ofSeconds(10))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return kids(r.body());
    }

    static Set<String> kids(String jwks) {
        return json(jwks).getJsonArray("keys").stream()
                .map(JsonValue::asJsonObject)
                .map(k -> k.getString("kid"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------ key stores

    record Key(KeyPair pair, Instant notBefore, Instant notAfter) {}

    private Path keys() {
        return cluster.dir().resolve("keys");
    }

    /** A PKCS#12 signing key store (password {@value #PASSWORD}) with these keys, and those of {@code also}. */
    private Path keyStore(String name, Map<String, Key> entries, KeyStore... also) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (KeyStore other : also) {
            for (String alias : java.util.Collections.list(other.aliases())) {
                ks.setKeyEntry(
                        alias,
                        other.getKey(alias, PASSWORD.toCharArray()),
                        PASSWORD.toCharArray(),
                        other.getCertificateChain(alias));
            }
        }
        for (var e : entries.entrySet()) {
            Key k = e.getValue();
            ks.setKeyEntry(e.getKey(), k.pair().getPrivate(), PASSWORD.toCharArray(), new Certificate[] {
                TestKeys.selfSigned(k.pair(), "CN=Interops-R test signing " + e.getKey(), k.notBefore(), k.notAfter())
            });
        }
        Path file = keys().resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    // ------------------------------------------------------------------ the journal

    private JsonObject verify(ClusterNode n) throws Exception {
        HttpResponse<String> r = send(
                anonymous,
                Partners.admin(n.base(), "/traces/verify", cluster.adminPassword())
                        .timeout(Duration.ofSeconds(120))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    private static JsonObject chain(JsonObject report, String name) {
        return report.getJsonArray("chains").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("chain").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chain " + name + " in " + report));
    }

    private static long head(Connection db, String chain) throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT last_seq FROM trace_chain_head WHERE chain = ?")) {
            s.setString(1, chain);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** The sequence that {@code signer}'s last round names for {@code chain} (-1: no round, or not named). */
    private static long lastRoundNames(Connection db, String signer, String chain) throws Exception {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT jws FROM trace_checkpoint_round WHERE signer = ?" + " ORDER BY round_seq DESC LIMIT 1")) {
            s.setString(1, signer);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return -1;
                }
                JsonObject payload = json(new String(
                        Base64.getUrlDecoder().decode(r.getString(1).split("\\.")[1]), StandardCharsets.UTF_8));
                return payload.getJsonArray("chains").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(c -> c.getString("chain").equals(chain))
                        .mapToLong(c -> c.getJsonNumber("seq").longValue())
                        .findFirst()
                        .orElse(-1);
            }
        }
    }

    /** When {@code signer} signed its last round; null when it signed none. */
    private static Instant lastRoundTime(Connection db, String signer) throws Exception {
        try (PreparedStatement s =
                db.prepareStatement("SELECT MAX(signed_at) FROM trace_checkpoint_round WHERE signer = ?")) {
            s.setString(1, signer);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1) == null ? null : r.getTimestamp(1).toInstant();
            }
        }
    }

    /** When the oldest record of {@code chain} after {@code seq} was written; null when there is none. */
    private static Instant oldestAfter(Connection db, String chain, long seq) throws Exception {
        try (PreparedStatement s =
                db.prepareStatement("SELECT MIN(occurred_at) FROM trace_record WHERE chain = ? AND chain_seq > ?")) {
            s.setString(1, chain);
            s.setLong(2, seq);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1) == null ? null : r.getTimestamp(1).toInstant();
            }
        }
    }

    private static Map<String, Long> roundsByKey(Connection db) throws Exception {
        Map<String, Long> byKey = new HashMap<>();
        try (PreparedStatement s =
                        db.prepareStatement("SELECT key_id, COUNT(*) FROM trace_checkpoint_round GROUP BY key_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                byKey.put(r.getString(1), r.getLong(2));
            }
        }
        return byKey;
    }

    // ------------------------------------------------------------------ time

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static String relative(ClusterLoad.Call c, long reference) {
        return "began " + TimeUnit.NANOSECONDS.toMillis(c.startNanos() - reference) + " ms after the kill";
    }

    static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
