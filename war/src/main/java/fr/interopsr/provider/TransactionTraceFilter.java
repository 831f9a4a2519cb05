package fr.interopsr.provider;

import fr.interopsr.platform.Unavailable;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.List;

/**
 * The transaction trace of every {@code /api/} request that passed VI validation (IR-19 b):
 * date, the client application and subject, target URL, HTTP verb and status, resource id and
 * status, with the convention and revision (D-14). Committed before the answer leaves (D-17); when
 * it cannot be, the answer becomes a 503. A change ({@link TracedChange}) commits its trace inside its own
 * transaction, before the change (issue 14 §4): this filter prepares that trace's action when the request comes in,
 * and after the answer writes only the traces no change committed within (reads, refusals before the resource).
 */
@Provider
public class TransactionTraceFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Inject
    SecurityContext security;

    @Inject
    TraceJournal journal;

    @Inject
    RequestTransaction transaction;

    /** Once the resource is matched: the action of this call's TRANSACTION trace, for a change to commit within. */
    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isApi(path)) {
            return;
        }
        security.getPrincipalsByType(ViPrincipal.class).stream()
                .findFirst()
                .ifPresent(vi -> transaction.prepare(action(vi, request, path)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!isApi(path)) {
            return;
        }
        Object verification = request.getProperty(ViAuthentication.PENDING_VERIFICATION);
        request.removeProperty(ViAuthentication.PENDING_VERIFICATION);
        ViPrincipal vi = security.getPrincipalsByType(ViPrincipal.class).stream()
                .findFirst()
                .orElse(null);
        if (vi == null) {
            awaitOrUnavailable(verification, response);
            return;
        }
        switch (transaction.outcome()) {
            case COMMITTED_WITHIN -> {
                awaitOrUnavailable(verification, response);
                return;
            }
            case UNAVAILABLE -> {
                // the change rolled back with its trace (issue 14 §4): the caller learns it was not made
                awaitOrUnavailable(verification, response);
                unavailable(response);
                return;
            }
            case PENDING -> {
                // traced below, after the answer: nothing was changed (a read, or no resource ran)
            }
        }
        try {
            TraceJournal.Submitted trace =
                    journal.submit(action(vi, request, path).answered(response.getStatus(), Instant.now()));
            if (verification instanceof TraceJournal.Submitted v) {
                journal.await(v); // committed in an earlier batch or in the same one: usually no wait
            }
            journal.await(trace);
        } catch (TraceUnavailable e) {
            unavailable(response);
        }
    }

    private static boolean isApi(String path) {
        return path.startsWith("api/") || path.startsWith("/api/");
    }

    private static TransactionAction action(ViPrincipal vi, ContainerRequestContext request, String path) {
        List<String> ids = request.getUriInfo().getPathParameters().get("id");
        return TransactionAction.of(
                vi,
                request.getMethod(),
                request.getUriInfo().getRequestUri().toString(),
                path,
                ids == null || ids.isEmpty() ? null : ids.get(0));
    }

    private void awaitOrUnavailable(Object verification, ContainerResponseContext response) {
        if (verification instanceof TraceJournal.Submitted v) {
            try {
                journal.await(v);
            } catch (TraceUnavailable e) {
                unavailable(response);
            }
        }
    }

    private static void unavailable(ContainerResponseContext response) {
        Unavailable.replace(response, "the service cannot record traces");
    }
}
