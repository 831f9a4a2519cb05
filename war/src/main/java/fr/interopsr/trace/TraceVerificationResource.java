package fr.interopsr.trace;

import fr.interopsr.platform.JsonAnswer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * {@code GET /admin/api/traces/verify} (role interops-auditor, D-19): every chain walked, the first broken record
 * named; the verification is itself traced first ({@link AuditorAccess}, issue 14).
 */
@Path("admin/api/traces/verify")
@RequestScoped
public class TraceVerificationResource {

    @Inject
    TraceVerifier verifier;

    @Inject
    AuditorAccess access;

    @GET
    @RolesAllowed("interops-auditor")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@Context SecurityContext security) {
        try {
            access.record(TraceApi.auditor(security), AuditorAccess.VERIFIED, "every chain");
        } catch (TraceUnavailable e) {
            return TraceApi.unavailable();
        }
        return JsonAnswer.noStore(Response.ok(
                        TraceReports.toJson(verifier.check(Optional.empty())).toString()))
                .build();
    }
}
