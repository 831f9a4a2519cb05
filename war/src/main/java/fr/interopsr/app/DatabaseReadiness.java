package fr.interopsr.app;

import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code interops-database}: the database answers within {@code interops.health.database-timeout-ms}
 * (default 2 s). Taking a connection from the pool can wait far longer than that, so the probe runs on a managed
 * thread and the check waits for it no longer than the timeout; a probe still running is reused, never doubled,
 * so a hung database does not pile up threads. The answer says only whether the database answered: no URL, user
 * or driver message (those go to the log, once per change of state).
 * <p>
 * The probe is not started from the health request: Payara serves {@code /health} from its disabled
 * {@code __default-web-module}, and a managed task submitted from there is aborted, so readiness answered UP once
 * and DOWN ever after. {@link StartupSequence} {@link #start starts} a thread of the application's own (from its
 * {@code ManagedThreadFactory}, in the application's context) that runs {@link #refresh} every second, and
 * {@link #call} answers the latest result; a result older than {@link #STALE_AFTER_MILLIS} plus the timeout (a
 * probe that hangs) is DOWN. Not the application's scheduler: it has one thread, and a checkpoint round stuck in a
 * black-holed database held it for the driver's 10 s, so readiness turned DOWN only when its result went stale,
 * some 5 s after the cut instead of 3 (issue 16).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());
    static final String NAME = "interops-database";

    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threadFactory;

    private volatile Thread refresher;

    @Inject
    ServerSettings settings;

    /** How often {@link StartupSequence} refreshes the result, and how old a result may be beyond the timeout. */
    static final long REFRESH_MILLIS = 1000;

    static final long STALE_AFTER_MILLIS = 3 * REFRESH_MILLIS;

    private final AtomicReference<Future<Boolean>> probe = new AtomicReference<>();
    private volatile boolean lastUp = true;
    private volatile Latest latest;

    /** The latest probe's answer and when it was made ({@link System#nanoTime}). */
    private record Latest(HealthCheckResponse response, long atNanos) {}

    @Override
    public HealthCheckResponse call() {
        return answer(latest, System.nanoTime(), settings.healthDatabaseTimeoutMillis());
    }

    /** Starts the thread that probes the database every {@link #REFRESH_MILLIS}; called once at start-up. */
    void start() {
        Thread t = threadFactory.newThread(() -> {
            while (refresher == Thread.currentThread()) {
                try {
                    refresh();
                    Thread.sleep(REFRESH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "readiness probe failed", e);
                }
            }
        });
        t.setName("interops-readiness");
        t.setDaemon(true);
        refresher = t;
        t.start();
    }

    @PreDestroy
    void stop() {
        Thread t = refresher;
        refresher = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Probes the database now; called by the readiness thread, never from a health request. */
    void refresh() {
        int timeoutMillis = settings.healthDatabaseTimeoutMillis();
        latest = new Latest(check(dataSource, executor, timeoutMillis), System.nanoTime());
    }

    /** The latest answer while it is fresh; DOWN before the first probe and when probes stop coming back. */
    static HealthCheckResponse answer(Latest latest, long nowNanos, int timeoutMillis) {
        if (latest == null) {
            return Health.response(NAME, false, Map.of("database", "not checked yet"));
        }
        long ageMillis = TimeUnit.NANOSECONDS.toMillis(nowNanos - latest.atNanos());
        if (ageMillis > STALE_AFTER_MILLIS + timeoutMillis) {
            return Health.response(NAME, false, Map.of("database", "no answer within " + ageMillis + " ms"));
        }
        return latest.response();
    }

    /** For tests: the answer {@link #call} gives when the latest probe gave {@code response} at {@code atNanos}. */
    static HealthCheckResponse answer(HealthCheckResponse response, long atNanos, long nowNanos, int timeoutMillis) {
        return answer(response == null ? null : new Latest(response, atNanos), nowNanos, timeoutMillis);
    }

    HealthCheckResponse check(DataSource source, ExecutorService threads, int timeoutMillis) {
        String state;
        Throwable cause = null;
        try {
            state = running(source, threads, timeoutMillis).get(timeoutMillis, TimeUnit.MILLISECONDS)
                    ? "answered"
                    : "invalid connection";
        } catch (TimeoutException e) {
            state = "no answer within " + timeoutMillis + " ms";
        } catch (ExecutionException e) {
            state = "unreachable";
            cause = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = "interrupted";
        } catch (RuntimeException e) {
            state = "not checked";
            cause = e;
        }
        boolean up = state.equals("answered");
        if (up != lastUp) {
            lastUp = up;
            LOG.log(up ? Level.INFO : Level.WARNING, "readiness: database " + state, cause);
        }
        return Health.response(NAME, up, Map.of("database", state));
    }

    /** The probe under way, or a new one when the last has finished. */
    private Future<Boolean> running(DataSource source, ExecutorService threads, int timeoutMillis) {
        while (true) {
            Future<Boolean> current = probe.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            Future<Boolean> next = threads.submit(() -> {
                try (Connection c = source.getConnection()) {
                    return c.isValid(Math.max(1, (timeoutMillis + 999) / 1000));
                }
            });
            if (probe.compareAndSet(current, next)) {
                return next;
            }
            next.cancel(true);
        }
    }
}
