package fr.interopsr.trace;

import com.sun.management.OperatingSystemMXBean;
import fr.interopsr.platform.SchemaMigrator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The trace journal benchmark (issue 5, D-17, D-24): traces committed per second, in one run, on
 * PostgreSQL and on the embedded H2 file database, with N concurrent callers, (a) one transaction
 * per trace and (b) group commit as {@link TraceJournal} does it.
 *
 * <p>{@link TraceJournal} needs CDI, a ManagedThreadFactory and JPA ({@link TraceWriter} is a
 * {@code @Transactional} bean), so it cannot run outside a container. This bench lives in its
 * package and uses the real code for everything that does not need a container: the schema comes
 * from the real migrations ({@link SchemaMigrator}), every record is built by
 * {@link TraceRecord#of} and chained by {@link TraceRecord#chain} with the real {@link TraceChain},
 * and at the end every chain written is walked by {@link TraceChain#verify}. What it replicates is
 * the journal's loop (queue of 20 000, {@code offer} 1 s, writer {@code poll} 1 s then
 * {@code drainTo(batch - 1)}, one transaction per batch, each caller waiting on its future) and
 * the transaction of {@link TraceWriter#writeBatch}, which is plain JDBC and runs here as shipped:
 * {@link TraceRows#insert} (the batch's INSERTs as one JDBC batch, ids from {@code trace_record_seq}
 * 50 at a time), {@link TraceRows#advanceHead}, the commit.
 *
 * <p>Run it with {@code bench/journal.sh} (see bench/README.md).
 */
public final class JournalBench {

    private static final String NODE = "bench";
    /** The development key of server-config/payara/dev.properties: any 256-bit key costs the same. */
    static final String HMAC_KEY = "sKZxQTzTYdl9O06TyDjC3S6T0lAUuHwtKSghvEmo1uA=";

    private static final int QUEUE_CAPACITY = 20_000; // TraceJournal.queue
    private static final long COMMIT_WAIT_SECONDS = 10; // TraceJournal.COMMIT_WAIT_SECONDS

    // ------------------------------------------------------------------ settings

    private final int threads;
    private final int warmupSeconds;
    private final int durationSeconds;
    private final int batchSize;
    private final List<String> databases;
    private final String pgHost;
    private final int pgPort;
    private final String pgDatabase;
    private final String pgUser;
    private final Path workDir;
    private final Path doc;
    private final String command;
    final TraceChain hasher;
    private final String[] viPool = new String[64];

    JournalBench(Map<String, String> o) {
        threads = Integer.parseInt(o.getOrDefault("threads", "16"));
        warmupSeconds = Integer.parseInt(o.getOrDefault("warmup", "5"));
        durationSeconds = Integer.parseInt(o.getOrDefault("duration", "20"));
        batchSize = Integer.parseInt(o.getOrDefault("batch-size", "500")); // interops.traces.batch-size default
        databases =
                List.of(o.getOrDefault("databases", "postgres,h2-write-delay-0").split(","));
        pgHost = o.getOrDefault("pg-host", "127.0.0.1");
        pgPort = Integer.parseInt(o.getOrDefault("pg-port", "5432"));
        pgDatabase = o.getOrDefault("pg-database", "test");
        pgUser = o.getOrDefault("pg-user", "root");
        workDir = Path.of(o.getOrDefault("work-dir", "target/bench")).toAbsolutePath();
        doc = o.containsKey("doc") ? Path.of(o.get("doc")) : null;
        command = o.getOrDefault("command", "bench/journal.sh");
        hasher = new TraceChain(Base64.getDecoder().decode(HMAC_KEY));
        for (int i = 0; i < viPool.length; i++) {
            viPool[i] = fakeVi();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                System.err.println("usage: JournalBench [--threads=16] [--warmup=5] [--duration=20] [--batch-size=500]"
                        + " [--databases=postgres,h2[,h2-write-delay-0]] [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-database=test]"
                        + " [--pg-user=root] [--work-dir=target/bench] [--doc=docs/performance.md]");
                System.exit(2);
            }
            options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        System.exit(new JournalBench(options).run());
    }

    // ------------------------------------------------------------------ the run

    /** One measured mode on one database. */
    record Result(
            String database,
            String mode,
            long traces,
            double seconds,
            long commits,
            double p50Ms,
            double p99Ms,
            long failures,
            long committedTotal,
            String chainCheck) {
        double rate() {
            return traces / seconds;
        }

        Result withChainCheck(String check) {
            return new Result(database, mode, traces, seconds, commits, p50Ms, p99Ms, failures, committedTotal, check);
        }
    }

    private int run() throws Exception {
        System.out.println("Trace journal benchmark (issue 5): traces committed per second, " + threads
                + " concurrent callers, " + warmupSeconds + " s warm-up + " + durationSeconds + " s measured per mode,"
                + " journal batch size " + batchSize + ".");
        System.out.println("Note: TraceJournal itself needs CDI/JPA (ManagedThreadFactory, @Transactional TraceWriter);"
                + " this bench replicates its batching loop; the batch is written by the shipped TraceRows (what"
                + " TraceWriter.writeBatch runs), records are built and chained by the real TraceRecord.of /"
                + " TraceRecord.chain / TraceChain, and the schema is the real migrations'.");
        System.out.println("JDK: " + jdk());
        System.out.println("Machine: " + machine());
        List<Result> results = new ArrayList<>();
        Map<String, String> dbInfo = new LinkedHashMap<>();
        for (String db : databases) {
            switch (db.strip()) {
                case "postgres" -> results.addAll(onPostgres(dbInfo));
                case "h2" -> results.addAll(onH2(dbInfo, false));
                case "h2-write-delay-0" -> results.addAll(onH2(dbInfo, true));
                default ->
                    throw new IllegalArgumentException("unknown database " + db + " (postgres, h2, h2-write-delay-0)");
            }
        }
        String table = table(results);
        System.out.println();
        System.out.println(table);
        String verdict = verdict(results, dbInfo);
        System.out.println(verdict);
        if (doc != null) {
            writeDoc(results, dbInfo, table, verdict);
            System.out.println("Results written to " + doc);
        }
        boolean chainsOk = results.stream().allMatch(r -> r.chainCheck().startsWith("intact"));
        return chainsOk ? 0 : 1;
    }

    private List<Result> onPostgres(Map<String, String> dbInfo) throws Exception {
        String schema = "bench_journal_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {pgHost});
        ds.setPortNumbers(new int[] {pgPort});
        ds.setDatabaseName(pgDatabase);
        ds.setUser(pgUser);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        Thread dropper = new Thread(() -> dropSchema(ds, schema));
        Runtime.getRuntime().addShutdownHook(dropper);
        try {
            ds.setCurrentSchema(schema);
            String settings;
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                settings = "PostgreSQL " + c.getMetaData().getDatabaseProductVersion()
                        + ", synchronous_commit=" + show(s, "synchronous_commit")
                        + ", fsync=" + show(s, "fsync")
                        + ", wal_sync_method=" + show(s, "wal_sync_method")
                        + ", commit_delay=" + show(s, "commit_delay")
                        + ", max_connections=" + show(s, "max_connections");
                if (!"on".equals(show(s, "synchronous_commit")) || !"on".equals(show(s, "fsync"))) {
                    System.out.println("WARNING: synchronous_commit or fsync is not on: D-24 judges the target only"
                            + " with synchronous_commit=on; these figures do not count.");
                }
            }
            dbInfo.put("PostgreSQL", settings + ", schema " + schema + " (created and dropped by the bench)");
            System.out.println();
            System.out.println("== " + settings);
            System.out.println("   schema " + schema + " at " + pgHost + ":" + pgPort + "/" + pgDatabase);
            new SchemaMigrator(ds).migrate();
            return runModes("PostgreSQL", ds, "SELECT nextval('trace_record_seq')");
        } finally {
            dropSchema(ds, schema);
            try {
                Runtime.getRuntime().removeShutdownHook(dropper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    static String show(Statement s, String setting) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    static void dropSchema(PGSimpleDataSource ds, String schema) {
        ds.setCurrentSchema(null);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    /**
     * H2 in a file; {@code writeDelay0}: with {@code WRITE_DELAY=0}, H2 writing its store at every
     * commit instead of every 500 ms, as the embedded default's pool URL has it (post-boot-commands.txt:
     * without it a process kill loses acknowledged commits, see JournalCrashIT).
     */
    private List<Result> onH2(Map<String, String> dbInfo, boolean writeDelay0) throws Exception {
        Path dir = workDir.resolve("h2-" + ProcessHandle.current().pid() + (writeDelay0 ? "-wd0" : ""));
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("interops") + (writeDelay0 ? ";WRITE_DELAY=0" : "");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("sa");
        try (Connection keepOpen = ds.getConnection()) { // H2 closes the database with its last connection
            // the page names no folder of this machine (P-15): the work folder is left out of the URL shown
            String shown = "jdbc:h2:file:…/" + dir.getFileName() + "/interops" + (writeDelay0 ? ";WRITE_DELAY=0" : "");
            String settings = "H2 " + keepOpen.getMetaData().getDatabaseProductVersion() + " (file, " + shown
                    + (writeDelay0
                            ? ", as the embedded default's pool URL)"
                            : ", H2's default WRITE_DELAY of 500 ms: not durable)");
            dbInfo.put(writeDelay0 ? "H2, WRITE_DELAY=0" : "H2", settings);
            System.out.println();
            System.out.println("== " + settings);
            new SchemaMigrator(ds).migrate();
            return runModes(
                    writeDelay0 ? "H2 (file, WRITE_DELAY=0)" : "H2 (file)",
                    ds,
                    "SELECT NEXT VALUE FOR trace_record_seq");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private List<Result> runModes(String database, DataSource ds, String nextIdSql) throws Exception {
        List<Result> results = new ArrayList<>();
        try (IdAllocator ids = new IdAllocator(ds, nextIdSql)) {
            results.add(perTrace(database, ds, ids, true));
            results.add(perTrace(database, ds, ids, false));
            results.add(journal(database, ds));
        }
        return results;
    }

    // ------------------------------------------------------------------ (a) one transaction per trace

    /**
     * One transaction per trace, each caller on its own pooled connection. {@code sharedChain}: every
     * caller extends the node's one chain under a row lock of its head, as {@link TraceWriter#writeWithin}
     * does for admin actions; otherwise each caller has a chain of its own (no lock wait at all, the
     * most favourable case for one commit per trace).
     */
    private Result perTrace(String database, DataSource ds, IdAllocator ids, boolean sharedChain) throws Exception {
        String mode = sharedChain ? NODE_CHAIN : OWN_CHAIN;
        String prefix = sharedChain ? "node:bench-commit-shared" : "node:bench-commit-own-";
        List<String> chains = new ArrayList<>();
        for (int t = 0; t < (sharedChain ? 1 : threads); t++) {
            chains.add(sharedChain ? prefix : prefix + t);
        }
        insertHeads(ds, chains);
        Connection[] connections = new Connection[threads];
        for (int t = 0; t < threads; t++) {
            connections[t] = ds.getConnection();
            connections[t].setAutoCommit(false);
        }
        try {
            Load load = new Load();
            Result r = load.run(
                    database,
                    mode,
                    t -> {
                        String chain = chains.get(sharedChain ? 0 : t);
                        Connection c = connections[t];
                        return () -> {
                            TraceRecord record = TraceRecord.of(entry(), NODE);
                            try {
                                long seq;
                                String hash;
                                try (PreparedStatement p = c.prepareStatement(
                                        "SELECT last_seq, last_hash FROM trace_chain_head WHERE chain = ? FOR UPDATE")) {
                                    p.setString(1, chain);
                                    try (ResultSet rs = p.executeQuery()) {
                                        rs.next();
                                        seq = rs.getLong(1) + 1;
                                        hash = rs.getString(2);
                                    }
                                }
                                record.chain(chain, seq, hash, hasher);
                                try (PreparedStatement p = c.prepareStatement(TraceRows.INSERT)) {
                                    TraceRows.bind(p, ids.next(), record);
                                    p.executeUpdate();
                                }
                                TraceRows.advanceHead(
                                        c, chain, seq, record.recordHash(), OffsetDateTime.now(ZoneOffset.UTC));
                                c.commit();
                            } catch (SQLException | RuntimeException e) {
                                try {
                                    c.rollback();
                                } catch (SQLException ignored) {
                                    // the connection is gone; the next call fails too
                                }
                                throw new IllegalStateException(e);
                            }
                        };
                    },
                    () -> 0L);
            return r.withChainCheck(checkChains(ds, chains, r.committedTotal()));
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    // ------------------------------------------------------------------ (b) the journal's group commit

    private record Pending(TraceRecord record, CompletableFuture<Void> committed) {}

    /**
     * TraceJournal, as {@code record()}, {@code writeLoop()}, {@code commit()} and {@code resync()}
     * are written, with {@link TraceWriter#writeBatch} as JDBC.
     */
    final class Journal {
        final String chain;
        private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        private final Connection connection;
        private final TraceRows rows = new TraceRows();
        private volatile boolean running = true;
        private final Thread thread;
        private final AtomicLong commits = new AtomicLong();
        // writer thread only
        private long lastSeq;
        private String lastHash = TraceChain.GENESIS;

        Journal(DataSource ds) throws SQLException {
            this.chain = "node:bench-journal";
            this.connection = ds.getConnection();
            this.connection.setAutoCommit(false);
            thread = new Thread(this::writeLoop, "interops-trace-journal");
            thread.start();
        }

        void record(TraceEntry entry) {
            Pending pending = new Pending(TraceRecord.of(entry, NODE), new CompletableFuture<>());
            try {
                if (!running || !queue.offer(pending, 1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the trace journal is saturated or stopped");
                }
                pending.committed().get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the trace was committed", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the trace journal is unavailable", e);
            }
        }

        private void writeLoop() {
            resync();
            List<Pending> batch = new ArrayList<>(batchSize);
            while (running) {
                try {
                    Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.clear();
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    commit(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    System.err.println("trace journal writer: " + e);
                }
            }
            Pending left;
            while ((left = queue.poll()) != null) {
                left.committed().completeExceptionally(new IllegalStateException("journal stopped"));
            }
        }

        private void commit(List<Pending> batch) {
            long seq = lastSeq;
            String hash = lastHash;
            List<TraceRecord> records = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                p.record().chain(chain, ++seq, hash, hasher);
                hash = p.record().recordHash();
                records.add(p.record());
            }
            try {
                writeBatch(records, seq, hash);
                lastSeq = seq;
                lastHash = hash;
                commits.incrementAndGet();
                batch.forEach(p -> p.committed().complete(null));
            } catch (RuntimeException e) {
                System.err.println(batch.size() + " trace(s) not committed: " + e);
                batch.forEach(p -> p.committed().completeExceptionally(e));
                resync();
            }
        }

        /** TraceWriter.writeBatch as shipped: the batch and the chain's new head in one transaction. */
        private void writeBatch(List<TraceRecord> records, long seq, String hash) {
            Connection c = connection;
            try {
                rows.insert(c, records);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                TraceRows.advanceHead(c, chain, seq, hash, now);
                // the dashboard's counts and the journal's report, as shipped since issue 18 (P-63, P-64)
                TraceAggregates.add(c, TraceAggregates.count(chain, records));
                TraceAggregates.report(c, chain, 0, 0, now.toInstant());
                c.commit();
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // reported below
                }
                throw new IllegalStateException(e);
            }
        }

        /** TraceWriter.head: the chain's head as committed. */
        private void resync() {
            try (PreparedStatement p =
                    connection.prepareStatement("SELECT last_seq, last_hash FROM trace_chain_head WHERE chain = ?")) {
                p.setString(1, chain);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        lastSeq = r.getLong(1);
                        lastHash = r.getString(2);
                    } else {
                        lastSeq = 0;
                        lastHash = TraceChain.GENESIS;
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                System.err.println("trace chain head unreadable: " + e);
            }
        }

        /** The callers have all returned: the writer ends at its next poll (the bench does not interrupt JDBC). */
        void stop() throws InterruptedException, SQLException {
            running = false;
            thread.join();
            connection.close();
        }
    }

    private Result journal(String database, DataSource ds) throws Exception {
        Journal journal = new Journal(ds);
        Result r;
        try {
            r = new Load()
                    .run(
                            database,
                            "journal: group commit (TraceJournal loop, TraceRows as shipped)",
                            t -> () -> journal.record(entry()),
                            journal.commits::get);
        } finally {
            journal.stop();
        }
        return r.withChainCheck(checkChains(ds, List.of(journal.chain), r.committedTotal()));
    }

    // ------------------------------------------------------------------ load, timing, percentiles

    @FunctionalInterface
    private interface CallerFactory {
        Runnable forCaller(int index) throws Exception;
    }

    /** N callers in a loop; counts and times the calls that end inside the measured window. */
    private final class Load {
        Result run(String database, String mode, CallerFactory factory, Supplier<Long> commitCounter) throws Exception {
            System.out.printf(Locale.ROOT, "   %-52s", mode + " ...");
            System.out.flush();
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(durationSeconds);
            long[][] latencies = new long[threads][];
            int[] counts = new int[threads];
            long[] failures = new long[threads];
            long[] committed = new long[threads];
            long[] commitsAt = new long[2];
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int index = t;
                Runnable call = factory.forCaller(t);
                latencies[t] = new long[1 << 14];
                workers[t] = new Thread(
                        () -> {
                            while (true) {
                                long begin = System.nanoTime();
                                if (begin >= measureTo) {
                                    return;
                                }
                                try {
                                    call.run();
                                } catch (RuntimeException e) {
                                    if (failures[index]++ == 0) {
                                        System.err.println("caller " + index + ": " + e);
                                    }
                                    continue;
                                }
                                committed[index]++;
                                long end = System.nanoTime();
                                if (end >= measureFrom && end < measureTo) {
                                    if (counts[index] == latencies[index].length) {
                                        latencies[index] = Arrays.copyOf(latencies[index], counts[index] * 2);
                                    }
                                    latencies[index][counts[index]++] = end - begin;
                                }
                            }
                        },
                        "caller-" + t);
            }
            for (Thread w : workers) {
                w.start();
            }
            sleepUntil(measureFrom);
            commitsAt[0] = commitCounter.get();
            sleepUntil(measureTo);
            commitsAt[1] = commitCounter.get();
            for (Thread w : workers) {
                w.join();
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int k = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(latencies[t], 0, all, k, counts[t]);
                k += counts[t];
            }
            Arrays.sort(all);
            long commits = commitsAt[1] - commitsAt[0];
            Result r = new Result(
                    database,
                    mode,
                    total,
                    durationSeconds,
                    commits == 0 ? total : commits,
                    percentile(all, 0.50),
                    percentile(all, 0.99),
                    Arrays.stream(failures).sum(),
                    Arrays.stream(committed).sum(),
                    "");
            System.out.printf(
                    Locale.ROOT,
                    "%,10.0f traces/s  p50 %7.2f ms  p99 %7.2f ms  %6.1f traces/commit%s%n",
                    r.rate(),
                    r.p50Ms(),
                    r.p99Ms(),
                    (double) r.traces() / r.commits(),
                    r.failures() == 0 ? "" : "  FAILURES: " + r.failures());
            return r;
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    // ------------------------------------------------------------------ JDBC pieces

    /** EclipseLink's sequence preallocation: one nextval per 50 ids (START WITH 50 INCREMENT BY 50). */
    private static final class IdAllocator implements AutoCloseable {
        private final Connection connection;
        private final String sql;
        private long next;
        private long last = -1;

        IdAllocator(DataSource ds, String sql) throws SQLException {
            this.connection = ds.getConnection();
            this.sql = sql;
        }

        synchronized long next() {
            if (next > last) {
                try (Statement s = connection.createStatement();
                        ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    last = r.getLong(1);
                    next = last - 49;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return next++;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static void insertHeads(DataSource ds, List<String> chains) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "INSERT INTO trace_chain_head (chain, last_seq, last_hash, updated_at) VALUES (?, 0, ?, ?)")) {
            for (String chain : chains) {
                p.setString(1, chain);
                p.setString(2, TraceChain.GENESIS);
                p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                p.executeUpdate();
            }
        }
    }

    // ------------------------------------------------------------------ what a trace looks like

    /** A successful VI verification or a transaction of the sample API, alternately: the two traces of one API call. */
    TraceEntry entry() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String jti = "uuid:" + new UUID(random.nextLong(), random.nextLong());
        String vi = viPool[random.nextInt(viPool.length)];
        if (random.nextBoolean()) {
            return TraceEntry.builder(TraceKind.VI_VERIFICATION, Instant.now())
                    .success()
                    .jti(jti)
                    .issuer("https://localhost:8443/interops")
                    .audience("https://institution-a.example/beneficiaries-app")
                    .serviceId("https://localhost:8443/interops/api/v1/beneficiaries")
                    .subject("institution-a")
                    .scopes("urn:demo:beneficiaries:1.0:read")
                    .clientId("institution-a")
                    .convention("demo-beneficiaries-mtls", 1)
                    .remoteAddress("127.0.0.1")
                    .authMethod("tls_client_auth")
                    .certificateSha256("9f".repeat(32))
                    .vi(vi)
                    .detail("verified in 15 steps")
                    .build();
        }
        return TraceEntry.builder(TraceKind.TRANSACTION, Instant.now())
                .success()
                .jti(jti)
                .issuer("https://localhost:8443/interops")
                .subject("institution-a")
                .clientId("institution-a")
                .serviceId("https://localhost:8443/interops/api/v1/beneficiaries")
                .scopes("urn:demo:beneficiaries:1.0:read")
                .convention("demo-beneficiaries-mtls", 1)
                .action("GET", "https://localhost:8443/interops/api/v1/beneficiaries/B00001", 200, "B00001")
                .build();
    }

    /** A string of the size and alphabet of an ES256 VI (header.payload.signature, about 700 characters). */
    private static String fakeVi() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] header = new byte[60];
        byte[] payload = new byte[400];
        byte[] signature = new byte[64];
        random.nextBytes(header);
        random.nextBytes(payload);
        random.nextBytes(signature);
        return b64.encodeToString(header) + "." + b64.encodeToString(payload) + "." + b64.encodeToString(signature);
    }

    // ------------------------------------------------------------------ the chains written, walked by TraceChain

    /**
     * Walks each chain with the real {@link TraceChain#verify} (records read by {@link TraceRecord#fromRow} and
     * their fields by {@link TraceRecord#chainFields}, as the audit walk does) and checks that it holds exactly the traces the callers saw committed.
     */
    private String checkChains(DataSource ds, List<String> chains, long committedByCallers) throws SQLException {
        long rows = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            for (String chain : chains) {
                try (PreparedStatement p =
                        c.prepareStatement("SELECT * FROM trace_record WHERE chain = ? ORDER BY chain_seq")) {
                    p.setFetchSize(1000);
                    p.setString(1, chain);
                    try (ResultSet r = p.executeQuery()) {
                        TraceChain.Verdict v = hasher.verify(links(r), 0);
                        if (!v.intact()) {
                            return "BROKEN: " + chain + " at record "
                                    + v.brokenRecordId().orElse(-1L) + ": " + v.reason();
                        }
                        rows += v.checked();
                    }
                }
            }
            c.commit();
        }
        if (rows != committedByCallers) {
            return "MISMATCH: " + rows + " rows, " + committedByCallers + " traces committed for the callers";
        }
        return "intact (" + rows + " records = traces acknowledged)";
    }

    private static Iterator<TraceChain.Link> links(ResultSet r) {
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = r.next();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return ahead;
            }

            @Override
            public TraceChain.Link next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                try {
                    // the stored record as the audit walk reads it (TraceRecord.fromRow): its own format and key id
                    TraceRecord t = TraceRecord.fromRow(r);
                    return new TraceChain.Link(t.id(), t.chainSeq(), t.recordHash(), t.keyId(), t.chainFields());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    // ------------------------------------------------------------------ report

    private static final String NODE_CHAIN = "one commit per trace, one chain (head row lock)";
    private static final String OWN_CHAIN = "one commit per trace, chain per caller";

    private String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                "| database | mode | traces/s | p50 wait | p99 wait | traces/commit | ratio A | ratio B | chain check |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %.2f ms | %.2f ms | %.1f | %.2f× | %.2f× | %s |%n",
                    r.database(),
                    r.mode(),
                    r.rate(),
                    r.p50Ms(),
                    r.p99Ms(),
                    (double) r.traces() / r.commits(),
                    r.rate() / rate(results, r.database(), NODE_CHAIN),
                    r.rate() / rate(results, r.database(), OWN_CHAIN),
                    r.chainCheck() + (r.failures() == 0 ? "" : "; " + r.failures() + " FAILED calls")));
        }
        out.append("\nratio A: traces/s ÷ \"")
                .append(NODE_CHAIN)
                .append("\" (one chain per node as D-18 wants: each"
                        + " trace's transaction extends the node chain under a row lock of its head, as TraceWriter.writeWithin"
                        + " does for admin actions).\n\n");
        out.append("ratio B: traces/s ÷ \"")
                .append(OWN_CHAIN)
                .append("\" (each caller its own chain, no lock wait:"
                        + " not D-18, the most favourable case for one commit per trace).\n");
        return out.toString();
    }

    private static double rate(List<Result> results, String database, String mode) {
        return results.stream()
                .filter(x -> x.database().equals(database) && x.mode().equals(mode))
                .mapToDouble(Result::rate)
                .findFirst()
                .orElse(Double.NaN);
    }

    private String verdict(List<Result> results, Map<String, String> dbInfo) {
        StringBuilder out = new StringBuilder();
        for (Result r : results) {
            if (r.mode().startsWith("one commit")) {
                continue;
            }
            double a = r.rate() / rate(results, r.database(), NODE_CHAIN);
            double b = r.rate() / rate(results, r.database(), OWN_CHAIN);
            boolean pg = r.database().startsWith("PostgreSQL");
            String sync = dbInfo.getOrDefault("PostgreSQL", "").contains("synchronous_commit=on")
                    ? ""
                    : " (BUT synchronous_commit was not on: does not count)";
            out.append(String.format(
                    Locale.ROOT,
                    "%s: journal %,.0f traces/s = %.1f× one commit per trace on the node"
                            + " chain (A), %.1f× one commit per trace with a chain per caller (B)%s%n",
                    r.database(),
                    r.rate(),
                    a,
                    b,
                    pg
                            ? " -> issue 5 target (≥ 5×, PostgreSQL, synchronous_commit=on, D-24): "
                                    + (a >= 5 ? "MET" : "NOT MET") + " against A, " + (b >= 5 ? "MET" : "NOT MET")
                                    + " against B" + sync
                            : " (informative; the target is judged on PostgreSQL, D-24)"));
        }
        return out.toString();
    }

    private void writeDoc(List<Result> results, Map<String, String> dbInfo, String table, String verdict)
            throws IOException {
        StringBuilder block = new StringBuilder();
        block.append(
                "<!-- journal-bench:begin (written by bench/journal.sh --doc=docs/performance.md; edit around it) -->\n");
        block.append("Measured ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.format(OffsetDateTime.now(ZoneOffset.UTC)))
                .append(" with `")
                .append(command)
                .append("`: ")
                .append(threads)
                .append(" concurrent callers, ")
                .append(warmupSeconds)
                .append(" s warm-up then ")
                .append(durationSeconds)
                .append(" s measured per row, journal batch size ")
                .append(batchSize)
                .append(".\n\n");
        block.append("- JDK: ").append(jdk()).append("\n");
        block.append("- Machine: ").append(machine()).append("\n");
        dbInfo.forEach(
                (k, v) -> block.append("- ").append(k).append(": ").append(v).append("\n"));
        block.append("\n").append(table).append("\n");
        for (String line : verdict.strip().split("\n")) {
            block.append("- ").append(line).append("\n");
        }
        block.append("<!-- journal-bench:end -->\n");
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Performance\n";
        int begin = text.indexOf("<!-- journal-bench:begin");
        int end = text.indexOf("<!-- journal-bench:end -->");
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + block + text.substring(end + "<!-- journal-bench:end -->\n".length());
        } else {
            text = text.stripTrailing() + "\n\n## Trace journal\n\n" + block;
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")";
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse("?");
        } catch (IOException ignored) {
            // not Linux
        }
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
                + Math.round(memory / 1024.0 / 1024 / 1024) + " GiB RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }
}
