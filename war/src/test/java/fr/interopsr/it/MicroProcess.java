package fr.interopsr.it;

import static org.junit.jupiter.api.Assertions.fail;

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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that start Payara Micro as a child process of their own share: ports, readiness, logs
 * (public for the cluster tests of {@code fr.interopsr.it.cluster}).
 */
public final class MicroProcess {

    private MicroProcess() {}

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

    /**
     * The arguments of {@code mvn -Prun}'s Payara Micro from {@code -jar} to the post-boot command file
     * ({@code server-config/payara/<postBoot>}), on these ports, with these system properties; the caller adds
     * {@code --addlibs}, {@code --deploy} and the context root.
     */
    public static List<String> microArguments(int http, int https, Path systemProperties, String postBoot) {
        Path build = Path.of(System.getProperty("interops.build.dir", "target"));
        Path base = Path.of(System.getProperty("interops.basedir", "."));
        return List.of(
                "-jar",
                build.resolve("payara/payara-micro.jar").toString(),
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
                base.resolve("server-config/payara/pre-boot-commands.txt").toString(),
                "--postbootcommandfile",
                base.resolve("server-config/payara").resolve(postBoot).toString());
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
