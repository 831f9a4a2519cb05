package fr.interopsr.trace;

import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/api/traces/checkpoint-keys} (role interops-auditor, issue 15): the JWKS of the public keys the
 * check verifies checkpoints with ({@link TraceCheckpoints#verificationKeys()}: the server's signing keys and the
 * checkpoint key file's), each with its validity ({@code nbf}, {@code exp}). What an operator saves outside the
 * database and gives the command line as {@code --keys}.
 */
@Path("admin/api/traces/checkpoint-keys")
@RequestScoped
public class TraceCheckpointKeysResource {

    static final String JWKS = "application/jwk-set+json";

    @Inject
    TraceCheckpoints checkpoints;

    @GET
    @RolesAllowed("interops-auditor")
    @Produces(JWKS)
    public Response keys() {
        return JsonAnswer.noStore(Response.ok(checkpoints.verificationKeys().toJwks(), JWKS))
                .build();
    }
}
