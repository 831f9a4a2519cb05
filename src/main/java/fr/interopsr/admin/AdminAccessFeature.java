package fr.interopsr.admin;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The {@code @RolesAllowed} of the administration resources, checked before JAX-RS's own check and
 * answered in the administration's JSON error format: no caller, 401 with a Basic challenge; a
 * caller without the role, 403 (D-19, D-21). Admin answers are never cached.
 */
@Provider
public class AdminAccessFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type == null || !type.getPackageName().equals(AdminAccessFeature.class.getPackageName())) {
            return;
        }
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = type.getAnnotation(RolesAllowed.class);
        }
        if (roles != null) {
            context.register(new Check(List.of(roles.value())), Priorities.AUTHORIZATION - 100);
        }
    }

    /** The check of one resource method. */
    @Priority(Priorities.AUTHORIZATION - 100)
    static final class Check implements ContainerRequestFilter, ContainerResponseFilter {

        private final List<String> roles;

        Check(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security == null || security.getUserPrincipal() == null) {
                request.abortWith(Response.fromResponse(ConventionsResource.refused(new AdminRefusal(401,
                                "unauthorized", "log in with an administrator account (HTTP Basic)", List.of())))
                        .header("WWW-Authenticate", "Basic realm=\"Interops-R administration\", charset=\"UTF-8\"")
                        .build());
                return;
            }
            if (roles.stream().noneMatch(security::isUserInRole)) {
                request.abortWith(ConventionsResource.refused(new AdminRefusal(403, "forbidden",
                        "this operation needs the role " + String.join(" or ", roles), List.of())));
            }
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
