package fr.interopsr.admin.console;

import fr.interopsr.admin.CertificateExpiry;
import fr.interopsr.admin.ConventionAdministration;
import fr.interopsr.admin.ServerCertificates;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.TraceAggregateStore;
import fr.interopsr.trace.TraceCountRebuild;
import fr.interopsr.trace.TraceUnavailable;
import fr.interopsr.vi.IdentityProviderKeys;
import fr.interopsr.vi.SigningKey;
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
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard (issue 18 §2), for both roles: the counts of every node's traces for the last hour, day or month
 * ({@link TraceAggregateStore}, never {@code trace_record} itself: P-63), each node's journal lag as it reported it
 * (P-64), and the certificates that expire within 30 days: of the conventions (uploaded and in their documents,
 * {@link ConventionAdministration#expiring}) and the server's own, signing and TLS (P-66). It shows counts, no trace,
 * so a view is not traced as an auditor's read. Administrators may count the last days again
 * ({@code POST …/dashboard/rebuild}, the service of {@code POST /admin/api/traces/aggregates/rebuild}, D-21).
 */
@Path("admin/dashboard")
@RequestScoped
@RolesAllowed({AdminRoles.ADMIN, AdminRoles.AUDITOR})
@Produces(MediaType.TEXT_HTML)
public class DashboardConsole {

    private static final Logger LOG = Logger.getLogger(DashboardConsole.class.getName());

    /** The horizon of the certificates listed. */
    static final int EXPIRY_DAYS = 30;

    @Inject
    TraceAggregateStore counts;

    @Inject
    TraceCountRebuild rebuild;

    @Inject
    ConventionAdministration conventions;

    @Inject
    IdentityProviderKeys keys;

    @Context
    HttpServletRequest request;

    @GET
    public Response show() {
        View v = Console.view(request, null);
        String param = Console.queryParameter(request.getQueryString(), "period");
        Optional<Dashboard.Period> period = Dashboard.Period.of(param);
        if (period.isEmpty()) {
            return Console.html(400, CommonViews.refused(v, 400, v.m().t("dash.badPeriod")));
        }
        Instant now = Instant.now();
        Dashboard.Window window = Dashboard.Window.of(period.get(), now);
        Dashboard.Figures figures;
        List<Dashboard.NodeLag> lags;
        try {
            figures = Dashboard.figures(
                    window, counts.read(window.period().granularity(), window.from(), window.to()), Dashboard.TOP);
            lags = Dashboard.lags(counts.reports(), now);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard counts unreadable", e);
            return Console.html(503, CommonViews.refused(v, 503, "the dashboard's counts cannot be read now"));
        }
        List<Dashboard.Expiring> expiring = new ArrayList<>();
        try {
            for (ConventionAdministration.Expiring e : conventions.expiring(EXPIRY_DAYS)) {
                CertificateExpiry.Held c = e.certificate();
                expiring.add(new Dashboard.Expiring(
                        e.convention().id(), c.source(), c.subjectDn(), c.sha256(), c.notAfter()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "conventions' certificates unreadable for the dashboard", e);
        }
        Optional<List<CertificateExpiry.Held>> tls = ServerCertificates.tls();
        for (CertificateExpiry.Held c : CertificateExpiry.expiringWithin(tls.orElse(List.of()), now, EXPIRY_DAYS)) {
            expiring.add(new Dashboard.Expiring(null, c.source(), c.subjectDn(), c.sha256(), c.notAfter()));
        }
        if (keys.loaded()) {
            for (SigningKey k : keys.keys().all()) {
                if (k.notAfter().isBefore(now.plus(java.time.Duration.ofDays(EXPIRY_DAYS)))) {
                    expiring.add(new Dashboard.Expiring(
                            null,
                            "signing",
                            k.alias() + " (" + k.algorithm() + ", kid " + k.kid() + ")",
                            null,
                            k.notAfter()));
                }
            }
        }
        expiring.sort(Comparator.comparing(Dashboard.Expiring::notAfter));
        return Console.html(
                200, DashboardViews.page(v, new DashboardViews.Page(figures, lags, expiring, tls.isPresent(), now)));
    }

    /** Counts the last 1, 7 or 31 days again (P-63), traced as the admin's action first; shows what was counted. */
    @POST
    @Path("rebuild")
    @RolesAllowed(AdminRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rebuild(@FormParam("csrf") String csrf, @FormParam("days") String days) {
        if (!Console.csrfValid(request, csrf)) {
            return Console.forbiddenCsrf(request);
        }
        View v = Console.view(request, "/dashboard");
        Integer chosen = DashboardViews.REBUILD_DAYS.stream()
                .filter(d -> Integer.toString(d).equals(days))
                .findFirst()
                .orElse(null);
        if (chosen == null) {
            return Console.html(400, CommonViews.refused(v, 400, v.m().t("dash.rebuild.badDays")));
        }
        TraceCountRebuild.Result result;
        try {
            result = rebuild.run(Console.actor(request), rebuild.lastDays(chosen));
        } catch (TraceUnavailable | SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "dashboard counts not rebuilt from the console", e);
            return Console.html(503, CommonViews.refused(v, 503, "the counts cannot be rebuilt now"));
        }
        return Console.html(200, DashboardViews.rebuilt(v, result));
    }
}
