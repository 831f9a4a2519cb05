package fr.interopsr.app;

import fr.interopsr.platform.CanonicalPath;
import fr.interopsr.platform.Correlation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * The correlation of a call (issue 17 §4) past the authentication mechanism, which makes it first
 * ({@link PathAuthenticationMechanism}): as a servlet filter, it makes sure the call has one (should the mechanism
 * not have run) and that the thread holds it; as a JAX-RS filter, it hands it to the resources as the
 * {@code ContainerRequestContext} properties {@link Correlation#PROPERTY} (the {@link Correlation}) and
 * {@link Correlation#ID_PROPERTY} (the id), for resources that call further services.
 */
@WebFilter(urlPatterns = "/*")
@Provider
@PreMatching
public class CorrelationFilter extends HttpFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!Correlation.applies(CanonicalPath.routed(request))) {
            chain.doFilter(request, response);
            return;
        }
        // the thread lets go of it when the request ends (CorrelationListener), not here: a filter outside this one
        // may still trace or log for the call after the chain returns
        Correlation.begin(request, response);
        chain.doFilter(request, response);
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Correlation c = servletRequest == null ? Correlation.current() : Correlation.of(servletRequest);
        if (c == null) {
            c = Correlation.current();
        }
        if (c != null) {
            context.setProperty(Correlation.PROPERTY, c);
            context.setProperty(Correlation.ID_PROPERTY, c.correlationId());
        }
    }
}
