package fr.interopsr.trace;

import fr.interopsr.metrics.MetricsRegistry;
import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one journal every trace goes through (IR-18, IR-19, issue 5). {@link #record} returns only
 * once the trace is committed (D-17): the traces of concurrent requests are committed together by
 * one writer thread (group commit), each record chained to the previous one of this node's chain
 * with an HMAC whose key is not in the database (D-18). When nothing can be committed, callers
 * get {@link TraceUnavailable} and answer 503: never an answer without its trace.
 */
@ApplicationScoped
public class TraceJournal {

    private static final Logger LOG = Logger.getLogger(TraceJournal.class.getName());
    /** The chain of admin actions (D-17). */
    public static final String ADMIN_CHAIN = "admin";

    private static final long COMMIT_WAIT_SECONDS = 10;

    @Inject
    ServerSettings settings;

    @Inject
    TraceWriter writer;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricsRegistry metricsRegistry;

    private String node;
    private String chain;
    private TraceChain hasher;
    private int batchSize;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(20_000);
    private volatile boolean running;
    private volatile Thread thread;
    private JournalMetrics metrics;
    /** {@link System#nanoTime()} at which the oldest trace of the batch being committed was handed in; else NONE. */
    private volatile long inFlightSince = NONE;

    private static final long NONE = Long.MIN_VALUE;
    // writer thread only
    private long lastSeq;
    private String lastHash = TraceChain.GENESIS;
    /**
     * Whether lastSeq and lastHash are the database's. False after a failed commit whose head could not be read
     * again: the commit may have reached the database all the same (its answer lost with the connection, issue 16),
     * so the next batch reads the head first, rather than fail once more on the sequence it would reuse. False at
     * the start too: the first batch reads the head.
     */
    private boolean headKnown;
    /** {@link System#nanoTime()} of the last idle report (writer thread only). */
    private long lastReport = System.nanoTime();

    /** Seconds between two reports of an idle journal (P-64). */
    static final long REPORT_SECONDS = 5;

    private record Pending(TraceRecord record, CompletableFuture<Void> committed, long since) {}

    @PostConstruct
    void init() {
        node = settings.nodeName();
        chain = "node:" + (node.length() > 75 ? node.substring(0, 75) : node);
        hasher = TraceChain.ofBase64(
                settings.traceHmacKeyBase64()
                        .orElseThrow(() -> new IllegalStateException("interops.traces.hmac-key is not set: the trace"
                                + " journal needs a 256-bit HMAC key (base64) kept outside the database (D-18);"
                                + " see docs/operations.md")),
                settings.traceHmacPreviousKeys());
        batchSize = settings.traceBatchSize();
        metrics = new JournalMetrics(
                metricsRegistry.registry(), queue::size, () -> lagNanos() / 1e9, this::writerRunning);
        running = true;
        thread = threads.newThread(this::writeLoop);
        thread.setName("interops-trace-journal");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Commits the trace (with others, in one transaction); throws when it could not be committed. */
    public void record(TraceEntry entry) throws TraceUnavailable {
        await(submit(entry));
    }

    /**
     * Hands the trace to the writer without waiting for its commit. The caller must {@link #await} it before
     * it answers (D-17); meanwhile it may do work that answers nothing (the data provider reads its record
     * while the VI's verification trace is committed). Throws when the journal takes nothing.
     */
    public Submitted submit(TraceEntry entry) throws TraceUnavailable {
        long since = System.nanoTime();
        Pending pending = new Pending(TraceRecord.of(entry, node), new CompletableFuture<>(), since);
        try {
            if (!running || !queue.offer(pending, 1, TimeUnit.SECONDS)) {
                metrics.failed(JournalMetrics.Failure.SATURATED, 1);
                throw new TraceUnavailable("the trace journal is saturated or stopped", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceUnavailable("interrupted while the trace was handed to the journal", e);
        }
        return new Submitted(pending);
    }

    /** Returns once the submitted trace is committed; throws when it could not be (the caller answers 503). */
    public void await(Submitted submitted) throws TraceUnavailable {
        Pending pending = submitted.pending;
        try {
            pending.committed().get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!submitted.awaited) {
                submitted.awaited = true;
                metrics.waited(System.nanoTime() - pending.since());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceUnavailable("interrupted while the trace was committed", e);
        } catch (TimeoutException e) {
            metrics.failed(JournalMetrics.Failure.TIMEOUT, 1);
            throw new TraceUnavailable("the trace journal is unavailable", e);
        } catch (ExecutionException e) {
            // counted by the writer (COMMIT) when its batch failed
            throw new TraceUnavailable("the trace journal is unavailable", e);
        }
    }

    /**
     * A trace handed to the writer by {@link #submit}; one request's, awaited by that request's thread (its wait
     * is counted in the metrics once, however often it is awaited).
     */
    public static final class Submitted {
        private final Pending pending;
        private boolean awaited;

        private Submitted(Pending pending) {
            this.pending = pending;
        }
    }

    /**
     * Records an admin action in the transaction of the change itself, on the admin chain (D-17):
     * both commit or neither. Must be called inside a transaction.
     */
    public void recordWithin(TraceEntry entry) {
        writer.writeWithin(TraceRecord.of(entry, node), ADMIN_CHAIN, hasher);
    }

    /**
     * Records an admin trace that goes with no change (an auditor's read of the traces, issue 14) on the admin
     * chain, in a transaction of its own, committed before this returns; throws when it could not be (the caller
     * answers 503 and reads nothing).
     */
    public void recordAdmin(TraceEntry entry) throws TraceUnavailable {
        try {
            writer.writeAlone(TraceRecord.of(entry, node), ADMIN_CHAIN, hasher);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "admin trace not committed", e);
            throw new TraceUnavailable("the admin trace could not be committed", e);
        }
    }

    /** Whether the writer thread runs: started, not stopped, and alive (liveness, readiness, metrics). */
    public boolean writerRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    /** Traces waiting for the writer. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * The journal lag: how long the oldest trace not yet committed has waited, in nanoseconds (the batch being
     * committed, else the head of the queue); 0 when nothing waits.
     */
    public long lagNanos() {
        long now = System.nanoTime();
        long since = inFlightSince;
        if (since == NONE) {
            Pending head = queue.peek();
            if (head == null) {
                return 0;
            }
            since = head.since();
        }
        return Math.max(0, now - since);
    }

    /**
     * Waits until nothing is queued or being committed, or the time is up (a graceful stop signs a
     * last checkpoint after that, issue 15).
     */
    public void awaitIdle(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while ((!queue.isEmpty() || inFlightSince != NONE) && System.nanoTime() < deadline && writerRunning()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The name of this node's chain. */
    public String chain() {
        return chain;
    }

    public TraceChain hasher() {
        return hasher;
    }

    private void writeLoop() {
        // the head is read with the first batch (headKnown is false), not here: this thread starts when the journal
        // is first injected, which on an empty database is before the schema migrations have made its table
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    reportIdle();
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                inFlightSince = first.since();
                try {
                    commit(batch);
                } finally {
                    inFlightSince = NONE;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "trace journal writer", e);
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.committed().completeExceptionally(new IllegalStateException("journal stopped"));
        }
    }

    private void commit(List<Pending> batch) {
        if (!headKnown) {
            resync();
            if (!headKnown) {
                // the database cannot even give the head: the batch cannot be committed either (answered 503)
                metrics.failed(JournalMetrics.Failure.COMMIT, batch.size());
                failWithQueue(batch, new IllegalStateException("the chain head of " + chain + " is unreadable"));
                return;
            }
        }
        long seq = lastSeq;
        String hash = lastHash;
        List<TraceRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            p.record().chain(chain, ++seq, hash, hasher);
            hash = p.record().recordHash();
            records.add(p.record());
        }
        long start = System.nanoTime();
        try {
            writer.writeBatch(
                    records, chain, seq, hash, (System.nanoTime() - batch.get(0).since()) / 1_000_000, queue.size());
            lastSeq = seq;
            lastHash = hash;
            metrics.committed(batch.size(), System.nanoTime() - start);
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException e) {
            metrics.failed(JournalMetrics.Failure.COMMIT, batch.size());
            LOG.log(Level.SEVERE, batch.size() + " trace(s) not committed", e);
            resync();
            if (headKnown) {
                batch.forEach(p -> p.committed().completeExceptionally(e));
            } else {
                failWithQueue(batch, e);
            }
        }
    }

    /**
     * The database cannot be reached (issue 16): the batch fails, and so does every trace queued behind it, at once.
     * Their requests answer 503 now rather than at the end of their wait, and the journal's lag stays that of one
     * attempt, however long the outage: liveness, which reads the lag, stays UP (a restart would not bring the
     * database back).
     */
    private void failWithQueue(List<Pending> batch, RuntimeException e) {
        List<Pending> waiting = new ArrayList<>(batch);
        queue.drainTo(waiting);
        if (waiting.size() > batch.size()) {
            metrics.failed(JournalMetrics.Failure.COMMIT, waiting.size() - batch.size());
        }
        waiting.forEach(p -> p.committed().completeExceptionally(e));
    }

    /**
     * Tells the other nodes, through this chain's head, that this journal is idle (lag 0), every
     * {@value #REPORT_SECONDS} s at most, once its head is known (P-64). A batch reports in its own transaction.
     */
    private void reportIdle() {
        long now = System.nanoTime();
        if (!headKnown || now - lastReport < TimeUnit.SECONDS.toNanos(REPORT_SECONDS)) {
            return;
        }
        lastReport = now;
        try {
            writer.report(chain, lagNanos() / 1_000_000, queue.size());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "journal report not written", e);
        }
    }

    /** The chain's head as the database has it (after a failure, what was really committed). */
    private void resync() {
        try {
            TraceChainHead head = writer.head(chain);
            lastSeq = head.lastSeq();
            lastHash = head.lastHash();
            headKnown = true;
        } catch (RuntimeException e) {
            headKnown = false;
            LOG.log(Level.WARNING, () -> "trace chain head unreadable; read again before the next batch: " + e);
        }
    }
}
