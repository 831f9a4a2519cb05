package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 14, "Auditor access is traced": every read of the traces by an auditor (the query, the export, the chain
 * verification, the console's trace page) leaves an {@code ADMIN_ACTION} trace on the admin chain (D-17, D-18),
 * committed before anything is read: {@code actor} who, {@code occurredAt} when, {@code step} which access
 * ({@value #QUERIED}, {@value #EXPORTED}, {@value #VERIFIED}, {@value #VIEWED}) and {@code detail} which filter, as
 * {@link #describe(TraceFilter)} writes it. No new column. When that trace cannot be committed, nothing is read and
 * the caller answers 503.
 */
@ApplicationScoped
public class AuditorAccess {

    /** {@code GET /admin/api/traces}. */
    public static final String QUERIED = "traces-queried";
    /** {@code GET /admin/api/traces/export}. */
    public static final String EXPORTED = "traces-exported";
    /** {@code GET /admin/api/traces/verify}, and a check asked for as a job (the API's POST, the console). */
    public static final String VERIFIED = "traces-verified";
    /** The console's trace page. */
    public static final String VIEWED = "traces-viewed";

    @Inject
    TraceJournal journal;

    /** Commits the trace of this access; throws when it could not be committed (read nothing then). */
    public void record(String auditor, String access, String what) throws TraceUnavailable {
        journal.recordAdmin(entry(auditor, access, what, Instant.now()));
    }

    static TraceEntry entry(String auditor, String access, String what, Instant at) {
        return TraceEntry.builder(TraceKind.ADMIN_ACTION, at)
                .success()
                .adminAction(auditor == null ? "(unknown)" : auditor, null)
                .step(access)
                .detail(what)
                .build();
    }

    /**
     * The filter as the trace's detail says it: {@code filter: kind=…, status=…, from=…, to=…, jti="…",
     * convention="…", correlationId="…", traceparent="…"} with only the criteria given (times RFC 3339 UTC, texts as JSON strings), or
     * {@code filter: none (every trace)}.
     */
    public static String describe(TraceFilter f) {
        List<String> parts = new ArrayList<>();
        if (f.kind() != null) {
            parts.add("kind=" + f.kind());
        }
        if (f.status() != null) {
            parts.add("status=" + f.status());
        }
        if (f.from() != null) {
            parts.add("from=" + f.from());
        }
        if (f.to() != null) {
            parts.add("to=" + f.to());
        }
        if (f.jti() != null) {
            parts.add("jti=" + quoted(f.jti()));
        }
        if (f.convention() != null) {
            parts.add("convention=" + quoted(f.convention()));
        }
        if (f.correlationId() != null) {
            parts.add("correlationId=" + quoted(f.correlationId()));
        }
        if (f.traceparent() != null) {
            parts.add("traceparent=" + quoted(f.traceparent()));
        }
        return parts.isEmpty() ? "filter: none (every trace)" : "filter: " + String.join(", ", parts);
    }

    /** A query: its filter and its page. */
    public static String describe(TraceFilter f, int page, int size) {
        return describe(f) + "; page " + page + ", size " + size;
    }

    /** An export: its filter and its format. */
    public static String describe(TraceParams.Export export) {
        return describe(export.filter()) + "; format " + export.format().name().toLowerCase(Locale.ROOT);
    }

    /**
     * A check of the journal asked for as a job (issue 15): {@code every chain, as job <id>, with N line(s) of
     * checkpoints kept outside} (or {@code without checkpoints kept outside}).
     */
    public static String describeCheck(String jobId, Optional<List<String>> outside) {
        return "every chain, as job " + jobId
                + outside.map(l -> ", with " + VerificationJobs.lines(l) + " line(s) of checkpoints kept outside")
                        .orElse(", without checkpoints kept outside");
    }

    private static String quoted(String s) {
        return Jsonp.PROVIDER.createValue(s).toString();
    }
}
