package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.NoResultException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of {@link Unavailable}: which failures are a database outage, and the one 503 they become (issue 16). */
class UnavailableTest {

    @Test
    void driverAndPoolFailuresAreAnOutageHoweverDeeplyWrapped() {
        // PostgreSQL JDBC: socketTimeout on a black hole, a reset connection, a refused log-in
        SQLException io = new SQLException(
                "An I/O error occurred while sending to the backend.",
                "08006",
                new SocketTimeoutException("Read timed out"));
        assertTrue(Unavailable.isDatabaseOutage(io));
        assertTrue(Unavailable.isDatabaseOutage(new SQLTransientConnectionException("pool: no connection in 5000 ms")));
        // Payara's pool: no SQL state
        assertTrue(Unavailable.isDatabaseOutage(new SQLException("Error in allocating a connection")));
        // a provider's exception around it (EclipseLink's DatabaseException is no PersistenceException), in a servlet's
        assertTrue(Unavailable.isDatabaseOutage(new IllegalStateException("provider", new RuntimeException("x", io))));
        assertTrue(Unavailable.isDatabaseOutage(new IOException("servlet", new PersistenceException("jpa", io))));
    }

    @Test
    void persistenceAndTransactionExceptionsAreAnOutage() {
        assertTrue(Unavailable.isDatabaseOutage(new PersistenceException("no cause")));
        assertTrue(Unavailable.isDatabaseOutage(new PersistenceException("subclass") {}));
        assertTrue(Unavailable.isDatabaseOutage(
                new TransactionalException("commit failed", new RollbackException("rolled back"))));
    }

    @Test
    void aStatementTheDatabaseRefusedIsNoOutage() {
        assertFalse(Unavailable.isDatabaseOutage(new SQLException("duplicate key", "23505")));
        assertFalse(Unavailable.isDatabaseOutage(new PersistenceException(new SQLException("no such table", "42P01"))));
        assertFalse(Unavailable.isDatabaseOutage(new SQLException("value too long", "22001")));
        assertFalse(Unavailable.isDatabaseOutage(new NoResultException("no row")));
        assertFalse(Unavailable.isDatabaseOutage(new IllegalStateException(new OptimisticLockException("stale"))));
    }

    @Test
    void otherFailuresAreNoOutage() {
        assertFalse(Unavailable.isDatabaseOutage(new IllegalStateException("a bug")));
        assertFalse(Unavailable.isDatabaseOutage(new IOException("client went away")));
        assertFalse(Unavailable.isDatabaseOutage(null));
        RuntimeException loop = new RuntimeException("self");
        loop.initCause(new IllegalArgumentException("cause", loop));
        assertFalse(Unavailable.isDatabaseOutage(loop), "a cycle of causes ends");
    }

    @Test
    void theServletAnswerIs503JsonRetryAfterAndNoStore() {
        RecordedResponse r = new RecordedResponse();
        Unavailable.answer(r.response(), "the database cannot be reached now");
        assertEquals(503, r.status);
        assertEquals("application/json", r.contentType);
        assertEquals(
                "{\"error\":\"temporarily_unavailable\",\"error_description\":\"the database cannot be reached now\"}",
                r.text());
        assertEquals(Map.of("Retry-After", "5", "Cache-Control", "no-store", "Pragma", "no-cache"), r.headers);
    }
}
