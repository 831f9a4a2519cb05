package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One check of the journal run as a job (issue 15), as {@code trace_verification_job} keeps it: who asked and when,
 * the node that runs it, its state, and once done the report ({@code result}, as {@link TraceReports#toJson} wrote
 * it). Any node reads it, so a poll may reach any node.
 */
public record VerificationJob(
        String id,
        String requestedBy,
        Instant requestedAt,
        String node,
        Status status,
        Integer outsideLines,
        Long scheduledSlot,
        Instant startedAt,
        Instant heartbeatAt,
        Instant finishedAt,
        Boolean intact,
        Long problems,
        String result,
        String error) {

    /** The state kept in the row. */
    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * A job neither done nor failed whose node gave no sign of life (its heartbeat, every
     * {@link VerificationJobs#HEARTBEAT}) for this long is shown as {@code abandoned}: its node stopped or died.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    /** Who asks for the scheduled check. */
    public static final String SCHEDULER = "scheduler";

    /** A new job, queued on {@code node}. */
    public static VerificationJob queued(
            String id, String requestedBy, Instant at, String node, Integer outsideLines, Long scheduledSlot) {
        return new VerificationJob(
                id,
                requestedBy,
                at,
                node,
                Status.QUEUED,
                outsideLines,
                scheduledSlot,
                null,
                at,
                null,
                null,
                null,
                null,
                null);
    }

    /** The last sign of life of its node: the heartbeat, else the start, else the request. */
    public Instant lastSignOfLife() {
        Instant t = requestedAt;
        if (startedAt != null && startedAt.isAfter(t)) {
            t = startedAt;
        }
        if (heartbeatAt != null && heartbeatAt.isAfter(t)) {
            t = heartbeatAt;
        }
        return t;
    }

    /** Whether its node stopped before it ended: queued or running, and silent for {@link #ABANDONED_AFTER}. */
    public boolean abandoned(Instant now) {
        return (status == Status.QUEUED || status == Status.RUNNING)
                && lastSignOfLife().plus(ABANDONED_AFTER).isBefore(now);
    }

    /** The state shown: {@code queued}, {@code running}, {@code done}, {@code failed} or {@code abandoned}. */
    public String shownStatus(Instant now) {
        return abandoned(now) ? "abandoned" : status.name().toLowerCase(Locale.ROOT);
    }

    /** The report, when the job is done. */
    public Optional<JsonObject> report() {
        if (status != Status.DONE || result == null) {
            return Optional.empty();
        }
        try (JsonReader r = Jsonp.PROVIDER.createReader(new StringReader(result))) {
            return Optional.of(r.readObject());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The answer of {@code GET /admin/api/traces/verify/jobs/{id}}: {@code id}, {@code status}, who asked, when,
     * on which node, how many lines of checkpoints kept outside were given, and, once done, {@code intact},
     * {@code problems} (their number) and {@code report} (the report as {@link TraceReports#toJson} gives it); a
     * failed job has its {@code error}.
     */
    public JsonObject toJson(Instant now) {
        JsonObjectBuilder o = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", id)
                .add("status", shownStatus(now))
                .add("requestedBy", requestedBy)
                .add("requestedAt", requestedAt.toString())
                .add("node", node);
        if (outsideLines != null) {
            o.add("outsideCheckpointLines", outsideLines);
        }
        if (startedAt != null) {
            o.add("startedAt", startedAt.toString());
        }
        if (finishedAt != null) {
            o.add("finishedAt", finishedAt.toString());
        }
        if (intact != null) {
            o.add("intact", intact);
        }
        if (problems != null) {
            o.add("problems", problems);
        }
        if (error != null) {
            o.add("error", error);
        }
        report().ifPresent(r -> o.add("report", r));
        return o.build();
    }
}
