package fr.interopsr.it.cluster;

import static fr.interopsr.it.TestServer.BASEDIR;
import static fr.interopsr.it.TestServer.BUILD;
import static fr.interopsr.it.TestServer.RUN;

import fr.interopsr.it.MicroProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the nodes of one cluster test share (issue 16): one PostgreSQL schema, made fresh for the test class and
 * dropped after it; one folder with the conventions (the demo ones of {@code server-config/dev/conventions} plus the
 * test's own), the development secrets and administrator passwords, and the nodes' logs; the development signing key
 * store and HMAC key of {@code dev.properties}, the same for every node. Each {@link ClusterNode} is one Payara Micro
 * child process on it.
 *
 * <p>Ports: node {@code i} (0, 1, …) listens on {@code base + 10 i} (HTTP: health) and {@code base + 10 i + 1}
 * (HTTPS); the proxies take {@code base + 90} and up ({@link HaProxy}). {@code base} is the system property
 * {@code cluster.port.base}, 23000 by default (23000-23099).
 *
 * <p>Used by the cluster tests of every helper branch: keep it general.
 */
public final class Cluster implements AutoCloseable {

    /** First port of the cluster tests' range (23000-23099). */
    public static final int PORT_BASE = Integer.getInteger("cluster.port.base", 23000);

    /**
     * The address the TLS-terminating proxy (set-up (b)) connects to the nodes from, trusted by every node (D-2). Not
     * 127.0.0.1: the tests' own clients and the pass-through proxy connect from there, and a trusted proxy's TLS
     * certificate never stands for a partner's.
     */
    public static final String PROXY_ADDRESS = "127.0.0.2";

    /** How long a node may take to start: 10 s on an idle 2-core machine, far more under a parallel build. */
    public static final int READY_SECONDS = Integer.getInteger("cluster.ready.seconds", 240);

    private final String name;
    private final int portBase;
    private final Path dir;
    private final String schema;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private volatile boolean keepSchema;

    private Cluster(String name, int portBase) {
        this.name = name;
        this.portBase = portBase;
        String id = (name + "_" + RUN).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        this.schema = "cluster_" + id;
        this.dir = BUILD.resolve("it-data").resolve("cluster-" + id).toAbsolutePath();
    }

    /**
     * A fresh cluster site: the schema dropped and made again, the folder emptied, the demo conventions and {@code
     * extraConventions} (file name → JSON document) copied in.
     */
    public static Cluster create(String name, Map<String, String> extraConventions) throws Exception {
        return create(name, extraConventions, PORT_BASE);
    }

    /** The same, with its nodes' ports from {@code portBase} (a test with a port range of its own). */
    public static Cluster create(String name, Map<String, String> extraConventions, int portBase) throws Exception {
        Cluster c = new Cluster(name, portBase);
        MicroProcess.deleteTree(c.dir);
        Files.createDirectories(c.conventionsDir());
        Files.createDirectories(c.secretsDir());
        try (var files = Files.newDirectoryStream(BASEDIR.resolve("server-config/dev/conventions"), "*.json")) {
            for (Path f : files) {
                Files.copy(f, c.conventionsDir().resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (var e : extraConventions.entrySet()) {
            Files.writeString(c.conventionsDir().resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        try (Connection db = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
                Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + c.schema + " CASCADE");
            s.execute("CREATE SCHEMA " + c.schema);
        }
        // the children die with this JVM, whatever happens to the test
        Runtime.getRuntime().addShutdownHook(new Thread(c::killAll));
        return c;
    }

    /** Node {@code index} of this cluster, named {@code node-a}, {@code node-b}, …; not started. */
    public synchronized ClusterNode node(int index) {
        while (nodes.size() <= index) {
            int i = nodes.size();
            nodes.add(new ClusterNode(this, i, "node-" + (char) ('a' + i), portBase + 10 * i, portBase + 10 * i + 1));
        }
        return nodes.get(index);
    }

    /** The nodes made so far. */
    public synchronized List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Starts nodes 0 .. count-1 and waits until each is ready. The first starts alone (it migrates the schema,
     * imports the conventions and writes the development secrets); the others then start together.
     */
    public List<ClusterNode> start(int count) throws Exception {
        ClusterNode first = node(0);
        first.start();
        first.awaitReady();
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            ClusterNode n = node(i);
            n.start();
        }
        for (int i = 1; i < count; i++) {
            ClusterNode n = node(i);
            others.add(CompletableFuture.runAsync(() -> {
                try {
                    n.awaitReady();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Void> f : others) {
            f.join();
        }
        return nodes().subList(0, count);
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    public Path conventionsDir() {
        return dir.resolve("conventions");
    }

    public Path secretsDir() {
        return dir.resolve("secrets");
    }

    public String schema() {
        return schema;
    }

    /** The password of the development administrator {@code admin} (both roles), written by the first node. */
    public String adminPassword() throws IOException {
        return Files.readString(secretsDir().resolve("admin.password"), StandardCharsets.UTF_8)
                .strip();
    }

    /** The development secret of a {@code client_secret_basic} client, written by the first node. */
    public String secretOf(String clientId) throws IOException {
        return Files.readString(secretsDir().resolve(clientId + ".secret"), StandardCharsets.UTF_8)
                .strip();
    }

    /** A connection to this cluster's schema. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(pgUrl() + "?currentSchema=" + schema, pgUser(), pgPassword());
    }

    /** Keeps the schema after {@link #close()} (call it when a test fails, to look at its traces). */
    public void keepSchema() {
        keepSchema = true;
    }

    /**
     * The end of a test class: stops the cluster, then the proxy (either may be null: the start failed), keeping the
     * schema and saying where it and the logs are when {@code failed}.
     */
    public static void tearDown(String test, boolean failed, Cluster cluster, AutoCloseable proxy) throws Exception {
        try {
            if (failed && cluster != null) {
                cluster.keepSchema();
                System.out.println(
                        "[" + test + "] a test failed: schema " + cluster.schema() + " and " + cluster.dir() + " kept");
            }
            if (cluster != null) {
                cluster.close(); // first: a proxy to the database must outlive the nodes' last round
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL after 30 s) and drops the schema. */
    @Override
    public void close() throws Exception {
        for (ClusterNode n : nodes()) {
            n.stop();
        }
        for (ClusterNode n : nodes()) {
            MicroProcess.deleteTree(n.dir().resolve("tmp"));
        }
        if (!keepSchema) {
            try (Connection db = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
                    Statement s = db.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void killAll() {
        for (ClusterNode n : nodes()) {
            n.killQuietly();
        }
    }

    static String pgHost() {
        return System.getProperty("it.pg.host", "127.0.0.1");
    }

    static String pgPort() {
        return System.getProperty("it.pg.port", "5432");
    }

    static String pgDatabase() {
        return System.getProperty("it.pg.database", "test");
    }

    static String pgUser() {
        return System.getProperty("it.pg.user", "root");
    }

    static String pgPassword() {
        return System.getProperty("it.pg.password", "trust");
    }

    static String pgUrl() {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + pgDatabase();
    }
}
