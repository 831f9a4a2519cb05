package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.AuditorAccess;
import fr.interopsr.trace.TraceUnavailable;
import fr.interopsr.trace.VerificationJobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal check pages (role {@code interops-auditor}, D-19; issue 15): a POST form starts a check as a job
 * through {@link VerificationJobs}, the service of {@code POST /admin/api/traces/verify} (D-21: the console calls
 * the service, never the REST API), traced first like the API's ({@link AuditorAccess}); a job's page shows its
 * state and, once done, its report ({@link VerificationViews}).
 */
@Path("admin/traces/verify")
@RequestScoped
@RolesAllowed(AdminRoles.AUDITOR)
@Produces(MediaType.TEXT_HTML)
public class VerificationConsole {

    private static final Logger LOG = Logger.getLogger(VerificationConsole.class.getName());

    /** Jobs listed on the start page. */
    static final int RECENT = 20;

    @Inject
    VerificationJobs jobs;

    @Inject
    AuditorAccess access;

    @Context
    HttpServletRequest request;

    @GET
    public Response start() {
        View v = Console.view(request, null);
        try {
            return Console.html(200, VerificationViews.start(v, jobs.recent(RECENT), Instant.now()));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check jobs unreadable", e);
            return Console.html(503, CommonViews.refused(v, 503, "the checks of the journal cannot be read now"));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("csrf") String csrf, @FormParam("checkpoints") String checkpoints) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/traces/verify");
        Optional<List<String>> outside = checkpoints == null || checkpoints.isBlank()
                ? Optional.empty()
                : Optional.of(checkpoints.lines().toList());
        String actor = Console.actor(request);
        String id = VerificationJobs.newId();
        try {
            jobs.checkRoom();
            access.record(actor, AuditorAccess.VERIFIED, AuditorAccess.describeCheck(id, outside));
            jobs.submit(id, actor, outside);
        } catch (VerificationJobs.Busy e) {
            return Console.html(503, CommonViews.refused(v, 503, e.getMessage()));
        } catch (TraceUnavailable | SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check job not queued", e);
            return Console.html(503, CommonViews.refused(v, 503, "the check of the journal cannot be started now"));
        }
        return Console.seeOther(VerificationViews.jobPath(v, id));
    }

    @GET
    @Path("jobs/{id}")
    public Response job(@PathParam("id") String id) {
        View v = Console.view(request, null);
        try {
            return jobs.find(id)
                    .map(job -> Console.html(200, VerificationViews.job(v, job, Instant.now())))
                    .orElseGet(() ->
                            Console.html(404, CommonViews.refused(v, 404, "no check of the journal has this id")));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "trace journal check job unreadable", e);
            return Console.html(503, CommonViews.refused(v, 503, "the checks of the journal cannot be read now"));
        }
    }
}
