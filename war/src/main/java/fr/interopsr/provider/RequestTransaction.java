package fr.interopsr.provider;

import jakarta.enterprise.context.RequestScoped;

/**
 * The TRANSACTION trace of the current {@code /api/} call, between {@link TransactionTraceFilter} (which prepares
 * its action once the VI is accepted and the resource matched) and {@link TracedChangeInterceptor} (which commits it
 * inside a change's transaction). The response filter writes the trace after the answer only when no change
 * committed it within.
 */
@RequestScoped
public class RequestTransaction {

    /** Where the call's TRANSACTION trace stands. */
    enum Outcome {
        /** Not traced yet: the response filter writes it after the answer (reads, refusals before the resource). */
        PENDING,
        /** Committed inside the change's transaction: nothing more to write. */
        COMMITTED_WITHIN,
        /** Could not be committed inside the transaction: the change rolled back, the answer is a 503. */
        UNAVAILABLE
    }

    private TransactionAction action;
    private Outcome outcome = Outcome.PENDING;

    void prepare(TransactionAction action) {
        this.action = action;
    }

    /** The call's action, or null outside a VI-authenticated {@code /api/} call. */
    TransactionAction action() {
        return action;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    Outcome outcome() {
        return outcome;
    }
}
