package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /admin/api/traces?kind&status&from&to&jti&convention&page&size} (role
 * interops-auditor, D-19): the matching traces, newest first, one page (size at most 200, 50 by
 * default), as {@code {items, page, size, total}}. A VI that may still be accepted ({@code exp} + the skew of
 * the trace's convention revision) is shown without its signature part (D-19, {@link ViMask}). Each query is itself
 * traced first ({@link AuditorAccess}, issue 14). A bad parameter is a 400, an unreadable database a 503.
 */
@Path("admin/api/traces")
@RequestScoped
public class TraceQueryResource {

    private static final Logger LOG = Logger.getLogger(TraceQueryResource.class.getName());

    @Inject
    TraceQueries queries;

    @Inject
    ConventionSkews skews;

    @Inject
    AuditorAccess access;

    @GET
    @RolesAllowed("interops-auditor")
    @Produces(MediaType.APPLICATION_JSON)
    public Response query(@Context UriInfo uri, @Context SecurityContext security) {
        TraceParams.Query q;
        try {
            q = TraceParams.query(uri.getQueryParameters());
        } catch (TraceParams.Invalid e) {
            return TraceApi.invalid(e);
        }
        try {
            access.record(
                    TraceApi.auditor(security),
                    AuditorAccess.QUERIED,
                    AuditorAccess.describe(q.filter(), q.page(), q.size()));
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        }
        TraceQueries.Page page;
        try {
            page = queries.page(q);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trace query failed", e);
            return TraceApi.unavailable();
        }
        Instant now = Instant.now();
        JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
        for (TraceRecord r : page.items()) {
            ViMask.Shown vi = ViMask.shown(r, now, skews);
            var item = TraceFields.json(r, vi.signatureHidden() ? vi.vi() : null);
            if (r.vi() != null) {
                item.add("viSignatureHidden", vi.signatureHidden());
            }
            items.add(item);
        }
        return JsonAnswer.noStore(Response.ok(
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("items", items)
                                .add("page", q.page())
                                .add("size", q.size())
                                .add("total", page.total())
                                .build()
                                .toString(),
                        MediaType.APPLICATION_JSON_TYPE))
                .build();
    }
}
