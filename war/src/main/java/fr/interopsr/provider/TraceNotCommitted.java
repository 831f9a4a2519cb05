package fr.interopsr.provider;

import jakarta.ws.rs.WebApplicationException;

/**
 * A change's TRANSACTION trace could not be committed inside its transaction (issue 14 §4): unchecked, so that
 * {@code @Transactional} rolls the change back; a 503, whose body {@link TransactionTraceFilter} writes.
 */
final class TraceNotCommitted extends WebApplicationException {
    TraceNotCommitted(String message, Throwable cause) {
        super(message, cause, 503);
    }
}
