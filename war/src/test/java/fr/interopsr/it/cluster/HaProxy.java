package fr.interopsr.it.cluster;

import static fr.interopsr.it.TestServer.BASEDIR;
import static fr.interopsr.it.TestServer.PASSWORD;
import static fr.interopsr.it.TestServer.PKI;
import static org.junit.jupiter.api.Assertions.fail;

import fr.interopsr.it.MicroProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (Debian's, {@code haproxy} on the PATH or {@code -Dcluster.haproxy=…}) in front of a {@link Cluster}'s
 * nodes, as a child process: its configuration written from a template of {@code server-config/haproxy/}
 * ({@link #TERMINATION} for set-up (b), {@link #PASSTHROUGH} for set-up (a)), run with {@code haproxy -f … -db}. The
 * proxy's certificate is the development server certificate; the CAs are the development CA.
 *
 * <p>Template rules (the files say them too): {@code {{key}}} is replaced by its value; a line that names
 * {@code {{node.…}}} is written once per node.
 */
public final class HaProxy implements AutoCloseable {

    public static final String TERMINATION = "termination.cfg";
    public static final String PASSTHROUGH = "passthrough.cfg";

    private final Cluster cluster;
    private final String template;
    private final int port;
    private final List<ClusterNode> nodes;
    private final Path dir;
    private Process process;

    private HaProxy(Cluster cluster, String template, int port, List<ClusterNode> nodes) {
        this.cluster = cluster;
        this.template = template;
        this.port = port;
        this.nodes = List.copyOf(nodes);
        this.dir = cluster.dir().resolve("haproxy-" + port);
    }

    /**
     * Starts HAProxy from {@code template} on {@code port} (by default {@link Cluster#PORT_BASE} + 90 for set-up
     * (b), + 91 for set-up (a)) in front of {@code nodes}, and waits until it listens and sees at least one node up.
     */
    public static HaProxy start(Cluster cluster, String template, int port, List<ClusterNode> nodes) throws Exception {
        HaProxy p = new HaProxy(cluster, template, port, nodes);
        p.launch();
        return p;
    }

    /** Set-up (b), TLS termination, on {@code base + 90}. */
    public static HaProxy termination(Cluster cluster, List<ClusterNode> nodes) throws Exception {
        return start(cluster, TERMINATION, Cluster.PORT_BASE + 90, nodes);
    }

    /** Set-up (a), TLS pass-through, on {@code base + 91}. */
    public static HaProxy passthrough(Cluster cluster, List<ClusterNode> nodes) throws Exception {
        return start(cluster, PASSTHROUGH, Cluster.PORT_BASE + 91, nodes);
    }

    /** {@code https://localhost:<port>/interops}: what partners see. */
    public String base() {
        return "https://localhost:" + port + "/interops";
    }

    public java.net.URI uri(String path) {
        return java.net.URI.create(base() + path);
    }

    public int port() {
        return port;
    }

    public Path config() {
        return dir.resolve("haproxy.cfg");
    }

    public Path log() {
        return dir.resolve("haproxy.log");
    }

    /** The values of the template's placeholders, but for the nodes'. */
    Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("front.address", "127.0.0.1");
        v.put("front.port", String.valueOf(port));
        v.put("tls.crt", dir.resolve("proxy.pem").toString());
        v.put("tls.ca", PKI.resolve("ca.pem").toAbsolutePath().toString());
        v.put("backend.ca", PKI.resolve("ca.pem").toAbsolutePath().toString());
        v.put("backend.source", Cluster.PROXY_ADDRESS);
        v.put("admin.socket", dir.resolve("admin.sock").toString());
        return v;
    }

    /** The template filled: scalars replaced, {@code {{node.…}}} lines once per node. */
    static String render(String template, Map<String, String> values, List<Map<String, String>> nodes) {
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\n", -1)) {
            boolean perNode = line.contains("{{node.") && !line.stripLeading().startsWith("#");
            List<Map<String, String>> rounds = perNode ? nodes : List.of(Map.of());
            for (Map<String, String> node : rounds) {
                String l = line;
                for (var e : node.entrySet()) {
                    l = l.replace("{{" + e.getKey() + "}}", e.getValue());
                }
                if (!l.stripLeading().startsWith("#")) {
                    for (var e : values.entrySet()) {
                        l = l.replace("{{" + e.getKey() + "}}", e.getValue());
                    }
                    if (l.contains("{{")) {
                        throw new IllegalArgumentException("placeholder without a value: " + l);
                    }
                }
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    private void launch() throws Exception {
        Files.createDirectories(dir);
        writeProxyPem(dir.resolve("proxy.pem"));
        List<Map<String, String>> nodeValues = new ArrayList<>();
        for (ClusterNode n : nodes) {
            nodeValues.add(Map.of(
                    "node.name", n.name(),
                    "node.address", "127.0.0.1",
                    "node.https", String.valueOf(n.httpsPort()),
                    "node.http", String.valueOf(n.httpPort())));
        }
        String text = Files.readString(BASEDIR.resolve("server-config/haproxy").resolve(template));
        Files.writeString(config(), render(text, values(), nodeValues));
        MicroProcess.awaitPortFree(port);
        String binary = System.getProperty("cluster.haproxy", "haproxy");
        Process check = new ProcessBuilder(binary, "-c", "-f", config().toString())
                .redirectErrorStream(true)
                .start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            fail("haproxy refuses " + config() + ":\n" + checked);
        }
        process = new ProcessBuilder(binary, "-f", config().toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(log().toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("haproxy exited with " + process.exitValue() + ":\n" + MicroProcess.tail(log()));
            }
            if (listening() && upServers() > 0) {
                System.out.println("[cluster " + cluster.name() + "] haproxy (" + template + ") on " + port + ", "
                        + upServers() + " node(s) up");
                return;
            }
            Thread.sleep(200);
        }
        fail("haproxy not ready on " + port + ":\n" + MicroProcess.tail(log()));
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command of HAProxy's runtime API (e.g. {@code set server interops_nodes/node-a state drain}). */
    public String command(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("admin.sock")));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many nodes HAProxy sees UP in every backend that names them (its health checks of /health/ready). */
    public int upServers() {
        try {
            Map<String, Boolean> up = new LinkedHashMap<>();
            for (String line : command("show stat").split("\n")) {
                String[] cols = line.split(",", -1);
                if (line.startsWith("#")
                        || cols.length < 18
                        || cols[1].equals("FRONTEND")
                        || cols[1].equals("BACKEND")) {
                    continue;
                }
                up.merge(cols[1], cols[17].startsWith("UP"), Boolean::logicalAnd);
            }
            return (int) up.values().stream().filter(b -> b).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until {@code expected} nodes are UP ({@link #upServers()}), for at most {@code seconds}. */
    public void awaitUpServers(int expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (upServers() != expected) {
            if (System.nanoTime() > deadline) {
                fail("haproxy sees " + upServers() + " server(s) up, not " + expected + ":\n" + command("show stat"));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The development server certificate, its chain and its key in one PEM file, as HAProxy's {@code crt}. */
    static void writeProxyPem(Path target) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(PKI.resolve("server.p12"))) {
            ks.load(in, PASSWORD);
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (!ks.isKeyEntry(alias)) {
                continue;
            }
            StringBuilder pem = new StringBuilder();
            for (Certificate c : ks.getCertificateChain(alias)) {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            }
            Key key = ks.getKey(alias, PASSWORD);
            pem.append(pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(target, pem.toString());
            return;
        }
        throw new IllegalStateException("no key in " + PKI.resolve("server.p12"));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
