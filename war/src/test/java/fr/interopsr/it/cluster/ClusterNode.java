package fr.interopsr.it.cluster;

import static fr.interopsr.it.TestServer.BASEDIR;
import static fr.interopsr.it.TestServer.BUILD;

import fr.interopsr.it.MicroProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link Cluster}: the WAR on Payara Micro as a child process, as {@code mvn -Prun} starts it but on the
 * cluster's PostgreSQL schema (the datasource of {@code server-config/payara/post-boot-commands-postgres.txt}), with
 * its own {@code interops.node.name} and ports, the cluster's conventions and development secrets, and the proxies'
 * address in {@code interops.tls.trusted-proxies} (D-2). {@link #stop()} sends SIGTERM, {@link #kill()} SIGKILL;
 * {@link #restart(Map)} starts it again with settings changed. Each start writes {@code <name>-<n>.log} and the
 * command line ({@code .cmd}) in the cluster's folder.
 */
public final class ClusterNode {

    private final Cluster cluster;
    private final int index;
    private final String name;
    private final int httpPort;
    private final int httpsPort;
    /** MicroProfile Config settings of this node (system properties), on top of {@code dev.properties}. */
    private final Map<String, String> settings = new LinkedHashMap<>();

    private volatile Process process;
    private int starts;

    ClusterNode(Cluster cluster, int index, String name, int httpPort, int httpsPort) {
        this.cluster = cluster;
        this.index = index;
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        settings.put("interops.node.name", name);
        settings.put("interops.conventions.dir", cluster.conventionsDir().toString());
        settings.put("interops.dev.secrets-dir", cluster.secretsDir().toString());
        settings.put("interops.http.port", String.valueOf(httpPort));
        settings.put("interops.https.port", String.valueOf(httpsPort));
        settings.put("interops.tls.trusted-proxies", Cluster.PROXY_ADDRESS);
        settings.put("interops.pg.host", Cluster.pgHost());
        settings.put("interops.pg.port", Cluster.pgPort());
        settings.put("interops.pg.database", Cluster.pgDatabase());
        settings.put("interops.pg.user", Cluster.pgUser());
        settings.put("interops.pg.password", Cluster.pgPassword());
        settings.put("interops.pg.schema", cluster.schema());
        // -Dcluster.node.settings=key=value,key=value: for every node of every cluster test (experiments, and
        // breaking a behaviour on purpose to see its test fail)
        for (String kv : System.getProperty("cluster.node.settings", "").split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                settings.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
    }

    /** Sets (or, with null, removes) a setting for the next start. */
    public ClusterNode set(String key, String value) {
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return this;
    }

    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /** Starts the process; returns at once ({@link #awaitReady()} waits for it). */
    public synchronized ClusterNode start() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " runs already");
        }
        MicroProcess.awaitPortFree(httpPort);
        MicroProcess.awaitPortFree(httpsPort);
        starts++;
        Files.createDirectories(dir().resolve("tmp"));
        // --systemproperties wins over -D (ProductionStartIT): every setting goes into this start's copy of the file
        List<String> lines = new ArrayList<>(Files.readAllLines(BUILD.resolve("payara/dev.properties")));
        settings.forEach((k, v) -> lines.add(k + "=" + v.replace("\\", "\\\\")));
        Path props = dir().resolve("start-" + starts + ".properties");
        Files.write(props, lines);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("cluster.node.heap", "512m"),
                "-Djava.io.tmpdir=" + dir().resolve("tmp")));
        cmd.addAll(MicroProcess.microArguments(httpPort, httpsPort, props, "post-boot-commands-postgres.txt"));
        cmd.addAll(List.of(
                "--addlibs",
                BUILD.resolve("payara/postgresql.jar").toString(),
                "--deploy",
                BUILD.resolve("interops.war").toString(),
                "--contextroot",
                "interops"));
        Files.writeString(dir().resolve("start-" + starts + ".cmd"), String.join(" ", cmd) + "\n");
        process = new ProcessBuilder(cmd)
                .directory(BASEDIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log().toFile())
                .start();
        return this;
    }

    /** Waits for 200 from {@code /health/ready}; returns the milliseconds waited. */
    public long awaitReady() throws Exception {
        long ms = MicroProcess.awaitReady(process, ready(), log(), Cluster.READY_SECONDS, name + " start " + starts);
        System.out.println("[cluster " + cluster.name() + "] " + name + " ready in " + ms + " ms (start " + starts
                + ", pid " + process.pid() + ")");
        return ms;
    }

    /** SIGTERM, and waits up to 30 s for the exit (then SIGKILL); returns the exit value, or -1 if not running. */
    public synchronized int stop() throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return p == null ? -1 : p.exitValue();
        }
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            System.out.println("[cluster " + cluster.name() + "] " + name + " ignored SIGTERM for 30 s: SIGKILL");
            p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
        return p.exitValue();
    }

    /** SIGKILL: nothing flushed, no final checkpoint; waits for the exit. */
    public synchronized void kill() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(15, TimeUnit.SECONDS);
        }
    }

    void killQuietly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** Stops (SIGTERM), applies {@code changes} (null values remove a setting), starts and waits until ready. */
    public ClusterNode restart(Map<String, String> changes) throws Exception {
        stop();
        changes.forEach(this::set);
        start();
        awaitReady();
        return this;
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The running process (its pid, its exit), or null before the first start. */
    public Process process() {
        return process;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** {@code https://localhost:<https>/interops}: the node itself, without the proxy. */
    public String base() {
        return "https://localhost:" + httpsPort + "/interops";
    }

    public URI uri(String path) {
        return URI.create(base() + path);
    }

    public URI ready() {
        return URI.create("http://localhost:" + httpPort + "/health/ready");
    }

    /** This node's folder in the cluster's: its start files and Payara Micro's unpacked runtime. */
    public Path dir() {
        return cluster.dir().resolve(name);
    }

    /** The log of the current (last) start. */
    public Path log() {
        return cluster.dir().resolve(name + "-" + starts + ".log");
    }

    /** The last lines of the current log, for a failure's message. */
    public String tail() {
        return MicroProcess.tail(log());
    }

    @Override
    public String toString() {
        return name + " (" + httpPort + "/" + httpsPort + ")";
    }
}
