package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.*;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JournalMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger depth = new AtomicInteger();
    private volatile double lag;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final JournalMetrics metrics = new JournalMetrics(registry, depth::get, () -> lag, running::get);

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void batchesCountTracesBatchesSizesAndCommitTime() {
        metrics.committed(3, TimeUnit.MILLISECONDS.toNanos(4));
        metrics.committed(1, TimeUnit.MILLISECONDS.toNanos(2));
        assertEquals(4, counter("interops.journal.traces.committed"));
        assertEquals(2, counter("interops.journal.batches"));
        assertEquals(2, registry.get("interops.journal.batch.size").summary().count());
        assertEquals(4, registry.get("interops.journal.batch.size").summary().totalAmount());
        assertEquals(2, registry.get("interops.journal.commit").timer().count());
        assertEquals(6, registry.get("interops.journal.commit").timer().totalTime(TimeUnit.MILLISECONDS), 0.01);
        String text = registry.scrape();
        assertTrue(text.contains("interops_journal_traces_committed_total 4.0"), text);
        assertTrue(text.contains("interops_journal_batch_size_traces_bucket{le=\"5.0\"} 2"), text);
        assertTrue(text.contains("interops_journal_commit_seconds_count 2"), text);
    }

    @Test
    void waitsAndFailuresByReason() {
        metrics.waited(TimeUnit.MILLISECONDS.toNanos(7));
        metrics.failed(JournalMetrics.Failure.COMMIT, 5);
        metrics.failed(JournalMetrics.Failure.SATURATED, 1);
        assertEquals(1, registry.get("interops.journal.wait").timer().count());
        assertEquals(
                5,
                registry.get("interops.journal.failures")
                        .tag("reason", "commit")
                        .counter()
                        .count());
        assertEquals(
                1,
                registry.get("interops.journal.failures")
                        .tag("reason", "saturated")
                        .counter()
                        .count());
        assertEquals(
                0,
                registry.get("interops.journal.failures")
                        .tag("reason", "timeout")
                        .counter()
                        .count());
    }

    @Test
    void gaugesFollowTheJournal() {
        depth.set(12);
        lag = 1.5;
        assertEquals(12, registry.get("interops.journal.queue.depth").gauge().value());
        assertEquals(1.5, registry.get("interops.journal.lag").gauge().value());
        assertEquals(1, registry.get("interops.journal.writer.up").gauge().value());
        running.set(false);
        assertEquals(0, registry.get("interops.journal.writer.up").gauge().value());
        String text = registry.scrape();
        assertTrue(text.contains("interops_journal_lag_seconds 1.5"), text);
        assertTrue(text.contains("interops_journal_queue_depth_traces 12.0"), text);
    }

    @Test
    void aMetricsFailureNeverReachesTheWriter() {
        assertDoesNotThrow(() -> metrics.failed(null, 1));
    }
}
