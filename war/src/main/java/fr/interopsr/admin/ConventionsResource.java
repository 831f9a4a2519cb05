package fr.interopsr.admin;

import fr.interopsr.platform.ApiContentTypes;
import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.Principal;
import java.util.function.Supplier;

/**
 * {@code /admin/api/conventions} (CONTRACT.md, issue 4): thin; the rules are in
 * {@link ConventionAdministration}, {@link ConventionChanges} and the plain classes of this package.
 * Every change takes the optional {@code comment} kept with the revision (D-14), and declares its body's type
 * ({@link ApiContentTypes}: {@code application/json}, bodiless calls included; the certificate upload
 * {@code application/x-pem-file}), else 415.
 */
@Path("admin/api/conventions")
@RequestScoped
@RolesAllowed(ConventionsResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ConventionsResource {

    /** Manages conventions (D-19). */
    static final String ROLE = "interops-admin";

    @Inject
    ConventionAdministration admin;

    @Inject
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    public Response list(
            @QueryParam("status") String status,
            @QueryParam("environment") String environment,
            @QueryParam("q") String q) {
        return answer(() -> ok(AdminJson.list(admin.list(ConventionFilter.of(status, environment, q)))));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@QueryParam("comment") String comment, byte[] body) {
        return answer(() -> {
            var r = admin.create(body, actor(), AdminParams.comment(comment));
            return Response.created(uri.getAbsolutePathBuilder().path(r.id()).build())
                    .entity(AdminJson.current(admin.current(r.id()), true).toString())
                    .build();
        });
    }

    @GET
    @Path("export")
    public Response export() {
        return answer(() -> Response.ok(AdminJson.array(admin.export()).toString())
                .header("Content-Disposition", "attachment; filename=\"conventions.json\"")
                .build());
    }

    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    public Response importAll(@QueryParam("comment") String comment, byte[] body) {
        return answer(() -> ok(AdminJson.imported(admin.importAll(body, actor(), AdminParams.comment(comment)))));
    }

    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id) {
        return answer(() -> ok(AdminJson.current(admin.current(id), null)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("id") String id, @QueryParam("comment") String comment, byte[] body) {
        return answer(() -> {
            var r = admin.update(id, body, actor(), AdminParams.comment(comment));
            return ok(AdminJson.current(admin.current(id), r.changed()));
        });
    }

    @DELETE
    @Path("{id}")
    public Response retire(@PathParam("id") String id, @QueryParam("comment") String comment) {
        return answer(() -> {
            admin.retire(id, actor(), AdminParams.comment(comment));
            return ok(AdminJson.current(admin.current(id), true));
        });
    }

    @GET
    @Path("{id}/versions")
    public Response versions(@PathParam("id") String id) {
        return answer(() -> ok(AdminJson.versions(admin.versions(id))));
    }

    @GET
    @Path("{id}/versions/{n}")
    public Response version(@PathParam("id") String id, @PathParam("n") String n) {
        return answer(() -> ok(AdminJson.version(admin.version(id, n))));
    }

    /** D-6: the secret is in this answer only; never stored, logged or traced. */
    @POST
    @Path("{id}/secret")
    @Consumes(MediaType.WILDCARD)
    public Response rotateSecret(
            @PathParam("id") String id,
            @QueryParam("graceSeconds") String graceSeconds,
            @QueryParam("comment") String comment) {
        return answer(() -> {
            long grace = AdminParams.graceSeconds(graceSeconds);
            var issued = admin.rotateSecret(id, grace, actor(), AdminParams.comment(comment));
            return JsonAnswer.noStore(Response.ok(AdminJson.secret(issued).toString()))
                    .build();
        });
    }

    @GET
    @Path("{id}/certificates")
    public Response certificates(@PathParam("id") String id) {
        return answer(() -> ok(AdminJson.certificates(admin.certificates(id))));
    }

    @POST
    @Path("{id}/certificates")
    @Consumes(MediaType.WILDCARD)
    @ApiContentTypes.Requires(ApiContentTypes.PEM)
    public Response uploadCertificate(@PathParam("id") String id, @QueryParam("comment") String comment, byte[] body) {
        return answer(() -> {
            var c = admin.uploadCertificate(id, body, actor(), AdminParams.comment(comment));
            return Response.created(
                            uri.getAbsolutePathBuilder().path(c.sha256()).build())
                    .entity(AdminJson.certificate(c, false).toString())
                    .build();
        });
    }

    @GET
    @Path("{id}/certificates/{sha256}")
    public Response certificate(@PathParam("id") String id, @PathParam("sha256") String sha256) {
        return answer(() -> ok(AdminJson.certificate(admin.certificate(id, sha256), true)));
    }

    private String actor() {
        Principal caller = security.getCallerPrincipal();
        return caller == null || caller.getName() == null ? "unknown" : caller.getName();
    }

    static Response ok(Object json) {
        return Response.ok(json.toString()).build();
    }

    /** Runs the request; a refusal becomes its JSON error answer. */
    static Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (AdminRefusal refusal) {
            return refused(refusal);
        }
    }

    static Response refused(AdminRefusal refusal) {
        return Response.status(refusal.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(AdminJson.error(refusal).toString())
                .build();
    }
}
