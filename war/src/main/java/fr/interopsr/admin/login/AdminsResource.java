package fr.interopsr.admin.login;

import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.Unavailable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The administrators' accounts in the admin API (issue 14 §2): {@code POST
 * /admin/api/admins/{user}/unlock} lifts a lockout, for an {@code interops-admin} (HTTP Basic,
 * D-21; {@code Content-Type: application/json}, bodiless, else 415 by {@code ApiContentTypes}).
 */
@Path("admin/api/admins")
@RequestScoped
@RolesAllowed(AdminRoles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminsResource {

    private static final Logger LOG = Logger.getLogger(AdminsResource.class.getName());

    @Inject
    AdminUnlocks unlocks;

    @Inject
    SecurityContext security;

    @POST
    @Path("{user}/unlock")
    @Consumes(MediaType.WILDCARD)
    public Response unlock(@PathParam("user") String user) {
        Principal caller = security.getCallerPrincipal();
        String actor = caller == null || caller.getName() == null ? "unknown" : caller.getName();
        try {
            if (!unlocks.unlock(user, actor)) {
                return error(404, "not_found", "no administrator " + (AdminAccounts.validUsername(user) ? user : ""));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "unlock of administrator failed", e);
            return Unavailable.response("administrator accounts unavailable");
        }
        return Response.ok(Json.createObjectBuilder()
                        .add("user", user)
                        .add("unlocked", true)
                        .build()
                        .toString())
                .build();
    }

    private static Response error(int status, String code, String description) {
        return JsonAnswer.errorResponse(status, code, description);
    }
}
