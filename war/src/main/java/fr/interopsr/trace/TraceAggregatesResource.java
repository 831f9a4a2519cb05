package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /admin/api/traces/aggregates/rebuild?from&to} (role interops-admin; {@code Content-Type:
 * application/json}, bodiless, as every change under {@code /admin/api}): counts the dashboard's figures of
 * [from, to) again from the traces of every node chain (P-63), widened to whole hours, through
 * {@link TraceCountRebuild}: {@code to} defaults to now, {@code from} to 31 days before {@code to} (never before the
 * traces kept); at most 62 days, and an explicit {@code from} may not be older than the traces kept
 * ({@code interops.traces.retention-days}): a rebuild there would erase the counts of purged traces. Traced first as
 * an admin action. Answers what was counted per chain.
 */
@Path("admin/api/traces/aggregates")
@RequestScoped
public class TraceAggregatesResource {

    private static final Logger LOG = Logger.getLogger(TraceAggregatesResource.class.getName());

    @Inject
    TraceCountRebuild rebuild;

    @POST
    @Path("rebuild")
    @RolesAllowed("interops-admin")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rebuild(@Context UriInfo uri, @Context SecurityContext security) {
        TraceCountRebuild.Span span;
        try {
            span = rebuild.span(
                    uri.getQueryParameters().getFirst("from"),
                    uri.getQueryParameters().getFirst("to"));
        } catch (TraceCountRebuild.Refused e) {
            return TraceApi.error(400, "invalid_request", e.getMessage());
        }
        TraceCountRebuild.Result result;
        try {
            result = rebuild.run(TraceApi.auditor(security), span);
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard counts not rebuilt", e);
            return TraceApi.unavailable();
        }
        JsonArrayBuilder chains = Jsonp.PROVIDER.createArrayBuilder();
        for (TraceAggregates.Rebuilt r : result.chains()) {
            chains.add(Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("chain", r.chain())
                    .add("traces", r.traces())
                    .add("rows", r.rows()));
        }
        return JsonAnswer.noStore(Response.ok(
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("from", result.from().toString())
                                .add("to", result.to().toString())
                                .add("traces", result.traces())
                                .add("chains", chains)
                                .build()
                                .toString(),
                        MediaType.APPLICATION_JSON_TYPE))
                .build();
    }
}
