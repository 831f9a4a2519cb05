package fr.interopsr.app;

import fr.interopsr.platform.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node told to stop with SIGTERM (issue 16, behaviour 7; P-38): readiness DOWN at once, so that the load
 * balancer's health checks take the node out; the requests that still arrive are served for
 * {@code interops.shutdown.drain-seconds}; then the node waits for the requests in flight
 * ({@code interops.shutdown.timeout-seconds} at most, drain included) and hands the signal to the JVM, whose shutdown
 * stops the container, which signs the final checkpoint round ({@link StartupSequence}). A second SIGTERM stops at
 * once.
 */
@ApplicationScoped
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

    @Inject
    ServerSettings settings;

    private final Drain drain = new Drain();
    private volatile Optional<StopSignal> signal = Optional.empty();

    /**
     * Catches SIGTERM from now on (start-up); {@code afterDrain} runs once the requests in flight are done, before
     * the container is told to stop, while the datasource and the journal are still whole (the final checkpoint
     * round: a container's own stop may close the database first, issue 15).
     */
    void install(Runnable afterDrain) {
        // read now: the signal's thread is the JVM's, outside the container, where CDI proxies cannot be called
        int drainSeconds = settings.shutdownDrainSeconds();
        int timeoutSeconds = settings.shutdownTimeoutSeconds();
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        signal = StopSignal.install("TERM", handOver -> {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(application);
            try {
                if (onStop(drainSeconds, timeoutSeconds)) {
                    afterDrain.run();
                }
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "the drain failed; stopping now", e);
            } finally {
                t.setContextClassLoader(before);
                handOver.run();
            }
        });
        signal.ifPresent(s -> LOG.info("SIGTERM drains this node: readiness DOWN, " + drainSeconds
                + " s of drain, then up to " + timeoutSeconds + " s in all for the requests in flight"));
    }

    /** Gives SIGTERM back to the JVM (the application is undeployed). */
    void uninstall() {
        signal.ifPresent(StopSignal::restore);
        signal = Optional.empty();
    }

    /** The drain; false for a second SIGTERM, which stops at once. */
    private boolean onStop(int drainSeconds, int timeoutSeconds) {
        if (!drain.begin()) {
            LOG.info("SIGTERM again: stopping now, " + drain.inFlight() + " request(s) in flight");
            return false;
        }
        LOG.info("SIGTERM: readiness DOWN; serving for " + drainSeconds + " s while the load balancer takes this node"
                + " out, then waiting for the " + drain.inFlight() + " request(s) in flight");
        Drain.Outcome o = drain.await(
                Duration.ofSeconds(drainSeconds),
                Duration.ofSeconds(timeoutSeconds),
                Drain.THREAD_SLEEP,
                Drain.Clock.SYSTEM);
        LOG.info("drained in " + o.drainedMillis() + " ms, " + o.leftInFlight()
                + " request(s) still in flight: stopping");
        return true;
    }

    /** True from the first SIGTERM on: readiness answers DOWN. */
    public boolean draining() {
        return drain.draining();
    }

    void requestStarted() {
        drain.requestStarted();
    }

    void requestEnded() {
        drain.requestEnded();
    }
}
