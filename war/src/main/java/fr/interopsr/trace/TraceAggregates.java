package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's counts of traces (issue 18 §2, P-63): per node chain, per minute and per hour, by kind, status,
 * convention, error code and validation step, in the table {@code trace_aggregate} (migration V14). The journal adds
 * the counts of each batch in that batch's transaction ({@link #add}), after it has moved its chain's head, so that
 * the counts never differ from the committed traces and a failed batch counts nothing; {@link #rebuild} counts a
 * period again from {@code trace_record}, under the same row lock of the chain's head. Plain JDBC (D-25 allows it
 * for the journal), plain Java: the journal, the admin API and the bench share it.
 */
public final class TraceAggregates {

    /** The size of a bucket: a minute for the hour and day views, an hour for the month view. */
    public enum Granularity {
        MINUTE("M", ChronoUnit.MINUTES),
        HOUR("H", ChronoUnit.HOURS);

        private final String code;
        private final ChronoUnit unit;

        Granularity(String code, ChronoUnit unit) {
            this.code = code;
            this.unit = unit;
        }

        /** The value of the {@code granularity} column. */
        public String code() {
            return code;
        }

        public ChronoUnit unit() {
            return unit;
        }

        /** The start of the bucket that holds {@code t} (UTC: minutes and hours of the epoch). */
        public Instant bucket(Instant t) {
            return t.truncatedTo(unit);
        }
    }

    /** The {@code kind} of a verification made by the introspection endpoint (it is not a call to the API). */
    public static final String INTROSPECTION = "INTROSPECTION";

    /** What a key column holds when the trace has no value there. */
    static final String NONE = "";

    /** The widths of the key columns (those of {@code trace_record}, migration V1 and V2). */
    static final int CONVENTION_WIDTH = 64;

    static final int ERROR_WIDTH = 64;
    static final int STEP_WIDTH = 32;

