package fr.interopsr.admin.console;

import fr.interopsr.trace.TraceAggregates;
import fr.interopsr.trace.TraceCountRebuild;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The dashboard page (issue 18 §2): the period's choice (links, no script), two time charts (tokens, API calls) as
 * SVG with their figures in words and in a table, the refusals by error code and by step, the conventions with the
 * most traffic and refusals, each node's journal lag, and the certificates that expire within 30 days.
 */
public final class DashboardViews {

    static final String OK = "#1a7f37";
    static final String BAD = "#cf222e";

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_MINUTE =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** The periods an administrator may count again from the console, in days. */
    static final List<Integer> REBUILD_DAYS = List.of(1, 7, 31);

    private DashboardViews() {}

    /** What the page shows besides the counts. */
    public record Page(
            Dashboard.Figures figures,
            List<Dashboard.NodeLag> lags,
            List<Dashboard.Expiring> expiring,
            boolean tlsKnown,
            Instant now) {}

    public static String page(View v, Page p) {
        Messages m = v.m();
        Dashboard.Figures f = p.figures();
        Dashboard.Period period = f.window().period();
        Html h = new Html();
        h.element("p", m.t("dash.intro"));
        h.open("nav", "aria-label", m.t("dash.period"), "class", "periods").open("ul");
        for (Dashboard.Period each : Dashboard.Period.values()) {
            h.open("li")
                    .element(
                            "a",
                            m.t("dash.period." + each.param()),
                            "href",
                            v.base() + "/dashboard?period=" + each.param(),
                            "id",
                            "period-" + each.param(),
                            "aria-current",
                            each == period ? "page" : null)
                    .close("li");
        }
        h.close("ul").close("nav");
        h.element(
                "p",
                m.t(
                        "dash.window",
                        Layout.time(f.window().from()),
                        Layout.time(f.window().to()),
                        m.t("dash.unit." + period.granularity().name())),
                "class",
                "muted",
                "id",
                "dash-window");

        series(
                h,
                m,
                "tokens",
                m.t("dash.tokens.title", m.t("dash.unit." + period.granularity().name())),
                f,
                m.t("dash.issued"),
                f.issued(),
                m.t("dash.refused"),
                f.tokensRefused());
        series(
                h,
                m,
                "api",
                m.t("dash.api.title", m.t("dash.unit." + period.granularity().name())),
                f,
                m.t("dash.accepted"),
                f.apiAccepted(),
                m.t("dash.refused"),
                f.apiRefused());
        if (f.introspections() > 0) {
            h.element("p", m.t("dash.introspections", f.introspections()), "class", "muted");
        }

        h.element("h2", m.t("dash.errors.title"), "id", "errors-title");
        refusals(h, m, "errors", f.byErrorCode(), "dash.col.code", true);
        h.element("h2", m.t("dash.steps.title"), "id", "steps-title");
        refusals(h, m, "steps", f.byStep(), "dash.col.step", false);

        h.element("h2", m.t("dash.top.traffic", Dashboard.TOP), "id", "traffic-title");
        conventions(h, v, "top-traffic", f.mostTraffic(), true);
        h.element("h2", m.t("dash.top.refused", Dashboard.TOP), "id", "refused-title");
        conventions(h, v, "top-refused", f.mostRefused(), false);

        h.element("h2", m.t("dash.lag.title"), "id", "lag-title");
        h.element("p", m.t("dash.lag.help"), "class", "help");
        lags(h, m, p.lags(), p.now());

        h.element("h2", m.t("dash.certs.title"), "id", "certs-title");
        certificates(h, v, p.expiring(), p.now());
        if (!p.tlsKnown()) {
            h.element("p", m.t("dash.certs.tlsUnknown"), "class", "muted", "id", "tls-unknown");
        }
        if (v.admin()) {
            rebuildForm(h, v);
        }
        return Layout.page(v.section(Layout.DASHBOARD), m.t("dash.title"), null, h);
    }

    /** For administrators: count the last days again from the traces (P-63), after an upgrade or a doubt. */
    private static void rebuildForm(Html h, View v) {
        Messages m = v.m();
        h.element("h2", m.t("dash.rebuild.title"), "id", "rebuild-title");
        h.element("p", m.t("dash.rebuild.help"), "class", "help", "id", "rebuild-help");
        h.open("form", "method", "post", "action", v.base() + "/dashboard/rebuild", "id", "rebuild-form");
        Layout.csrf(h, v);
        h.open("div", "class", "field")
                .element("label", m.t("dash.rebuild.days"), "for", "rebuild-days")
                .open("select", "id", "rebuild-days", "name", "days", "aria-describedby", "rebuild-help");
        for (int days : REBUILD_DAYS) {
            h.element(
                    "option",
                    m.t("dash.rebuild.days." + days),
                    "value",
                    Integer.toString(days),
                    "selected",
                    days == 1 ? "selected" : null);
        }
        h.close("select").close("div");
        h.open("div", "class", "buttons")
                .element("button", m.t("dash.rebuild.start"), "type", "submit", "id", "rebuild")
                .close("div");
        h.close("form");
    }

