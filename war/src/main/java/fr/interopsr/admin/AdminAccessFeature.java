package fr.interopsr.admin;

import fr.interopsr.platform.JsonAnswer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Admin answers are never cached ({@code Cache-Control: no-store}, {@code Pragma: no-cache}): they carry secrets and
 * agreements. Who may call is decided elsewhere, once: the login by the WAR's mechanism (D-21, a
 * 401 with a Basic challenge), the role by the container's {@code @RolesAllowed}, whose 403 the
 * one exception mapper answers in JSON outside {@code /api/}
 * ({@link fr.interopsr.provider.InsufficientScopeMapper}).
 */
@Provider
public class AdminAccessFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        if (type != null && type.getPackageName().equals(AdminAccessFeature.class.getPackageName())) {
            context.register(NoStore.class);
        }
    }

    /** The header on every admin answer. */
    public static final class NoStore implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            JsonAnswer.noStore(response.getHeaders());
        }
    }
}
