package fr.interopsr.trace;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command line: checks the trace journal of a database with the same code as
 * {@code /admin/api/traces/verify} ({@link TraceAudit}) and prints each problem (issue 15); exit
 * code 0 when everything is intact, 1 otherwise, 2 on usage errors.
 * <pre>
 * INTEROPS_TRACES_HMAC_KEY=… [INTEROPS_TRACES_HMAC_PREVIOUS_KEYS=…] INTEROPS_JDBC_PASSWORD=… \
 *   TraceVerifyTool --jdbc-url jdbc:postgresql://db/interops --jdbc-user interops \
 *                   --keys checkpoint-keys.jwks [--checkpoints checkpoints.log]
 * </pre>
 * {@code --keys}: the JWKS of the public keys that signed checkpoints, with their validity, kept
 * outside the database ({@code interops.traces.checkpoint-keys-file}, or
 * {@code GET /admin/api/traces/checkpoint-keys}). {@code --checkpoints}: the checkpoint file kept
 * outside the database ({@code interops.traces.checkpoint-file}).
 */
public final class TraceVerifyTool {

    static final String USAGE =
            "usage: INTEROPS_TRACES_HMAC_KEY=<base64> [INTEROPS_TRACES_HMAC_PREVIOUS_KEYS=<base64,…>]"
                    + " [INTEROPS_JDBC_PASSWORD=…] trace-verify --jdbc-url URL [--jdbc-user U] --keys JWKS-FILE"
                    + " [--checkpoints FILE]";

    private TraceVerifyTool() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the check; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        String url = null;
        String user = "";
        Path keysFile = null;
        Path checkpointsFile = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                err.println("option " + args[i] + " needs a value\n" + USAGE);
                return 2;
            }
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--jdbc-user" -> user = args[i + 1];
                case "--keys" -> keysFile = Path.of(args[i + 1]);
                case "--checkpoints" -> checkpointsFile = Path.of(args[i + 1]);
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        String key = env.get("INTEROPS_TRACES_HMAC_KEY");
        if (url == null || key == null || key.isBlank() || keysFile == null) {
            err.println(USAGE);
            return 2;
        }
        CheckpointKeys keys;
        try {
            keys = CheckpointKeys.parse(Files.readString(keysFile, StandardCharsets.UTF_8));
        } catch (java.io.IOException | java.text.ParseException e) {
            err.println("--keys " + keysFile + ": not a JWKS of public keys: " + e.getMessage());
            return 2;
        }
        Optional<List<String>> outside = Optional.empty();
        if (checkpointsFile != null) {
            outside = Optional.of(Files.readAllLines(checkpointsFile, StandardCharsets.US_ASCII));
        }
        // the keys chained with before a rotation (D-26), as the server's interops.traces.hmac-previous-keys
        TraceChain hasher = TraceChain.ofBase64(key, env.get("INTEROPS_TRACES_HMAC_PREVIOUS_KEYS"));
        try (Connection c = DriverManager.getConnection(url, user, env.getOrDefault("INTEROPS_JDBC_PASSWORD", ""))) {
            TraceAudit.Report report = TraceAudit.check(c, hasher, keys, outside);
            out.print(TraceReports.toText(report));
            return report.intact() ? 0 : 1;
        }
    }
}
