package fr.interopsr.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one meter registry (D-22): a Micrometer Prometheus registry that the WAR owns, with no server
 * integration, so that {@code /metrics} answers the same on Payara and WildFly. It carries the JVM basics (memory,
 * GC, threads, classes, CPU, uptime); the features register their own meters on {@link #registry()}
 * ({@code TokenMetrics}, {@code ValidationMetrics}, {@code JournalMetrics}).
 */
@ApplicationScoped
public class MetricsRegistry {

    private static final Logger LOG = Logger.getLogger(MetricsRegistry.class.getName());

    private PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @PostConstruct
    void init() {
        registry = create(closeables);
    }

    /** Closes what holds JVM-wide listeners (the GC binder) so that a redeployment leaks nothing. */
    @PreDestroy
    void close() {
        closeAll(closeables);
        registry.close();
    }

    /** A Prometheus registry with the JVM and process binders; what must be closed goes to {@code closeables}. */
    public static PrometheusMeterRegistry create(List<AutoCloseable> closeables) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmGcMetrics gc = new JvmGcMetrics();
        closeables.add(gc);
        for (MeterBinder binder : List.of(
                new JvmMemoryMetrics(),
                gc,
                new JvmThreadMetrics(),
                new ClassLoaderMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics())) {
            try {
                binder.bindTo(registry);
            } catch (RuntimeException e) {
                // a JVM without one of the MX beans still gets the others
                LOG.log(Level.WARNING, "metrics: " + binder.getClass().getSimpleName() + " unavailable", e);
            }
        }
        return registry;
    }

    static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "metrics: closing " + c, e);
            }
        }
        closeables.clear();
    }

    /** Where the features register their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
