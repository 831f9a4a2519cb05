package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the alarm: a check that finds the journal broken logs one SEVERE line with the number of problems and
 * the first ones, and sets the gauges; an intact one clears them; the checks are counted by outcome.
 */
class VerificationAlarmTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger("VerificationAlarmTest." + System.nanoTime());
    private final VerificationAlarm alarm;

    VerificationAlarmTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        alarm = new VerificationAlarm(registry, log);
    }

    @AfterEach
    void detach() {
        for (Handler h : log.getHandlers()) {
            log.removeHandler(h);
        }
    }

    private static EvidenceProblem problem(EvidenceProblem.Kind kind, String chain, long from, long to) {
        return new EvidenceProblem(kind, chain, from, to, null, "seen " + from + "\nnext line");
    }

    private static TraceAudit.Report broken() {
        return new TraceAudit.Report(
                false,
                100,
                4,
                false,
                0,
                List.of(
                        new TraceAudit.ChainReport(
                                "admin",
                                false,
                                0,
                                0,
                                1,
                                9,
                                List.of(problem(EvidenceProblem.Kind.CHAIN_MISSING, "admin", 1, 9)),
                                0),
                        new TraceAudit.ChainReport(
                                "node:a",
                                false,
                                100,
                                120,
                                1,
                                120,
                                List.of(
                                        problem(EvidenceProblem.Kind.MISSING, "node:a", 3, 4),
                                        problem(EvidenceProblem.Kind.ALTERED, "node:a", 7, 7)),
                                5)),
                List.of(problem(EvidenceProblem.Kind.CHECKPOINT_MISSING, "node:a", 2, 2)));
    }

    private static TraceAudit.Report intact() {
        return new TraceAudit.Report(
                true,
                130,
                5,
                true,
                5,
                List.of(new TraceAudit.ChainReport("node:a", true, 130, 130, 1, 130, List.of(), 0)),
                List.of());
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double checks(String outcome) {
        return registry.get("interops.trace.verifications")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void beforeAnyCheckTheJournalIsNotReportedBroken() {
        assertEquals(1, gauge("interops.trace.verification.intact"));
        assertEquals(0, gauge("interops.trace.verification.problems"));
        assertEquals(0, gauge("interops.trace.verification.timestamp"));
        String text = registry.scrape();
        assertTrue(text.contains("interops_trace_verification_intact 1.0"), text);
        assertTrue(text.contains("interops_trace_verifications_total{outcome=\"broken\"} 0.0"), text);
        assertTrue(text.contains("interops_trace_verification_duration_seconds 0.0"), text);
        assertTrue(text.contains("interops_trace_verification_timestamp_seconds 0.0"), text);
    }

    @Test
    void aBrokenJournalRaisesTheAlarmInOneSevereLineAndTheGauges() {
        Instant at = Instant.parse("2026-12-05T12:00:00Z");
        assertEquals(
                VerificationAlarm.Outcome.BROKEN,
                alarm.checked("job 42 by alice", broken(), Duration.ofMillis(2500), at));
        assertEquals(1, logged.size());
        LogRecord r = logged.get(0);
        assertEquals(Level.SEVERE, r.getLevel());
        String line = r.getMessage();
        assertEquals(
                "TRACE JOURNAL NOT INTACT (job 42 by alice): 9 problem(s); first:"
                        + " checkpoint-missing node:a 2: seen 2 next line"
                        + " | chain-missing admin 1..9: seen 1 next line"
                        + " | missing node:a 3..4: seen 3 next line | … 6 more",
                line);
        assertTrue(!line.contains("\n"));
        assertEquals(0, gauge("interops.trace.verification.intact"));
        assertEquals(9, gauge("interops.trace.verification.problems"), "4 listed and 5 more");
        assertEquals(100, gauge("interops.trace.verification.records"));
        assertEquals(2.5, gauge("interops.trace.verification.duration"));
        assertEquals(at.getEpochSecond(), gauge("interops.trace.verification.timestamp"));
        assertEquals(1, checks("broken"));
        String text = registry.scrape();
        assertTrue(text.contains("interops_trace_verification_intact 0.0"), text);
        assertTrue(text.contains("interops_trace_verification_problems 9.0"), text);
        assertTrue(text.contains("interops_trace_verifications_total{outcome=\"broken\"} 1.0"), text);

        // the next check finds it intact again (repaired, restored): the gauges follow, no SEVERE line
        assertEquals(
                VerificationAlarm.Outcome.INTACT,
                alarm.checked("scheduled job 43", intact(), Duration.ofSeconds(1), at.plusSeconds(60)));
        assertEquals(2, logged.size());
        assertEquals(Level.INFO, logged.get(1).getLevel());
        assertTrue(
                logged.get(1).getMessage().contains("intact, 130 record(s) of 1 chain(s)"),
                logged.get(1).getMessage());
        assertEquals(1, gauge("interops.trace.verification.intact"));
        assertEquals(0, gauge("interops.trace.verification.problems"));
        assertEquals(1, checks("intact"));
        assertEquals(1, checks("broken"));
    }

    @Test
    void aCheckThatCannotRunIsCountedAndLeavesTheLastOutcome() {
        alarm.checked("GET by alice", broken(), Duration.ofSeconds(1), Instant.now());
        alarm.failed("GET by bob", new IllegalStateException("traces unreadable: connection refused"));
        assertEquals(1, checks("failed"));
        assertEquals(0, gauge("interops.trace.verification.intact"), "still the last completed check's");
        assertEquals(Level.WARNING, logged.get(1).getLevel());
        assertTrue(logged.get(1).getMessage().contains("connection refused"));
    }

    @Test
    void aBrokenReportWithoutListedProblemsStillSaysSo() {
        TraceAudit.Report report = new TraceAudit.Report(false, 0, 0, false, 0, List.of(), List.of());
        assertEquals("TRACE JOURNAL NOT INTACT (x): 0 problem(s)", VerificationAlarm.severeLine("x", report, 0));
    }
}
