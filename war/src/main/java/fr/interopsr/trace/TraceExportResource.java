package fr.interopsr.trace;

import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /admin/api/traces/export?format=jsonl|csv&kind&status&from&to&jti&convention} (role
 * interops-auditor, D-19): every matching trace, streamed in id order with constant memory (keyset
 * pages of {@link TraceQueries#EXPORT_PAGE} records, no transaction held), in the exchange format
 * of {@code docs/traces.md}: times RFC 3339 UTC, the full VI (the auditor's copy keeps its
 * signature). The first page is read before the answer starts, so a bad parameter is a 400 and an
 * unreadable database a 503; a failure later ends the file early and is logged (SEVERE). Each export is itself traced
 * first ({@link AuditorAccess}, issue 14).
 */
@Path("admin/api/traces/export")
@RequestScoped
public class TraceExportResource {

    private static final Logger LOG = Logger.getLogger(TraceExportResource.class.getName());
    static final String JSONL_TYPE = "application/x-ndjson; charset=UTF-8";
    static final String CSV_TYPE = "text/csv; charset=UTF-8; header=present";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    TraceQueries queries;

    @Inject
    AuditorAccess access;

    @GET
    @RolesAllowed("interops-auditor")
    public Response export(@Context UriInfo uri, @Context SecurityContext security) {
        TraceParams.Export export;
        try {
            export = TraceParams.export(uri.getQueryParameters());
        } catch (TraceParams.Invalid e) {
            return TraceApi.invalid(e);
        }
        try {
            access.record(TraceApi.auditor(security), AuditorAccess.EXPORTED, AuditorAccess.describe(export));
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        }
        List<TraceRecord> first;
        try {
            first = queries.first(export.filter(), TraceQueries.EXPORT_PAGE);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trace export failed before it started", e);
            return TraceApi.unavailable();
        }
        boolean csv = export.format() == TraceParams.Format.CSV;
        String filename = "interops-traces-" + FILE_TIME.format(Instant.now()) + (csv ? ".csv" : ".jsonl");
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            write(w, csv, export.filter(), first);
            w.flush();
        };
        return JsonAnswer.noStore(Response.ok(body, csv ? CSV_TYPE : JSONL_TYPE))
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private void write(Writer w, boolean csv, TraceFilter filter, List<TraceRecord> first) throws IOException {
        if (csv) {
            Csv.writeRow(w, TraceFields.header());
        }
        List<TraceRecord> page = first;
        long written = 0;
        while (true) {
            for (TraceRecord r : page) {
                if (csv) {
                    Csv.writeRow(w, TraceFields.row(r));
                } else {
                    w.write(TraceFields.json(r, null).build().toString());
                    w.write('\n');
                }
            }
            written += page.size();
            w.flush();
            if (page.size() < TraceQueries.EXPORT_PAGE) {
                return;
            }
            long after = page.get(page.size() - 1).id();
            try {
                page = queries.after(filter, after, TraceQueries.EXPORT_PAGE);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "trace export broken off after " + written + " records", e);
                throw new IOException("trace export broken off after " + written + " records", e);
            }
        }
    }
}
