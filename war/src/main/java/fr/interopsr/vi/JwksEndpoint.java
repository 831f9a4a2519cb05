package fr.interopsr.vi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** {@code GET /idp/jwks}: the RFC 7517 JWK Set of the current and still-valid public keys (CONTRACT.md). */
@Path("idp/jwks")
@RequestScoped
public class JwksEndpoint {

    @Inject
    IdentityProviderKeys keys;

    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        String body = keys.keys().publicJwkSet(Instant.now()).toString(true);
        return Response.ok(body).header("Cache-Control", "public, max-age=300").build();
    }
}
