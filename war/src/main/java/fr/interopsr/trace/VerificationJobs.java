package fr.interopsr.trace;

import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The journal's check as a job (issue 15): {@code POST /admin/api/traces/verify}, the console's button and the
 * scheduled check each make a row of {@code trace_verification_job} ({@link VerificationJobStore}); the node that
 * took it runs it on the container's {@link ManagedExecutorService}, one job at a time (a full check reads the
 * whole journal), never in the request's thread, and writes its report to the row, so that any node answers a
 * poll. While it holds jobs, the node writes a heartbeat every {@link #HEARTBEAT}; a job without one for
 * {@link VerificationJob#ABANDONED_AFTER} is shown as abandoned. Every check raises the {@link VerificationAlarm}
 * through {@link TraceVerifier}.
 *
 * <p>The scheduled check ({@code interops.traces.verify-every-hours}, 24; 0: off): every node looks every
 * {@link #TICK} whether the check of the current period (epoch seconds divided by the period) was taken; the
 * first one to insert its row ({@code scheduled_slot}, unique) runs it, with the lines of
 * {@code interops.traces.checkpoint-file} when it is set (its last {@link #MAX_OUTSIDE_BYTES} bytes). Several
 * nodes on one database run it <b>once per period</b>; when the node that took it fell silent
 * ({@link VerificationJob#ABANDONED_AFTER}), the next node to look takes it over (decision P-35).
 *
 * <p>The container gives its resources to the no-argument constructor; the tests build nodes of their own, in plain
 * Java, with the package-private one.
 */
@ApplicationScoped
public class VerificationJobs {

    private static final Logger LOG = Logger.getLogger(VerificationJobs.class.getName());

    /** How often a node that holds jobs says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofMinutes(1);

    /** How often each node looks whether the scheduled check of the current period was taken. */
    public static final Duration TICK = Duration.ofMinutes(15);

    /** Jobs that may wait on one node behind the one it runs; more are refused (503). */
    public static final int MAX_WAITING = 4;

    /**
     * The most bytes of checkpoints kept outside that a job takes: the API's body, and the end of the checkpoint
     * file for the scheduled check (the last rounds of each signer are what shows a rollback).
     */
    public static final int MAX_OUTSIDE_BYTES = 32 * 1024 * 1024;

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Resource
    ManagedExecutorService managedExecutor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TraceVerifier verifier;

    @Inject
    ServerSettings settings;

    /** The check a job runs: {@link TraceVerifier#check(String, Optional)} on a server. */
    @FunctionalInterface
    interface Check {
        TraceAudit.Report check(String source, Optional<List<String>> outside);
    }

    /** What a node reads of its settings. */
    record Settings(String node, int verifyEveryHours, int retentionDays, Optional<Path> checkpointFile) {}

    /** Too many jobs wait on this node. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    private record Pending(String id, String source, Supplier<Optional<List<String>>> outside) {}

    // guarded by this
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private boolean draining;

    /** The jobs this node holds (waiting or running): its heartbeat's. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private String node;
    private int verifyEveryHours;
    private int retentionDays;
    private Optional<Path> checkpointFile;
    private Executor executor;
    private Check check;
    private Clock clock = Clock.systemUTC();
    private volatile ScheduledFuture<?> beat;

    /** For the container. */
    public VerificationJobs() {}

    /** A node without a container (tests): its heartbeat is {@link #heartbeat()}, called by whoever drives it. */
    VerificationJobs(DataSource dataSource, Executor executor, Check check, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        configure(executor, check, settings);
    }

    @PostConstruct
    void init() {
        configure(
                managedExecutor,
                verifier::check,
                new Settings(
                        settings.nodeName(),
                        settings.traceVerifyEveryHours(),
                        settings.traceRetentionDays(),
                        settings.traceCheckpointFile()));
        long every = HEARTBEAT.toSeconds();
        beat = scheduler.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.SECONDS);
    }

    private void configure(Executor executor, Check check, Settings s) {
        this.executor = executor;
        this.check = check;
        this.node = s.node();
        this.verifyEveryHours = s.verifyEveryHours();
        this.retentionDays = s.retentionDays();
        this.checkpointFile = s.checkpointFile();
    }

    /** This node's time: what a job row's times and the abandonment are measured with. */
    public Instant now() {
        return clock.instant();
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> b = beat;
        if (b != null) {
            b.cancel(false);
        }
    }

    /** A new job id (a random UUID), to trace the request before the job is made. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Throws when {@link #MAX_WAITING} jobs wait on this node already. */
    public synchronized void checkRoom() throws Busy {
        if (waiting.size() >= MAX_WAITING) {
            throw new Busy(waiting.size() + " checks of the journal already wait on this node; try again later");
        }
    }

    /**
     * Queues a check of the journal on this node and returns its row ({@code queued}). {@code outside}: the lines
     * of the checkpoint file kept outside the database, if given.
     */
    public VerificationJob submit(String id, String requestedBy, Optional<List<String>> outside)
            throws Busy, SQLException {
        checkRoom();
        Integer lines = outside.map(VerificationJobs::lines).orElse(null);
        VerificationJob job =
                VerificationJob.queued(id, requestedBy == null ? "(unknown)" : requestedBy, now(), node, lines, null);
        try (Connection c = dataSource.getConnection()) {
            VerificationJobStore.insert(c, job);
        }
        enqueue(new Pending(id, "job " + id + " by " + job.requestedBy(), () -> outside));
        return job;
    }

    /** One job, as any node wrote it; empty for an unknown id. */
    public Optional<VerificationJob> find(String id) throws SQLException {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return VerificationJobStore.find(c, id);
        }
    }

    /** The latest jobs, newest first, without their reports. */
    public List<VerificationJob> recent(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return VerificationJobStore.recent(c, limit);
        }
    }

    /**
     * The scheduled check, called every {@link #TICK} by the start-up's scheduler: when the check of this period
     * is not taken yet, takes it and queues it; when the node that took it fell silent for
     * {@link VerificationJob#ABANDONED_AFTER}, marks its job failed and takes the period over (P-35). Also removes
     * the jobs older than the traces' retention.
     */
    public void scheduledTick() {
        int hours = verifyEveryHours;
        if (hours <= 0) {
            return;
        }
        Instant now = now();
        long slot = now.getEpochSecond() / (hours * 3600L);
        VerificationJob job = VerificationJob.queued(newId(), VerificationJob.SCHEDULER, now, node, null, slot);
        try (Connection c = dataSource.getConnection()) {
            VerificationJobStore.purge(c, now.minus(Duration.ofDays(retentionDays)));
            Optional<String> abandoned = VerificationJobStore.releaseAbandonedSlot(
                    c, slot, now, now.minus(VerificationJob.ABANDONED_AFTER), node, job.id());
            abandoned.ifPresent(id -> LOG.warning("scheduled check of the trace journal: job " + id
                    + " shows no sign of life from its node for " + VerificationJob.ABANDONED_AFTER.toMinutes()
                    + " minutes; node " + node + " takes this period's check over"));
            if (!VerificationJobStore.insertScheduled(c, job)) {
                return; // this period's check is taken (by this node or another)
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "scheduled check of the trace journal not started", e);
            return;
        }
        LOG.info("scheduled check of the trace journal: job " + job.id() + " on node " + node + " (every " + hours
                + " h)");
        enqueue(new Pending(job.id(), "scheduled job " + job.id(), this::checkpointFile));
    }

    private void enqueue(Pending p) {
        held.add(p.id());
        boolean start;
        synchronized (this) {
            waiting.add(p);
            start = !draining;
            draining = true;
        }
        if (!start) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RuntimeException e) {
            List<Pending> dropped;
            synchronized (this) {
                draining = false;
                dropped = new ArrayList<>(waiting);
                waiting.clear();
            }
            for (Pending d : dropped) {
                fail(d.id(), "not started: the node's executor refused it (" + e + ")");
                held.remove(d.id());
            }
        }
    }

    /** Runs the waiting jobs one after the other, on a managed thread. */
    private void drain() {
        while (true) {
            Pending p;
            synchronized (this) {
                p = waiting.poll();
                if (p == null) {
                    draining = false;
                    return;
                }
            }
            try {
                run(p);
            } catch (Error e) {
                synchronized (this) {
                    draining = false; // the next job asked for starts a new drain
                }
                fail(p.id(), e.toString());
                throw e;
            } finally {
                held.remove(p.id());
            }
        }
    }

    private void run(Pending p) {
        try {
            Optional<List<String>> outside = p.outside().get();
            try (Connection c = dataSource.getConnection()) {
                if (!VerificationJobStore.started(
                        c, p.id(), now(), outside.map(VerificationJobs::lines).orElse(null))) {
                    LOG.warning("trace journal check job " + p.id() + " was no longer queued; not run");
                    return;
                }
            }
            TraceAudit.Report report = check.check(p.source(), outside);
            try (Connection c = dataSource.getConnection()) {
                VerificationJobStore.done(
                        c,
                        p.id(),
                        now(),
                        report.intact(),
                        VerificationAlarm.problemCount(report),
                        TraceReports.toJson(report).toString());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check " + p.source() + " failed", e);
            fail(p.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void fail(String id, String error) {
        try (Connection c = dataSource.getConnection()) {
            VerificationJobStore.failed(c, id, now(), error);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check job " + id + ": its failure could not be recorded", e);
        }
    }

    void heartbeat() {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            VerificationJobStore.heartbeat(c, List.copyOf(held), now());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check jobs: heartbeat not written", e);
        }
    }

    /** The lines of {@code interops.traces.checkpoint-file}, or empty when it is not set or cannot be read. */
    Optional<List<String>> checkpointFile() {
        Optional<Path> file = checkpointFile;
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tail(file.get(), MAX_OUTSIDE_BYTES));
        } catch (IOException e) {
            LOG.warning("the checkpoint file " + file.get() + " cannot be read (" + e
                    + "): the scheduled check runs without the checkpoints kept outside");
            return Optional.empty();
        }
    }

    /** The whole lines of the last {@code maxBytes} bytes of a file (US-ASCII: JWS lines). */
    static List<String> tail(Path file, int maxBytes) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            long from = Math.max(0, size - maxBytes);
            boolean cut = from > 0;
            if (cut) {
                from--; // one byte before: when it is a line end, the first line read is whole
            }
            ch.position(from);
            InputStream in = Channels.newInputStream(ch);
            String text = new String(in.readNBytes(maxBytes + 1), StandardCharsets.US_ASCII);
            if (cut) {
                int end = text.indexOf('\n');
                text = end < 0 ? "" : text.substring(end + 1);
                LOG.info("the checkpoint file " + file + " holds " + size + " bytes: its last " + text.length()
                        + " are compared");
            }
            return text.lines().toList();
        }
    }

    /** The number of lines that are not blank. */
    public static int lines(List<String> lines) {
        return (int) lines.stream().filter(s -> !s.isBlank()).count();
    }
}
