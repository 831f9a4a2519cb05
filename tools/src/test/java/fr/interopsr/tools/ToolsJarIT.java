package fr.interopsr.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.trace.CheckpointKeys;
import fr.interopsr.trace.JournalFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code interops-tools.jar} (after maven-shade-plugin), run as an operator runs it:
 * {@code java -jar interops-tools.jar …} in a JVM of its own, with nothing else on the class path. Both JDBC drivers
 * must be found through the merged {@code META-INF/services/java.sql.Driver}.
 */
class ToolsJarIT {

    private static final Path JAR = Path.of(System.getProperty("tools.jar", "target/interops-tools.jar"));

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private Result java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("INTEROPS_JDBC_PASSWORD");
        pb.environment().remove("INTEROPS_TRACES_HMAC_KEY");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the tool ended");
        return new Result(
                p.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theJarRunsItsHelp() throws Exception {
        Result r = java(Map.of(), "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("admin-user") && r.out().contains("trace-verify"), r.out());
    }

    @Test
    void theJarHoldsBothDriversAndNoDeploymentDescriptor() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(
                    "fr.interopsr.tools.InteropsTools",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
            String drivers = new String(
                    jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(drivers.contains("org.postgresql.Driver"), drivers);
            assertTrue(drivers.contains("org.h2.Driver"), drivers);
            assertTrue(jar.getEntry("fr/interopsr/trace/TraceAudit.class") != null, "the WAR's classes");
            assertTrue(jar.getEntry("META-INF/persistence.xml") == null, "no persistence unit");
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("fr/interopsr/devpki/")), "no dev PKI");
        }
    }

    @Test
    void adminUserAndTraceVerifyRunOnAnH2FileDatabase() throws Exception {
        String url = ToolRun.newDatabase(dir);
        Result saved = java(Map.of(), "admin-user", "--jdbc-url", url, "--jdbc-user", "sa", "--user", "alice");
        assertEquals(0, saved.exit(), saved.err());
        assertTrue(saved.out().startsWith("administrator alice saved with roles []; password: "), saved.out());
        Result unlocked =
                java(Map.of(), "admin-user", "--jdbc-url", url, "--jdbc-user", "sa", "--user", "alice", "--unlock");
        assertEquals(0, unlocked.exit(), unlocked.err());
        // a journal with signed rounds: the check needs Nimbus and JSON-P inside the jar
        try (var c = ToolRun.connect(url)) {
            JournalFixture.standard(c);
        }
        Path keys = dir.resolve("checkpoint-keys.jwks");
        Files.writeString(keys, CheckpointKeys.of(List.of(JournalFixture.KEY)).toJwks());
        Result verified = java(
                Map.of("INTEROPS_TRACES_HMAC_KEY", Base64.getEncoder().encodeToString(JournalFixture.HMAC)),
                "trace-verify",
                "--jdbc-url",
                url,
                "--jdbc-user",
                "sa",
                "--keys",
                keys.toString());
        assertEquals(0, verified.exit(), verified.out() + verified.err());
        assertTrue(verified.out().endsWith("INTACT\n"), verified.out());
    }

    @Test
    void thePostgresqlDriverIsFound() throws Exception {
        // nothing listens on port 1: the driver is found and fails to connect (not "No suitable driver")
        Result r = java(
                Map.of("INTEROPS_TRACES_HMAC_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                "trace-verify",
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/interops?connectTimeout=5",
                "--jdbc-user",
                "interops",
                "--keys",
                Files.writeString(dir.resolve("empty.jwks"), "{\"keys\":[]}").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("trace-verify failed: org.postgresql.util.PSQLException"), r.err());
    }
}
