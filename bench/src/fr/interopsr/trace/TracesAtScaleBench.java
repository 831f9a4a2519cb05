package fr.interopsr.trace;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.interopsr.platform.SchemaMigrator;
import fr.interopsr.vi.SigningKey;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Traces at scale (issue 15, "Scale (PostgreSQL, D-24)"): fills a PostgreSQL schema of its own with
 * 10 000 000 traces chained as the journal chains them, with signed checkpoint rounds, then measures
 * the full check ({@link TraceAudit#check}), the trace query by {@code jti} and by one hour, the
 * export, and a retention run ({@link TraceRetention#purge}) with the journal writing beside it.
 *
 * <p>What is real: the schema (the migrations, {@link SchemaMigrator}); every record built by
 * {@link TraceRecord#of} and chained by {@link TraceRecord#chain} with {@link TraceChain} (HMAC-SHA256);
 * the rounds signed by {@link CheckpointRounds} with an ES256 {@link SigningKey}; the check; the
 * retention; the queries and the export through {@link TraceQueries} (its JPQL), run by the EclipseLink
 * that Payara Micro ships (taken from the payara-micro jar by {@code bench/traces-10m.sh}) in a
 * RESOURCE_LOCAL unit, with the export's own loop ({@code TraceExportResource.write}) and
 * {@link TraceFields}; the journal beside the retention is {@link JournalBench}'s replica of
 * {@link TraceJournal}'s loop writing with the shipped {@link TraceRows}. What is not: the HTTP layer,
 * the auditor's own trace of each query (one journal commit) and the container's JTA. The fill writes with
 * COPY, its secondary indexes dropped and rebuilt from their own definitions (the migrations' DDL).
 *
 * <p>Run it with {@code bench/traces-10m.sh} (see bench/README.md).
 */
public final class TracesAtScaleBench {

    private static final Set<String> ALL_STEPS =
            new LinkedHashSet<>(List.of("fill", "check", "queries", "export", "retention", "check-after"));
    private static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");
    private static final String COPY = "COPY trace_record ("
            + TraceRows.INSERT.substring(TraceRows.INSERT.indexOf('(') + 1, TraceRows.INSERT.indexOf(')'))
            + ") FROM STDIN";

    // ------------------------------------------------------------------ settings

    private final long traces;
    private final int nodes;
    private final int days;
    private final int retentionDays;
    private final int chunk;
    private final int roundEvery;
    private final int adminEvery;
    private final int fillConnections;
    private final int queryRuns;
    private final int beforeSeconds;
    private final int warmupSeconds;
    private final int callers;
    private final boolean keep;
    private final String reuse;
    private final Set<String> steps;
    private final String pgHost;
    private final int pgPort;
    private final String pgDatabase;
    private final String pgUser;
    private final Path workDir;
    private final String command;
    /** Its journal replica, its trace entries and its HMAC key (the development key: any 256-bit key costs the same). */
    private final JournalBench journalBench;

    private final TraceChain hasher;

    // ------------------------------------------------------------------ state

    private PGSimpleDataSource ds;
    private String schema;
    private Instant t0;
    private long spanMillis;
    private long filled;
    private SigningKey key;
    /** The copy kept outside the database: every round's and every retention mark's JWS, in signing order. */
    private final List<String> outside = new ArrayList<>();

    private final List<String[]> figures = new ArrayList<>();
    /** The statements EclipseLink sent for each query, as its log shows them. */
    private final Map<String, List<String>> sqlSent = new HashMap<>();

    private final StringBuilder report = new StringBuilder();

    private TracesAtScaleBench(Map<String, String> o) {
        traces = Long.parseLong(o.getOrDefault("traces", "10000000"));
        nodes = Integer.parseInt(o.getOrDefault("nodes", "4"));
        days = Integer.parseInt(o.getOrDefault("days", "395"));
        retentionDays = Integer.parseInt(o.getOrDefault("retention-days", "365"));
        chunk = Integer.parseInt(o.getOrDefault("chunk", "10000"));
        roundEvery = Integer.parseInt(o.getOrDefault("round-every", "10000"));
        adminEvery = Integer.parseInt(o.getOrDefault("admin-every", "2000"));
        fillConnections = Integer.parseInt(o.getOrDefault("fill-connections", "2"));
        queryRuns = Integer.parseInt(o.getOrDefault("query-runs", "9"));
        beforeSeconds = Integer.parseInt(o.getOrDefault("before", "30"));
        warmupSeconds = Integer.parseInt(o.getOrDefault("warmup", "5"));
        callers = Integer.parseInt(o.getOrDefault("callers", "16"));
        keep = Boolean.parseBoolean(o.getOrDefault("keep", "false"));
        reuse = o.get("reuse");
        steps = new LinkedHashSet<>(
                List.of(o.getOrDefault("steps", String.join(",", ALL_STEPS)).split(",")));
        if (!ALL_STEPS.containsAll(steps)) {
            throw new IllegalArgumentException("steps: " + ALL_STEPS);
        }
        if (reuse == null && !steps.contains("fill")) {
            throw new IllegalArgumentException("without --reuse=SCHEMA the steps need fill");
        }
        if (roundEvery % chunk != 0) {
            throw new IllegalArgumentException("--round-every must be a multiple of --chunk");
        }
        if (days <= retentionDays) {
            throw new IllegalArgumentException("--days must exceed --retention-days, so that retention has a month");
        }
        pgHost = o.getOrDefault("pg-host", "127.0.0.1");
        pgPort = Integer.parseInt(o.getOrDefault("pg-port", "5432"));
        pgDatabase = o.getOrDefault("pg-database", "test");
        pgUser = o.getOrDefault("pg-user", "root");
        workDir = Path.of(o.getOrDefault("work-dir", "target/bench")).toAbsolutePath();
        command = o.getOrDefault("command", "bench/traces-10m.sh");
        Map<String, String> journalOptions = new HashMap<>();
        journalOptions.put("threads", String.valueOf(callers));
        journalOptions.put("batch-size", o.getOrDefault("batch-size", "500"));
        journalBench = new JournalBench(journalOptions);
        hasher = journalBench.hasher;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                usage();
            }
            int eq = a.indexOf('=');
            options.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        System.exit(new TracesAtScaleBench(options).run());
    }

    private static void usage() {
        System.err.println(
                "usage: TracesAtScaleBench [--traces=10000000] [--nodes=4] [--days=395] [--retention-days=365]"
                        + " [--round-every=10000] [--admin-every=2000] [--fill-connections=2] [--query-runs=9] [--callers=16]"
                        + " [--batch-size=500] [--warmup=5] [--before=30] [--steps=fill,check,queries,export,retention,check-after]"
                        + " [--keep] [--reuse=SCHEMA] [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-database=test] [--pg-user=root]"
                        + " [--work-dir=target/bench]");
        System.exit(2);
    }

    // ------------------------------------------------------------------ the run

    private int run() throws Exception {
        Files.createDirectories(workDir);
        ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {pgHost});
        ds.setPortNumbers(new int[] {pgPort});
        ds.setDatabaseName(pgDatabase);
        ds.setUser(pgUser);
        schema = reuse != null
                ? reuse
                : "bench_traces_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        boolean dropAtEnd = !keep && reuse == null;
        Thread dropper = new Thread(() -> JournalBench.dropSchema(ds, schema));
        say("Traces at scale (issue 15): " + String.format(Locale.ROOT, "%,d", traces) + " traces, " + nodes
                + " node chains + admin, " + days + " days; command: " + command);
        say("JDK: " + JournalBench.jdk());
        say("Machine: " + JournalBench.machine());
        if (reuse == null) {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            if (dropAtEnd) {
                Runtime.getRuntime().addShutdownHook(dropper);
            }
        }
        ds.setCurrentSchema(schema);
        int status;
        try {
            say("PostgreSQL: " + postgres() + "; schema " + schema
                    + (dropAtEnd ? " (created and dropped by the bench)" : " (kept)"));
            if (reuse == null) {
                new SchemaMigrator(ds).migrate();
                fill();
            } else {
                readMeta();
            }
            sizes();
            status = 0;
            if (steps.contains("check")) {
                status |= check("full check", outside);
            }
            if (steps.contains("queries") || steps.contains("export")) {
                captureSql();
                try (Jpa jpa = new Jpa()) {
                    if (steps.contains("queries")) {
                        queries(jpa);
                    }
                    if (steps.contains("export")) {
                        export(jpa);
                    }
                }
            }
            if (steps.contains("retention")) {
                retention();
            }
            if (steps.contains("check-after")) {
                status |= check("full check after the retention run", outside);
            }
        } finally {
            writeReport();
            if (dropAtEnd) {
                JournalBench.dropSchema(ds, schema);
                try {
                    Runtime.getRuntime().removeShutdownHook(dropper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            } else {
                System.out.println("schema kept: " + schema + " (--reuse=" + schema
                        + " runs the measurements on it again;" + " DROP SCHEMA " + schema + " CASCADE removes it)");
            }
        }
        return status;
    }

    private String postgres() throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            String v = c.getMetaData().getDatabaseProductVersion();
            StringBuilder b = new StringBuilder(v);
            for (String setting : List.of(
                    "synchronous_commit",
                    "shared_buffers",
                    "effective_cache_size",
                    "work_mem",
                    "maintenance_work_mem",
                    "max_wal_size",
                    "random_page_cost",
                    "max_parallel_workers_per_gather")) {
                b.append(", ").append(setting).append('=').append(JournalBench.show(s, setting));
            }
            return b.toString();
        }
    }

    // ------------------------------------------------------------------ the fill

    /** The chains: node:n1 … node:nN, then admin (index {@link #nodes}). */
    private String chainName(int owner) {
        return owner == nodes ? "admin" : "node:n" + (owner + 1);
    }

    /** Slot {@code i} of the timeline: an admin action every {@link #adminEvery}, else the three traces of a call. */
    private int owner(long i) {
        if (i % adminEvery == adminEvery - 1) {
            return nodes;
        }
        return (int) ((i / 3) % nodes);
    }

    private Instant occurredAt(long i) {
        return t0.plusMillis(i * spanMillis / traces);
    }

    private void fill() throws Exception {
        t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days));
        spanMillis = Duration.ofDays(days).minusHours(1).toMillis();
        key = newKey(t0);
        long chunks = (traces + chunk - 1) / chunk;
        int chunksPerRound = roundEvery / chunk;
        int rounds = (int) ((chunks + chunksPerRound - 1) / chunksPerRound);
        int owners = nodes + 1;
        long[][] seqAt = new long[rounds + 1][owners];
        String[][] hashAt = new String[rounds + 1][owners];
        Map<String, String> indexes = new LinkedHashMap<>();
        say("");
        say("== Fill: " + String.format(Locale.ROOT, "%,d", traces) + " traces from " + t0 + " over " + days
                + " days, COPY on " + fillConnections + " connections, one chain-hashing thread per chain");
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '" + schema
                    + "' AND tablename = 'trace_record' AND indexname <> 'trace_record_pkey' ORDER BY indexname")) {
                while (r.next()) {
                    indexes.put(r.getString(1), r.getString(2));
                }
            }
            for (String name : indexes.keySet()) {
                s.execute("DROP INDEX " + name);
            }
        }
        say("   secondary indexes dropped for the COPY, rebuilt after it from their definitions: " + indexes.keySet());
        double cpu0 = processCpu();
        long start = System.nanoTime();
        Window window = new Window(2 * fillConnections + 2, owners, chunk);
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(owners + fillConnections);
        List<Future<?>> futures = new ArrayList<>();
        for (int o = 0; o < owners; o++) {
            int owner = o;
            futures.add(pool.submit(() -> {
                hashChain(owner, chunks, chunksPerRound, window, seqAt, hashAt);
                return null;
            }));
        }
        for (int w = 0; w < fillConnections; w++) {
            futures.add(pool.submit(() -> {
                copy(window, chunks, written, start);
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            pool.shutdownNow();
            throw e;
        }
        double copySeconds = seconds(start);
        double copyCpu = processCpu() - cpu0;
        filled = written.get();
        figure(
                "fill: COPY (records built, chained and encoded by " + (nodes + 1) + " threads, " + fillConnections
                        + " COPY connections, no secondary index; JVM CPU "
                        + String.format(Locale.ROOT, "%.1f", copyCpu * 1e6 / Math.max(1, filled)) + " µs/trace)",
                rate(filled, copySeconds) + " traces/s (" + secs(copySeconds) + ")",
                "",
                "");
        long indexStart = System.nanoTime();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '1GB'");
            for (var e : indexes.entrySet()) {
                long t = System.nanoTime();
                s.execute(e.getValue());
                say("   " + e.getKey() + " built in " + secs(seconds(t)));
            }
        }
        double indexSeconds = seconds(indexStart);
        long roundStart = System.nanoTime();
        signRounds(rounds, seqAt, hashAt);
        double roundSeconds = seconds(roundStart);
        long vacuumStart = System.nanoTime();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            // ids above the fill's, taken 50 at a time as TraceRows and the JPA generator take them
            s.execute("SELECT setval('trace_record_seq', " + ((traces / 50) + 1) * 50 + ")");
            s.execute("VACUUM (ANALYZE) trace_record");
            s.execute("ANALYZE trace_chain_head");
            s.execute("ANALYZE trace_checkpoint_round");
        }
        double vacuumSeconds = seconds(vacuumStart);
        writeMeta();
        double total = seconds(start);
        figure("fill: secondary indexes rebuilt", secs(indexSeconds), "", "");
        figure(
                "fill: checkpoint rounds signed (CheckpointRounds, ES256)",
                rounds + " rounds in " + secs(roundSeconds),
                "",
                "");
        figure("fill: VACUUM (ANALYZE)", secs(vacuumSeconds), "", "");
        figure("fill: total", rate(filled, total) + " traces/s (" + secs(total) + ")", "", "");
    }

    /**
     * One chain's records in timeline order, chained by the real code, encoded as COPY lines into the
     * chunks of the window; at each round boundary the chain's head is noted for the rounds.
     */
    private void hashChain(int owner, long chunks, int chunksPerRound, Window window, long[][] seqAt, String[][] hashAt)
            throws InterruptedException {
        String chain = chainName(owner);
        String node = owner == nodes ? "n1" : "n" + (owner + 1);
        long seq = 0;
        String hash = TraceChain.GENESIS;
        StringBuilder line = new StringBuilder(2048);
        for (long j = 0; j < chunks; j++) {
            Chunk ch = window.open(j);
            long from = j * chunk;
            long to = Math.min(traces, from + chunk);
            for (long i = from; i < to; i++) {
                if (owner(i) != owner) {
                    continue;
                }
                TraceRecord r = TraceRecord.of(entry(i), node);
                r.chain(chain, ++seq, hash, hasher);
                hash = r.recordHash();
                line.setLength(0);
                copyLine(line, i + 1, r);
                ch.rows[(int) (i - from)] = line.toString().getBytes(StandardCharsets.UTF_8);
            }
            if ((j + 1) % chunksPerRound == 0 || j == chunks - 1) {
                int round = (int) ((j + chunksPerRound) / chunksPerRound);
                seqAt[round][owner] = seq;
                hashAt[round][owner] = hash;
            }
            window.done(ch);
        }
    }

    /** A writer: COPY of each ready chunk, one transaction each. */
    private void copy(Window window, long chunks, AtomicLong written, long start) throws Exception {
        try (Connection c = ds.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            long step = Math.max(1, chunks / 10);
            while (true) {
                Chunk ch = window.ready.take();
                if (ch.index < 0) {
                    window.ready.put(ch); // the end, for the other writers
                    return;
                }
                try (PGCopyOutputStream out = new PGCopyOutputStream(pg, COPY, 1 << 16)) {
                    for (byte[] row : ch.rows) {
                        if (row != null) {
                            out.write(row);
                        }
                    }
                }
                long done = written.addAndGet(
                        Arrays.stream(ch.rows).filter(r -> r != null).count());
                if ((ch.index + 1) % step == 0) {
                    say(String.format(
                            Locale.ROOT, "   %,d traces written, %,.0f traces/s", done, done / seconds(start)));
                }
                if (window.written(ch) == chunks) {
                    window.ready.put(new Chunk(-1, 0, 0));
                }
            }
        }
    }

    /** The chunks being filled: at most {@code size} at a time, so that memory stays bounded. */
    private static final class Window {
        final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(1024);
        private final int size;
        private final int owners;
        private final int chunkSize;
        private final Map<Long, Chunk> open = new HashMap<>();
        private long floor;
        private final Set<Long> finished = new java.util.HashSet<>();
        private long writtenCount;

        Window(int size, int owners, int chunkSize) {
            this.size = size;
            this.owners = owners;
            this.chunkSize = chunkSize;
        }

        synchronized Chunk open(long j) throws InterruptedException {
            while (j >= floor + size) {
                wait();
            }
            return open.computeIfAbsent(j, k -> new Chunk(k, owners, chunkSize));
        }

        void done(Chunk ch) throws InterruptedException {
            if (ch.pending.decrementAndGet() == 0) {
                ready.put(ch);
            }
        }

        synchronized long written(Chunk ch) {
            open.remove(ch.index);
            finished.add(ch.index);
            while (finished.remove(floor)) {
                floor++;
            }
            notifyAll();
            return ++writtenCount;
        }
    }

    private static final class Chunk {
        final long index;
        final byte[][] rows;
        final AtomicInteger pending;

        Chunk(long index, int owners, int size) {
            this.index = index;
            this.rows = index < 0 ? new byte[0][] : new byte[size][];
            this.pending = new AtomicInteger(owners);
        }
    }

    /** A COPY text line of the columns of {@link TraceRows#INSERT}, from the record's accessors as TraceRows.bind. */
    private static void copyLine(StringBuilder b, long id, TraceRecord r) {
        b.append(id);
        field(b, r.kind().name());
        field(b, COPY_TIME.format(r.occurredAt()));
        field(b, r.node());
        field(b, r.status().name());
        field(b, r.errorCode());
        field(b, r.detail());
        field(b, r.jti());
        field(b, r.issuer());
        field(b, r.audience());
        field(b, r.serviceId());
        field(b, r.subject());
        field(b, r.scopes());
        field(b, r.clientId());
        field(b, r.conventionId());
        field(b, r.conventionRevision());
        field(b, r.remoteAddress());
        field(b, r.authMethod());
        field(b, r.certificateSha256());
        field(b, r.vi());
        field(b, r.step());
        field(b, r.httpMethod());
        field(b, r.targetUrl());
        field(b, r.httpStatus());
        field(b, r.resourceId());
        field(b, r.actor());
        field(b, r.revisionBefore());
        field(b, r.chainName());
        field(b, r.chainSeq());
        field(b, r.recordHash());
        field(b, r.format());
        field(b, r.keyId());
        b.append('\n');
    }

    private static void field(StringBuilder b, Object v) {
        b.append('\t');
        if (v == null) {
            b.append("\\N");
            return;
        }
        String s = v.toString();
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
    }

    /**
     * The rounds as the nodes sign them while the journal grows: before round {@code r} every chain's
     * head row is where it was at that point of the timeline, then one of the node signers (in turn)
     * signs with {@link CheckpointRounds#next}, at that point's time.
     */
    private void signRounds(int rounds, long[][] seqAt, String[][] hashAt) throws Exception {
        List<CheckpointRounds> signers = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            signers.add(new CheckpointRounds(chainName(n)));
        }
        try (Connection c = ds.getConnection()) {
            for (int r = 1; r <= rounds; r++) {
                long boundary = Math.min((long) r * roundEvery, traces);
                Instant at = occurredAt(boundary - 1).plusSeconds(1);
                for (int o = 0; o <= nodes; o++) {
                    if (seqAt[r][o] > 0) {
                        TraceRows.advanceHead(
                                c,
                                chainName(o),
                                seqAt[r][o],
                                hashAt[r][o],
                                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    }
                }
                signers.get((r - 1) % nodes).next(c, key, at).ifPresent(outside::add);
            }
            // each node's last round (a graceful stop signs one): every signer has seen the final heads
            Instant end = occurredAt(traces - 1).plusSeconds(2);
            for (CheckpointRounds s : signers) {
                s.next(c, key, end).ifPresent(outside::add);
            }
        }
    }

    // ------------------------------------------------------------------ what a trace looks like

    private static final String ISSUER = "https://idp.interops-r.example.fr/interops";
    private static final String SCOPES = "urn:interops:beneficiaries:1.0:read urn:interops:beneficiaries:1.0:search";
    private static final String VI_HEADER = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                    ("{\"kid\":\"3QeQxC1M4vP1pVxPZGN5n3xvYzB4kq9Y7oKkGJr3bKg\",\"typ\":\"JWT\",\"alg\":\"ES256\"}")
                            .getBytes(StandardCharsets.US_ASCII));

    private static String client(long call) {
        return "institution-" + (1000 + call % 240);
    }

    private static String service(long call) {
        return "https://provider-" + (10 + call % 40) + ".interops-r.example.fr/api/v1/beneficiaries";
    }

    private static String convention(long call) {
        return "conv-" + (100 + call % 60) + "-beneficiaries";
    }

    /** The jti of a call's VI: {@code uuid:} and a UUID derived from the call's number. */
    static String jti(long call) {
        SplittableRandom r = new SplittableRandom(call * 0x9E3779B97F4A7C15L);
        return "uuid:" + new UUID(r.nextLong(), r.nextLong());
    }

    /** The SHA-256 of each client's certificate (hex). */
    private static final String[] CERTIFICATES = new String[240];

    static {
        for (int c = 0; c < CERTIFICATES.length; c++) {
            SplittableRandom r = new SplittableRandom(c);
            StringBuilder b = new StringBuilder(64);
            for (int k = 0; k < 4; k++) {
                b.append(String.format(Locale.ROOT, "%016x", r.nextLong()));
            }
            CERTIFICATES[c] = b.toString();
        }
    }

    private static String certificate(long call) {
        return CERTIFICATES[(int) (call % 240)];
    }

    /** An ES256 VI of the call (header.payload.signature, about 700 characters; its exp long past). */
    private static String vi(long call, Instant at) {
        long iat = at.getEpochSecond();
        String payload = "{\"jti\":\"" + jti(call) + "\",\"sub\":\"" + client(call) + "\",\"iat\":" + iat
                + ",\"nbf\":" + (iat - 30) + ",\"exp\":" + (iat + 300) + ",\"iss\":\"" + ISSUER
                + "\",\"ver\":\"1.0\",\"aud\":\"https://" + client(call) + ".example.fr/beneficiaries-app\",\"scp\":\""
                + SCOPES + "\",\"env\":\"prod\",\"azp\":\"" + client(call) + "\",\"convention\":\"" + convention(call)
                + "\"}";
        byte[] signature = new byte[64];
        new SplittableRandom(call).nextBytes(signature);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return VI_HEADER + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(signature);
    }

    /** The trace of slot {@code i}: an auditor's query, or a call's VI_GENERATION, VI_VERIFICATION or TRANSACTION. */
    private TraceEntry entry(long i) {
        Instant at = occurredAt(i);
        long call = i / 3;
        if (owner(i) == nodes) {
            return AuditorAccess.entry(
                    "auditor-" + (i % 7),
                    i % 2 == 0 ? AuditorAccess.QUERIED : AuditorAccess.EXPORTED,
                    "filter: jti=\"" + jti(call) + "\"",
                    at);
        }
        String client = client(call);
        String remote = "10." + (call >>> 16 & 255) + "." + (call >>> 8 & 255) + "." + (call & 255);
        String url = service(call) + "/B" + (1_000_000 + call % 9_000_000);
        boolean refused = call % 97 == 0;
        return switch ((int) (i % 3)) {
            case 0 ->
                TraceEntry.builder(TraceKind.VI_GENERATION, at)
                        .success()
                        .remoteAddress(remote)
                        .issuer(ISSUER)
                        .certificateSha256(certificate(call))
                        .clientId(client)
                        .subject(client)
                        .authMethod("tls_client_auth")
                        .convention(convention(call), (int) (1 + call % 3))
                        .audience("https://" + client + ".example.fr/beneficiaries-app")
                        .serviceId(service(call))
                        .scopes(SCOPES)
                        .jti(jti(call))
                        .build();
            case 1 -> {
                TraceEntry.Builder b = TraceEntry.builder(TraceKind.VI_VERIFICATION, at)
                        .remoteAddress(remote)
                        .certificateSha256(certificate(call))
                        .action("GET", url, null, null)
                        .jti(jti(call))
                        .issuer(ISSUER)
                        .audience("https://" + client + ".example.fr/beneficiaries-app")
                        .serviceId(service(call))
                        .scopes(SCOPES)
                        .convention(convention(call), (int) (1 + call % 3))
                        .vi(vi(call, at));
                yield refused
                        ? b.failure("invalid_token", "the VI expired at " + at.minusSeconds(40))
                                .step("exp")
                                .build()
                        : b.success().build();
            }
            default ->
                TraceEntry.builder(TraceKind.TRANSACTION, at)
                        .success()
                        .jti(jti(call))
                        .issuer(ISSUER)
                        .subject(client)
                        .clientId(client)
                        .serviceId(service(call))
                        .scopes(SCOPES)
                        .convention(convention(call), (int) (1 + call % 3))
                        .action("GET", url, refused ? 401 : 200, "B" + (1_000_000 + call % 9_000_000))
                        .build();
        };
    }

    /** A throw-away ES256 key, valid from before the timeline (as TraceTamperingTest makes one). */
    private SigningKey newKey(Instant from) throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        ec = new ECKey.Builder(ec).keyID(ec.computeThumbprint().toString()).build();
        keyJwk = ec;
        return signingKey(ec, from);
    }

    private static SigningKey signingKey(ECKey ec, Instant from) throws Exception {
        return new SigningKey(
                "bench",
                JWSAlgorithm.ES256,
                ec.getKeyID(),
                ec.toPublicJWK(),
                new ECDSASigner(ec),
                from.minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
    }

    /** What a later {@code --reuse} needs: the timeline and the signing key (a throw-away key of this schema). */
    private void writeMeta() throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_meta (name VARCHAR(40) PRIMARY KEY, value TEXT NOT NULL)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_meta VALUES (?, ?)")) {
                for (var e : Map.of(
                                "t0", String.valueOf(t0.toEpochMilli()),
                                "span", String.valueOf(spanMillis),
                                "traces", String.valueOf(traces),
                                "key", keyJwk.toJSONString())
                        .entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.executeUpdate();
                }
            }
        }
    }

    private ECKey keyJwk;

    private void readMeta() throws Exception {
        Map<String, String> meta = new HashMap<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT name, value FROM bench_meta")) {
                while (r.next()) {
                    meta.put(r.getString(1), r.getString(2));
                }
            }
            t0 = Instant.ofEpochMilli(Long.parseLong(meta.get("t0")));
            spanMillis = Long.parseLong(meta.get("span"));
            if (Long.parseLong(meta.get("traces")) != traces) {
                throw new IllegalArgumentException(
                        "schema " + schema + " was filled with --traces=" + meta.get("traces"));
            }
            ECKey ec = ECKey.parse(meta.get("key"));
            keyJwk = ec;
            key = signingKey(ec, t0);
            // the file kept outside: every round and mark, in signing order
            try (ResultSet r = s.executeQuery("SELECT jws FROM (SELECT signed_at, jws FROM trace_checkpoint_round"
                    + " UNION ALL SELECT signed_at, jws FROM trace_retention_mark) x ORDER BY signed_at")) {
                while (r.next()) {
                    outside.add(r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM trace_record")) {
                r.next();
                filled = r.getLong(1);
            }
        }
        say("reusing schema " + schema + ": " + String.format(Locale.ROOT, "%,d", filled) + " traces, timeline from "
                + t0);
    }

    private void sizes() throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT pg_size_pretty(pg_relation_size('trace_record')),"
                                + " pg_size_pretty(pg_indexes_size('trace_record')),"
                                + " pg_size_pretty(pg_total_relation_size('trace_record')), (SELECT count(*) FROM trace_checkpoint_round)")) {
            r.next();
            figure(
                    "trace_record: table / indexes / total; checkpoint rounds",
                    r.getString(1) + " / " + r.getString(2) + " / " + r.getString(3) + "; " + r.getLong(4) + " rounds",
                    "",
                    "");
        }
    }

    // ------------------------------------------------------------------ the check

    private int check(String what, List<String> outsideCopy) throws Exception {
        int result = check(what, outsideCopy, true);
        if (what.startsWith("full check") && !what.contains("after")) {
            // the same check on one connection, the records read in turn with the walk (a caller without ReadAhead)
            check(what + ", read in turn on one connection (no ReadAhead)", outsideCopy, false);
            explainCheck();
            checkComponents();
        }
        return result;
    }

    /**
     * TraceAudit.check as TraceVerifier runs it: the records read ahead on a second connection by a thread of
     * its own (P-36), or, {@code ahead} false, in turn on the one connection. The backends' CPU: the check's
     * connection and the second one (sampled just before it closes).
     */
    private int check(String what, List<String> outsideCopy, boolean ahead) throws Exception {
        say("");
        say("== " + what + ": TraceAudit.check with the checkpoint keys and the copy kept outside ("
                + outsideCopy.size() + " lines)" + (ahead ? ", records read ahead on a second connection" : ""));
        TraceAudit.Report report;
        long start;
        double jvm;
        double thread;
        double backend;
        double[] readerBackend = {0};
        TraceAudit.ReadAhead readAhead = !ahead
                ? null
                : new TraceAudit.ReadAhead(
                        () -> {
                            Connection second = ds.getConnection();
                            long secondPid = backendPid(second);
                            double second0 = backendCpu(secondPid);
                            return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (o, m, a) -> {
                                        if (m.getName().equals("close")) {
                                            readerBackend[0] += backendCpu(secondPid) - second0;
                                        }
                                        try {
                                            return m.invoke(second, a);
                                        } catch (InvocationTargetException e) {
                                            throw e.getCause();
                                        }
                                    });
                        },
                        r -> {
                            Thread t = new Thread(r);
                            t.setDaemon(true);
                            return t;
                        });
        try (Connection c = ds.getConnection()) {
            long pid = backendPid(c);
            double backend0 = backendCpu(pid);
            double jvm0 = processCpu();
            long thread0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            start = System.nanoTime();
            report = TraceAudit.check(
                    c, readAhead, hasher, CheckpointKeys.of(List.of(key)), Optional.of(List.copyOf(outsideCopy)));
            thread = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread0) / 1e9;
            jvm = processCpu() - jvm0;
            backend = backendCpu(pid) - backend0 + readerBackend[0];
        }
        double s = seconds(start);
        double rate = report.records() / s;
        for (TraceAudit.ChainReport cr : report.chains()) {
            say("   " + cr.chain() + ": " + (cr.intact() ? "intact" : "BROKEN: " + cr.reason()) + ", "
                    + String.format(Locale.ROOT, "%,d", cr.checked()) + " records checked, kept from " + cr.keptFrom()
                    + ", signed up to " + cr.signedSequence() + ", last " + cr.lastSequence());
        }
        report.checkpointProblems().stream().limit(10).forEach(p -> say("   checkpoint problem: " + p.message()));
        boolean chainsIntact = report.chains().stream().allMatch(TraceAudit.ChainReport::intact);
        String verdict = report.intact()
                ? "intact"
                : "BROKEN (" + (chainsIntact ? "every chain intact; " : "")
                        + report.problems().size() + " problem(s), the first: "
                        + report.problems().get(0).message() + ")";
        double perRecord = 1e6 / Math.max(1, report.records());
        say(String.format(
                Locale.ROOT,
                "   CPU: checking thread %.1f s (%.1f µs/record), whole JVM %.1f s, its PostgreSQL backends %.1f s (%.1f"
                        + " µs/record); wall %.1f s (%.1f µs/record)",
                thread,
                thread * perRecord,
                jvm,
                backend,
                backend * perRecord,
                s,
                s * perRecord));
        figure(
                what + " (" + String.format(Locale.ROOT, "%,d", report.records()) + " records, " + report.rounds()
                        + " rounds; CPU per record: checking thread "
                        + String.format(Locale.ROOT, "%.1f", thread * perRecord)
                        + " µs, JVM " + String.format(Locale.ROOT, "%.1f", jvm * perRecord)
                        + " µs, PostgreSQL backends "
                        + String.format(Locale.ROOT, "%.1f", backend * perRecord) + " µs)",
                String.format(Locale.ROOT, "%,.0f records/s (%s), %s", rate, secs(s), verdict),
                "≥ 100 000 records/s",
                rate >= 100_000 ? "met" : "NOT MET");
        return report.intact() ? 0 : 1;
    }

    /** The statements of the check, with their plans (EXPLAIN ANALYZE) and times. */
    private void explainCheck() throws SQLException {
        try (Connection c = ds.getConnection()) {
            String distinct = "SELECT DISTINCT chain FROM trace_record WHERE chain IS NOT NULL";
            timeAndExplain(c, "check: the chains of trace_record by DISTINCT (before)", distinct);
            // the same list by a loose index scan of uq_trace_chain_seq: one probe per chain (portable SQL)
            String loose = "WITH RECURSIVE chains (chain) AS ("
                    + " SELECT MIN(chain) FROM trace_record"
                    + " UNION ALL SELECT (SELECT MIN(t.chain) FROM trace_record t WHERE t.chain > chains.chain)"
                    + " FROM chains WHERE chains.chain IS NOT NULL)"
                    + " SELECT chain FROM chains WHERE chain IS NOT NULL";
            timeAndExplain(c, "check: the same list, one index probe per chain (TraceAudit.check, as shipped)", loose);
            long mid = Math.max(1, filled / (nodes + 1) / 2);
            timeAndExplain(
                    c,
                    "check: one page of the walk (AuditRecords.Pages)",
                    "SELECT * FROM trace_record WHERE chain = ? AND chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq",
                    "node:n1",
                    mid,
                    mid + 999);
            timeAndExplain(
                    c,
                    "check: the walk's bounds (AuditRecords.Pages)",
                    "SELECT MIN(chain_seq), MAX(chain_seq) FROM trace_record WHERE chain = ? AND chain_seq >= ?",
                    "node:n1",
                    1L);
        }
    }

    /**
     * Where the check's time goes, on the first records of node:n1 with the real {@link TraceChain#walk}:
     * (1) read a page of 1000 records (PostgreSQL, then JDBC and {@link TraceRecord#fromRow}), then hash
     * it, one after the other, a statement per page (TraceAudit before P-36); (2) the next page read by a
     * second thread on its own connection while this one is hashed (what {@link AuditRecords.Ahead} does);
     * (3) as (1) with one statement for every page ({@link AuditRecords.InTurn}, a caller without
     * ReadAhead); and the CPU of each part: the reading (the JVM thread and its PostgreSQL backend), the
     * HMAC as {@link TraceChain#hash} computes it for the journal (a Mac looked up and keyed for every
     * record) and with one Mac keyed once (as the walk now does).
     */
    private void checkComponents() throws Exception {
        long from = 1;
        String anchor = TraceChain.GENESIS;
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT kept_from, anchor_hash FROM trace_retention_mark WHERE chain = 'node:n1'")) {
            if (r.next()) {
                from = r.getLong(1);
                anchor = r.getString(2);
            }
        }
        int n = (int) Math.min(200_000, filled / (nodes + 1) * 9 / 10);
        long first = from;
        long last = from + n - 1;
        var threads = ManagementFactory.getThreadMXBean();
        // (1) as TraceAudit: read a page, walk it, read the next
        long start = System.nanoTime();
        TraceChain.Walk sequential;
        try (Connection c = ds.getConnection()) {
            sequential = hasher.walk("node:n1", new PageIterator(c, first, last, null), first, anchor, 0, null);
        }
        double sequentialSeconds = seconds(start);
        // (3) as (1), with one statement for every page
        start = System.nanoTime();
        TraceChain.Walk prepared;
        try (Connection c = ds.getConnection()) {
            prepared = hasher.walk(
                    "node:n1", new PageIterator(c, first, last, null).keepStatement(), first, anchor, 0, null);
        }
        double preparedSeconds = seconds(start);
        // (2) the next page read meanwhile, by another thread on its own connection
        BlockingQueue<List<TraceChain.Link>> pages = new ArrayBlockingQueue<>(2);
        Future<?> reader;
        ExecutorService one = Executors.newSingleThreadExecutor();
        start = System.nanoTime();
        TraceChain.Walk overlapped;
        try (Connection c = ds.getConnection()) {
            reader = one.submit(() -> {
                PageIterator it = new PageIterator(c, first, last, pages);
                while (it.hasNext()) {
                    it.next();
                }
                return null;
            });
            overlapped = hasher.walk("node:n1", new QueueIterator(pages), first, anchor, 0, null);
            reader.get();
        } finally {
            one.shutdownNow();
        }
        double overlappedSeconds = seconds(start);
        // the CPU of each part
        List<TraceChain.Link> links = new ArrayList<>(n);
        double readThread;
        double readBackend;
        try (Connection c = ds.getConnection()) {
            long pid = backendPid(c);
            double b0 = backendCpu(pid);
            long t0 = threads.getCurrentThreadCpuTime();
            PageIterator it = new PageIterator(c, first, last, null);
            while (it.hasNext()) {
                links.add(it.next());
            }
            readThread = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
            readBackend = backendCpu(pid) - b0;
        }
        // the HMAC both ways, three times each in turn, the least CPU of each kept (the machine is shared)
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(JournalBench.HMAC_KEY), "HmacSHA256"));
        double shipped = Double.MAX_VALUE;
        double reused = Double.MAX_VALUE;
        int ok = 0;
        int ok2 = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            String previous = anchor;
            ok = 0;
            for (TraceChain.Link l : links) {
                if (hasher.hash(previous, l.fields()).equals(l.storedHash())) {
                    ok++;
                }
                previous = l.storedHash();
            }
            shipped = Math.min(shipped, (threads.getCurrentThreadCpuTime() - t0) / 1e9);
            t0 = threads.getCurrentThreadCpuTime();
            previous = anchor;
            ok2 = 0;
            for (TraceChain.Link l : links) {
                mac.update(previous.getBytes(StandardCharsets.US_ASCII));
                mac.update(TraceChain.encode(l.fields()));
                if (java.util.HexFormat.of().formatHex(mac.doFinal()).equals(l.storedHash())) {
                    ok2++;
                }
                previous = l.storedHash();
            }
            reused = Math.min(reused, (threads.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        boolean intact = sequential.intact()
                && overlapped.intact()
                && prepared.intact()
                && ok == n
                && ok2 == n
                && sequential.checked() == n
                && overlapped.checked() == n;
        figure(
                "check, where the time goes (" + String.format(Locale.ROOT, "%,d", n) + " records of node:n1,"
                        + " TraceChain.walk): read then hash, page after page, a statement per page (before) / the next"
                        + " page read by a second connection meanwhile (as shipped, ReadAhead) / read in turn with one"
                        + " PreparedStatement for every page (as shipped without ReadAhead)",
                String.format(
                        Locale.ROOT,
                        "%,.0f / %,.0f / %,.0f records/s%s",
                        n / sequentialSeconds,
                        n / overlappedSeconds,
                        n / preparedSeconds,
                        intact ? "" : " (NOT INTACT)"),
                "",
                "");
        figure(
                "check, CPU per record: reading (JVM thread + its PostgreSQL backend) / HMAC as TraceChain.hash (a Mac"
                        + " per record, the journal's) / HMAC with one Mac keyed once (the walk's)",
                String.format(
                        Locale.ROOT,
                        "%.1f + %.1f / %.1f / %.1f µs",
                        readThread * 1e6 / n,
                        readBackend * 1e6 / n,
                        shipped * 1e6 / n,
                        reused * 1e6 / n),
                "",
                "");
    }

    /**
     * The links of node:n1 from {@code first} to {@code last}, read 1000 sequence numbers at a time with the statement
     * of TraceAudit.links, each row made a record by {@link TraceRecord#fromRow}; with a queue, each page
     * is put there (then an empty page at the end) instead of being iterated.
     */
    private static final class PageIterator implements java.util.Iterator<TraceChain.Link> {
        private static final String PAGE =
                "SELECT * FROM trace_record WHERE chain = ? AND chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq";
        private final Connection c;
        private final long last;
        private final BlockingQueue<List<TraceChain.Link>> queue;
        /** One statement for every page (server-prepared by the driver from its 5th use), else one per page. */
        private PreparedStatement kept;

        private List<TraceChain.Link> page = List.of();
        private int index;
        private long next;

        PageIterator keepStatement() throws SQLException {
            kept = c.prepareStatement(PAGE);
            return this;
        }

        PageIterator(Connection c, long first, long last, BlockingQueue<List<TraceChain.Link>> queue) {
            this.c = c;
            this.next = first;
            this.last = last;
            this.queue = queue;
        }

        @Override
        public boolean hasNext() {
            while (index == page.size()) {
                if (next > last) {
                    if (queue != null) {
                        put(List.of());
                    }
                    return false;
                }
                page = read();
                index = 0;
                if (queue != null && !page.isEmpty()) {
                    put(page);
                    page = List.of();
                }
            }
            return true;
        }

        private List<TraceChain.Link> read() {
            List<TraceChain.Link> read = new ArrayList<>(1000);
            try (PreparedStatement own = kept != null ? null : c.prepareStatement(PAGE)) {
                PreparedStatement p = kept != null ? kept : own;
                p.setString(1, "node:n1");
                p.setLong(2, next);
                p.setLong(3, Math.min(last, next + 999));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        TraceRecord t = TraceRecord.fromRow(r);
                        read.add(new TraceChain.Link(t.id(), t.chainSeq(), t.recordHash(), t.keyId(), t.chainFields()));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            next += 1000;
            return read;
        }

        private void put(List<TraceChain.Link> p) {
            try {
                queue.put(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public TraceChain.Link next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return page.get(index++);
        }
    }

    /** The pages a reader puts in the queue, one link after the other, until the empty page. */
    private static final class QueueIterator implements java.util.Iterator<TraceChain.Link> {
        private final BlockingQueue<List<TraceChain.Link>> queue;
        private List<TraceChain.Link> page = List.of();
        private int index;
        private boolean ended;

        QueueIterator(BlockingQueue<List<TraceChain.Link>> queue) {
            this.queue = queue;
        }

        @Override
        public boolean hasNext() {
            while (index == page.size() && !ended) {
                try {
                    page = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                index = 0;
                ended = page.isEmpty();
            }
            return index < page.size();
        }

        @Override
        public TraceChain.Link next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return page.get(index++);
        }
    }

    // ------------------------------------------------------------------ queries through TraceQueries (EclipseLink)

    /**
     * A RESOURCE_LOCAL unit of {@link TraceRecord} with the EclipseLink of Payara Micro (the classes the
     * script extracts), its own connection pool (the server's pool: Payara's), no shared cache (as
     * persistence.xml), over the bench's schema.
     */
    private final class Jpa implements AutoCloseable {
        final EntityManagerFactory emf;
        final TraceQueries queries = new TraceQueries();

        Jpa() throws Exception {
            this(false);
        }

        Jpa(boolean logSql) throws Exception {
            Map<String, Object> p = new HashMap<>();
            p.put(
                    "jakarta.persistence.jdbc.url",
                    "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDatabase + "?currentSchema=" + schema);
            p.put("jakarta.persistence.jdbc.user", pgUser);
            p.put("jakarta.persistence.jdbc.password", "");
            p.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
            p.put("eclipselink.weaving", "false");
            p.put("eclipselink.logging.level", "WARNING");
            if (logSql) {
                p.put("eclipselink.logging.level.sql", "FINE");
                p.put("eclipselink.logging.parameters", "true");
                p.put("eclipselink.logging.logger", "DefaultLogger"); // to System.out, caught below
            }
            PersistenceProvider provider =
                    (PersistenceProvider) Class.forName("org.eclipse.persistence.jpa.PersistenceProvider")
                            .getDeclaredConstructor()
                            .newInstance();
            Properties properties = new Properties();
            properties.putAll(p);
            emf = provider.createContainerEntityManagerFactory(unit(properties), p);
            queries.em = emf.createEntityManager();
        }

        @Override
        public void close() {
            queries.em.close();
            emf.close();
        }
    }

    private static PersistenceUnitInfo unit(Properties properties) {
        return new PersistenceUnitInfo() {
            @Override
            public String getPersistenceUnitName() {
                return "interops";
            }

            @Override
            public String getPersistenceProviderClassName() {
                return "org.eclipse.persistence.jpa.PersistenceProvider";
            }

            @Override
            public PersistenceUnitTransactionType getTransactionType() {
                return PersistenceUnitTransactionType.RESOURCE_LOCAL;
            }

            @Override
            public DataSource getJtaDataSource() {
                return null;
            }

            @Override
            public DataSource getNonJtaDataSource() {
                return null;
            }

            @Override
            public List<String> getMappingFileNames() {
                return List.of();
            }

            @Override
            public List<URL> getJarFileUrls() {
                return List.of();
            }

            @Override
            public URL getPersistenceUnitRootUrl() {
                return TraceRecord.class.getProtectionDomain().getCodeSource().getLocation();
            }

            @Override
            public List<String> getManagedClassNames() {
                return List.of(TraceRecord.class.getName());
            }

            @Override
            public boolean excludeUnlistedClasses() {
                return true;
            }

            @Override
            public SharedCacheMode getSharedCacheMode() {
                return SharedCacheMode.NONE;
            }

            @Override
            public ValidationMode getValidationMode() {
                return ValidationMode.NONE;
            }

            @Override
            public Properties getProperties() {
                return properties;
            }

            @Override
            public String getPersistenceXMLSchemaVersion() {
                return "3.0";
            }

            @Override
            public ClassLoader getClassLoader() {
                return TracesAtScaleBench.class.getClassLoader();
            }

            @Override
            public void addTransformer(ClassTransformer transformer) {
                // no weaving
            }

            @Override
            public ClassLoader getNewTempClassLoader() {
                return TracesAtScaleBench.class.getClassLoader();
            }
        };
    }

    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /**
     * GET /admin/api/traces?jti=… and ?from=…&to=… (one hour): what {@link TraceQueryResource#query}
     * does once the auditor's own trace is committed: the parameters checked by {@link TraceParams},
     * {@link TraceQueries#page} (EclipseLink: a COUNT, then the page), each item through {@link ViMask}
     * and {@link TraceFields#json}, the whole answer as a string (the resource sends nothing before it
     * has it: this is its time to the first byte, HTTP and TLS aside).
     */
    private void queries(Jpa jpa) throws Exception {
        say("");
        say("== Trace query through TraceQueries (JPQL, EclipseLink of Payara Micro), warm cache");
        ConventionSkews skews = new ConventionSkews((id, revision) -> Optional.empty());
        SplittableRandom random = new SplittableRandom(42);
        double[] byJti = new double[queryRuns];
        double[] byHour = new double[queryRuns];
        int rowsJti = 0;
        long totalHour = 0;
        for (int run = -3; run < queryRuns; run++) { // three warm-up runs
            long call = pickCall(random);
            long s = System.nanoTime();
            Answer a = answer(jpa.queries, Map.of("jti", List.of(jti(call))), skews);
            double ms = (System.nanoTime() - s) / 1e6;
            Instant hour = pickHour(random);
            s = System.nanoTime();
            Answer h = answer(jpa.queries, hourParams(hour), skews);
            double hms = (System.nanoTime() - s) / 1e6;
            if (run >= 0) {
                byJti[run] = ms;
                byHour[run] = hms;
                rowsJti = Math.max(rowsJti, a.items());
                totalHour = Math.max(totalHour, h.total());
            }
        }
        figure(
                "query by jti: time to first byte, median of " + queryRuns + " (min–max), up to " + rowsJti
                        + " records",
                ms(median(byJti)) + " (" + ms(min(byJti)) + "–" + ms(max(byJti)) + ")",
                "≤ 200 ms",
                median(byJti) <= 200 ? "met" : "NOT MET");
        figure(
                "query by one hour: time to first byte, median of " + queryRuns
                        + " (min–max), first page of 50, total up to " + totalHour,
                ms(median(byHour)) + " (" + ms(min(byHour)) + "–" + ms(max(byHour)) + ")",
                "≤ 200 ms",
                median(byHour) <= 200 ? "met" : "NOT MET");
        try (Connection c = ds.getConnection()) {
            long call = pickCall(random);
            timeAndExplain(
                    c,
                    "query by jti: the page (as EclipseLink sends it)",
                    sqlSent.get("jti").get(1),
                    jti(call),
                    50,
                    0);
            Instant hour = pickHour(random);
            OffsetDateTime from = OffsetDateTime.ofInstant(hour, ZoneOffset.UTC);
            OffsetDateTime to = from.plusHours(1);
            timeAndExplain(
                    c,
                    "query by one hour: the count (as EclipseLink sends it)",
                    sqlSent.get("hour").get(0),
                    from,
                    to);
            timeAndExplain(
                    c,
                    "query by one hour: the page (as EclipseLink sends it)",
                    sqlSent.get("hour").get(1),
                    from,
                    to,
                    50,
                    0);
        }
    }

    /** The SQL EclipseLink sends for the query by jti, by one hour, and an export page: once, from its log. */
    private void captureSql() throws Exception {
        // the SQL EclipseLink sends, once, from its log (DefaultLogger writes to System.out: caught)
        Map<String, String> sql = new LinkedHashMap<>();
        PrintStream console = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (Jpa logged = new Jpa(true)) {
            log.reset();
            answer(logged.queries, Map.of("jti", List.of(jti(pickCall(new SplittableRandom(1))))));
            sql.put("jti", log.toString(StandardCharsets.UTF_8));
            log.reset();
            answer(logged.queries, hourParams(pickHour(new SplittableRandom(1))));
            sql.put("hour", log.toString(StandardCharsets.UTF_8));
            log.reset();
            logged.queries.first(lastMonth(), TraceQueries.EXPORT_PAGE);
            sql.put("export", log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(console);
        }
        for (var e : sql.entrySet()) {
            List<String> statements = new ArrayList<>();
            for (String line : e.getValue().split("\n")) {
                if (line.contains("--SELECT ")) {
                    statements.add(line.substring(line.indexOf("--SELECT ") + 2));
                }
                if (line.strip().startsWith("bind =>") || line.contains("--SELECT ")) {
                    say("   EclipseLink SQL (" + e.getKey() + "): "
                            + (line.contains("--SELECT ") ? statements.get(statements.size() - 1) : line.strip()));
                }
            }
            sqlSent.put(e.getKey(), statements);
        }
    }

    private record Answer(int items, long total, int chars) {}

    private static Answer answer(TraceQueries queries, Map<String, List<String>> parameters) {
        return answer(queries, parameters, new ConventionSkews((id, revision) -> Optional.empty()));
    }

    /** TraceQueryResource.query after its access trace: the same calls, in the same order. */
    private static Answer answer(TraceQueries queries, Map<String, List<String>> parameters, ConventionSkews skews) {
        TraceParams.Query q = TraceParams.query(parameters);
        TraceQueries.Page page = queries.page(q);
        Instant now = Instant.now();
        JsonArrayBuilder items = fr.interopsr.json.Jsonp.PROVIDER.createArrayBuilder();
        for (TraceRecord r : page.items()) {
            ViMask.Shown vi = ViMask.shown(r, now, skews);
            var item = TraceFields.json(r, vi.signatureHidden() ? vi.vi() : null);
            if (r.vi() != null) {
                item.add("viSignatureHidden", vi.signatureHidden());
            }
            items.add(item);
        }
        String body = fr.interopsr.json.Jsonp.PROVIDER
                .createObjectBuilder()
                .add("items", items)
                .add("page", q.page())
                .add("size", q.size())
                .add("total", page.total())
                .build()
                .toString();
        return new Answer(page.items().size(), page.total(), body.length());
    }

    private long pickCall(SplittableRandom random) {
        // a call of the retained months (after the first 31 days), so that the answer has records
        long low = traces * 31 / days / 3;
        return low + random.nextLong(Math.max(1, traces / 3 - low - 1));
    }

    private Instant pickHour(SplittableRandom random) {
        long hours = Duration.ofMillis(spanMillis).toHours();
        long low = 31 * 24;
        return t0.plus(Duration.ofHours(low + random.nextLong(Math.max(1, hours - low - 1))));
    }

    private static Map<String, List<String>> hourParams(Instant hour) {
        return Map.of(
                "from", List.of(RFC3339.format(hour)), "to", List.of(RFC3339.format(hour.plus(Duration.ofHours(1)))));
    }

    private TraceFilter lastMonth() {
        Instant end = t0.plusMillis(spanMillis).plusSeconds(1);
        return new TraceFilter(null, null, end.minus(Duration.ofDays(30)), end, null, null);
    }

    // ------------------------------------------------------------------ the export

    /**
     * GET /admin/api/traces/export?format=jsonl: the first page read by {@link TraceQueries#after}, then
     * the resource's own {@code write} loop (keyset pages of 1000 through {@link TraceQueries#after},
     * {@link TraceFields#json}, a 64 KiB BufferedWriter, a flush per page) into a stream that counts.
     */
    private void export(Jpa jpa) throws Exception {
        TraceExportResource resource = new TraceExportResource();
        resource.queries = jpa.queries;
        Method write = TraceExportResource.class.getDeclaredMethod(
                "write", Writer.class, boolean.class, TraceFilter.class, List.class);
        write.setAccessible(true);
        say("");
        say("== Export (JSON Lines) through TraceQueries.first, TraceExportResource.write and TraceQueries.after");
        TraceFilter month = lastMonth();
        // a first export of one hour, so that "before" holds what any first export leaves (classes, EclipseLink's
        // caches)
        Instant hour = pickHour(new SplittableRandom(7));
        exportRun(
                resource,
                write,
                "warm-up export of one hour",
                new TraceFilter(null, null, hour, hour.plus(Duration.ofHours(1)), null, null),
                false);
        exportRun(
                resource, write, "export of the last 30 days (from=" + RFC3339.format(month.from()) + ")", month, true);
        exportRun(resource, write, "export of everything", TraceFilter.ALL, true);
        try (Connection c = ds.getConnection()) {
            List<String> export = sqlSent.get("export");
            timeAndExplain(
                    c,
                    "export of the last 30 days: the journal's time span (TraceQueries.first, as EclipseLink sends it)",
                    export.get(0));
            timeAndExplain(
                    c,
                    "export of the last 30 days: where its keyset starts (TraceQueries.first, as EclipseLink sends it)",
                    export.get(1),
                    OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC));
            timeAndExplain(
                    c,
                    "export of the last 30 days: the same with MIN alone (not shipped: PostgreSQL walks the primary key)",
                    "SELECT MIN(id) FROM trace_record WHERE occurred_at >= ? AND occurred_at < ?",
                    OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC));
            long lowest;
            try (PreparedStatement p =
                    c.prepareStatement("SELECT MIN(id) FROM trace_record WHERE occurred_at >= ? AND occurred_at < ?")) {
                p.setObject(1, OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC));
                p.setObject(2, OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    lowest = r.getLong(1);
                }
            }
            timeAndExplain(
                    c,
                    "export of the last 30 days: its first page (as EclipseLink sends it)",
                    export.get(export.size() - 1),
                    OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC),
                    lowest - 1,
                    TraceQueries.EXPORT_PAGE,
                    0);
            timeAndExplain(
                    c,
                    "export of the last 30 days: its first page from Long.MIN_VALUE (before)",
                    export.get(export.size() - 1),
                    OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC),
                    Long.MIN_VALUE,
                    TraceQueries.EXPORT_PAGE,
                    0);
            long middle;
            try (PreparedStatement p = c.prepareStatement("SELECT MIN(id) FROM trace_record WHERE occurred_at >= ?")) {
                p.setObject(1, OffsetDateTime.ofInstant(month.from().plus(Duration.ofDays(15)), ZoneOffset.UTC));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    middle = r.getLong(1);
                }
            }
            timeAndExplain(
                    c,
                    "export of the last 30 days: a page in its middle (as EclipseLink sends it)",
                    export.get(export.size() - 1),
                    OffsetDateTime.ofInstant(month.from(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(month.to(), ZoneOffset.UTC),
                    middle,
                    TraceQueries.EXPORT_PAGE,
                    0);
        }
    }

    private void exportRun(TraceExportResource resource, Method write, String what, TraceFilter filter, boolean report)
            throws Exception {
        long before = heapAfterGc();
        double cpu0 = processCpu();
        OldGenSampler sampler = new OldGenSampler();
        sampler.start();
        CountingStream out = new CountingStream();
        long start = System.nanoTime();
        out.start = start;
        List<TraceRecord> first = resource.queries.first(filter, TraceQueries.EXPORT_PAGE);
        double firstPage = seconds(start);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            write.invoke(resource, w, false, filter, first);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
        w.flush();
        double s = seconds(start);
        double cpu = processCpu() - cpu0;
        sampler.stop = true;
        sampler.join();
        first = null; // the answer is sent: nothing of it is held any more
        w = null;
        long after = heapAfterGc();
        double change = 100.0 * (after - before) / before;
        say(String.format(
                Locale.ROOT,
                "   %s: %,d records, %,.0f MiB in %s, first page read in %s, first byte at %s",
                what,
                out.lines,
                out.bytes / 1048576.0,
                secs(s),
                ms(firstPage * 1000),
                ms((out.firstByte - start) / 1e6)));
        if (!report) {
            return;
        }
        figure(
                what + ": records/s ("
                        + String.format(Locale.ROOT, "%,d records, %,.0f MiB", out.lines, out.bytes / 1048576.0)
                        + "; time to first byte " + ms((out.firstByte - start) / 1e6) + "; JVM CPU "
                        + String.format(Locale.ROOT, "%.1f", cpu * 1e6 / Math.max(1, out.lines)) + " µs/record)",
                String.format(Locale.ROOT, "%,.0f records/s (%s)", out.lines / s, secs(s)),
                "",
                "");
        figure(
                what + ": heap after a full GC before / after (MemoryMXBean after System.gc(); old gen highest sample "
                        + mib(sampler.highest) + ")",
                mib(before) + " / " + mib(after) + String.format(Locale.ROOT, " (%+.1f %%)", change),
                "within 10 %",
                Math.abs(change) <= 10 ? "met" : "NOT MET");
    }

    private static long heapAfterGc() {
        for (int k = 0; k < 2; k++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The old generation's use, sampled every 500 ms (as jstat's OU). */
    private static final class OldGenSampler extends Thread {
        volatile boolean stop;
        long highest;

        OldGenSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getName().contains("Old Gen") || p.getName().contains("Tenured"))
                    .findFirst()
                    .orElse(null);
            while (!stop && old != null) {
                highest = Math.max(highest, old.getUsage().getUsed());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The HTTP body stand-in: counts bytes and lines, notes when the first byte came. */
    private static final class CountingStream extends OutputStream {
        long start;
        long firstByte;
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (bytes == 0 && len > 0) {
                firstByte = System.nanoTime();
            }
            bytes += len;
            for (int k = off; k < off + len; k++) {
                if (b[k] == '\n') {
                    lines++;
                }
            }
        }
    }

    // ------------------------------------------------------------------ retention, with the journal writing

    private void retention() throws Exception {
        say("");
        Instant oldest;
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MIN(occurred_at) FROM trace_record")) {
            r.next();
            oldest = r.getObject(1, OffsetDateTime.class).toInstant();
        }
        Instant cutoff = oldest.plus(Duration.ofDays(30));
        int period = (int) Duration.between(cutoff, Instant.now()).toDays();
        long expected;
        try (Connection c = ds.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT count(*) FROM trace_record WHERE occurred_at < ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                expected = r.getLong(1);
            }
        }
        say("== Retention: TraceRetention.purge(cutoff " + cutoff + " = the oldest trace + 30 days, period " + period
                + " days), " + String.format(Locale.ROOT, "%,d", expected)
                + " traces older than the cut-off; the journal"
                + " writes beside it");
        try (Connection c = ds.getConnection()) {
            explain(
                    c,
                    false,
                    "retention: the last record of a chain older than the cut-off, one statement per chain (before),"
                            + " plan only",
                    "SELECT MAX(chain_seq) FROM trace_record WHERE chain = ? AND occurred_at < ?",
                    "node:n1",
                    OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            timeAndExplain(
                    c,
                    "retention: the same for every chain in one statement (TraceRetention.olderThan, as shipped)",
                    GROUPED_MAX,
                    OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
        }
        TraceRetention.MarkSigner signer = (chain, keptFrom, anchor, cut, periodDays, at) -> {
            // TraceCheckpoints.signMark: signed with the checkpoint key, appended to the checkpoint file
            String jws = SignedEvidence.sign(
                    key, RetentionMark.TYPE, RetentionMark.payload(chain, keptFrom, anchor, cut, periodDays, at));
            outside.add(jws);
            return jws;
        };
        Journal journal = new Journal();
        List<TraceRetention.Purged> purged;
        double purgeSeconds;
        try {
            journal.phase(0);
            Thread.sleep(warmupSeconds * 1000L);
            journal.phase(1);
            Thread.sleep(beforeSeconds * 1000L);
            journal.phase(2);
            long start = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                purged = TraceRetention.purge(c, cutoff, period, signer);
            }
            purgeSeconds = seconds(start);
            journal.phase(3);
            Thread.sleep(2000);
        } finally {
            journal.stop();
        }
        long removed = 0;
        long roundsRemoved = 0;
        for (TraceRetention.Purged p : purged) {
            say("   " + p.chain() + ": kept from " + p.keptFrom() + ", "
                    + String.format(Locale.ROOT, "%,d", p.removed()) + " removed");
            if (p.chain().startsWith("rounds:")) {
                roundsRemoved += p.removed();
            } else {
                removed += p.removed();
            }
        }
        figure(
                "retention run removing the oldest month (" + String.format(Locale.ROOT, "%,d", removed) + " traces of "
                        + String.format(Locale.ROOT, "%,d", expected) + " older than the cut-off, " + roundsRemoved
                        + " rounds; " + purged.size() + " signed marks)",
                secs(purgeSeconds),
                "",
                removed == expected ? "exactly the month" : "MISMATCH");
        figure(
                "journal beside it (" + journal.callers + " callers, group commit, TraceRows): traces/s before → during"
                        + " the purge; p50 / p99 wait",
                String.format(
                        Locale.ROOT,
                        "%,.0f → %,.0f (ratio %.2f); %s / %s → %s / %s",
                        journal.rate(1),
                        journal.rate(2),
                        journal.rate(2) / journal.rate(1),
                        ms(journal.percentile(1, 0.5)),
                        ms(journal.percentile(1, 0.99)),
                        ms(journal.percentile(2, 0.5)),
                        ms(journal.percentile(2, 0.99))),
                "",
                journal.failures.get() == 0 ? "" : journal.failures.get() + " FAILED calls");
        // the next hourly run, with nothing older than its cut-off left: what retention costs every hour
        long start = System.nanoTime();
        List<TraceRetention.Purged> again;
        try (Connection c = ds.getConnection()) {
            again = TraceRetention.purge(c, cutoff, period, signer);
        }
        double againSeconds = seconds(start);
        figure(
                "the next retention run, nothing left to remove (" + again.size() + " chains purged)",
                secs(againSeconds),
                "",
                "");
        try (Connection c = ds.getConnection()) {
            for (int o : new int[] {0, nodes}) { // a node chain and the admin chain
                timeAndExplain(
                        c,
                        "retention: MAX(chain_seq) … occurred_at < cut-off of " + chainName(o)
                                + ", after the purge (nothing older left; before)",
                        "SELECT MAX(chain_seq) FROM trace_record WHERE chain = ? AND occurred_at < ?",
                        chainName(o),
                        OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            }
            timeAndExplain(
                    c,
                    "retention: the same for every chain in one statement, after the purge (as shipped)",
                    GROUPED_MAX,
                    OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            explain(
                    c,
                    false,
                    "retention: one batch of the delete (plan only)",
                    "DELETE FROM trace_record WHERE chain = ? AND chain_seq >= ? AND chain_seq < ?",
                    "node:n1",
                    1L,
                    10_001L);
        }
    }

    /**
     * The last record older than the cut-off of every chain at once ({@link TraceRetention#olderThan}): a range
     * of ix_trace_time, so its cost follows what is to be removed, where the per-chain MAX that TraceRetention
     * sent before walked uq_trace_chain_seq backwards from each chain's head (the planner takes time and
     * sequence as independent).
     */
    private static final String GROUPED_MAX =
            "SELECT chain, MAX(chain_seq) FROM trace_record WHERE occurred_at < ? GROUP BY chain";

    /** JournalBench's replica of TraceJournal (queue, one writer, group commit with TraceRows), with its callers. */
    private final class Journal {
        final int callers = TracesAtScaleBench.this.callers;
        private final JournalBench.Journal journal;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;
        private volatile int phase;
        private final long[] phaseStart = new long[5];
        private final long[][][] latencies = new long[callers][4][];
        private final int[][] counts = new int[callers][4];
        final AtomicLong failures = new AtomicLong();

        Journal() throws SQLException {
            journal = journalBench.new Journal(ds);
            for (int t = 0; t < callers; t++) {
                int index = t;
                for (int p = 0; p < 4; p++) {
                    latencies[t][p] = new long[1 << 12];
                }
                Thread thread = new Thread(
                        () -> {
                            while (running) {
                                long begin = System.nanoTime();
                                try {
                                    journal.record(journalBench.entry());
                                } catch (RuntimeException e) {
                                    if (failures.getAndIncrement() == 0) {
                                        System.err.println("journal caller: " + e);
                                    }
                                    continue;
                                }
                                long took = System.nanoTime() - begin;
                                int p = phase;
                                if (counts[index][p] == latencies[index][p].length) {
                                    latencies[index][p] = Arrays.copyOf(latencies[index][p], counts[index][p] * 2);
                                }
                                latencies[index][p][counts[index][p]++] = took;
                            }
                        },
                        "caller-" + t);
                threads.add(thread);
            }
            phaseStart[0] = System.nanoTime();
            threads.forEach(Thread::start);
        }

        void phase(int p) {
            phaseStart[p] = System.nanoTime();
            phase = p;
        }

        void stop() throws Exception {
            phaseStart[4] = System.nanoTime();
            running = false;
            for (Thread t : threads) {
                t.join();
            }
            journal.stop();
        }

        double rate(int p) {
            long n = 0;
            for (int t = 0; t < callers; t++) {
                n += counts[t][p];
            }
            return n / ((phaseStart[p + 1] - phaseStart[p]) / 1e9);
        }

        double percentile(int p, double q) {
            int n = 0;
            for (int t = 0; t < callers; t++) {
                n += counts[t][p];
            }
            long[] all = new long[n];
            int k = 0;
            for (int t = 0; t < callers; t++) {
                System.arraycopy(latencies[t][p], 0, all, k, counts[t][p]);
                k += counts[t][p];
            }
            Arrays.sort(all);
            return JournalBench.percentile(all, q);
        }
    }

    // ------------------------------------------------------------------ plans

    private void timeAndExplain(Connection c, String title, String sql, Object... parameters) throws SQLException {
        long start = System.nanoTime();
        int rows = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, parameters);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows++;
                }
            }
        }
        double took = (System.nanoTime() - start) / 1e6;
        explain(c, true, title + String.format(Locale.ROOT, " — %d row(s) in %s", rows, ms(took)), sql, parameters);
    }

    private void explain(Connection c, boolean analyze, String title, String sql, Object... parameters)
            throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement((analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ") + sql)) {
            bind(p, parameters);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    plan.append("      ").append(r.getString(1)).append('\n');
                }
            }
        }
        say("   -- " + title);
        say("      " + sql + (parameters.length == 0 ? "" : "   " + Arrays.toString(parameters)));
        System.out.print(plan);
        report.append("\n-- ")
                .append(title)
                .append("\n   ")
                .append(sql)
                .append(parameters.length == 0 ? "" : "   " + Arrays.toString(parameters))
                .append('\n')
                .append(plan);
    }

    private static void bind(PreparedStatement p, Object... parameters) throws SQLException {
        for (int k = 0; k < parameters.length; k++) {
            p.setObject(k + 1, parameters[k]);
        }
    }

    // ------------------------------------------------------------------ report

    private void figure(String what, String value, String target, String verdict) {
        figures.add(new String[] {what, value, target, verdict, loadAverage()});
        say("   >> " + what + ": " + value + (target.isEmpty() ? "" : " (target " + target + ": " + verdict + ")"));
    }

    private void writeReport() throws IOException, SQLException {
        StringBuilder b = new StringBuilder();
        b.append("Measured ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.format(OffsetDateTime.now(ZoneOffset.UTC)))
                .append(" with `")
                .append(command)
                .append("`\n\n- JDK: ")
                .append(JournalBench.jdk())
                .append("\n- Machine: ")
                .append(JournalBench.machine())
                .append("\n- PostgreSQL: ")
                .append(postgresQuietly())
                .append("\n\n| figure | measured | target | | load average (1 min) |\n|---|---|---|---|---:|\n");
        for (String[] f : figures) {
            b.append("| ")
                    .append(f[0])
                    .append(" | ")
                    .append(f[1])
                    .append(" | ")
                    .append(f[2])
                    .append(" | ")
                    .append(f[3])
                    .append(" | ")
                    .append(f[4])
                    .append(" |\n");
        }
        b.append("\nPlans:\n```\n").append(report).append("```\n");
        Path file = workDir.resolve("traces-at-scale-" + System.currentTimeMillis() + ".md");
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(b.substring(0, b.indexOf("\nPlans:")));
        System.out.println("Report and plans written to " + file);
    }

    private String postgresQuietly() {
        try {
            return postgres();
        } catch (SQLException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    /** The machine's 1-minute load average (other sessions share it). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** CPU seconds of a PostgreSQL backend (utime + stime of /proc/PID/stat, in clock ticks of 1/100 s). */
    private static double backendCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String secs(double s) {
        return s >= 120 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.0f ms", ms);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static String rate(long n, double s) {
        return String.format(Locale.ROOT, "%,.0f", n / s);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
