package fr.interopsr.provider;

import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Completes the VI check of {@code /api/*} when the authentication mechanism had to wait for the
 * request's TLS details ({@link TlsDetails}): it asks the container to authenticate the request
 * again ({@link HttpServletRequest#authenticate}), which calls the same mechanism, now with the
 * client certificate visible (D-1, D-4). A refused VI ends here with the mechanism's 401 and its
 * trace; an accepted one goes on with its identity and roles, before any resource code runs. On a
 * container that exposes TLS details to the mechanism at once, nothing is deferred and this filter
 * only passes requests on. Last, it awaits a VI_VERIFICATION trace that nobody awaited (an answer made
 * outside JAX-RS's response filters), so that no request leaves its verification trace behind.
 */
@WebFilter(urlPatterns = "/api/*")
public class ApiAuthenticationFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ApiAuthenticationFilter.class.getName());

    @Inject
    TraceJournal journal;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(TlsDetails.DEFERRED) != null) {
            // the mechanism runs again; if the TLS details are still missing it refuses (503, traced)
            boolean authenticated;
            try {
                authenticated = request.authenticate(response);
            } catch (ServletException e) {
                if (response.isCommitted()) {
                    return;
                }
                throw e;
            }
            if (!authenticated) {
                return; // the mechanism has answered: 401 with a Bearer challenge, or 503
            }
        }
        chain.doFilter(request, response);
        if (request.getAttribute(ViAuthentication.PENDING_VERIFICATION) instanceof TraceJournal.Submitted pending) {
            // TransactionTraceFilter did not run (an answer made outside JAX-RS's filters): the verification
            // trace is still committed, or logged as lost, before this request's thread is released
            request.removeAttribute(ViAuthentication.PENDING_VERIFICATION);
            try {
                journal.await(pending);
            } catch (TraceUnavailable e) {
                LOG.severe("the VI_VERIFICATION trace of " + request.getMethod() + " " + request.getRequestURI()
                        + " could not be committed, and the answer (" + response.getStatus() + ") was given: " + e);
            }
        }
    }
}
