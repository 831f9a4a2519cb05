package fr.interopsr.provider;

import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The end of one traced change's transaction (issue 14 §4), registered by {@link TracedChangeInterceptor} with
 * the JTA {@code TransactionSynchronizationRegistry} (portable Jakarta EE; the same on Payara and WildFly). When the
 * transaction does not commit after the change's TRANSACTION trace may have been committed, a second TRANSACTION
 * trace records the rollback ({@link TransactionAction#rolledBack}), committed before this returns, so that a trace
 * without its change is marked as such. Always gives back the change's admission ({@code release}). Plain Java: it
 * touches no request state, since {@code afterCompletion} may run on another thread (a timeout's rollback).
 */
final class ChangeCompletion implements Synchronization {

    private static final Logger LOG = Logger.getLogger(ChangeCompletion.class.getName());

    /** What this needs of the trace journal: commit one trace, or throw. */
    @FunctionalInterface
    interface Journal {
        void record(TraceEntry entry) throws TraceUnavailable;
    }

    private final TransactionAction action;
    private final Journal journal;
    private final Runnable release;
    private final Clock clock;
    private volatile TraceEntry traced;

    ChangeCompletion(TransactionAction action, Journal journal, Runnable release, Clock clock) {
        this.action = action;
        this.journal = journal;
        this.release = release;
        this.clock = clock;
    }

    /** The change's TRANSACTION trace was committed, or may have been (its wait timed out). */
    void traced(TraceEntry entry) {
        this.traced = entry;
    }

    @Override
    public void beforeCompletion() {
        // the trace is committed by the interceptor, before the transaction ends
    }

    @Override
    public void afterCompletion(int status) {
        try {
            TraceEntry t = traced;
            if (t != null && status != Status.STATUS_COMMITTED) {
                TraceEntry marker = action.rolledBack(t, status == Status.STATUS_ROLLEDBACK, clock.instant());
                try {
                    journal.record(marker);
                } catch (TraceUnavailable | RuntimeException e) {
                    LOG.severe("the change traced at " + t.occurredAt() + " (" + action.method() + " "
                            + action.targetUrl() + ", jti " + action.jti() + ") did not commit (JTA status " + status
                            + "), and the trace of its rollback could not be committed: " + e);
                }
            }
        } finally {
            release.run();
        }
    }
}
