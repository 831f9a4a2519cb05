package fr.interopsr.tools;

import fr.interopsr.trace.CheckpointKeys;
import fr.interopsr.trace.TraceAudit;
import fr.interopsr.trace.TraceChain;
import fr.interopsr.trace.TraceReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code trace-verify}: checks the trace journal of a database with the same code as
 * {@code /admin/api/traces/verify} ({@link TraceAudit}) and prints each problem as the API names it
 * (issue 15); exit code 0 when everything is intact, 1 otherwise, 2 on usage errors.
 * <pre>
 * INTEROPS_TRACES_HMAC_KEY=… [INTEROPS_TRACES_HMAC_PREVIOUS_KEYS=…] INTEROPS_JDBC_PASSWORD=… \
 * java -jar interops-tools.jar trace-verify --jdbc-url jdbc:postgresql://db/interops --jdbc-user interops \
 *      --keys checkpoint-keys.jwks [--checkpoints checkpoints.log]
 * </pre>
 * {@code --keys}: the JWKS of the public keys that signed checkpoints, with their validity, kept
 * outside the database ({@code interops.traces.checkpoint-keys-file}, or
 * {@code GET /admin/api/traces/checkpoint-keys}); no signature goes unchecked. {@code --checkpoints}:
 * the checkpoint file kept outside the database ({@code interops.traces.checkpoint-file}).
 */
final class TraceVerifyTool {

    static final String COMMAND = "trace-verify";

    private TraceVerifyTool() {}

    static int run(String[] args, Io io) throws Exception {
        String url = null;
        String user = "";
        Path keysFile = null;
        Path checkpointsFile = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new UsageException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--jdbc-user" -> user = args[i + 1];
                case "--keys" -> keysFile = Path.of(args[i + 1]);
                case "--checkpoints" -> checkpointsFile = Path.of(args[i + 1]);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        String key = io.env().get("INTEROPS_TRACES_HMAC_KEY");
        if (url == null || key == null || key.isBlank() || keysFile == null) {
            throw new UsageException("--jdbc-url, --keys and INTEROPS_TRACES_HMAC_KEY are required");
        }
        CheckpointKeys keys;
        try {
            keys = CheckpointKeys.parse(Files.readString(keysFile, StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new UsageException("--keys " + keysFile + ": not a JWKS of public keys (" + e.getMessage() + ")");
        }
        Optional<List<String>> outside = Optional.empty();
        if (checkpointsFile != null) {
            outside = Optional.of(Files.readAllLines(checkpointsFile, StandardCharsets.US_ASCII));
        }
        // the keys chained with before a rotation (D-26), as the server's interops.traces.hmac-previous-keys
        TraceChain hasher = TraceChain.ofBase64(key, io.env().get("INTEROPS_TRACES_HMAC_PREVIOUS_KEYS"));
        try (Connection c = DriverManager.getConnection(url, user, io.jdbcPassword())) {
            // the records read ahead on a second connection while the walk hashes (P-36); a command, so a plain thread
            String jdbcUrl = url;
            String jdbcUser = user;
            TraceAudit.ReadAhead readAhead = new TraceAudit.ReadAhead(
                    () -> DriverManager.getConnection(jdbcUrl, jdbcUser, io.jdbcPassword()), r -> {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                    });
            TraceAudit.Report report = TraceAudit.check(c, readAhead, hasher, keys, outside);
            io.out().print(TraceReports.toText(report));
            return report.intact() ? 0 : 1;
        }
    }

    static String usage() {
        return "usage: INTEROPS_TRACES_HMAC_KEY=<base64> [INTEROPS_TRACES_HMAC_PREVIOUS_KEYS=<base64,…>]"
                + " java -jar interops-tools.jar " + COMMAND
                + " --jdbc-url URL [--jdbc-user U] --keys JWKS-FILE [--checkpoints FILE]\n"
                + "  (the server's interops.traces.hmac-key; database password: INTEROPS_JDBC_PASSWORD;\n"
                + "   --keys: the checkpoint keys kept outside the database, interops.traces.checkpoint-keys-file;\n"
                + "   --checkpoints: the checkpoint file kept outside it, interops.traces.checkpoint-file)\n";
    }
}
