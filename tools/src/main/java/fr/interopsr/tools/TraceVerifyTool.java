package fr.interopsr.tools;

import fr.interopsr.trace.TraceAudit;
import fr.interopsr.trace.TraceChain;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * {@code trace-verify}: walks every trace chain of a database with the same code as
 * {@code GET /admin/api/traces/verify} ({@link TraceAudit}) and prints the first broken record of
 * each; exit code 0 when every chain is intact, 1 otherwise, 2 on usage errors.
 * <pre>
 * INTEROPS_TRACES_HMAC_KEY=… INTEROPS_JDBC_PASSWORD=… \
 * java -jar interops-tools.jar trace-verify \
 *      --jdbc-url jdbc:postgresql://db/interops --jdbc-user interops
 * </pre>
 */
final class TraceVerifyTool {

    static final String COMMAND = "trace-verify";

    private TraceVerifyTool() {}

    static int run(String[] args, Io io) throws Exception {
        String url = null;
        String user = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--jdbc-user" -> user = args[i + 1];
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        String key = io.env().get("INTEROPS_TRACES_HMAC_KEY");
        if (url == null || key == null || key.isBlank()) {
            throw new UsageException("--jdbc-url and INTEROPS_TRACES_HMAC_KEY are required");
        }
        // the keys chained with before a rotation (D-26), as the server's interops.traces.hmac-previous-keys
        TraceChain hasher = TraceChain.ofBase64(key, io.env().get("INTEROPS_TRACES_HMAC_PREVIOUS_KEYS"));
        boolean intact = true;
        PrintStream out = io.out();
        try (Connection c = DriverManager.getConnection(url, user, io.jdbcPassword())) {
            List<TraceAudit.ChainReport> reports = TraceAudit.verifyAll(c, hasher);
            for (TraceAudit.ChainReport r : reports) {
                var v = r.verdict();
                intact &= v.intact();
                out.println(r.chain() + ": " + (v.intact() ? "intact" : "BROKEN") + ", " + v.checked()
                        + " record(s) checked"
                        + v.brokenRecordId()
                                .map(id -> ", first broken record id " + id)
                                .orElse("")
                        + (v.intact() ? "" : " — " + v.reason()));
            }
        }
        return intact ? 0 : 1;
    }

    static String usage() {
        return "usage: INTEROPS_TRACES_HMAC_KEY=<base64> java -jar interops-tools.jar " + COMMAND
                + " --jdbc-url URL [--jdbc-user U]\n  (the server's interops.traces.hmac-key; database password:"
                + " INTEROPS_JDBC_PASSWORD)\n";
    }
}
