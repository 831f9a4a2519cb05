package fr.interopsr.admin.console;

import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.ConventionSkews;
import fr.interopsr.trace.TraceParams;
import fr.interopsr.trace.TraceQueries;
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
 * first, read by {@link TraceQueries}, the service of {@code GET /admin/api/traces}.
 */
@Path("admin/traces")
@RequestScoped
@RolesAllowed(AdminRoles.AUDITOR)
@Produces(MediaType.TEXT_HTML)
public class TraceConsole {

    /** Rows per page of the console. */
    static final int PAGE_SIZE = 50;

    @Inject
    TraceQueries traces;

    @Inject
    ConventionSkews skews;

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
