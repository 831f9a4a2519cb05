package fr.interopsr.it;

import static org.junit.jupiter.api.Assertions.fail;

import fr.interopsr.platform.PostgresSchemas;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that start Payara Micro as a child process of their own share (JournalCrashIT,
 * ProductionStartIT, GracefulStopIT): the command line of {@code mvn -Prun} with the test's own
 * directory, ports and database ({@link Launch}), ports, readiness, logs; public for the cluster tests of
 * {@code fr.interopsr.it.cluster}, which start their nodes with {@link #microArguments}.
 */
public final class MicroProcess {

    private MicroProcess() {}

    /**
     * Payara Micro as {@code mvn -Prun} starts it, except: the database, conventions, secrets and
     * temporary files of the test's directory, its ports, and the options it adds. With a PostgreSQL
     * schema ({@link #postgres}) the post-boot file and driver of {@code -Ppostgres}.
     */
    static final class Launch {
        private final Path dir;
        private final int http;
        private final int https;
        private String h2Options = "";
        private String pgSchema;
        private Path systemProperties = TestServer.BUILD.resolve("payara/dev.properties");
        private final List<String> options = new ArrayList<>();

        Launch(Path dir, int http, int https) {
            this.dir = dir;
            this.http = http;
            this.https = https;
        }

        /** Appended to the H2 path (escaped as Payara's pool properties want it: {@code \\=}). */
        Launch h2Options(String options) {
            this.h2Options = options;
            return this;
        }

        /** On this schema of the tests' PostgreSQL instead of the H2 file. */
        Launch postgres(String schema) {
            this.pgSchema = schema;
            return this;
        }

        /** The {@code --systemproperties} file (it wins over {@code -D} for the keys it holds). */
        Launch systemProperties(Path file) {
            this.systemProperties = file;
            return this;
        }

        /** A {@code -Dkey=value} for a key the system properties file does not hold. */
        Launch property(String key, String value) {
            options.add("-D" + key + "=" + value);
            return this;
        }

        Path h2() {
            return dir.resolve("interops");
        }

        Path log(String name) {
            return dir.resolve(name + ".log");
        }

        /** Starts it once both ports are free; output in {@code name.log}, the command in {@code name.cmd}. */
        Process start(String name) throws Exception {
            for (int port : new int[] {http, https}) {
                awaitPortFree(port);
            }
            Path tmp = dir.resolve("tmp-" + name); // where Payara Micro unpacks its runtime
            Files.createDirectories(tmp);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Dinterops.h2.path=" + h2() + h2Options);
            cmd.add("-Dinterops.conventions.dir=" + dir.resolve("conventions"));
            cmd.add("-Dinterops.dev.secrets-dir=" + dir.resolve("secrets"));
            cmd.add("-Dinterops.http.port=" + http);
            cmd.add("-Dinterops.https.port=" + https);
            cmd.add("-Djava.io.tmpdir=" + tmp);
            String postBoot = "post-boot-commands.txt";
            List<String> extra = new ArrayList<>();
            if (pgSchema != null) {
                cmd.add("-Dinterops.pg.host=" + PostgresSchemas.HOST);
                cmd.add("-Dinterops.pg.port=" + PostgresSchemas.PORT);
                cmd.add("-Dinterops.pg.database=" + PostgresSchemas.DATABASE);
                cmd.add("-Dinterops.pg.user=" + PostgresSchemas.USER);
                cmd.add("-Dinterops.pg.password=" + System.getProperty("it.pg.password", "trust"));
                cmd.add("-Dinterops.pg.schema=" + pgSchema);
                postBoot = "post-boot-commands-postgres.txt";
                extra.add("--addlibs");
                extra.add(TestServer.BUILD.resolve("payara/postgresql.jar").toString());
            }
            cmd.addAll(options);
            cmd.addAll(microArguments(http, https, systemProperties, postBoot));
            cmd.addAll(extra);
            cmd.addAll(List.of(
                    "--deploy", TestServer.BUILD.resolve("interops.war").toString(), "--contextroot", "interops"));
            Files.writeString(dir.resolve(name + ".cmd"), String.join(" ", cmd) + "\n");
            return new ProcessBuilder(cmd)
                    .directory(TestServer.BASEDIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log(name).toFile())
                    .start();
        }
    }

    /**
     * The arguments after {@code java …} that start Payara Micro as {@code mvn -Prun} does: its jar, the ports,
     * the system properties file and the pre- and post-boot files of {@code server-config/payara/} ({@code
     * postBoot} names the latter).
     */
    public static List<String> microArguments(int http, int https, Path systemProperties, String postBoot) {
        return List.of(
                "-jar",
                TestServer.BUILD.resolve("payara/payara-micro.jar").toString(),
                "--nocluster",
                "--disablephonehome",
                "--port",
                String.valueOf(http),
                "--sslport",
                String.valueOf(https),
                "--sslcert",
                "server",
                "--systemproperties",
                systemProperties.toString(),
                "--prebootcommandfile",
                TestServer.BASEDIR
                        .resolve("server-config/payara/pre-boot-commands.txt")
                        .toString(),
                "--postbootcommandfile",
                TestServer.BASEDIR
                        .resolve("server-config/payara")
                        .resolve(postBoot)
                        .toString());
    }

    /** Empties the test's directory, then gives it the test conventions and an empty secrets directory. */
    static void freshDirectory(Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir.resolve("conventions"));
        Files.createDirectories(dir.resolve("secrets"));
        try (var files = Files.newDirectoryStream(TestServer.TEST_CONVENTIONS, "*.json")) {
            for (Path f : files) {
                Files.copy(f, dir.resolve("conventions").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Stops it as an operator's {@code kill} does (SIGTERM), then forcibly after {@code seconds}. */
    static void stop(Process p, int seconds) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The tests' PostgreSQL database (it.pg.*), on a schema when one is given. */
    static Connection postgres(String schema) throws SQLException {
        return PostgresSchemas.connect(schema);
    }

    /** Drops the schema, and makes it again unless {@code create} is false. */
    static void resetSchema(String schema, boolean create) throws SQLException {
        try (Connection c = postgres(null);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            if (create) {
                s.execute("CREATE SCHEMA " + schema);
            }
        }
    }

    /** Waits until the port can be bound (a server of an earlier test has let it go); fails after 10 s. */
    public static void awaitPortFree(int port) throws Exception {
        for (int i = 0; ; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
                return;
            } catch (IOException busy) {
                if (i >= 40) {
                    fail("port " + port
                            + " is in use (another server?); choose other ports with the test's -D options");
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * Waits for a 200 from the readiness URI; fails with the log's tail when the process exits or
     * the time is up. Returns the milliseconds it took.
     */
    public static long awaitReady(Process p, URI ready, Path log, int seconds, String what) throws Exception {
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("Payara Micro (" + what + ") exited with " + p.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> r = plain.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("Payara Micro (" + what + ") not ready within " + seconds + " s:\n" + tail(log));
        return -1;
    }

    /** The last 60 lines of a log, for a failure's message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
