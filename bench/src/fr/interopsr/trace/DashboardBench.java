package fr.interopsr.trace;

import fr.interopsr.admin.console.Dashboard;
import fr.interopsr.admin.console.DashboardViews;
import fr.interopsr.admin.console.Messages;
import fr.interopsr.admin.console.View;
import fr.interopsr.platform.SchemaMigrator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 18 §2: the dashboard with 1 000 000 traces on PostgreSQL (D-24). Fills a schema of its own through the
 * journal's shipped write path (TraceRows batch, head, {@link TraceAggregates#add}, report: what
 * {@code TraceWriter.writeBatch} runs), two node chains, over the last 30 days; rebuilds the counts of 31 days from
 * {@code trace_record} with {@link TraceAggregates#rebuild}; then times what the page does for each period: read the
 * counts and the journals' reports, make the figures and write the whole HTML page ({@link DashboardViews}), which is
 * the dashboard's request without its HTTP and login. Drops the schema at the end unless {@code --keep}.
 */
public final class DashboardBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                o.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            }
        }
        int traces = Integer.parseInt(o.getOrDefault("traces", "1000000"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "20"));
        boolean keep = o.containsKey("keep");
        String schema = "bench_dashboard_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {o.getOrDefault("pg-host", "127.0.0.1")});
        ds.setPortNumbers(new int[] {Integer.parseInt(o.getOrDefault("pg-port", "5432"))});
        ds.setDatabaseName(o.getOrDefault("pg-database", "test"));
        ds.setUser(o.getOrDefault("pg-user", "root"));
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        ds.setCurrentSchema(schema);
        Thread dropper = new Thread(() -> drop(ds, schema));
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(dropper);
        }
        System.out.println("PostgreSQL schema " + schema + (keep ? " (kept)" : " (dropped at the end)"));
        new SchemaMigrator(ds).migrate();
        Instant now = Instant.now();
        try (Connection c = ds.getConnection()) {
            long t0 = System.nanoTime();
            fill(c, traces, now);
            double fillSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "filled: %,d traces in %.1f s (%,.0f traces/s, batches of 1000 with their counts, as the journal)%n",
                    traces, fillSeconds, traces / fillSeconds);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE trace_record");
                s.execute("ANALYZE trace_aggregate");
            }
            System.out.println("trace_aggregate rows: " + count(c, "SELECT COUNT(*) FROM trace_aggregate")
                    + " (minute " + count(c, "SELECT COUNT(*) FROM trace_aggregate WHERE granularity = 'M'")
                    + ", hour " + count(c, "SELECT COUNT(*) FROM trace_aggregate WHERE granularity = 'H'") + ")");
            Map<String, Long> live = TraceAggregates.perChain(
                    c, TraceAggregates.Granularity.HOUR, now.minus(Duration.ofDays(32)), now.plusSeconds(3600));
            long t1 = System.nanoTime();
            List<TraceAggregates.Rebuilt> rebuilt =
                    TraceAggregates.rebuild(c, now.minus(Duration.ofDays(31)), now.plusSeconds(60));
            double rebuildSeconds = (System.nanoTime() - t1) / 1e9;
            long counted =
                    rebuilt.stream().mapToLong(TraceAggregates.Rebuilt::traces).sum();
            Map<String, Long> again = TraceAggregates.perChain(
                    c, TraceAggregates.Granularity.HOUR, now.minus(Duration.ofDays(32)), now.plusSeconds(3600));
            System.out.printf(
                    "rebuild of 31 days: %,d traces counted again in %.1f s; counts %s the journal's (%s)%n",
                    counted, rebuildSeconds, again.equals(live) ? "equal to" : "DIFFERENT FROM", again);
            if (!again.equals(live) || counted != traces) {
                throw new IllegalStateException("the rebuild does not give the journal's counts: " + live + " vs "
                        + again + ", " + counted + " traces");
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE trace_aggregate");
            }
        }
        try (Connection c = ds.getConnection()) {
            // what the hourly retention run does (P-65): minute rows older than 2 days go
            long pruned = TraceAggregates.prune(
                    c, now.minus(TraceAggregates.MINUTES_KEPT), now.minus(TraceAggregates.HOURS_KEPT));
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE trace_aggregate");
            }
            System.out.println("retention run: " + pruned + " minute rows older than 2 days removed; rows left: "
                    + count(c, "SELECT COUNT(*) FROM trace_aggregate"));
        }
        View view = new View(
                Messages.of("en"), "/interops/admin", "bench", Set.of("interops-admin"), "x", "/dashboard", null);
        System.out.println("dashboard page (read counts and reports, figures, HTML), " + runs + " runs each:");
        for (Dashboard.Period p : Dashboard.Period.values()) {
            double[] ms = new double[runs];
            int size = 0;
            double first = 0;
            // one connection, as the server's pool lends one
            Connection c = ds.getConnection();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                {
                    Instant at = Instant.now();
                    Dashboard.Window w = Dashboard.Window.of(p, at);
                    Dashboard.Figures f = Dashboard.figures(
                            w, TraceAggregates.read(c, p.granularity(), w.from(), w.to()), Dashboard.TOP);
                    String html = DashboardViews.page(
                            view,
                            new DashboardViews.Page(
                                    f, Dashboard.lags(TraceAggregates.reports(c), at), List.of(), true, at));
                    size = html.length();
                }
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (i == 0) {
                    first = ms[i];
                }
            }
            c.close();
            Arrays.sort(ms);
            System.out.printf(
                    "  %-6s first %7.1f ms, median %7.1f ms, max %7.1f ms; page %,d characters%n",
                    p.param(), first, ms[runs / 2], ms[runs - 1], size);
        }
        if (!keep) {
            Runtime.getRuntime().removeShutdownHook(dropper);
            drop(ds, schema);
        }
    }

    private static final String[] TOKEN_ERRORS = {
        "invalid_client", "invalid_scope", "rate_limited", "unauthorized_client"
    };
    private static final String[] API_STEPS = {
        "TIME", "SIGNATURE", "CONVENTION", "REVOKED", "REPLAY", "MTLS", "STRUCTURE"
    };

    /** The traces: 85 % over 30 days, 10 % over the last day, 5 % over the last hour; two nodes; 50 conventions. */
    private static void fill(Connection c, int n, Instant now) throws SQLException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        TraceChain hasher = new TraceChain(key);
        TraceRows rows = new TraceRows();
        Random random = new Random(18);
        c.setAutoCommit(false);
        String[] chains = {"node:bench-a", "node:bench-b"};
        long[] seq = new long[2];
        String[] hash = {TraceChain.GENESIS, TraceChain.GENESIS};
        // the times first, oldest first: a journal commits its traces in the order they come, so a batch's traces
        // share a few minutes (as in production), not 30 days' worth of buckets
        long[] ago = new long[n];
        for (int i = 0; i < n; i++) {
            double where = random.nextDouble();
            long span = where < 0.85 ? 30L * 86400_000 : where < 0.95 ? 86400_000 : 3600_000;
            ago[i] = (long) (random.nextDouble() * span);
        }
        Arrays.sort(ago);
        for (int done = 0; done < n; ) {
            int node = (done / 1000) % 2;
            int size = Math.min(1000, n - done);
            List<TraceRecord> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Instant at = now.minusMillis(ago[n - 1 - (done + i)]);
                int conv = (int) Math.min(49, Math.floor(-Math.log(1 - random.nextDouble()) * 8));
                TraceRecord r = TraceRecord.of(entry(random, at, "bench-" + conv), chains[node].substring(5));
                r.chain(chains[node], ++seq[node], hash[node], hasher);
                hash[node] = r.recordHash();
                batch.add(r);
            }
            rows.insert(c, batch);
            OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
            TraceRows.advanceHead(c, chains[node], seq[node], hash[node], t);
            TraceAggregates.add(c, TraceAggregates.count(chains[node], batch));
            TraceAggregates.report(c, chains[node], 2, 0, t.toInstant());
            c.commit();
            done += size;
            if (done % 100_000 == 0) {
                System.out.printf("  %,d%n", done);
            }
        }
        c.setAutoCommit(true);
    }

    private static TraceEntry entry(Random random, Instant at, String convention) {
        double kind = random.nextDouble();
        if (kind < 0.4) {
            TraceEntry.Builder b = TraceEntry.builder(TraceKind.VI_GENERATION, at)
                    .clientId("client-" + convention)
                    .jti("uuid:" + random.nextLong())
                    .remoteAddress("192.0.2.1");
            if (random.nextDouble() < 0.9) {
                return b.success().convention(convention, 1).build();
            }
            return b.failure(TOKEN_ERRORS[random.nextInt(TOKEN_ERRORS.length)], "bench refusal")
                    .build();
        }
        if (kind < 0.8) {
            TraceEntry.Builder b = TraceEntry.builder(TraceKind.VI_VERIFICATION, at)
                    .convention(convention, 1)
                    .jti("uuid:" + random.nextLong())
                    .action("GET", "https://localhost:8443/interops/api/v1/beneficiaries/B00001", null, null);
            if (random.nextDouble() < 0.85) {
                return b.success().build();
            }
            return b.failure("invalid_token", "bench refusal")
                    .step(API_STEPS[random.nextInt(API_STEPS.length)])
                    .build();
        }
        return TraceEntry.builder(TraceKind.TRANSACTION, at)
                .success()
                .convention(convention, 1)
                .action("GET", "https://localhost:8443/interops/api/v1/beneficiaries/B00001", 200, "B00001")
                .build();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void drop(PGSimpleDataSource ds, String schema) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            System.out.println("schema " + schema + " dropped");
        } catch (SQLException e) {
            System.err.println("schema " + schema + " not dropped: " + e.getMessage());
        }
    }
}
