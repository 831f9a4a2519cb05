package fr.interopsr.provider;

import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceKind;
import java.time.Instant;

/**
 * What the TRANSACTION trace of one {@code /api/} call records besides its outcome (IR-19 b): the VI it was made
 * with, the verb, the URL, the path and the resource id. Plain Java, so that the trace of a change committed inside
 * its transaction ({@link TracedChangeInterceptor}) and the trace written after the answer
 * ({@link TransactionTraceFilter}) are the same record.
 */
public record TransactionAction(
        String jti,
        String issuer,
        String subject,
        String serviceId,
        String scopes,
        String conventionId,
        Integer conventionRevision,
        String method,
        String targetUrl,
        String path,
        String resourceId) {

    /** The {@code step} of a trace that marks a change rolled back after its TRANSACTION trace was committed. */
    public static final String ROLLBACK_STEP = "commit";
    /** Its {@code errorCode} when the transaction rolled back. */
    public static final String ROLLED_BACK = "rolled_back";
    /** Its {@code errorCode} when the transaction manager could not tell whether it committed. */
    public static final String OUTCOME_UNKNOWN = "outcome_unknown";

    static TransactionAction of(ViPrincipal vi, String method, String targetUrl, String path, String resourceId) {
        return new TransactionAction(
                vi.getTokenID(),
                vi.getIssuer(),
                vi.getSubject(),
                vi.getClaim("azp"),
                String.join(" ", vi.scopes()),
                vi.conventionId(),
                vi.conventionRevision(),
                method,
                targetUrl,
                path,
                resourceId);
    }

    /** The TRANSACTION trace of this call answered with {@code status}: SUCCESS below 400, else FAILURE. */
    public TraceEntry answered(int status, Instant at) {
        TraceEntry.Builder trace = common(at).action(method, targetUrl, status, resourceId);
        if (status < 400) {
            trace.success();
        } else {
            trace.failure(String.valueOf(status), method + " " + path + " answered " + status);
        }
        return trace.build();
    }

    /**
     * The second TRANSACTION trace of a change whose trace was committed but whose own transaction did not commit
     * (issue 14 §4): FAILURE, step {@value #ROLLBACK_STEP}, error code {@value #ROLLED_BACK} (or
     * {@value #OUTCOME_UNKNOWN}), no HTTP status (the resource's answer was not given); the detail names the trace it
     * contradicts. No new column: the marking is in existing fields (docs/traces.md).
     */
    public TraceEntry rolledBack(TraceEntry traced, boolean known, Instant at) {
        String code = known ? ROLLED_BACK : OUTCOME_UNKNOWN;
        String what = known ? "rolled back" : "of unknown outcome (the transaction manager could not tell)";
        return common(at)
                .action(method, targetUrl, null, resourceId)
                .failure(
                        code,
                        "the change traced at " + traced.occurredAt() + " (" + method + " " + path + " answered "
                                + traced.httpStatus() + ") was " + what + " after its trace was committed:"
                                + (known ? " it did not happen" : " it may not have happened"))
                .step(ROLLBACK_STEP)
                .build();
    }

    private TraceEntry.Builder common(Instant at) {
        return TraceEntry.builder(TraceKind.TRANSACTION, at)
                .jti(jti)
                .issuer(issuer)
                .subject(subject)
                .clientId(subject)
                .serviceId(serviceId)
                .scopes(scopes)
                .convention(conventionId, conventionRevision);
    }
}
