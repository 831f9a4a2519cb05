package fr.interopsr.access;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.ServerSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /.well-known/authzen-configuration} (issue 18 §3): the AuthZEN Authorization API 1.0 PDP metadata,
 * public, served under the WAR's context root like the OAuth metadata (D-10): {@code policy_decision_point} (this
 * deployment's public base URL), {@code access_evaluation_endpoint} and {@code access_evaluations_endpoint}. No
 * search endpoints (the standard's search API is not offered), no signed metadata. An {@code X-Request-ID} is sent
 * back ({@link AuthzenRequestId}).
 */
@Path(".well-known/authzen-configuration")
@RequestScoped
public class AuthzenConfigurationResource {

    /** Where the document is, under the context root. */
    static final String PATH = "/.well-known/authzen-configuration";

    @Inject
    ServerSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String configuration() {
        String base = settings.publicBaseUrl();
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("policy_decision_point", base)
                .add("access_evaluation_endpoint", base + "/access/v1/evaluation")
                .add("access_evaluations_endpoint", base + "/access/v1/evaluations")
                .build()
                .toString();
    }
}