    /** What a rebuild from the console counted: the period, the traces, each node chain's part. */
    public static String rebuilt(View v, TraceCountRebuild.Result r) {
        Messages m = v.m();
        Html h = new Html();
        h.element(
                "p",
                m.t("dash.rebuilt.summary", r.traces(), Layout.time(r.from()), Layout.time(r.to())),
                "id",
                "rebuilt-summary");
        if (r.chains().isEmpty()) {
            h.element("p", m.t("dash.lag.none"), "class", "empty");
        } else {
            h.open("div", "class", "table-wrap").open("table", "id", "rebuilt-chains");
            h.element("caption", m.t("dash.rebuilt.caption"));
            h.open("thead").open("tr");
            h.element("th", m.t("dash.col.node"), "scope", "col");
            h.element("th", m.t("dash.rebuilt.traces"), "scope", "col", "class", "num");
            h.element("th", m.t("dash.rebuilt.rows"), "scope", "col", "class", "num");
            h.close("tr").close("thead").open("tbody");
            for (TraceAggregates.Rebuilt c : r.chains()) {
                h.open("tr")
                        .element("th", c.chain(), "scope", "row")
                        .element("td", Long.toString(c.traces()), "class", "num")
                        .element("td", Integer.toString(c.rows()), "class", "num")
                        .close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        h.open("p").element("a", m.t("dash.rebuilt.back"), "href", v.base() + "/dashboard", "id", "back-to-dashboard");
        h.close("p");
        return Layout.page(v.section(Layout.DASHBOARD), m.t("dash.rebuilt.title"), null, h);
    }

    private static String label(Dashboard.Window w, int i) {
        Instant t = w.bucket(i);
        return w.period() == Dashboard.Period.HOUR ? MINUTE.format(t) : DAY_MINUTE.format(t);
    }

    /** One time chart and its figures: a description with totals and the peak, and a table of the non-empty buckets. */
    private static void series(
            Html h,
            Messages m,
            String id,
            String title,
            Dashboard.Figures f,
            String okName,
            long[] ok,
            String badName,
            long[] bad) {
        Dashboard.Window w = f.window();
        h.open("section", "class", "chart-box", "aria-labelledby", id + "-h");
        h.element("h2", title, "id", id + "-h");
        int peak = -1;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] + bad[i] > 0 && (peak < 0 || ok[i] + bad[i] > ok[peak] + bad[peak])) {
                peak = i;
            }
        }
        long okTotal = f.total(ok);
        long badTotal = f.total(bad);
        String description = peak < 0
                ? m.t("dash.chart.empty", title)
                : m.t(
                        "dash.chart.desc",
                        title,
                        okName,
                        okTotal,
                        badName,
                        badTotal,
                        label(w, peak) + " UTC",
                        ok[peak],
                        bad[peak]);
        List<String> labels = new java.util.ArrayList<>(ok.length);
        for (int i = 0; i < ok.length; i++) {
            labels.add(label(w, i));
        }
        h.open("figure", "class", "chart");
        h.append(SvgChart.lines(
                "chart-" + id,
                title,
                description,
                labels,
                List.of(new SvgChart.Line(okName, OK, null, ok), new SvgChart.Line(badName, BAD, "6 3", bad)),
                m.t("dash.axis")));
        h.element("figcaption", description, "id", "chart-" + id + "-caption");
        h.close("figure");
        h.open("details", "id", id + "-figures").element("summary", m.t("dash.figures"));
        h.open("div", "class", "table-wrap").open("table", "id", id + "-table");
        h.element("caption", m.t("dash.figures.caption", title));
        h.open("thead").open("tr");
        h.element("th", m.t("dash.col.time"), "scope", "col");
        h.element("th", okName, "scope", "col");
        h.element("th", badName, "scope", "col");
        h.close("tr").close("thead").open("tbody");
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] + bad[i] == 0) {
                continue;
            }
            h.open("tr")
                    .element("th", label(w, i), "scope", "row")
                    .element("td", Long.toString(ok[i]), "class", "num")
                    .element("td", Long.toString(bad[i]), "class", "num")
                    .close("tr");
        }
        h.open("tr", "class", "total")
                .element("th", m.t("dash.total"), "scope", "row")
                .element("td", Long.toString(okTotal), "class", "num")
                .element("td", Long.toString(badTotal), "class", "num")
                .close("tr");
        h.close("tbody").close("table").close("div").close("details");
        h.close("section");
    }

    private static void refusals(
            Html h, Messages m, String id, List<Dashboard.Refusals> rows, String column, boolean withSide) {
        if (rows.isEmpty()) {
            h.element("p", m.t("dash.none"), "class", "empty", "id", id + "-none");
            return;
        }
        long max = rows.stream().mapToLong(Dashboard.Refusals::count).max().orElse(1);
        h.open("div", "class", "table-wrap").open("table", "id", id, "class", "bars");
        h.element("caption", m.t("dash." + id + ".caption"));
        h.open("thead").open("tr");
        if (withSide) {
            h.element("th", m.t("dash.col.side"), "scope", "col");
        }
        h.element("th", m.t(column), "scope", "col");
        h.element("th", m.t("dash.col.refused"), "scope", "col");
        h.element("th", m.t("dash.col.bar"), "scope", "col", "class", "bar-col");
        h.close("tr").close("thead").open("tbody");
        for (Dashboard.Refusals r : rows) {
            h.open("tr");
            if (withSide) {
                h.element("td", m.t("dash.side." + r.kind()));
            }
            h.element("th", r.label().isEmpty() ? m.t("dash.unnamed") : r.label(), "scope", "row");
            h.element("td", Long.toString(r.count()), "class", "num");
            h.open("td").append(SvgChart.bar(r.count(), max, BAD)).close("td");
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void conventions(
            Html h, View v, String id, List<Dashboard.ConventionTraffic> rows, boolean byTraffic) {
        Messages m = v.m();
        if (rows.isEmpty()) {
            h.element("p", m.t("dash.none"), "class", "empty", "id", id + "-none");
            return;
        }
        long max = rows.stream()
                .mapToLong(c -> byTraffic ? c.traffic() : c.refused())
                .max()
                .orElse(1);
        h.open("div", "class", "table-wrap").open("table", "id", id, "class", "bars");
        h.element("caption", m.t("dash." + id + ".caption"));
        h.open("thead").open("tr");
        h.element("th", m.t("dash.col.convention"), "scope", "col");
        h.element("th", m.t("dash.col.traffic"), "scope", "col");
        h.element("th", m.t("dash.col.refused"), "scope", "col");
        h.element("th", m.t("dash.col.bar"), "scope", "col", "class", "bar-col");
        h.close("tr").close("thead").open("tbody");
        for (Dashboard.ConventionTraffic c : rows) {
            h.open("tr");
            if (c.conventionId().isEmpty()) {
                h.element("th", m.t("dash.noConvention"), "scope", "row");
            } else if (v.admin()) {
                h.open("th", "scope", "row")
                        .element(
                                "a",
                                c.conventionId(),
                                "href",
                                v.base() + "/conventions/" + Console.segment(c.conventionId()))
                        .close("th");
            } else {
                h.element("th", c.conventionId(), "scope", "row");
            }
            h.element("td", Long.toString(c.traffic()), "class", "num");
            h.element("td", Long.toString(c.refused()), "class", "num");
            h.open("td")
                    .append(SvgChart.bar(byTraffic ? c.traffic() : c.refused(), max, byTraffic ? OK : BAD))
                    .close("td");
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void lags(Html h, Messages m, List<Dashboard.NodeLag> lags, Instant now) {
        if (lags.isEmpty()) {
            h.element("p", m.t("dash.lag.none"), "class", "empty", "id", "lag-none");
            return;
        }
        h.open("div", "class", "table-wrap").open("table", "id", "lags");
        h.element("caption", m.t("dash.lag.caption"));
        h.open("thead").open("tr");
        for (String col : List.of("dash.col.node", "dash.col.lag", "dash.col.queue", "dash.col.reported")) {
            h.element("th", m.t(col), "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (Dashboard.NodeLag l : lags) {
            h.open("tr").element("th", l.node(), "scope", "row");
            h.element("td", l.lagMillis() == null ? "—" : m.t("dash.ms", l.lagMillis()), "class", "num");
            h.element("td", l.queueDepth() == null ? "—" : Long.toString(l.queueDepth()), "class", "num");
            h.open("td");
            if (l.reportedAt() == null) {
                h.text(m.t("dash.lag.never"));
            } else {
                h.text(m.t(
                        "dash.lag.ago",
                        Layout.time(l.reportedAt()),
                        Math.max(0, Duration.between(l.reportedAt(), now).toSeconds())));
            }
            if (l.silent()) {
                h.text(" ");
                h.element("span", m.t("dash.lag.silent"), "class", "badge badge-failure");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void certificates(Html h, View v, List<Dashboard.Expiring> expiring, Instant now) {
        Messages m = v.m();
        if (expiring.isEmpty()) {
            h.element("p", m.t("dash.certs.none"), "class", "empty", "id", "certs-none");
            return;
        }
        h.open("div", "class", "table-wrap").open("table", "id", "expiring");
        h.element("caption", m.t("dash.certs.caption"));
        h.open("thead").open("tr");
        for (String col : List.of(
                "dash.col.owner", "dash.col.source", "dash.col.subject", "dash.col.notAfter", "dash.col.days")) {
            h.element("th", m.t(col), "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (Dashboard.Expiring c : expiring) {
            h.open("tr");
            h.element("th", c.owner() == null ? m.t("dash.certs.server") : c.owner(), "scope", "row");
            String source = "cert.source." + c.source();
            h.element("td", m.has(source) ? m.t(source) : c.source());
            h.element("td", c.subjectDn());
            h.element("td", Layout.day(c.notAfter()));
            long days = Duration.between(now, c.notAfter()).toDays();
            h.open("td", "class", "num");
            if (c.notAfter().isAfter(now)) {
                h.text(Long.toString(days));
            } else {
                h.element("span", m.t("dash.certs.expired"), "class", "badge badge-failure");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("div");
    }
}
