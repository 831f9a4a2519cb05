package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.TraceAggregates;
import fr.interopsr.trace.TraceCountRebuild;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 18 §2: the dashboard's figures from the counts, and its page in both languages. */
class DashboardTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:42:31Z");

    static TraceAggregates.Counts counts(Dashboard.Window w) {
        return new TraceAggregates.Counts(
                List.of(
                        new TraceAggregates.BucketCount(w.bucket(0), "VI_GENERATION", "SUCCESS", 4),
                        new TraceAggregates.BucketCount(w.bucket(0), "VI_GENERATION", "FAILURE", 1),
                        new TraceAggregates.BucketCount(w.bucket(59), "VI_VERIFICATION", "SUCCESS", 7),
                        new TraceAggregates.BucketCount(w.bucket(59), "VI_VERIFICATION", "FAILURE", 2),
                        new TraceAggregates.BucketCount(w.bucket(59), "TRANSACTION", "SUCCESS", 7),
                        new TraceAggregates.BucketCount(w.bucket(59), "INTROSPECTION", "SUCCESS", 3),
                        new TraceAggregates.BucketCount(w.to(), "VI_GENERATION", "SUCCESS", 99)),
                List.of(
                        new TraceAggregates.Total("VI_GENERATION", "SUCCESS", "c<1>", "", "", 4),
                        new TraceAggregates.Total("VI_GENERATION", "FAILURE", "", "invalid_client", "", 1),
                        new TraceAggregates.Total("VI_VERIFICATION", "SUCCESS", "c<1>", "", "", 5),
                        new TraceAggregates.Total("VI_VERIFICATION", "SUCCESS", "c2", "", "", 2),
                        new TraceAggregates.Total("VI_VERIFICATION", "FAILURE", "c2", "invalid_token", "TIME", 2),
                        new TraceAggregates.Total("TRANSACTION", "SUCCESS", "c<1>", "", "", 7),
                        new TraceAggregates.Total("INTROSPECTION", "SUCCESS", "c2", "", "", 3)));
    }

    @Test
    void theWindowEndsWithTheBucketOfNow() {
        Dashboard.Window hour = Dashboard.Window.of(Dashboard.Period.HOUR, NOW);
        assertEquals(Instant.parse("2026-12-07T09:43:00Z"), hour.from());
        assertEquals(Instant.parse("2026-12-07T10:43:00Z"), hour.to());
        Dashboard.Window day = Dashboard.Window.of(Dashboard.Period.DAY, NOW);
        assertEquals(Instant.parse("2026-12-06T10:43:00Z"), day.from());
        Dashboard.Window month = Dashboard.Window.of(Dashboard.Period.MONTH, NOW);
        assertEquals(Instant.parse("2026-11-07T11:00:00Z"), month.from());
        assertEquals(Instant.parse("2026-12-07T11:00:00Z"), month.to());
        assertEquals(Dashboard.Period.HOUR, Dashboard.Period.of(null).orElseThrow());
        assertEquals(Dashboard.Period.MONTH, Dashboard.Period.of("month").orElseThrow());
        assertTrue(Dashboard.Period.of("year").isEmpty());
        assertTrue(Dashboard.Period.of("HOUR").isEmpty());
    }

    @Test
    void figuresSplitTokensAndApiCallsAndRankConventions() {
        Dashboard.Window w = Dashboard.Window.of(Dashboard.Period.HOUR, NOW);
        Dashboard.Figures f = Dashboard.figures(w, counts(w), 10);
        assertEquals(4, f.issued()[0]);
        assertEquals(1, f.tokensRefused()[0]);
        assertEquals(7, f.apiAccepted()[59]);
        assertEquals(2, f.apiRefused()[59]);
        assertEquals(4, f.total(f.issued()), "a bucket outside the window is left out");
        assertEquals(3, f.introspections());
        assertEquals(2, f.byErrorCode().size());
        assertEquals(
                new Dashboard.Refusals("VI_VERIFICATION", "invalid_token", 2),
                f.byErrorCode().get(0));
        assertEquals(List.of(new Dashboard.Refusals("VI_VERIFICATION", "TIME", 2)), f.byStep());
        assertEquals(
                List.of(
                        new Dashboard.ConventionTraffic("c<1>", 9, 0),
                        new Dashboard.ConventionTraffic("c2", 4, 2),
                        new Dashboard.ConventionTraffic("", 1, 1)),
                f.mostTraffic());
        assertEquals("c2", f.mostRefused().get(0).conventionId());
        assertEquals(2, f.mostRefused().size());
        assertEquals(1, Dashboard.figures(w, counts(w), 1).mostTraffic().size(), "top N");
    }

    @Test
    void aNodeThatHasNotReportedFor30sIsSilent() {
        List<Dashboard.NodeLag> lags = Dashboard.lags(
                List.of(
                        new TraceAggregates.JournalReport("node:a", 3L, 0, NOW.minusSeconds(4)),
                        new TraceAggregates.JournalReport("node:b", 0L, 0, NOW.minusSeconds(31)),
                        new TraceAggregates.JournalReport("node:c", null, null, null)),
                NOW);
        assertEquals("a", lags.get(0).node());
        assertFalse(lags.get(0).silent());
        assertTrue(lags.get(1).silent());
        assertTrue(lags.get(2).silent());
    }

    static View view(String language, String... roles) {
        return new View(
                Messages.of(language),
                "/interops/admin",
                "ann",
                Set.of(roles),
                "csrf",
                "/interops/admin/dashboard",
                null);
    }

    @Test
    void thePageDrawsBothChartsWithTheirFiguresInEitherLanguage() {
        Dashboard.Window w = Dashboard.Window.of(Dashboard.Period.HOUR, NOW);
        DashboardViews.Page p = new DashboardViews.Page(
                Dashboard.figures(w, counts(w), 10),
                Dashboard.lags(List.of(new TraceAggregates.JournalReport("node:a", 3L, 1, NOW)), NOW),
                List.of(new Dashboard.Expiring("c<1>", "uploaded", "CN=<app>", "ab", NOW.plusSeconds(86400 * 3))),
                false,
                NOW);
        String en = DashboardViews.page(view("en", AdminRoles.AUDITOR), p);
        assertTrue(en.contains("Tokens issued and refused per minute"), en);
        assertTrue(en.contains("id=\"chart-tokens\""));
        assertTrue(en.contains("id=\"chart-api\""));
        assertTrue(en.contains("Issued: 4; Refused: 1. Busiest: 09:43 UTC, 4 and 1."), en);
        assertTrue(en.contains("<th scope=\"row\">09:43</th><td class=\"num\">4</td><td class=\"num\">1</td>"), en);
        assertTrue(en.contains("c&lt;1&gt;") && !en.contains("c<1>"), "escaped");
        assertTrue(en.contains("CN=&lt;app&gt;"));
        assertTrue(en.contains("3 ms"));
        assertTrue(en.contains("id=\"tls-unknown\""));
        assertTrue(en.contains("aria-current=\"page\""));
        assertFalse(en.contains("<script"), "no script");
        assertFalse(en.contains("href=\"/interops/admin/conventions/c"), "an auditor gets no link to a convention");
        assertFalse(en.contains("id=\"rebuild-form\""), "an auditor cannot count again");
        String fr = DashboardViews.page(view("fr", AdminRoles.ADMIN), p);
        assertTrue(fr.contains("Jetons émis et refusés par minute"), fr);
        assertTrue(fr.contains("href=\"/interops/admin/conventions/c%3C1%3E\""), fr);
        assertTrue(fr.contains("lang=\"fr\""));
        assertTrue(
                fr.contains("<form method=\"post\" action=\"/interops/admin/dashboard/rebuild\" id=\"rebuild-form\">"
                        + "<input type=\"hidden\" name=\"csrf\" value=\"csrf\">"),
                fr);
        assertTrue(fr.contains("<option value=\"1\" selected=\"selected\">Le dernier jour</option>"), fr);
        assertTrue(fr.contains(">Recompter</button>"), fr);
    }

    @Test
    void aRebuildShowsWhatEachNodeCounted() {
        TraceCountRebuild.Result r = new TraceCountRebuild.Result(
                Instant.parse("2026-12-06T10:00:00Z"),
                Instant.parse("2026-12-07T11:00:00Z"),
                12,
                List.of(new TraceAggregates.Rebuilt(
                        "node:<b>",
                        Instant.parse("2026-12-06T10:00:00Z"),
                        Instant.parse("2026-12-07T11:00:00Z"),
                        12,
                        5)));
        String en = DashboardViews.rebuilt(view("en", AdminRoles.ADMIN), r);
        assertTrue(en.contains("12 traces counted again, from 2026-12-06 10:00:00 to 2026-12-07 11:00:00 UTC."), en);
        assertTrue(
                en.contains("<th scope=\"row\">node:&lt;b&gt;</th><td class=\"num\">12</td><td class=\"num\">5</td>"),
                en);
        assertTrue(en.contains("href=\"/interops/admin/dashboard\""));
        String fr = DashboardViews.rebuilt(
                view("fr", AdminRoles.ADMIN), new TraceCountRebuild.Result(r.from(), r.to(), 0, List.of()));
        assertTrue(fr.contains("Comptages refaits"), fr);
        assertTrue(fr.contains("0 traces recomptées"), fr);
    }

    @Test
    void anEmptyPeriodSaysSo() {
        Dashboard.Window w = Dashboard.Window.of(Dashboard.Period.MONTH, NOW);
        Dashboard.Figures f = Dashboard.figures(w, new TraceAggregates.Counts(List.of(), List.of()), 10);
        assertArrayEquals(new long[720], f.issued());
        String en = DashboardViews.page(
                view("en", AdminRoles.ADMIN), new DashboardViews.Page(f, List.of(), List.of(), true, NOW));
        assertTrue(en.contains("Tokens issued and refused per hour: nothing in this period."), en);
        assertTrue(en.contains("id=\"certs-none\""));
        assertTrue(en.contains("id=\"lag-none\""));
        assertFalse(en.contains("id=\"tls-unknown\""));
    }
}
