package fr.interopsr.provider;

import fr.interopsr.json.Jsonp;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.List;

/**
 * The transaction trace of every {@code /api/} request that passed VI validation (IR-19 b):
 * date, the client application and subject, target URL, HTTP verb and status, resource id and
 * status, with the convention and revision (D-14). Committed before the answer leaves (D-17); when
 * it cannot be, the answer becomes a 503.
 */
@Provider
public class TransactionTraceFilter implements ContainerResponseFilter {

    @Inject
    SecurityContext security;

    @Inject
    TraceJournal journal;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("api/") && !path.startsWith("/api/")) {
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
        int status = response.getStatus();
        List<String> ids = request.getUriInfo().getPathParameters().get("id");
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.TRANSACTION, Instant.now())
                .jti(vi.getTokenID())
                .issuer(vi.getIssuer())
                .subject(vi.getSubject())
                .clientId(vi.getSubject())
                .serviceId(vi.getClaim("azp"))
                .scopes(String.join(" ", vi.scopes()))
                .convention(vi.conventionId(), vi.conventionRevision())
                .action(
                        request.getMethod(),
                        request.getUriInfo().getRequestUri().toString(),
                        status,
                        ids == null || ids.isEmpty() ? null : ids.get(0));
        if (status < 400) {
            trace.success();
        } else {
            trace.failure(String.valueOf(status), request.getMethod() + " " + path + " answered " + status);
        }
        try {
            TraceJournal.Submitted transaction = journal.submit(trace.build());
            if (verification instanceof TraceJournal.Submitted v) {
                journal.await(v); // committed in an earlier batch or in the same one: usually no wait
            }
            journal.await(transaction);
        } catch (TraceUnavailable e) {
            unavailable(response);
        }
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
        response.setStatus(503);
        response.getHeaders().putSingle("Retry-After", "5");
        response.setEntity(
                Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("error", "temporarily_unavailable")
                        .add("error_description", "the service cannot record traces")
                        .build()
                        .toString(),
                null,
                MediaType.APPLICATION_JSON_TYPE);
    }
}
