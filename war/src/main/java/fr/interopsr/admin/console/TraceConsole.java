package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.AuditorAccess;
import fr.interopsr.trace.ConventionSkews;
import fr.interopsr.trace.TraceParams;
import fr.interopsr.trace.TraceQueries;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;

/**
 * The trace search page (role {@code interops-auditor}, D-19): criteria, 50 traces a page, newest
 * first, read by {@link TraceQueries}, the service of {@code GET /admin/api/traces}. Each search is itself traced
 * first ({@link AuditorAccess}, issue 14).
 */
@Path("admin/traces")
@RequestScoped
@RolesAllowed(AdminRoles.AUDITOR)
@Produces(MediaType.TEXT_HTML)
public class TraceConsole {

    private static final String TRACES_UNAVAILABLE = "the traces cannot be read now";

    /** Rows per page of the console. */
    static final int PAGE_SIZE = 50;

    @Inject
    TraceQueries traces;

    @Inject
    ConventionSkews skews;

    @Inject
    AuditorAccess access;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    public Response search() {
        View v = Console.view(request, null);
        TraceQuery q = TraceQuery.parse(uri.getQueryParameters()::getFirst);
        if (!q.valid()) {
            return Console.html(400, TraceViews.page(v, q, List.of(), 0, PAGE_SIZE, Instant.now()));
        }
        try {
            access.record(
                    request.getUserPrincipal() == null
                            ? null
                            : request.getUserPrincipal().getName(),
                    AuditorAccess.VIEWED,
                    AuditorAccess.describe(q.filter(), q.page(), PAGE_SIZE));
        } catch (TraceUnavailable e) {
            return Console.html(503, CommonViews.refused(v, 503, TRACES_UNAVAILABLE));
        }
        TraceQueries.Page page = traces.page(new TraceParams.Query(q.filter(), q.page(), PAGE_SIZE));
        return Console.html(
                200,
                TraceViews.page(
                        v,
                        q,
                        page.items().stream()
                                .map(r -> TraceViews.Line.of(r, skews))
                                .toList(),
                        page.total(),
                        PAGE_SIZE,
                        Instant.now()));
    }
}
