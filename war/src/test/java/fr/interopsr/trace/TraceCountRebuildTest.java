package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which period a rebuild of the dashboard's counts may count again (P-63, P-65): the API's and the console's. */
class TraceCountRebuildTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:42:31Z");

    @Test
    void withoutBoundsItCountsTheLast31DaysButNeverBeforeTheTracesKept() throws Exception {
        assertEquals(
                new TraceCountRebuild.Span(NOW.minus(Duration.ofDays(31)), NOW),
                TraceCountRebuild.span(null, null, NOW, 365));
        assertEquals(
                new TraceCountRebuild.Span(NOW.minus(Duration.ofDays(7)), NOW),
                TraceCountRebuild.span(null, null, NOW, 7),
                "a retention of 7 days: the default period starts at the oldest trace kept, it is not refused");
        Instant to = Instant.parse("2026-12-01T00:00:00Z");
        assertEquals(
                new TraceCountRebuild.Span(to.minus(Duration.ofDays(31)), to),
                TraceCountRebuild.span(null, "2026-12-01T01:00:00+01:00", NOW, 365));
    }

    @Test
    void aFromBeforeTheTracesKeptAnInvertedOrTooLongPeriodAndBadTimesAreRefused() {
        String old = assertThrows(
                        TraceCountRebuild.Refused.class,
                        () -> TraceCountRebuild.span("2026-11-01T00:00:00Z", null, NOW, 7))
                .getMessage();
        assertTrue(old.contains("retention-days (7)"), old);
        assertEquals(
                "from must be before to",
                assertThrows(
                                TraceCountRebuild.Refused.class,
                                () -> TraceCountRebuild.span(NOW.toString(), NOW.toString(), NOW, 365))
                        .getMessage());
        assertEquals(
                "from and to may be at most 62 days apart",
                assertThrows(
                                TraceCountRebuild.Refused.class,
                                () -> TraceCountRebuild.span(
                                        NOW.minus(Duration.ofDays(63)).toString(), null, NOW, 365))
                        .getMessage());
        assertEquals(
                "from must be an RFC 3339 date-time, e.g. 2026-11-23T10:00:00Z",
                assertThrows(TraceCountRebuild.Refused.class, () -> TraceCountRebuild.span("yesterday", null, NOW, 365))
                        .getMessage());
        assertThrows(TraceCountRebuild.Refused.class, () -> TraceCountRebuild.span(null, "x".repeat(5000), NOW, 365));
    }

    @Test
    void theConsolesLastDaysStopAtTheTracesKeptAndAtTheLongestPeriod() {
        assertEquals(
                new TraceCountRebuild.Span(NOW.minus(Duration.ofDays(1)), NOW),
                TraceCountRebuild.lastDays(1, NOW, 365));
        assertEquals(
                new TraceCountRebuild.Span(NOW.minus(Duration.ofDays(31)), NOW),
                TraceCountRebuild.lastDays(31, NOW, 31),
                "as many days as the retention: from its cut-off, not refused");
        assertEquals(
                new TraceCountRebuild.Span(NOW.minus(Duration.ofDays(5)), NOW), TraceCountRebuild.lastDays(31, NOW, 5));
        assertEquals(
                new TraceCountRebuild.Span(NOW.minus(Duration.ofDays(62)), NOW),
                TraceCountRebuild.lastDays(400, NOW, 365));
    }
}
