package fr.interopsr.admin.console;

import fr.interopsr.admin.AdminRefusal;
import fr.interopsr.admin.RevocationAdministration;
import fr.interopsr.admin.login.AdminRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The revocations page of the console (issue 17; role {@code interops-admin}): the revocations in force on this node,
 * and a form (no script, CSRF token) that revokes one VI by {@code jti}, every VI of a client or every VI of a
 * convention, through {@link RevocationAdministration}, the service of {@code /admin/api/revocations} (D-21: the
 * console calls the service, never the REST API), with the same ADMIN_ACTION trace.
 */
@Path("admin/revocations")
@RequestScoped
@RolesAllowed(AdminRoles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class RevocationConsole {

    @Inject
    RevocationAdministration revocations;

    @Context
    HttpServletRequest request;

    @GET
    public Response list() {
        View v = Console.view(request, null);
        return Console.html(200, RevocationViews.page(v, revocations.list(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(
            @FormParam("csrf") String csrf,
            @FormParam("kind") String kind,
            @FormParam("value") String value,
            @FormParam("comment") String comment) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/revocations");
        String target = value == null ? null : value.strip();
        try {
            if (target == null || target.isEmpty()) {
                throw AdminRefusal.badRequest(v.m().t("revocations.value.missing"));
            }
            String text = comment == null || comment.isBlank() ? null : comment.strip();
            if (text != null && text.length() > fr.interopsr.admin.AdminParams.MAX_COMMENT) {
                throw AdminRefusal.badRequest(
                        "comment is longer than " + fr.interopsr.admin.AdminParams.MAX_COMMENT + " characters");
            }
            String actor = Console.actor(request);
            switch (kind == null ? "" : kind) {
                case "jti" -> revocations.revoke(target, null, null, null, actor, text);
                case "client" -> revocations.revoke(null, null, target, null, actor, text);
                case "convention" -> revocations.revoke(null, null, null, target, actor, text);
                default -> throw AdminRefusal.badRequest(v.m().t("revocations.kind.missing"));
            }
        } catch (AdminRefusal refusal) {
            return Console.html(refusal.status(), RevocationViews.page(v, revocations.list(), refusal.getMessage()));
        }
        return Console.seeOther(v.base() + "/revocations");
    }
}
