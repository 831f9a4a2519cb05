package fr.interopsr.platform;

import jakarta.persistence.EntityExistsException;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.NoResultException;
import jakarta.persistence.NonUniqueResultException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.TransactionRequiredException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The one answer of a server that cannot reach its database now (issue 16, "Database outage"; P-4, P-42): 503, the
 * JSON error {@code temporarily_unavailable}, {@code Retry-After: 5}, never cached, never a 500 and never a stack
 * trace. And the one rule that tells such a failure from a bug: {@link #isDatabaseOutage}.
 *
 * <p>The token endpoint, the checks under {@code /api/}, the admin log-in and the JAX-RS answers (admin API, sample
 * service) all answer through here when the journal cannot commit a trace or the database throws.
 */
public final class Unavailable {

    /** Seconds a client should wait before it tries again: about the time readiness takes to come back. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public static final String RETRY_AFTER = "Retry-After";

    public static final String ERROR = "temporarily_unavailable";

    private Unavailable() {}

    /**
     * Whether {@code failure}, or one of its causes, says that the database could not answer: an {@link SQLException}
     * (the driver, or the pool that could not hand out a connection), a Jakarta Persistence or Jakarta Transactions
     * exception, or a connector's {@code ResourceException}. Not when the database answered and refused the
     * statement: an SQL state of class 22 (data), 23 (integrity) or 42 (syntax, unknown object), or a persistence
     * exception that reports an answer (no result, not unique, exists, not found, optimistic lock, no transaction), is
     * a bug or a conflict of the caller's, not an outage.
     */
    public static boolean isDatabaseOutage(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        boolean database = false;
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42"))) {
                    return false;
                }
                database = true;
            } else if (t instanceof NoResultException
                    || t instanceof NonUniqueResultException
                    || t instanceof EntityExistsException
                    || t instanceof EntityNotFoundException
                    || t instanceof OptimisticLockException
                    || t instanceof TransactionRequiredException) {
                return false; // the database answered: the caller's bug or conflict
            } else if (inPackage(t, "jakarta.persistence.")
                    || inPackage(t, "jakarta.transaction.")
                    || inPackage(t, "jakarta.resource.")) {
                database = true;
            }
        }
        return database;
    }

    /** Whether the class of {@code t} or one of its superclasses is in {@code pkg} (a provider's subclasses count). */
    private static boolean inPackage(Throwable t, String pkg) {
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (c.getName().startsWith(pkg)) {
                return true;
            }
        }
        return false;
    }

    /** The 503 on a servlet answer: {@code Retry-After}, then the JSON error of {@link JsonAnswer}. */
    public static void answer(HttpServletResponse response, String description) {
        response.setHeader(RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        JsonAnswer.error(response, 503, ERROR, description);
    }

    /** The same 503 in place of a JAX-RS answer already made (a response filter). */
    public static void replace(ContainerResponseContext response, String description) {
        response.setStatus(503);
        response.getHeaders().putSingle(RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        JsonAnswer.noStore(response.getHeaders());
        response.setEntity(JsonAnswer.errorBody(ERROR, description), null, MediaType.APPLICATION_JSON_TYPE);
    }

    /** The same 503 as a JAX-RS answer. */
    public static Response response(String description) {
        return Response.fromResponse(JsonAnswer.errorResponse(503, ERROR, description))
                .header(RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .build();
    }
}
