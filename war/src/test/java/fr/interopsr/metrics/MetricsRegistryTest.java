package fr.interopsr.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    @Test
    void theRegistryCarriesTheJvmBasicsInPrometheusText() {
        List<AutoCloseable> closeables = new ArrayList<>();
        PrometheusMeterRegistry registry = MetricsRegistry.create(closeables);
        String text = registry.scrape();
        for (String family : List.of(
                "jvm_memory_used_bytes",
                "jvm_memory_max_bytes",
                "jvm_threads_live_threads",
                "jvm_classes_loaded_classes",
                "jvm_gc_max_data_size_bytes",
                "process_uptime_seconds",
                "process_start_time_seconds",
                "system_cpu_count")) {
            assertTrue(text.contains("# TYPE " + family + " "), family + " in\n" + text);
        }
        assertFalse(closeables.isEmpty(), "the GC binder is closed on undeploy");
        MetricsRegistry.closeAll(closeables);
        assertTrue(closeables.isEmpty());
        registry.close();
    }

    @Test
    void aGaugeThatThrowsDoesNotBreakTheScrape() {
        PrometheusMeterRegistry registry = MetricsRegistry.create(new ArrayList<>());
        Gauge.builder("broken", () -> {
                    throw new IllegalStateException("boom");
                })
                .register(registry);
        String text = registry.scrape();
        assertTrue(text.contains("broken"), text);
        assertTrue(text.contains("process_uptime_seconds"));
        registry.close();
    }

    @Test
    void aFailureIsSwallowed() {
        assertDoesNotThrow(() -> {
            MetricsFailures.swallow("test", new IllegalStateException("first"));
            MetricsFailures.swallow("test", new IllegalStateException("second, not logged"));
        });
    }
}
