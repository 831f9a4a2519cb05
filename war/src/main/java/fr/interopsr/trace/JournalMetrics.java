package fr.interopsr.trace;

import fr.interopsr.metrics.MetricsFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * The trace journal's meters (D-17, D-22, {@code docs/monitoring.md}): traces committed, commit batches and their
 * size, commit latency, each request's wait for its trace, failures by reason, and the gauges of its state — queue
 * depth, journal lag (age of the oldest trace not yet committed) and whether the writer thread runs.
 */
public final class JournalMetrics {

    /** Why a trace was not committed: its batch failed, the queue was full or stopped, its commit took too long. */
    public enum Failure {
        COMMIT,
        SATURATED,
        TIMEOUT
    }

    static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final Counter committed;
    private final Counter batches;
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private final Timer waitTime;
    private final Counter[] failures = new Counter[Failure.values().length];

    /**
     * @param queueDepth    traces waiting for the writer
     * @param lagSeconds    age of the oldest trace not yet committed, 0 when none waits
     * @param writerRunning whether the writer thread is alive
     */
    public JournalMetrics(
            MeterRegistry registry, IntSupplier queueDepth, DoubleSupplier lagSeconds, BooleanSupplier writerRunning) {
        committed = Counter.builder("interops.journal.traces.committed")
                .description("Traces committed by the journal's writer (group commit, D-17)")
                .register(registry);
        batches = Counter.builder("interops.journal.batches")
                .description("Transactions committed by the journal's writer, one per batch")
                .register(registry);
        batchSize = DistributionSummary.builder("interops.journal.batch.size")
                .description("Traces per committed batch")
                .baseUnit("traces")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                .register(registry);
        commitTime = Timer.builder("interops.journal.commit")
                .description("Time to commit one batch (insert, chain head, commit)")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        waitTime = Timer.builder("interops.journal.wait")
                .description("Time a request waits for its trace to be committed (queue and commit)")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        for (Failure f : Failure.values()) {
            failures[f.ordinal()] = Counter.builder("interops.journal.failures")
                    .description("Traces not committed (the request was answered 503), by reason")
                    .tag("reason", f.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("interops.journal.queue.depth", queueDepth, s -> s.getAsInt())
                .description("Traces waiting for the journal's writer")
                .baseUnit("traces")
                .strongReference(true)
                .register(registry);
        Gauge.builder("interops.journal.lag", lagSeconds, DoubleSupplier::getAsDouble)
                .description("Age of the oldest trace not yet committed (0 when none waits): the journal lag")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("interops.journal.writer.up", writerRunning, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 while the journal's writer thread runs, else 0")
                .strongReference(true)
                .register(registry);
    }

    /** A batch of {@code size} traces committed in {@code nanos}. */
    public void committed(int size, long nanos) {
        try {
            committed.increment(size);
            batches.increment();
            batchSize.record(size);
            commitTime.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            MetricsFailures.swallow("journal commit", e);
        }
    }

    /** A request's trace committed {@code nanos} after it was handed to the journal. */
    public void waited(long nanos) {
        try {
            waitTime.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            MetricsFailures.swallow("journal wait", e);
        }
    }

    /** {@code count} traces not committed, for this reason. */
    public void failed(Failure reason, int count) {
        try {
            failures[reason.ordinal()].increment(count);
        } catch (RuntimeException e) {
            MetricsFailures.swallow("journal failure", e);
        }
    }
}
