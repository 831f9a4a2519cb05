package fr.interopsr.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /admin/api/certificates/expiring?days=N}: conventions whose certificate expires within N days (default 30). */
@Path("admin/api/certificates")
@RequestScoped
@RolesAllowed(ConventionsResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {

    @Inject
    ConventionAdministration admin;

    @GET
    @Path("expiring")
    public Response expiring(@QueryParam("days") String days) {
        return ConventionsResource.answer(
                () -> ConventionsResource.ok(AdminJson.expiring(admin.expiring(AdminParams.days(days)))));
    }
}
