package fr.interopsr.admin.console;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The {@code @RolesAllowed} of the console's pages, checked before JAX-RS's own check so that a
 * refusal is a readable HTML page in the console's language (the shared mapper answers JSON, for
 * the APIs): no caller, a redirect to the login page; a caller without the role, 403 saying which
 * role is needed.
 */
@Provider
public class ConsoleAccess implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        if (type != null
                && type.getPackageName().equals(ConsoleAccess.class.getPackageName())
                && roles(type, resource.getResourceMethod()) != null) {
            context.register(Check.class, Priorities.AUTHORIZATION - 100);
        }
    }

    static RolesAllowed roles(Class<?> type, Method method) {
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        return roles != null ? roles : type.getAnnotation(RolesAllowed.class);
    }

    /** The check of one page. */
    @Priority(Priorities.AUTHORIZATION - 100)
    public static class Check implements ContainerRequestFilter {

        @Context
        ResourceInfo resource;

        @Context
        HttpServletRequest request;

        @Override
        public void filter(ContainerRequestContext context) {
            RolesAllowed roles = roles(resource.getResourceClass(), resource.getResourceMethod());
            if (roles == null) {
                return;
            }
            if (request.getUserPrincipal() == null) {
                context.abortWith(Console.seeOther(request.getContextPath() + "/admin/login"));
                return;
            }
            for (String role : roles.value()) {
                if (request.isUserInRole(role)) {
                    return;
                }
            }
            context.abortWith(
                    Console.html(403, CommonViews.forbiddenRole(Console.view(request, null), List.of(roles.value()))));
        }
    }
}