    /** One row of {@code trace_aggregate}: which traces it counts. */
    public record Key(
            String chain,
            Granularity granularity,
            Instant bucket,
            String kind,
            String status,
            String conventionId,
            String errorCode,
            String step) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::chain)
            .thenComparing(Key::granularity)
            .thenComparing(Key::bucket)
            .thenComparing(Key::kind)
            .thenComparing(Key::status)
            .thenComparing(Key::conventionId)
            .thenComparing(Key::errorCode)
            .thenComparing(Key::step);

    private TraceAggregates() {}

    /**
     * The dashboard's kind of a trace: its kind, but {@link #INTROSPECTION} for a verification whose target is the
     * introspection endpoint ({@code docs/traces.md}: it is traced as a VI_VERIFICATION, yet is not an API call).
     */
    public static String kindOf(String kind, String targetUrl) {
        if (TraceKind.VI_VERIFICATION.name().equals(kind) && targetUrl != null) {
            String path = targetUrl;
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            if (path.endsWith("/idp/introspect")) {
                return INTROSPECTION;
            }
        }
        return kind;
    }

    /** Adds one trace to {@code counts}, in its minute and in its hour. */
    static void count(
            Map<Key, Long> counts,
            String chain,
            Instant occurredAt,
            String kind,
            String status,
            String conventionId,
            String errorCode,
            String step,
            String targetUrl) {
        String k = kindOf(kind, targetUrl);
        String conv = column(conventionId, CONVENTION_WIDTH);
        String error = column(errorCode, ERROR_WIDTH);
        String s = column(step, STEP_WIDTH);
        for (Granularity g : Granularity.values()) {
            counts.merge(new Key(chain, g, g.bucket(occurredAt), k, status, conv, error, s), 1L, Long::sum);
        }
    }

    /** The counts of a batch of one chain's records, in both granularities. */
    public static Map<Key, Long> count(String chain, List<TraceRecord> records) {
        Map<Key, Long> counts = new HashMap<>();
        for (TraceRecord r : records) {
            count(
                    counts,
                    chain,
                    r.occurredAt().toInstant(),
                    r.kind().name(),
                    r.status().name(),
                    r.conventionId(),
                    r.errorCode(),
                    r.step(),
                    r.targetUrl());
        }
        return counts;
    }

    static String column(String value, int width) {
        if (value == null) {
            return NONE;
        }
        return value.length() <= width ? value : value.substring(0, width);
    }

    private static final String UPDATE = "UPDATE trace_aggregate SET traces = traces + ? WHERE chain = ?"
            + " AND granularity = ? AND bucket_start = ? AND kind = ? AND status = ? AND convention_id = ?"
            + " AND error_code = ? AND step = ?";
    private static final String INSERT = "INSERT INTO trace_aggregate (chain, granularity, bucket_start, kind, status,"
            + " convention_id, error_code, step, traces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Adds the counts to their rows, in the caller's transaction: an UPDATE of each row, then an INSERT of those
     * that were not there, each as one JDBC batch (the same statements on H2 and PostgreSQL). Each node writes only
     * its own chain's rows, from its one writer thread, after its chain's head (whose row lock {@link #rebuild}
     * takes too): no two transactions insert the same row.
     */
    public static void add(Connection c, Map<Key, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.comparingByKey(ORDER));
        List<Map.Entry<Key, Long>> missing = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(UPDATE)) {
            for (Map.Entry<Key, Long> row : rows) {
                p.setLong(1, row.getValue());
                bindKey(p, 2, row.getKey());
                p.addBatch();
            }
            int[] updated = p.executeBatch();
            for (int i = 0; i < rows.size(); i++) {
                int n = i < updated.length ? updated[i] : Statement.EXECUTE_FAILED;
                if (n < 0) {
                    // H2 and PostgreSQL (D-24) report every count; a driver that does not cannot be used here
                    throw new SQLException(
                            "the JDBC driver did not report how many rows an UPDATE changed (" + n + ")");
                }
                if (n == 0) {
                    missing.add(rows.get(i));
                }
            }
        }
        insert(c, missing);
    }

    private static void insert(Connection c, List<Map.Entry<Key, Long>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            for (Map.Entry<Key, Long> row : rows) {
                bindKey(p, 1, row.getKey());
                p.setLong(9, row.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void bindKey(PreparedStatement p, int from, Key k) throws SQLException {
        int i = from;
        p.setString(i++, k.chain());
        p.setString(i++, k.granularity().code());
        p.setObject(i++, OffsetDateTime.ofInstant(k.bucket(), ZoneOffset.UTC));
        p.setString(i++, k.kind());
        p.setString(i++, k.status());
        p.setString(i++, k.conventionId());
        p.setString(i++, k.errorCode());
        p.setString(i, k.step());
    }

    // ------------------------------------------------------------------ rebuild

    /** The part of a period a rebuild counts in one transaction: whole hours, so no hour bucket is split. */
    static final java.time.Duration SLICE = java.time.Duration.ofDays(1);

    /** What a rebuild counted for one chain. */
    public record Rebuilt(String chain, Instant from, Instant to, long traces, int rows) {}

    /**
     * Counts again, from {@code trace_record}, every node chain's traces of [{@code from}, {@code to}), widened to
     * whole hours: for each chain and each day of the period ({@link #SLICE}), in one transaction of its own, under the
     * row lock of the chain's head (which the
     * journal's batch takes before it adds its counts, so neither misses nor doubles the other's traces), the rows
     * of the period are deleted and written again. Traces already purged (retention) are not there to be counted:
     * {@code from} should not go below the retention cut-off (the admin call refuses it). Commits; the connection
     * must not be in a JTA transaction.
     */
    public static List<Rebuilt> rebuild(Connection c, Instant from, Instant to) throws SQLException {
        Instant start = Granularity.HOUR.bucket(from);
        Instant end = Granularity.HOUR.bucket(to);
        if (end.isBefore(to)) {
            end = end.plus(1, ChronoUnit.HOURS);
        }
        List<String> chains = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT chain FROM trace_chain_head WHERE chain LIKE 'node:%' ORDER BY chain")) {
            while (r.next()) {
                chains.add(r.getString(1));
            }
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        List<Rebuilt> out = new ArrayList<>();
        try {
            for (String chain : chains) {
                long traces = 0;
                int rows = 0;
                // one slice a transaction: the chain's head is locked for a day's traces at a time, not the whole
                // period's, so this node's journal batches (and the requests waiting on them) wait a fraction of a
                // second, never the seconds a month's count takes (a request's trace waits 10 s at most, then 503)
                for (Instant slice = start; slice.isBefore(end); slice = slice.plus(SLICE)) {
                    Instant sliceEnd = slice.plus(SLICE).isBefore(end) ? slice.plus(SLICE) : end;
                    Rebuilt part = rebuildChain(c, chain, slice, sliceEnd);
                    c.commit();
                    traces += part.traces();
                    rows += part.rows();
                }
                out.add(new Rebuilt(chain, start, end, traces, rows));
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return out;
    }

    private static Rebuilt rebuildChain(Connection c, String chain, Instant start, Instant end) throws SQLException {
        OffsetDateTime from = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.ofInstant(end, ZoneOffset.UTC);
        try (PreparedStatement lock =
                c.prepareStatement("SELECT last_seq FROM trace_chain_head WHERE chain = ? FOR UPDATE")) {
            lock.setString(1, chain);
            try (ResultSet r = lock.executeQuery()) {
                r.next();
            }
        }
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM trace_aggregate WHERE chain = ? AND bucket_start >= ? AND bucket_start < ?")) {
            d.setString(1, chain);
            d.setObject(2, from);
            d.setObject(3, to);
            d.executeUpdate();
        }
        Map<Key, Long> counts = new HashMap<>();
        long traces = 0;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT occurred_at, kind, status, convention_id, error_code, step, target_url FROM trace_record"
                        + " WHERE chain = ? AND occurred_at >= ? AND occurred_at < ?")) {
            q.setFetchSize(5000);
            q.setString(1, chain);
            q.setObject(2, from);
            q.setObject(3, to);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    count(
                            counts,
                            chain,
                            r.getObject(1, OffsetDateTime.class).toInstant(),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            r.getString(7));
                    traces++;
                }
            }
        }
        List<Map.Entry<Key, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.comparingByKey(ORDER));
        for (int i = 0; i < rows.size(); i += 5000) {
            insert(c, rows.subList(i, Math.min(rows.size(), i + 5000)));
        }
        return new Rebuilt(chain, start, end, traces, rows.size());
    }

    // ------------------------------------------------------------------ retention

    /** How long minute rows are kept: the day view's day, and one more (P-65). */
    public static final java.time.Duration MINUTES_KEPT = java.time.Duration.ofDays(2);

    /** How long hour rows are kept: the month view's 30 days, twice (P-65). */
    public static final java.time.Duration HOURS_KEPT = java.time.Duration.ofDays(62);

    /**
     * Deletes the minute rows older than {@code minutesBefore} and the hour rows older than {@code hoursBefore}
     * (P-65: counts outlive the traces they count only as long as the dashboard shows them).
     */
    public static long prune(Connection c, Instant minutesBefore, Instant hoursBefore) throws SQLException {
        long removed = 0;
        try (PreparedStatement d =
                c.prepareStatement("DELETE FROM trace_aggregate WHERE granularity = ? AND bucket_start < ?")) {
            d.setString(1, Granularity.MINUTE.code());
            d.setObject(2, OffsetDateTime.ofInstant(minutesBefore, ZoneOffset.UTC));
            removed += d.executeUpdate();
            d.setString(1, Granularity.HOUR.code());
            d.setObject(2, OffsetDateTime.ofInstant(hoursBefore, ZoneOffset.UTC));
            removed += d.executeUpdate();
        }
        return removed;
    }

    // ------------------------------------------------------------------ reading

    /** The traces of one bucket of one kind and status, every node together. */
    public record BucketCount(Instant bucket, String kind, String status, long traces) {}

    /** The traces of the whole period with these values, every node and bucket together. */
    public record Total(String kind, String status, String conventionId, String errorCode, String step, long traces) {}

    /** What the dashboard reads for a period: per bucket, and in total by convention, error and step. */
    public record Counts(List<BucketCount> buckets, List<Total> totals) {}

    /** The counts of every node for buckets of this size that start in [{@code from}, {@code to}). */
    public static Counts read(Connection c, Granularity g, Instant from, Instant to) throws SQLException {
        OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        OffsetDateTime end = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
        List<BucketCount> buckets = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT bucket_start, kind, status, SUM(traces)"
                + " FROM trace_aggregate WHERE granularity = ? AND bucket_start >= ? AND bucket_start < ?"
                + " GROUP BY bucket_start, kind, status")) {
            p.setString(1, g.code());
            p.setObject(2, start);
            p.setObject(3, end);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    buckets.add(new BucketCount(
                            r.getObject(1, OffsetDateTime.class).toInstant(),
                            r.getString(2),
                            r.getString(3),
                            r.getLong(4)));
                }
            }
        }
        List<Total> totals = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT kind, status, convention_id, error_code, step, SUM(traces) FROM trace_aggregate"
                        + " WHERE granularity = ? AND bucket_start >= ? AND bucket_start < ?"
                        + " GROUP BY kind, status, convention_id, error_code, step")) {
            p.setString(1, g.code());
            p.setObject(2, start);
            p.setObject(3, end);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    totals.add(new Total(
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getLong(6)));
                }
            }
        }
        return new Counts(buckets, totals);
    }

    /** The traces counted for each chain in [{@code from}, {@code to}) at this granularity (tests, the bench). */
    public static Map<String, Long> perChain(Connection c, Granularity g, Instant from, Instant to)
            throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT chain, SUM(traces) FROM trace_aggregate"
                + " WHERE granularity = ? AND bucket_start >= ? AND bucket_start < ? GROUP BY chain")) {
            p.setString(1, g.code());
            p.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            p.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the journals' own reports

    /** What a node's journal last reported of itself on its chain's head (migration V14). */
    public record JournalReport(String chain, Long lagMillis, Integer queueDepth, Instant reportedAt) {}

    /** The journal's report, written with each batch (in its transaction) and by {@link TraceWriter#report}. */
    static void report(Connection c, String chain, long lagMillis, int queueDepth, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE trace_chain_head SET lag_millis = ?, queue_depth = ?, reported_at = ? WHERE chain = ?")) {
            p.setLong(1, lagMillis);
            p.setInt(2, queueDepth);
            p.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            p.setString(4, chain);
            p.executeUpdate();
        }
    }

    /** Every node chain's last report, by chain. */
    public static List<JournalReport> reports(Connection c) throws SQLException {
        List<JournalReport> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT chain, lag_millis, queue_depth, reported_at FROM trace_chain_head"
                        + " WHERE chain LIKE 'node:%' ORDER BY chain")) {
            while (r.next()) {
                long lag = r.getLong(2);
                Long lagMillis = r.wasNull() ? null : lag;
                int depth = r.getInt(3);
                Integer queue = r.wasNull() ? null : depth;
                OffsetDateTime at = r.getObject(4, OffsetDateTime.class);
                out.add(new JournalReport(r.getString(1), lagMillis, queue, at == null ? null : at.toInstant()));
            }
        }
        return out;
    }
}
