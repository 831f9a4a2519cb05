package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The check of the journal over the admin API (role interops-auditor, D-19; issue 15):
 * <ul>
 *   <li>{@code GET /admin/api/traces/verify}: runs the check now, in the request, and answers its report
 *       ({@link TraceReports#toJson});
 *   <li>{@code POST /admin/api/traces/verify} ({@code Content-Type: application/json}, optional body
 *       {@link VerificationRequest}): queues the check as a job on this node and answers 202 with its address in
 *       {@code Location};
 *   <li>{@code GET /admin/api/traces/verify/jobs/{id}}: the job as any node reads it from the database
 *       ({@link VerificationJob#toJson}), its report once done; 404 for an unknown id.
 * </ul>
 * A check asked for is traced first ({@link AuditorAccess}, issue 14); every check raises the alarm when the
 * journal is broken ({@link VerificationAlarm}).
 */
@Path("admin/api/traces/verify")
@RequestScoped
public class TraceVerificationResource {

    private static final Logger LOG = Logger.getLogger(TraceVerificationResource.class.getName());

    @Inject
    TraceVerifier verifier;

    @Inject
    VerificationJobs jobs;

    @Inject
    AuditorAccess access;

    @GET
    @RolesAllowed("interops-auditor")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@Context SecurityContext security) {
        String auditor = TraceApi.auditor(security);
        try {
            access.record(auditor, AuditorAccess.VERIFIED, "every chain");
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        }
        TraceAudit.Report report;
        try {
            report = verifier.check("GET by " + auditor, Optional.empty());
        } catch (IllegalStateException e) {
            return TraceApi.unavailable();
        }
        return JsonAnswer.noStore(Response.ok(TraceReports.toJson(report).toString()))
                .build();
    }

    @POST
    @RolesAllowed("interops-auditor")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@Context SecurityContext security, @Context UriInfo uri, InputStream body) {
        Optional<List<String>> outside;
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(VerificationJobs.MAX_OUTSIDE_BYTES + 1);
            if (bytes.length > VerificationJobs.MAX_OUTSIDE_BYTES) {
                return TraceApi.error(
                        413,
                        "invalid_request",
                        "the body is larger than " + VerificationJobs.MAX_OUTSIDE_BYTES
                                + " bytes: give the end of the checkpoint file (its last rounds)");
            }
            outside = VerificationRequest.parse(bytes);
        } catch (TraceParams.Invalid e) {
            return TraceApi.invalid(e);
        } catch (IOException e) {
            return TraceApi.error(400, "invalid_request", "the body could not be read");
        }
        String auditor = TraceApi.auditor(security);
        String id = VerificationJobs.newId();
        try {
            jobs.checkRoom();
            access.record(auditor, AuditorAccess.VERIFIED, AuditorAccess.describeCheck(id, outside));
            jobs.submit(id, auditor, outside);
        } catch (VerificationJobs.Busy e) {
            return Response.fromResponse(TraceApi.error(503, "temporarily_unavailable", e.getMessage()))
                    .header("Retry-After", "60")
                    .build();
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check job not queued", e);
            return TraceApi.unavailable();
        }
        String location = uri.getBaseUriBuilder()
                .path("admin/api/traces/verify/jobs/{id}")
                .build(id)
                .getRawPath();
        return JsonAnswer.noStore(Response.status(202))
                .header("Location", location)
                .entity(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("id", id)
                        .add("status", "queued")
                        .add("location", location)
                        .build()
                        .toString())
                .build();
    }

    @GET
    @Path("jobs/{id}")
    @RolesAllowed("interops-auditor")
    @Produces(MediaType.APPLICATION_JSON)
    public Response job(@PathParam("id") String id) {
        try {
            return jobs.find(id)
                    .map(job -> JsonAnswer.noStore(
                                    Response.ok(job.toJson(Instant.now()).toString()))
                            .build())
                    .orElseGet(() -> TraceApi.error(404, "not_found", "no check of the journal has this id"));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check job unreadable", e);
            return TraceApi.unavailable();
        }
    }
}
