package fr.interopsr.admin.console;

import fr.interopsr.trace.TraceAggregates;
import fr.interopsr.trace.TraceAggregates.Granularity;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of the dashboard (issue 18 §2) from the counts of every node ({@link TraceAggregates}): per bucket,
 * tokens issued and refused ({@code VI_GENERATION}) and API calls accepted and refused ({@code VI_VERIFICATION} of
 * {@code /api/}, introspection left apart); refusals by error code and by validation step; the conventions with the
 * most traffic and the most refusals; each node's journal lag as it last reported it. Plain Java.
 */
public final class Dashboard {

    /** The conventions listed in each top list. */
    public static final int TOP = 10;

    /** A node whose journal has not reported for this long is shown as silent (it reports every 5 s when idle). */
    public static final Duration SILENT = Duration.ofSeconds(30);

    /** The periods the page offers: the last hour and day by minute, the last month (30 days) by hour. */
    public enum Period {
        HOUR("hour", Granularity.MINUTE, 60),
        DAY("day", Granularity.MINUTE, 1440),
        MONTH("month", Granularity.HOUR, 720);

        private final String param;
        private final Granularity granularity;
        private final int buckets;

        Period(String param, Granularity granularity, int buckets) {
            this.param = param;
            this.granularity = granularity;
            this.buckets = buckets;
        }

        public String param() {
            return param;
        }

        public Granularity granularity() {
            return granularity;
        }

        public int buckets() {
            return buckets;
        }

        /** The period a query parameter names; the hour when none is given; empty when it names none. */
        public static Optional<Period> of(String param) {
            if (param == null || param.isEmpty()) {
                return Optional.of(HOUR);
            }
            for (Period p : values()) {
                if (p.param.equals(param)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** The buckets shown: {@code buckets} of the period's size, the last one holding {@code now}. */
    public record Window(Period period, Instant from, Instant to) {
        public static Window of(Period p, Instant now) {
            Instant to = p.granularity().bucket(now).plus(1, p.granularity().unit());
            return new Window(p, to.minus(p.buckets(), p.granularity().unit()), to);
        }

        /** The start of bucket {@code i}. */
        public Instant bucket(int i) {
            return from.plus(i, period.granularity().unit());
        }

        /** The index of the bucket that starts at {@code t}, or -1 outside the window. */
        int index(Instant t) {
            if (t.isBefore(from) || !t.isBefore(to)) {
                return -1;
            }
            return (int) period.granularity().unit().between(from, t);
        }
    }

    /** A count of refusals: the side that refused (token endpoint or API), and the code or step. */
    public record Refusals(String kind, String label, long count) {}

    /** A convention's traffic (tokens asked and API calls) and refusals over the period. */
    public record ConventionTraffic(String conventionId, long traffic, long refused) {}

    /** Everything the page draws. */
    public record Figures(
            Window window,
            long[] issued,
            long[] tokensRefused,
            long[] apiAccepted,
            long[] apiRefused,
            long introspections,
            List<Refusals> byErrorCode,
            List<Refusals> byStep,
            List<ConventionTraffic> mostTraffic,
            List<ConventionTraffic> mostRefused) {

        public long total(long[] series) {
            long t = 0;
            for (long v : series) {
                t += v;
            }
            return t;
        }
    }

    private Dashboard() {}

    static final String TOKENS = TraceKind.VI_GENERATION.name();
    static final String API = TraceKind.VI_VERIFICATION.name();
    static final String FAILURE = TraceStatus.FAILURE.name();

    /** The figures of the window from the counts read for it. */
    public static Figures figures(Window w, TraceAggregates.Counts counts, int top) {
        int n = w.period().buckets();
        long[] issued = new long[n];
        long[] tokensRefused = new long[n];
        long[] apiAccepted = new long[n];
        long[] apiRefused = new long[n];
        for (TraceAggregates.BucketCount b : counts.buckets()) {
            int i = w.index(b.bucket());
            if (i < 0) {
                continue;
            }
            boolean refused = FAILURE.equals(b.status());
            if (TOKENS.equals(b.kind())) {
                (refused ? tokensRefused : issued)[i] += b.traces();
            } else if (API.equals(b.kind())) {
                (refused ? apiRefused : apiAccepted)[i] += b.traces();
            }
        }
        Map<List<String>, Long> byError = new HashMap<>();
        Map<String, Long> byStep = new HashMap<>();
        Map<String, long[]> conventions = new HashMap<>();
        long introspections = 0;
        for (TraceAggregates.Total t : counts.totals()) {
            if (TraceAggregates.INTROSPECTION.equals(t.kind())) {
                introspections += t.traces();
                continue;
            }
            if (!TOKENS.equals(t.kind()) && !API.equals(t.kind())) {
                continue;
            }
            boolean refused = FAILURE.equals(t.status());
            long[] c = conventions.computeIfAbsent(t.conventionId(), k -> new long[2]);
            c[0] += t.traces();
            if (refused) {
                c[1] += t.traces();
                byError.merge(List.of(t.kind(), t.errorCode()), t.traces(), Long::sum);
                if (API.equals(t.kind())) {
                    byStep.merge(t.step(), t.traces(), Long::sum);
                }
            }
        }
        List<Refusals> errors = new ArrayList<>();
        byError.forEach((k, v) -> errors.add(new Refusals(k.get(0), k.get(1), v)));
        errors.sort(Comparator.comparingLong(Refusals::count).reversed().thenComparing(Refusals::label));
        List<Refusals> steps = new ArrayList<>();
        byStep.forEach((k, v) -> steps.add(new Refusals(API, k, v)));
        steps.sort(Comparator.comparingLong(Refusals::count).reversed().thenComparing(Refusals::label));
        List<ConventionTraffic> all = new ArrayList<>();
        conventions.forEach((k, v) -> all.add(new ConventionTraffic(k, v[0], v[1])));
        List<ConventionTraffic> traffic = all.stream()
                .sorted(Comparator.comparingLong(ConventionTraffic::traffic)
                        .reversed()
                        .thenComparing(ConventionTraffic::conventionId))
                .limit(top)
                .toList();
        List<ConventionTraffic> refused = all.stream()
                .filter(c -> c.refused() > 0)
                .sorted(Comparator.comparingLong(ConventionTraffic::refused)
                        .reversed()
                        .thenComparing(ConventionTraffic::conventionId))
                .limit(top)
                .toList();
        return new Figures(
                w, issued, tokensRefused, apiAccepted, apiRefused, introspections, errors, steps, traffic, refused);
    }

    /** A node's journal as it last reported itself. */
    public record NodeLag(String node, Long lagMillis, Integer queueDepth, Instant reportedAt, boolean silent) {}

    /** Each node chain's report; {@code silent} when it has not reported for {@link #SILENT}. */
    public static List<NodeLag> lags(List<TraceAggregates.JournalReport> reports, Instant now) {
        List<NodeLag> out = new ArrayList<>();
        for (TraceAggregates.JournalReport r : reports) {
            String node = r.chain().startsWith("node:") ? r.chain().substring(5) : r.chain();
            boolean silent =
                    r.reportedAt() == null || r.reportedAt().plus(SILENT).isBefore(now);
            out.add(new NodeLag(node, r.lagMillis(), r.queueDepth(), r.reportedAt(), silent));
        }
        return out;
    }

    /** A certificate that expires soon: whose it is (a convention, or the server's), what it is, and its dates. */
    public record Expiring(String owner, String source, String subjectDn, String sha256, Instant notAfter) {}
}
