package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/** The drain of a node told to stop (issue 16, behaviour 7), without a container. */
class GracefulStopTest {

    /** A clock that the sleeper moves, and the sleeps it was asked for. */
    private static final class FakeTime implements Drain.Clock, Drain.Sleeper {
        long now = 1_000;
        final List<Long> sleeps = new ArrayList<>();
        Runnable atEachSleep = () -> {};

        @Override
        public long millis() {
            return now;
        }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            now += millis;
            atEachSleep.run();
        }
    }

    @Test
    void readinessIsDownFromTheStopOnAndSaysWhy() {
        assertEquals(Status.DOWN, StartupReadiness.of(false, false).getStatus());
        assertEquals(
                "starting",
                StartupReadiness.of(false, false).getData().orElseThrow().get("state"));
        assertEquals(Status.UP, StartupReadiness.of(true, false).getStatus());
        assertEquals(
                "started",
                StartupReadiness.of(true, false).getData().orElseThrow().get("state"));
        assertEquals(Status.DOWN, StartupReadiness.of(true, true).getStatus());
        assertEquals(
                "stopping",
                StartupReadiness.of(true, true).getData().orElseThrow().get("state"));
    }

    @Test
    void theDrainBeginsOnce() {
        Drain d = new Drain();
        assertFalse(d.draining());
        assertTrue(d.begin());
        assertTrue(d.draining());
        assertFalse(d.begin(), "a second stop signal does not begin a second drain");
    }

    @Test
    void requestsAreServedThroughTheDrainPeriodThenTheOnesInFlightAreAwaited() {
        Drain d = new Drain();
        FakeTime t = new FakeTime();
        d.begin();
        d.requestStarted(); // in flight when the signal came
        // requests still arrive during the drain period; the last one ends 1.5 s after the period
        t.atEachSleep = () -> {
            if (t.now == 1_000 + 2_000) {
                d.requestStarted();
                d.requestEnded(); // the first one
            }
            if (t.now >= 1_000 + 5_000 + 1_500 && d.inFlight() > 0) {
                d.requestEnded();
            }
        };
        Drain.Outcome o = d.await(Duration.ofSeconds(5), Duration.ofSeconds(30), t, t);
        assertEquals(0, o.leftInFlight());
        assertTrue(o.drainedMillis() >= 6_500 && o.drainedMillis() < 6_600, "drained in " + o.drainedMillis());
    }

    @Test
    void withNothingInFlightTheStopComesRightAfterTheDrainPeriod() {
        Drain d = new Drain();
        FakeTime t = new FakeTime();
        d.begin();
        assertEquals(new Drain.Outcome(5_000, 0), d.await(Duration.ofSeconds(5), Duration.ofSeconds(30), t, t));
        Drain none = new Drain();
        FakeTime t0 = new FakeTime();
        none.begin();
        assertEquals(new Drain.Outcome(0, 0), none.await(Duration.ZERO, Duration.ofSeconds(30), t0, t0));
        assertTrue(t0.sleeps.isEmpty(), "no drain period, nothing in flight: no wait " + t0.sleeps);
    }

    @Test
    void aRequestThatNeverEndsHoldsTheStopNoLongerThanTheTimeout() {
        Drain d = new Drain();
        FakeTime t = new FakeTime();
        d.begin();
        d.requestStarted();
        Drain.Outcome o = d.await(Duration.ofSeconds(5), Duration.ofSeconds(30), t, t);
        assertEquals(1, o.leftInFlight());
        assertEquals(30_000, o.drainedMillis());
    }

    @Test
    void theSignalReachesTheHandlerWhichHoldsTheHandOver() throws Exception {
        // WINCH, not TERM: the handler is this test's, the hand-over (the JVM's shutdown) is never run. Not HUP either:
        // under nohup HUP is ignored, and HotSpot then installs no handler for it (the test failed that way)
        CountDownLatch got = new CountDownLatch(1);
        AtomicReference<Runnable> handOver = new AtomicReference<>();
        Optional<StopSignal> installed = StopSignal.install("WINCH", h -> {
            handOver.set(h);
            got.countDown();
        });
        assertTrue(installed.isPresent(), "the JDK's signal API is reachable from the application's class loader");
        try {
            raise("WINCH");
            assertTrue(got.await(10, TimeUnit.SECONDS), "the handler ran");
            assertNotNull(handOver.get());
        } finally {
            installed.get().restore();
        }
    }

    @Test
    void anUnknownSignalIsAWarningNotAFailedStart() {
        assertTrue(StopSignal.install("NOT-A-SIGNAL", h -> fail("never")).isEmpty());
    }

    private static void raise(String name) throws Exception {
        Class<?> signal = Class.forName("sun.misc.Signal");
        signal.getMethod("raise", signal)
                .invoke(null, signal.getConstructor(String.class).newInstance(name));
    }
}
