package fr.interopsr.provider;

import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Commits the TRANSACTION trace of a {@link TracedChange} method inside its transaction, before the change commits
 * (issue 14 §4, D-17, IR-19 b), with the status the resource is about to answer. Its priority is after
 * {@code @Transactional}'s ({@code PLATFORM_BEFORE + 200}), so it runs inside the transaction on every server.
 *
 * <p>The journal commits the trace on its own writer thread and connection (group commit, D-17): nothing of the
 * change's transaction is shared with it, no row of the change is written by the journal, so waiting here cannot
 * deadlock on a lock. Both take their connections from the same pool, though: if every pooled connection were held
 * by a change waiting for its trace, the writer could not get one. At most {@value #MAX_WAITING_CHANGES} changes
 * hold a transaction at once here (fewer than the pool's 32, docs/operations.md); a permit is taken before the
 * resource runs, when the transaction holds no connection yet, and given back once the transaction has ended.
 */
@TracedChange
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TracedChangeInterceptor {

    /** Changes that may hold a transaction (and a pooled connection) while their trace is committed. */
    static final int MAX_WAITING_CHANGES = 16;

    private static final Semaphore ADMISSION = new Semaphore(MAX_WAITING_CHANGES, true);
    private static final long ADMISSION_WAIT_SECONDS = 10;

    @Inject
    RequestTransaction request;

    @Inject
    TraceJournal journal;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object traceWithin(InvocationContext invocation) throws Exception {
        TransactionAction action = request.action();
        if (action == null) {
            throw new IllegalStateException("@TracedChange on " + invocation.getMethod()
                    + " outside a VI-authenticated /api/ call: its change could not be traced");
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException(
                    "@TracedChange on " + invocation.getMethod() + " needs an active transaction (@Transactional)");
        }
        if (!admission()) {
            request.outcome(RequestTransaction.Outcome.UNAVAILABLE);
            throw new TraceNotCommitted("too many changes wait for their traces", null);
        }
        ChangeCompletion completion =
                new ChangeCompletion(action, journal::record, ADMISSION::release, Clock.systemUTC());
        try {
            transactions.registerInterposedSynchronization(completion);
        } catch (RuntimeException e) {
            ADMISSION.release();
            throw e;
        }
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception e) {
            // a traced change that throws changes nothing (even a checked exception, which would commit): the
            // response filter then traces its answer after the rollback
            transactions.setRollbackOnly();
            throw e;
        }
        TraceEntry trace = action.answered(statusOf(result), Clock.systemUTC().instant());
        try {
            journal.record(trace);
        } catch (TraceUnavailable e) {
            if (!(e.getCause() instanceof ExecutionException)) {
                completion.traced(trace); // not known refused (a timeout): it may still be committed
            }
            request.outcome(RequestTransaction.Outcome.UNAVAILABLE);
            throw new TraceNotCommitted("the TRANSACTION trace of the change could not be committed", e);
        }
        completion.traced(trace);
        request.outcome(RequestTransaction.Outcome.COMMITTED_WITHIN);
        return result;
    }

    private static boolean admission() throws InterruptedException {
        return ADMISSION.tryAcquire(ADMISSION_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The status the resource is about to answer: its {@link Response}'s, else 200 (204 for nothing). */
    static int statusOf(Object result) {
        if (result instanceof Response r) {
            return r.getStatus();
        }
        return result == null ? 204 : 200;
    }
}
