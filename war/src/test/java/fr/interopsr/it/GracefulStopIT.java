package fr.interopsr.it;

import static fr.interopsr.it.TestServer.BUILD;
import static fr.interopsr.it.TestServer.POSTGRES;
import static fr.interopsr.it.TestServer.RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.trace.CheckpointKeys;
import fr.interopsr.trace.CheckpointRound;
import fr.interopsr.trace.TraceAudit;
import fr.interopsr.trace.TraceReports;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 15, "a node that shuts down gracefully writes a final checkpoint": Payara Micro, started as
 * {@code mvn -Prun} starts it (with {@code -Ppostgres}: on a schema of its own), with a checkpoint
 * interval of an hour so that no periodic round comes after its start, issues a few VIs, then is
 * stopped as an operator stops it: SIGTERM ({@link Process#destroy()}). Its last round, in the
 * database and in {@code interops.traces.checkpoint-file}, must sign the chain's last record, and a
 * full check with that outside copy must find every chain intact and signed to its end (no tail left
 * unsigned). Ports {@code stop.http.port} / {@code stop.https.port} (22080 / 22443).
 */
class GracefulStopIT {

    static final int HTTP = Integer.getInteger("stop.http.port", 22080);
    static final int HTTPS = Integer.getInteger("stop.https.port", 22443);
    static final URI READY_URI = URI.create("http://localhost:" + HTTP + "/health/ready");
    static final URI TOKEN_URI = URI.create("https://localhost:" + HTTPS + "/interops/idp/token");
    static final String NODE = "graceful-stop";
    static final String CHAIN = "node:" + NODE;
    static final String PG_SCHEMA = "stop_" + RUN;

    private final Path dir =
            BUILD.resolve("it-data").resolve("graceful-stop-" + RUN).toAbsolutePath();
    private Process server;
    private boolean passed;

    @BeforeEach
    void prepare() throws Exception {
        MicroProcess.freshDirectory(dir);
        if (POSTGRES) {
            MicroProcess.resetSchema(PG_SCHEMA, true);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        MicroProcess.stop(server, 30);
        MicroProcess.deleteTree(dir.resolve("tmp-server"));
        if (POSTGRES && passed) {
            MicroProcess.resetSchema(PG_SCHEMA, false);
        }
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aGracefulStopSignsALastRoundUpToTheChainsLastRecord() throws Exception {
        MicroProcess.Launch launch = new MicroProcess.Launch(dir, HTTP, HTTPS)
                .h2Options(";AUTO_SERVER\\=TRUE")
                .property("interops.node.name", NODE)
                .property("interops.traces.checkpoint-seconds", "3600")
                .property(
                        "interops.traces.checkpoint-file",
                        dir.resolve("checkpoints.jws").toString())
                .property(
                        "interops.traces.checkpoint-keys-file",
                        dir.resolve("checkpoint-keys.jwks").toString());
        if (POSTGRES) {
            launch.postgres(PG_SCHEMA);
        }
        server = launch.start("server");
        long ms = MicroProcess.awaitReady(server, READY_URI, launch.log("server"), 180, "graceful stop");
        System.out.println("[GracefulStopIT] ready in " + ms + " ms");

        TraceSupport.issueVis(TOKEN_URI, 5);
        // each VI's trace is committed before its answer (D-17); no round has signed them yet
        long before;
        try (Connection c = database()) {
            before = TraceSupport.head(c, CHAIN).seq();
            assertTrue(before >= 5, "the node's chain holds the VIs' traces: " + before);
            assertEquals(0, roundsOf(c), "no periodic round since the start (interval: one hour)");
        }

        server.destroy(); // SIGTERM, as systemd, docker stop or kill stop a server
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops within 60 s");
        System.out.println("[GracefulStopIT] stopped, exit " + server.exitValue());

        try (Connection c = database()) {
            CheckpointRound.Head head = TraceSupport.head(c, CHAIN);
            long lastSeq = head.seq();
            assertEquals(before, lastSeq, "no trace after the VIs'");
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(chain_seq) FROM trace_record WHERE chain = ?")) {
                p.setString(1, CHAIN);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    assertEquals(lastSeq, r.getLong(1), "the head row names the chain's last record");
                }
            }
            String lastRound = lastRound(c);
            assertTrue(
                    lastRound != null,
                    "a graceful stop writes a last round of checkpoints; the server's log:\n"
                            + MicroProcess.tail(launch.log("server")));
            CheckpointRound round = CheckpointRound.parse(lastRound).orElseThrow();
            assertEquals(CHAIN, round.signer());
            CheckpointRound.Head signed = round.heads().stream()
                    .filter(h -> h.chain().equals(CHAIN))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the last round names " + CHAIN + ": " + round.heads()));
            assertEquals(head, signed, "it signs the last record");

            List<String> outside = Files.readAllLines(dir.resolve("checkpoints.jws"), StandardCharsets.US_ASCII);
            assertTrue(outside.contains(lastRound), "the checkpoint file kept outside got the same round: " + outside);

            TraceAudit.Report report = TraceAudit.check(
                    c,
                    TraceSupport.devHasher(),
                    CheckpointKeys.parse(Files.readString(dir.resolve("checkpoint-keys.jwks"))),
                    Optional.of(outside));
            String text = TraceReports.toText(report);
            System.out.print("[GracefulStopIT] check with the outside copy:\n" + text);
            assertTrue(report.intact(), text);
            assertTrue(report.outsideCompared(), text);
            for (TraceAudit.ChainReport chain : report.chains()) {
                assertEquals(
                        chain.lastSequence(),
                        chain.signedSequence(),
                        chain.chain() + ": no unsigned tail after a graceful stop\n" + text);
            }
            assertTrue(report.chains().stream().anyMatch(r -> r.chain().equals(CHAIN) && r.checked() == lastSeq), text);
        }
        passed = true;
    }

    private static long roundsOf(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trace_checkpoint_round WHERE signer = ?")) {
            p.setString(1, CHAIN);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The JWS of the node's last round, or null. */
    private static String lastRound(Connection c) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT jws FROM trace_checkpoint_round WHERE signer = ? ORDER BY round_seq DESC")) {
            p.setString(1, CHAIN);
            p.setMaxRows(1);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1).strip() : null;
            }
        }
    }

    private Connection database() throws SQLException {
        if (POSTGRES) {
            return MicroProcess.postgres(PG_SCHEMA);
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("interops") + ";AUTO_SERVER=TRUE", "sa", "sa");
    }
}
