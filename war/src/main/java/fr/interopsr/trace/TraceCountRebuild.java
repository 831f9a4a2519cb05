package fr.interopsr.trace;

import fr.interopsr.platform.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rebuild of the dashboard's counts (P-63, P-65), for {@code POST /admin/api/traces/aggregates/rebuild} and the
 * console's button alike (D-21: the console calls the service): {@link #span} decides which period may be counted
 * again, {@link #run} traces the admin action first ({@value #REBUILT}), then counts every node chain again from
 * {@code trace_record}, one day per transaction ({@link TraceAggregates#rebuild}).
 */
@ApplicationScoped
public class TraceCountRebuild {

    /** The period counted again when none is given. */
    public static final int DEFAULT_DAYS = 31;
    /** The longest period one call counts again. */
    public static final int MAX_DAYS = 62;
    /** The admin trace's {@code step}. */
    public static final String REBUILT = "trace-counts-rebuilt";

    @Inject
    TraceAggregateStore store;

    @Inject
    AuditorAccess access;

    @Inject
    ServerSettings settings;

    /** The period [from, to) to count again. */
    public record Span(Instant from, Instant to) {}

    /** What was counted: the period widened to whole hours, the traces counted, and each chain's part. */
    public record Result(Instant from, Instant to, long traces, List<TraceAggregates.Rebuilt> chains) {}

    /** A period this call may not count again; the message says why, for the caller. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The period of a call's {@code from} and {@code to} (RFC 3339, either absent): {@code to} defaults to now,
     * {@code from} to {@value #DEFAULT_DAYS} days before {@code to} but never before the traces kept. A {@code from}
     * given before the traces kept ({@code retentionDays}) is refused: the purged traces are not there to be counted
     * again, so their counts would be erased. At most {@value #MAX_DAYS} days.
     */
    public static Span span(String fromParam, String toParam, Instant now, int retentionDays) throws Refused {
        Instant from;
        Instant to;
        try {
            to = TraceParams.time(toParam, "to");
            from = TraceParams.time(fromParam, "from");
        } catch (TraceParams.Invalid e) {
            throw new Refused(e.getMessage());
        }
        Instant kept = now.minus(Duration.ofDays(retentionDays));
        if (to == null) {
            to = now;
        }
        if (from == null) {
            from = to.minus(Duration.ofDays(DEFAULT_DAYS));
            if (from.isBefore(kept)) {
                from = kept;
            }
        }
        if (!from.isBefore(to)) {
            throw new Refused("from must be before to");
        }
        if (from.isBefore(kept)) {
            throw new Refused("from is before " + kept + ": traces older than interops.traces.retention-days ("
                    + retentionDays + ") are purged, and a rebuild would erase their counts");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new Refused("from and to may be at most " + MAX_DAYS + " days apart");
        }
        return new Span(from, to);
    }

    /**
     * The last {@code days} days up to {@code now}, from the traces kept on (at most {@value #MAX_DAYS} days).
     */
    public static Span lastDays(int days, Instant now, int retentionDays) {
        int d = Math.max(1, Math.min(days, MAX_DAYS));
        Instant from = now.minus(Duration.ofDays(d));
        Instant kept = now.minus(Duration.ofDays(retentionDays));
        return new Span(from.isBefore(kept) ? kept : from, now);
    }

    /** {@link #lastDays} now, with this server's retention. */
    public Span lastDays(int days) {
        return lastDays(days, Instant.now(), settings.traceRetentionDays());
    }

    /** {@link #span} with this server's retention. */
    public Span span(String fromParam, String toParam) throws Refused {
        return span(fromParam, toParam, Instant.now(), settings.traceRetentionDays());
    }

    /**
     * Traces the rebuild as {@code actor}'s admin action, committed first (nothing is counted when it cannot be:
     * {@link TraceUnavailable}), then counts the span again.
     */
    public Result run(String actor, Span span) throws TraceUnavailable, SQLException {
        access.record(actor, REBUILT, "counts of " + span.from() + " to " + span.to());
        List<TraceAggregates.Rebuilt> rebuilt = store.rebuild(span.from(), span.to());
        long total = 0;
        for (TraceAggregates.Rebuilt r : rebuilt) {
            total += r.traces();
        }
        Instant start = TraceAggregates.Granularity.HOUR.bucket(span.from());
        Instant end = rebuilt.isEmpty() ? span.to() : rebuilt.get(0).to();
        return new Result(start, end, total, rebuilt);
    }
}
