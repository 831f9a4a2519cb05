package fr.interopsr.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Metrics never break a request: a failure while recording is swallowed, and logged once per process so that a
 * broken meter cannot flood the log on a path that runs thousands of times a second.
 */
public final class MetricsFailures {

    private static final Logger LOG = Logger.getLogger(MetricsFailures.class.getName());
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private MetricsFailures() {}

    /** Logs the first failure (with its stack trace) and ignores every later one. */
    public static void swallow(String what, RuntimeException e) {
        if (LOGGED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "metrics: " + what + " failed; later metrics failures are not logged", e);
        }
    }
}
