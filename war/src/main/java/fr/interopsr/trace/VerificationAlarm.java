package fr.interopsr.trace;

import fr.interopsr.metrics.MetricsFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The alarm of the journal's check (issue 15, {@code docs/monitoring.md}): every check this node runs (the API's
 * {@code GET}, a job, the scheduled check) ends here. A journal found broken is logged in one line at
 * {@code SEVERE} ({@value #SEVERE_PREFIX} …, with the number of problems and the first {@value #FIRST} of them),
 * and sets the gauges {@code interops_trace_verification_intact} (0) and {@code interops_trace_verification_problems};
 * {@code interops_trace_verifications_total} counts the checks by outcome ({@code intact}, {@code broken},
 * {@code failed}: the check could not run to its end).
 */
public final class VerificationAlarm {

    /** The start of the SEVERE line, for log alerts. */
    public static final String SEVERE_PREFIX = "TRACE JOURNAL NOT INTACT";

    /** How many problems the SEVERE line names. */
    static final int FIRST = 3;

    private static final Logger LOG = Logger.getLogger(VerificationAlarm.class.getName());

    /** The outcome of one check. */
    public enum Outcome {
        INTACT,
        BROKEN,
        FAILED
    }

    private final Logger log;
    private final Counter[] checks = new Counter[Outcome.values().length];
    /** 1 until a check of this node finds the journal broken, then the last check's outcome. */
    private final AtomicLong intact = new AtomicLong(1);

    private final AtomicLong problems = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong lastMillis = new AtomicLong();
    private final AtomicLong durationMillis = new AtomicLong();

    public VerificationAlarm(MeterRegistry registry) {
        this(registry, LOG);
    }

    VerificationAlarm(MeterRegistry registry, Logger log) {
        this.log = log;
        for (Outcome o : Outcome.values()) {
            checks[o.ordinal()] = Counter.builder("interops.trace.verifications")
                    .description(
                            "Checks of the whole trace journal run by this node (API, jobs, scheduled), by outcome")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("interops.trace.verification.intact", intact, AtomicLong::get)
                .description("0 when this node's last check found the trace journal broken, else 1")
                .strongReference(true)
                .register(registry);
        Gauge.builder("interops.trace.verification.problems", problems, AtomicLong::get)
                .description("Problems found by this node's last completed check of the trace journal")
                .strongReference(true)
                .register(registry);
        Gauge.builder("interops.trace.verification.records", records, AtomicLong::get)
                .description("Records walked by this node's last completed check of the trace journal")
                .strongReference(true)
                .register(registry);
        Gauge.builder("interops.trace.verification.duration", durationMillis, m -> m.get() / 1000.0)
                .description("Duration of this node's last completed check of the trace journal")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("interops.trace.verification.timestamp", lastMillis, m -> m.get() / 1000.0)
                .description("When this node's last check of the trace journal ended (epoch seconds; 0: none yet)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /** The number of problems of a report: those listed and those left out of each chain's list. */
    public static long problemCount(TraceAudit.Report report) {
        long n = report.problems().size();
        for (TraceAudit.ChainReport c : report.chains()) {
            n += c.moreProblems();
        }
        return n;
    }

    /**
     * A completed check: {@code source} says who ran it ({@code GET by alice}, {@code job 3f2… by scheduler}).
     * Returns its outcome.
     */
    public Outcome checked(String source, TraceAudit.Report report, Duration took, Instant at) {
        long count = problemCount(report);
        Outcome outcome = report.intact() ? Outcome.INTACT : Outcome.BROKEN;
        try {
            checks[outcome.ordinal()].increment();
            intact.set(report.intact() ? 1 : 0);
            problems.set(count);
            records.set(report.records());
            durationMillis.set(took.toMillis());
            lastMillis.set(at.toEpochMilli());
        } catch (RuntimeException e) {
            MetricsFailures.swallow("trace verification", e);
        }
        if (report.intact()) {
            log.info("trace journal check (" + source + "): intact, " + report.records() + " record(s) of "
                    + report.chains().size() + " chain(s), " + report.rounds() + " checkpoint round(s)"
                    + (report.outsideCompared()
                            ? ", " + report.outsideCheckpoints() + " checkpoint(s) kept outside compared"
                            : "")
                    + ", in " + took.toMillis() + " ms");
        } else {
            log.severe(severeLine(source, report, count));
        }
        return outcome;
    }

    /** A check that could not run to its end (the database unreadable, …). */
    public void failed(String source, Throwable e) {
        try {
            checks[Outcome.FAILED.ordinal()].increment();
        } catch (RuntimeException m) {
            MetricsFailures.swallow("trace verification", m);
        }
        log.log(Level.WARNING, "trace journal check (" + source + ") failed: " + e.getMessage(), e);
    }

    /** The one SEVERE line of a broken journal: its problems' count and the first {@value #FIRST}. */
    static String severeLine(String source, TraceAudit.Report report, long count) {
        List<EvidenceProblem> all = report.problems();
        StringBuilder b = new StringBuilder(SEVERE_PREFIX)
                .append(" (")
                .append(source)
                .append("): ")
                .append(count)
                .append(" problem(s)");
        if (!all.isEmpty()) {
            b.append("; first: ");
            for (int i = 0; i < Math.min(FIRST, all.size()); i++) {
                b.append(i == 0 ? "" : " | ").append(all.get(i));
            }
            if (count > FIRST) {
                b.append(" | … ").append(count - FIRST).append(" more");
            }
        }
        return b.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
