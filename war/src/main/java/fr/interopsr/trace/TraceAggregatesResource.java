package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.ServerSettings;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /admin/api/traces/aggregates/rebuild?from&to} (role interops-admin; {@code Content-Type:
 * application/json}, bodiless, as every change under {@code /admin/api}): counts the dashboard's figures of
 * [from, to) again from the traces of every node chain (P-63), widened to whole hours. {@code to} defaults to now,
 * {@code from} to {@value #DEFAULT_DAYS} days before {@code to}; the span is at most {@value #MAX_DAYS} days, and
 * {@code from} may not be older than the traces kept ({@code interops.traces.retention-days}): a rebuild there
 * would erase the counts of purged traces. Traced first as an admin action. Answers what was counted per chain.
 */
@Path("admin/api/traces/aggregates")
@RequestScoped
public class TraceAggregatesResource {

    private static final Logger LOG = Logger.getLogger(TraceAggregatesResource.class.getName());

    static final int DEFAULT_DAYS = 31;
    static final int MAX_DAYS = 62;
    /** The admin trace's {@code step}. */
    public static final String REBUILT = "trace-counts-rebuilt";

    @Inject
    TraceAggregateStore store;

    @Inject
    AuditorAccess access;

    @Inject
    ServerSettings settings;

    @POST
    @Path("rebuild")
    @RolesAllowed("interops-admin")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rebuild(@Context UriInfo uri, @Context SecurityContext security) {
        Instant now = Instant.now();
        Instant from;
        Instant to;
        try {
            to = TraceParams.time(uri.getQueryParameters().getFirst("to"), "to");
            from = TraceParams.time(uri.getQueryParameters().getFirst("from"), "from");
        } catch (TraceParams.Invalid e) {
            return TraceApi.invalid(e);
        }
        if (to == null) {
            to = now;
        }
        if (from == null) {
            from = to.minus(Duration.ofDays(DEFAULT_DAYS));
        }
        Instant kept = now.minus(Duration.ofDays(settings.traceRetentionDays()));
        if (!from.isBefore(to)) {
            return TraceApi.error(400, "invalid_request", "from must be before to");
        }
        if (from.isBefore(kept)) {
            return TraceApi.error(
                    400,
                    "invalid_request",
                    "from is before " + kept + ": traces older than interops.traces.retention-days ("
                            + settings.traceRetentionDays() + ") are purged, and a rebuild would erase their counts");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            return TraceApi.error(400, "invalid_request", "from and to may be at most " + MAX_DAYS + " days apart");
        }
        try {
            access.record(TraceApi.auditor(security), REBUILT, "counts of " + from + " to " + to);
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        }
        List<TraceAggregates.Rebuilt> rebuilt;
        try {
            rebuilt = store.rebuild(from, to);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard counts not rebuilt", e);
            return TraceApi.unavailable();
        }
        JsonArrayBuilder chains = Jsonp.PROVIDER.createArrayBuilder();
        long total = 0;
        for (TraceAggregates.Rebuilt r : rebuilt) {
            total += r.traces();
            chains.add(Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("chain", r.chain())
                    .add("traces", r.traces())
                    .add("rows", r.rows()));
        }
        Instant start = TraceAggregates.Granularity.HOUR.bucket(from);
        Instant end = rebuilt.isEmpty() ? to : rebuilt.get(0).to();
        return JsonAnswer.noStore(Response.ok(
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("from", start.toString())
                                .add("to", end.toString())
                                .add("traces", total)
                                .add("chains", chains)
                                .build()
                                .toString(),
                        MediaType.APPLICATION_JSON_TYPE))
                .build();
    }
}
