package fr.interopsr.provider;

import fr.interopsr.json.Jsonp;
import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * A valid VI whose scopes do not hold the role a method needs: the container refuses with a 403
 * ({@code ForbiddenException}); Interops-R wants a 401 {@code insufficient_scope} naming the scope
 * needed (IR-8, IR-12, D-11). The scope comes from the method's {@code @RolesAllowed}. Outside
 * {@code /api/} (administration) the same refusal stays a 403, in JSON, naming the role (D-19).
 */
@Provider
public class InsufficientScopeMapper implements ExceptionMapper<ForbiddenException> {

    @Context
    ResourceInfo resource;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ForbiddenException exception) {
        String path = uri == null ? "" : uri.getPath();
        String scope = neededScope();
        if (!path.startsWith("api/") && !path.startsWith("/api/")) {
            // elsewhere (administration) a missing role is a plain 403 naming the role (D-19)
            return JsonAnswer.noStore(Response.status(403))
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Jsonp.PROVIDER
                            .createObjectBuilder()
                            .add("error", "forbidden")
                            .add(
                                    "error_description",
                                    scope == null
                                            ? "your account does not have the role this needs"
                                            : "this operation needs the role " + scope.replace(" ", " or "))
                            .build()
                            .toString())
                    .build();
        }
        String description = "the VI does not carry the scope this operation needs";
        return Response.status(401)
                .header("WWW-Authenticate", BearerChallenge.of("insufficient_scope", description, scope))
                .type(MediaType.APPLICATION_JSON)
                .entity(Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("error", "insufficient_scope")
                        .add("error_description", description)
                        .add("scope", scope == null ? "" : scope)
                        .build()
                        .toString())
                .build();
    }

    private String neededScope() {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? null : String.join(" ", roles.value());
    }
}
