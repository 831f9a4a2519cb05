package fr.interopsr.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link UnavailableMapper}'s decision (issue 16): an outage of the database under JAX-RS is the 503 of
 * {@code Unavailable}, a bug a 500, a runtime's own answer its own. (Building a {@link Response} needs a JAX-RS
 * runtime: {@code DatabaseOutageIT} sees the answers themselves.)
 */
class UnavailableMapperTest {

    @Test
    void jpaAndJdbcFailuresAreUnavailable() {
        assertEquals(
                UnavailableMapper.Outcome.UNAVAILABLE,
                UnavailableMapper.decide(new PersistenceException(new SQLException("I/O error", "08006"))));
        assertEquals(
                UnavailableMapper.Outcome.UNAVAILABLE,
                UnavailableMapper.decide(
                        new IllegalStateException(new SQLException("Error in allocating a connection"))));
        assertEquals(
                UnavailableMapper.Outcome.UNAVAILABLE,
                UnavailableMapper.decide(new TransactionalException("commit", new IllegalStateException())));
    }

    @Test
    void aBugIsAServerError() {
        assertEquals(UnavailableMapper.Outcome.SERVER_ERROR, UnavailableMapper.decide(new NullPointerException()));
        assertEquals(
                UnavailableMapper.Outcome.SERVER_ERROR,
                UnavailableMapper.decide(new PersistenceException(new SQLException("duplicate key", "23505"))));
    }

    /** Like RESTEasy's {@code Failure}: a runtime exception that carries its answer. */
    static final class CarriesItsAnswer extends RuntimeException {
        public Response getResponse() {
            return null; // no runtime to build one; its presence decides
        }
    }

    /** Like RESTEasy's {@code Failure}, with an answer. */
    public static final class HasAnAnswer extends RuntimeException {
        public Object getResponse() {
            return "not a Response";
        }
    }

    @Test
    void onlyARealResponseCountsAsTheRuntimesOwn() {
        assertEquals(UnavailableMapper.Outcome.SERVER_ERROR, UnavailableMapper.decide(new CarriesItsAnswer()));
        assertEquals(UnavailableMapper.Outcome.SERVER_ERROR, UnavailableMapper.decide(new HasAnAnswer()));
    }
}
