package fr.interopsr.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code trace_verification_job} (migration V11) in plain JDBC, the same on H2 and PostgreSQL: the jobs
 * of the journal's check and their results, so that any node answers a poll (issue 15).
 */
public final class VerificationJobStore {

    /** SQLSTATE of a unique constraint violated (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final int ERROR_LENGTH = 2000;

    private static final String COLUMNS = "id, requested_by, requested_at, node, status, outside_lines,"
            + " scheduled_slot, started_at, heartbeat_at, finished_at, intact, problems";

    private VerificationJobStore() {}

    /** Inserts a new job (its state as given). */
    public static void insert(Connection c, VerificationJob job) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trace_verification_job (" + COLUMNS
                + ", result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, job.id());
            p.setString(2, cut(job.requestedBy(), 256));
            time(p, 3, job.requestedAt());
            p.setString(4, cut(job.node(), 80));
            p.setString(5, job.status().name());
            if (job.outsideLines() == null) {
                p.setNull(6, Types.INTEGER);
            } else {
                p.setInt(6, job.outsideLines());
            }
            if (job.scheduledSlot() == null) {
                p.setNull(7, Types.BIGINT);
            } else {
                p.setLong(7, job.scheduledSlot());
            }
            time(p, 8, job.startedAt());
            time(p, 9, job.heartbeatAt());
            time(p, 10, job.finishedAt());
            if (job.intact() == null) {
                p.setNull(11, Types.BOOLEAN);
            } else {
                p.setBoolean(11, job.intact());
            }
            if (job.problems() == null) {
                p.setNull(12, Types.BIGINT);
            } else {
                p.setLong(12, job.problems());
            }
            p.setString(13, job.result());
            p.setString(14, cut(job.error(), ERROR_LENGTH));
            p.executeUpdate();
        }
    }

    /**
     * Inserts the scheduled check of a period; false when a job of that period ({@code scheduled_slot}) is there
     * already: another node took it.
     */
    public static boolean insertScheduled(Connection c, VerificationJob job) throws SQLException {
        if (job.scheduledSlot() == null) {
            throw new IllegalArgumentException("a scheduled job has its period");
        }
        try (PreparedStatement p =
                c.prepareStatement("SELECT COUNT(*) FROM trace_verification_job WHERE scheduled_slot = ?")) {
            p.setLong(1, job.scheduledSlot());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                    return false;
                }
            }
        }
        try {
            insert(c, job);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // another node inserted it between the two statements
            }
            throw e;
        }
    }

    /**
     * When the scheduled check of {@code slot} is held by a node that fell silent (queued or running, no sign of life
     * since {@code silentSince}), marks that job failed, naming the node that takes the period over, and frees the
     * period for {@link #insertScheduled} (P-35). Returns the id of the job released; empty when there is none or
     * another node released it first (the update is conditional: one node wins).
     */
    public static Optional<String> releaseAbandonedSlot(
            Connection c, long slot, Instant now, Instant silentSince, String node, String newJob) throws SQLException {
        String id;
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM trace_verification_job WHERE scheduled_slot = ?"
                + " AND status IN ('QUEUED', 'RUNNING') AND COALESCE(heartbeat_at, requested_at) < ?")) {
            p.setLong(1, slot);
            time(p, 2, silentSince);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                id = r.getString(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE trace_verification_job SET status = 'FAILED',"
                + " scheduled_slot = NULL, finished_at = ?, error = ? WHERE id = ? AND scheduled_slot = ?"
                + " AND status IN ('QUEUED', 'RUNNING') AND COALESCE(heartbeat_at, requested_at) < ?")) {
            time(p, 1, now);
            p.setString(
                    2,
                    cut(
                            "abandoned: its node gave no sign of life after " + silentSince + "; node " + node
                                    + " took the period's check over (job " + newJob + ")",
                            ERROR_LENGTH));
            p.setString(3, id);
            p.setLong(4, slot);
            time(p, 5, silentSince);
            return p.executeUpdate() == 1 ? Optional.of(id) : Optional.empty();
        }
    }

    /** QUEUED to RUNNING; false when the job was not queued. */
    public static boolean started(Connection c, String id, Instant at, Integer outsideLines) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trace_verification_job SET status = 'RUNNING',"
                + " started_at = ?, heartbeat_at = ?, outside_lines = COALESCE(?, outside_lines)"
                + " WHERE id = ? AND status = 'QUEUED'")) {
            time(p, 1, at);
            time(p, 2, at);
            if (outsideLines == null) {
                p.setNull(3, Types.INTEGER);
            } else {
                p.setInt(3, outsideLines);
            }
            p.setString(4, id);
            return p.executeUpdate() == 1;
        }
    }

    /** The sign of life of the node running or holding these jobs. */
    public static void heartbeat(Connection c, Collection<String> ids, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trace_verification_job SET heartbeat_at = ?"
                + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")) {
            for (String id : ids) {
                time(p, 1, at);
                p.setString(2, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** RUNNING to DONE, with the report. */
    public static void done(Connection c, String id, Instant at, boolean intact, long problems, String result)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trace_verification_job SET status = 'DONE',"
                + " finished_at = ?, heartbeat_at = ?, intact = ?, problems = ?, result = ? WHERE id = ?")) {
            time(p, 1, at);
            time(p, 2, at);
            p.setBoolean(3, intact);
            p.setLong(4, problems);
            p.setString(5, result);
            p.setString(6, id);
            p.executeUpdate();
        }
    }

    /** To FAILED: the check could not run to its end. */
    public static void failed(Connection c, String id, Instant at, String error) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trace_verification_job SET status = 'FAILED',"
                + " finished_at = ?, heartbeat_at = ?, error = ? WHERE id = ?")) {
            time(p, 1, at);
            time(p, 2, at);
            p.setString(3, cut(error == null ? "unknown error" : error, ERROR_LENGTH));
            p.setString(4, id);
            p.executeUpdate();
        }
    }

    /** One job, with its report. */
    public static Optional<VerificationJob> find(Connection c, String id) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT " + COLUMNS + ", result, error FROM trace_verification_job WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r, true)) : Optional.empty();
            }
        }
    }

    /** The latest jobs, newest first, without their reports. */
    public static List<VerificationJob> recent(Connection c, int limit) throws SQLException {
        List<VerificationJob> jobs = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + ", error FROM trace_verification_job ORDER BY requested_at DESC, id")) {
            p.setMaxRows(limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next() && jobs.size() < limit) {
                    jobs.add(row(r, false));
                }
            }
        }
        return jobs;
    }

    /** Removes the jobs requested before {@code cutoff}; returns how many. */
    public static int purge(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM trace_verification_job WHERE requested_at < ?")) {
            time(p, 1, cutoff);
            return p.executeUpdate();
        }
    }

    private static VerificationJob row(ResultSet r, boolean withResult) throws SQLException {
        int outside = r.getInt(6);
        Integer outsideLines = r.wasNull() ? null : outside;
        long slot = r.getLong(7);
        Long scheduledSlot = r.wasNull() ? null : slot;
        boolean intact = r.getBoolean(11);
        Boolean intactOrNull = r.wasNull() ? null : intact;
        long problems = r.getLong(12);
        Long problemsOrNull = r.wasNull() ? null : problems;
        return new VerificationJob(
                r.getString(1),
                r.getString(2),
                instant(r, 3),
                r.getString(4),
                VerificationJob.Status.valueOf(r.getString(5)),
                outsideLines,
                scheduledSlot,
                instant(r, 8),
                instant(r, 9),
                instant(r, 10),
                intactOrNull,
                problemsOrNull,
                withResult ? r.getString(13) : null,
                r.getString(withResult ? 14 : 13));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void time(PreparedStatement p, int index, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
