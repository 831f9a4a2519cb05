package fr.interopsr.admin;

import fr.interopsr.json.Jsonp;
import fr.interopsr.provider.Revocation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;

/**
 * {@code /admin/api/revocations} (issue 17): {@code GET} lists the revocations in force; {@code POST} with
 * {@code {"jti": …}} (and optionally {@code "issuer"}), {@code {"clientId": …}} or {@code {"conventionId": …}}
 * revokes one VI, or every VI of a client or of a convention issued up to now; optional {@code comment}. Role
 * {@code interops-admin}; {@code Content-Type: application/json} as every change of the administration (415 else).
 * Thin: {@link RevocationAdministration} decides.
 */
@Path("admin/api/revocations")
@RequestScoped
@RolesAllowed(ConventionsResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class RevocationsResource {

    @Inject
    RevocationAdministration admin;

    @Inject
    SecurityContext security;

    @GET
    public Response list() {
        return ConventionsResource.answer(() -> {
            JsonArrayBuilder out = Jsonp.PROVIDER.createArrayBuilder();
            admin.list().forEach(r -> out.add(json(r)));
            return ConventionsResource.ok(out.build());
        });
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response revoke(@QueryParam("comment") String comment, byte[] body) {
        return ConventionsResource.answer(() -> {
            Revocation r = admin.revoke(body, actor(), AdminParams.comment(comment));
            return Response.status(201).entity(json(r).toString()).build();
        });
    }

    /** The JSON of a revocation; absent members are left out. */
    static JsonObject json(Revocation r) {
        JsonObjectBuilder b = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", r.id())
                .add("kind", r.kind().name());
        add(b, "issuer", r.issuer());
        add(b, "jti", r.jti());
        add(b, "clientId", r.clientId());
        add(b, "conventionId", r.conventionId());
        return b.add("issuedBefore", r.issuedBefore().toString())
                .add("revokedAt", r.revokedAt().toString())
                .add("revokedBy", r.revokedBy())
                .add("keptUntil", r.keptUntil().toString())
                .add("target", r.target())
                .add("comment", r.comment() == null ? "" : r.comment())
                .build();
    }

    private static void add(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private String actor() {
        Principal caller = security.getCallerPrincipal();
        return caller == null || caller.getName() == null ? "unknown" : caller.getName();
    }
}
