package fr.interopsr.app;

import fr.interopsr.platform.JsonAnswer;
import fr.interopsr.platform.Unavailable;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JAX-RS answer to a failure no resource handled (issue 16): when the database could not answer
 * ({@link Unavailable#isDatabaseOutage}: the admin API, the sample service, the trace API reading through JPA or JDBC),
 * the one 503 of {@link Unavailable}, JSON with {@code Retry-After}; anything else is a bug, answered 500 with a JSON
 * error and no stack trace, and logged. Mappers of narrower types ({@code WebApplicationException}, ...) keep theirs.
 */
@Provider
public class UnavailableMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnavailableMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException failure) {
        return answer(failure);
    }

    static Response answer(RuntimeException failure) {
        return switch (decide(failure)) {
            case ITS_OWN ->
                failure instanceof WebApplicationException w ? w.getResponse() : runtimeOwnResponse(failure);
            case UNAVAILABLE -> {
                LOG.log(Level.WARNING, () -> "request not served, the database cannot be reached: " + failure);
                yield Unavailable.response("the service cannot reach its database now");
            }
            case SERVER_ERROR -> {
                LOG.log(Level.SEVERE, "request failed", failure);
                yield JsonAnswer.errorResponse(500, "server_error", "the request failed; see the server's log");
            }
        };
    }

    /** What becomes of a failure: its own answer, the 503 of an outage, or a 500. */
    enum Outcome {
        ITS_OWN,
        UNAVAILABLE,
        SERVER_ERROR
    }

    static Outcome decide(RuntimeException failure) {
        if (failure instanceof WebApplicationException w && w.getResponse() != null
                || runtimeOwnResponse(failure) != null) {
            return Outcome.ITS_OWN;
        }
        return Unavailable.isDatabaseOutage(failure) ? Outcome.UNAVAILABLE : Outcome.SERVER_ERROR;
    }

    /**
     * A JAX-RS runtime's own exception that carries its answer (RESTEasy's {@code Failure}, among them the default
     * answer to {@code OPTIONS}), found by its public {@code getResponse()}: handed back as it is.
     */
    private static Response runtimeOwnResponse(RuntimeException failure) {
        try {
            Object r = failure.getClass().getMethod("getResponse").invoke(failure);
            return r instanceof Response response ? response : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
