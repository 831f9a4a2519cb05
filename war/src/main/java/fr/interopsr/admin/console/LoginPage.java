package fr.interopsr.admin.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/login} (public): the form that the WAR's mechanism checks on POST (D-21),
 * with the session's CSRF token; {@code ?error} says the last attempt failed.
 */
@Path("admin/login")
@RequestScoped
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    @Context
    HttpServletRequest request;

    @GET
    public Response form(@QueryParam("error") String error) {
        return Console.html(200, CommonViews.login(Console.view(request, null), error != null));
    }
}
