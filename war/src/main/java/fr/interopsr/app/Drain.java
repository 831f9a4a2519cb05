package fr.interopsr.app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The drain of a node that is told to stop (issue 16, behaviour 7): once {@link #begin()} is called, readiness is DOWN
 * at once ({@link StartupReadiness}), so that the load balancer, whose health checks read it, sends no more requests;
 * the node goes on answering what still reaches it for the drain period, then waits for the requests in flight to
 * end, and only then lets the container stop (which signs the final checkpoint round: {@link StartupSequence}).
 * Plain Java, without the container: {@link GracefulStop} wires it to the signal and the requests.
 */
final class Drain {

    /** What the waits sleep with; a test passes its own. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** What {@link #await} saw: how long it drained, and how many requests were still in flight at its end. */
    record Outcome(long drainedMillis, int leftInFlight) {}

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Starts the drain; true the first time only. */
    boolean begin() {
        return draining.compareAndSet(false, true);
    }

    boolean draining() {
        return draining.get();
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Waits the drain period (requests still arriving are served), then until no request is in flight, for at most
     * {@code timeout} in all. Returns early, with what is left, when interrupted.
     */
    Outcome await(Duration drainPeriod, Duration timeout, Sleeper sleeper, Clock clock) {
        long start = clock.millis();
        long drainEnd = start + drainPeriod.toMillis();
        long deadline = start + Math.max(timeout.toMillis(), drainPeriod.toMillis());
        try {
            while (clock.millis() < drainEnd) {
                sleeper.sleep(Math.min(100, drainEnd - clock.millis()));
            }
            while (inFlight.get() > 0 && clock.millis() < deadline) {
                sleeper.sleep(Math.min(50, Math.max(1, deadline - clock.millis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(clock.millis() - start, Math.max(0, inFlight.get()));
    }

    /** Milliseconds, monotonic; a test passes its own. */
    interface Clock {
        long millis();

        Clock SYSTEM = () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** The real sleep. */
    static final Sleeper THREAD_SLEEP = Thread::sleep;
}
