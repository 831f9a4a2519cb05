package fr.interopsr.vi;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.ServerSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata (CONTRACT.md, D-10): issuer,
 * token endpoint, JWK Set, client_credentials, client_secret_basic and tls_client_auth, the introspection and
 * revocation endpoints with their authentication methods (issue 17);
 * scopes_supported left out (scopes belong to conventions).
 */
@Path(".well-known/oauth-authorization-server")
@RequestScoped
public class AuthorizationServerMetadataEndpoint {

    @Inject
    ServerSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String metadata() {
        String issuer = settings.issuer();
        String base = settings.publicBaseUrl();
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("issuer", issuer)
                .add("token_endpoint", base + "/idp/token")
                .add("jwks_uri", base + "/idp/jwks")
                .add(
                        "grant_types_supported",
                        Jsonp.PROVIDER.createArrayBuilder().add("client_credentials"))
                .add("response_types_supported", Jsonp.PROVIDER.createArrayBuilder())
                .add(
                        "token_endpoint_auth_methods_supported",
                        Jsonp.PROVIDER
                                .createArrayBuilder()
                                .add("client_secret_basic")
                                .add("tls_client_auth"))
                .add("tls_client_certificate_bound_access_tokens", false)
                // issue 17: introspection (RFC 7662) by a data provider's certificate, revocation (RFC 7009) by the
                // client as at the token endpoint
                .add("introspection_endpoint", base + "/idp/introspect")
                .add(
                        "introspection_endpoint_auth_methods_supported",
                        Jsonp.PROVIDER.createArrayBuilder().add("tls_client_auth"))
                .add("revocation_endpoint", base + "/idp/revoke")
                .add(
                        "revocation_endpoint_auth_methods_supported",
                        Jsonp.PROVIDER
                                .createArrayBuilder()
                                .add("client_secret_basic")
                                .add("tls_client_auth"))
                .build()
                .toString();
    }
}
