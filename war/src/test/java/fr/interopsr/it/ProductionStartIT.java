package fr.interopsr.it;

import static fr.interopsr.it.TestServer.BUILD;
import static fr.interopsr.it.TestServer.RUN;
import static fr.interopsr.it.TestServer.anonymous;
import static fr.interopsr.it.TestServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.admin.login.PasswordHashes;
import fr.interopsr.platform.SchemaMigrator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 §5: Payara Micro started as {@code mvn -Prun} starts it, but with development mode off,
 * refuses to deploy the application on development material: the published trace HMAC key, the
 * {@code changeit} stores of the development PKI (the application's and the listener's
 * {@code javax.net.ssl.*}), and an enabled development administrator in the database. The log names
 * each one; nothing is served. With {@code interops.allow-development-defaults=true} (benches and
 * test laboratories) the same start goes on, with a warning. Payara Micro only: the check is plain
 * Java that runs the same on WildFly ({@code ProductionDefaultsTest}); ports {@code prod.http.port} /
 * {@code prod.https.port} (21080 / 21443).
 */
class ProductionStartIT {

    static final int HTTP = Integer.getInteger("prod.http.port", 21080);
    static final int HTTPS = Integer.getInteger("prod.https.port", 21443);
    static final URI READY = URI.create("http://localhost:" + HTTP + "/health/ready");
    static final URI JWKS = URI.create("https://localhost:" + HTTPS + "/interops/idp/jwks");

    private Path dir;
    private Process server;

    @BeforeEach
    void setUp() throws Exception {
        // the same H2 start under -Ppostgres would test nothing more
        assumeFalse(TestServer.POSTGRES, "runs in the H2 run of the integration tests only");
        dir = BUILD.resolve("production-start-" + RUN).toAbsolutePath();
        MicroProcess.deleteTree(dir);
        Files.createDirectories(dir.resolve("conventions"));
        // the database a development start leaves: its administrator, marked as development mode marks it
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("interops"));
        ds.setUser("sa");
        ds.setPassword("sa");
        new SchemaMigrator(ds).migrate();
        try (Connection c = ds.getConnection()) {
            AdminAccounts.save(c, "admin", PasswordHashes.hash("from-the-banner".toCharArray()), AdminRoles.ALL);
            AdminAccounts.markDevelopment(c, "admin");
        }
    }

    @AfterEach
    void stop() throws Exception {
        MicroProcess.stop(server, 30);
    }

    @Test
    @Timeout(600)
    void developmentDefaultsStopAProductionStartAndEachIsNamed() throws Exception {
        server = start("refused", List.of("interops.dev.mode=false"));
        String log = awaitLog(dir.resolve("refused.log"), "Interops-R Server cannot start", 240);
        for (String expected : List.of(
                "interops.traces.hmac-key is the published development key",
                "interops.truststore.password is \"changeit\"",
                "interops.signing.keystore-password is \"changeit\"",
                "javax.net.ssl.keyStorePassword is \"changeit\"",
                "javax.net.ssl.trustStorePassword is \"changeit\"",
                "holds a certificate of the development PKI",
                "administrator account admin was made by development mode")) {
            assertTrue(
                    log.contains(expected),
                    "the refusal names: " + expected + "\n" + MicroProcess.tail(logOf("refused")));
        }
        var jwks = send(
                anonymous(),
                HttpRequest.newBuilder(JWKS).timeout(Duration.ofSeconds(10)).build());
        assertEquals(404, jwks.statusCode(), "the application is not deployed: " + jwks.body());
        stop();

        server = start("allowed", List.of("interops.dev.mode=false", "interops.allow-development-defaults=true"));
        MicroProcess.awaitReady(server, READY, logOf("allowed"), 240, "development defaults allowed");
        String allowed = Files.readString(logOf("allowed"), StandardCharsets.UTF_8);
        assertTrue(allowed.contains("interops.allow-development-defaults=true: starting although"), allowed);
        assertEquals(
                200, send(anonymous(), HttpRequest.newBuilder(JWKS).build()).statusCode());
    }

    private Path logOf(String name) {
        return dir.resolve(name + ".log");
    }

    /** Payara Micro with the files of {@code mvn -Prun}, its system properties overridden by {@code overrides}. */
    private Process start(String name, List<String> overrides) throws Exception {
        // --systemproperties wins over -D: the overrides go into a copy of the development file
        List<String> lines = new ArrayList<>(Files.readAllLines(BUILD.resolve("payara/dev.properties")));
        lines.addAll(overrides);
        Path props = dir.resolve(name + ".properties");
        Files.write(props, lines);
        return new MicroProcess.Launch(dir, HTTP, HTTPS).systemProperties(props).start(name);
    }

    /** The log once it holds {@code marker}; fails with its tail when it does not within the time. */
    private String awaitLog(Path log, String marker, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
                Thread.sleep(2000); // let the end of the failed deployment be written
                return Files.readString(log, StandardCharsets.UTF_8);
            }
            if (!server.isAlive()) {
                fail("Payara Micro exited before it logged \"" + marker + "\":\n" + MicroProcess.tail(log));
            }
            Thread.sleep(500);
        }
        fail("no \"" + marker + "\" within " + seconds + " s:\n" + MicroProcess.tail(log));
        return null;
    }
}
