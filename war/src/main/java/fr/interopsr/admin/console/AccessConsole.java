package fr.interopsr.admin.console;

import fr.interopsr.access.AccessCaller;
import fr.interopsr.access.AccessQuestion;
import fr.interopsr.access.AccessQuestions;
import fr.interopsr.access.AccessService;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.TraceUnavailable;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Would this call be allowed?" (issue 18 §3; roles {@code interops-admin} and {@code interops-auditor}, D-27): the
 * console asks {@link AccessService}, the service of {@code POST /access/v1/evaluation}, inside the server (D-21: the
 * console calls the service, never the REST API), and shows the decision with the rule that refused. A refused trace
 * of the trace search has a "replay" button that posts here: its call is judged again under the convention revision
 * its trace recorded. Every question is traced as a dry-run ACCESS_DECISION before its answer, so both are POSTs with
 * the session's CSRF token.
 */
@Path("admin/access")
@RequestScoped
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.AUDITOR})
@Produces(MediaType.TEXT_HTML)
public class AccessConsole {

    private static final String TRACES_UNAVAILABLE = "the decision cannot be traced now, so none is given";

    @Inject
    AccessService access;

    @Context
    HttpServletRequest request;

    @GET
    public Response form() {
        View v = Console.view(request, null);
        return Console.html(
                200, AccessViews.page(v, AccessCheckForm.blank(request.getContextPath()), null, null, null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response evaluate(MultivaluedMap<String, String> params) {
        if (!Console.csrfValid(request, params.getFirst("csrf"))) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/access");
        Map<String, String> values = new HashMap<>();
        for (String field : AccessCheckForm.FIELDS) {
            values.put(field, params.getFirst(field));
        }
        AccessCheckForm form = AccessCheckForm.of(values);
        if (View.LANGUAGE_OP.equals(params.getFirst("op"))) { // the question as typed, in the query's language
            return Console.html(200, AccessViews.page(v, form, null, null, null, null));
        }
        AccessQuestion question;
        try {
            question = form.question();
        } catch (AccessQuestions.Invalid e) {
            return Console.html(400, AccessViews.page(v, form, e.getMessage(), null, null, null));
        }
        try {
            AccessService.Evaluated e = access.evaluate(question, caller(v));
            return Console.html(200, AccessViews.page(v, form, null, e.decision(), e.id(), null));
        } catch (AccessQuestions.Invalid e) {
            return Console.html(400, AccessViews.page(v, form, e.getMessage(), null, null, null));
        } catch (AccessService.Forbidden e) {
            return Console.html(403, CommonViews.refused(v, 403, e.getMessage()));
        } catch (TraceUnavailable e) {
            return Console.html(503, CommonViews.refused(v, 503, TRACES_UNAVAILABLE));
        }
    }

    /** The replay of a recorded call (a refused trace of the search page), under the revision its trace recorded. */
    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@FormParam("csrf") String csrf, @FormParam("trace") String trace) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/access");
        long traceId;
        try {
            traceId = Long.parseLong(trace == null ? "" : trace.strip());
        } catch (NumberFormatException e) {
            return Console.html(400, CommonViews.refused(v, 400, v.m().t("access.replay.badTrace")));
        }
        try {
            Optional<AccessService.Evaluated> e = access.replay(traceId, caller(v));
            if (e.isEmpty()) {
                return Console.html(404, CommonViews.refused(v, 404, v.m().t("access.replay.noCall", traceId)));
            }
            AccessService.Evaluated evaluated = e.get();
            return Console.html(
                    200,
                    AccessViews.page(
                            v,
                            AccessCheckForm.blank(request.getContextPath()),
                            null,
                            evaluated.decision(),
                            evaluated.id(),
                            traceId));
        } catch (AccessQuestions.Invalid e) {
            return Console.html(400, CommonViews.refused(v, 400, e.getMessage()));
        } catch (AccessService.Forbidden e) {
            return Console.html(403, CommonViews.refused(v, 403, e.getMessage()));
        } catch (TraceUnavailable e) {
            return Console.html(503, CommonViews.refused(v, 503, TRACES_UNAVAILABLE));
        }
    }

    private AccessCaller caller(View v) {
        return AccessCaller.staff(Console.actor(request), v.roles(), "console", request.getRemoteAddr());
    }
}
