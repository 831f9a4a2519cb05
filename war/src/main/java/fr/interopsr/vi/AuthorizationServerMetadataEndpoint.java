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
 * token endpoint, JWK Set, client_credentials and token exchange (RFC 8693, issue 17 §3), client_secret_basic
 * and tls_client_auth, certificate-bound VIs (RFC 8705 §3.3), the introspection and revocation endpoints with
 * their authentication methods (issue 17); scopes_supported left out (scopes belong to conventions).
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
                        Jsonp.PROVIDER
                                .createArrayBuilder()
                                .add("client_credentials")
                                // issue 17 §3: RFC 8693 token exchange, beyond Interops-R 1.0
                                .add("urn:ietf:params:oauth:grant-type:token-exchange"))
                .add("response_types_supported", Jsonp.PROVIDER.createArrayBuilder())
                .add(
                        "token_endpoint_auth_methods_supported",
                        Jsonp.PROVIDER
                                .createArrayBuilder()
                                .add("client_secret_basic")
                                .add("tls_client_auth"))
                // RFC 8705 §3.3: conventions with certificateBoundVi issue certificate-bound VIs, and the data provider
                // checks cnf on every VI that has one (P-44)
                .add("tls_client_certificate_bound_access_tokens", true)
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
