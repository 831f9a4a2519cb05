package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * Command line: walks every trace chain of a database with the same code as
 * {@code GET /admin/api/traces/verify} ({@link TraceAudit}) and prints the first broken record of
 * each; exit code 0 when every chain is intact, 1 otherwise, 2 on usage errors.
 * <pre>
 * INTEROPS_TRACES_HMAC_KEY=… INTEROPS_JDBC_PASSWORD=… \
 * java -cp WEB-INF/classes:&lt;jdbc driver jar&gt; fr.interopsr.trace.TraceVerifyTool \
 *      --jdbc-url jdbc:postgresql://db/interops --jdbc-user interops
 * </pre>
 */
public final class TraceVerifyTool {

    private TraceVerifyTool() {}

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--jdbc-user" -> user = args[i + 1];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        String key = System.getenv("INTEROPS_TRACES_HMAC_KEY");
        if (url == null || key == null || key.isBlank()) {
            System.err.println(
                    "usage: INTEROPS_TRACES_HMAC_KEY=<base64> TraceVerifyTool --jdbc-url URL [--jdbc-user U]");
            System.exit(2);
        }
        // the keys chained with before a rotation (D-26), as the server's interops.traces.hmac-previous-keys
        TraceChain hasher = TraceChain.ofBase64(key, System.getenv("INTEROPS_TRACES_HMAC_PREVIOUS_KEYS"));
        boolean intact = true;
        try (Connection c =
                DriverManager.getConnection(url, user, System.getenv().getOrDefault("INTEROPS_JDBC_PASSWORD", ""))) {
            List<TraceAudit.ChainReport> reports = TraceAudit.verifyAll(c, hasher);
            for (TraceAudit.ChainReport r : reports) {
                var v = r.verdict();
                intact &= v.intact();
                System.out.println(r.chain() + ": " + (v.intact() ? "intact" : "BROKEN") + ", " + v.checked()
                        + " record(s) checked"
                        + v.brokenRecordId()
                                .map(id -> ", first broken record id " + id)
                                .orElse("")
                        + (v.intact() ? "" : " — " + v.reason()));
            }
        }
        System.exit(intact ? 0 : 1);
    }
}
