package fr.interopsr.provider.beneficiary;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unknown paths and methods of the sample service answer in its one JSON error format, not an HTML page. */
@Provider
public class ApiNotFoundMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status =
                exception.getResponse() == null ? 500 : exception.getResponse().getStatus();
        if (exception instanceof NotFoundException) {
            return ApiErrors.notFound("no such resource");
        }
        if (exception instanceof NotAllowedException) {
            Response r = ApiErrors.of(405, "method_not_allowed", "this resource does not accept that method");
            return Response.fromResponse(r)
                    .allow(exception.getResponse().getAllowedMethods())
                    .build();
        }
        if (status >= 400 && status < 500) {
            return ApiErrors.of(status, "invalid_request", "the request cannot be served as sent");
        }
        return exception.getResponse();
    }
}
