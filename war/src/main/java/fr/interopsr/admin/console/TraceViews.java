package fr.interopsr.admin.console;

import fr.interopsr.trace.ConventionSkews;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceRecord;
import fr.interopsr.trace.TraceStatus;
import fr.interopsr.trace.ViMask;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The trace search page: the criteria, the traces of one page, and the links to the pages around it. */
public final class TraceViews {

    /** One trace as the table shows it. */
    public record Line(
            Instant at,
            String kind,
            String status,
            String errorCode,
            String conventionId,
            Integer revision,
            String clientId,
            String jti,
            String step,
            String actor,
            String detail,
            String vi,
            int viSkewSeconds,
            String correlationId,
            Long id) {

        /** Whether the console offers to replay its decision: a refused call to the data provider (issue 18 §3). */
        public boolean replayable() {
            return id != null
                    && "FAILURE".equals(status)
                    && ("VI_VERIFICATION".equals(kind) || "TRANSACTION".equals(kind));
        }

        /** A line whose VI, if any, is masked with the largest skew (its convention revision unknown). */
        public Line(
                Instant at,
                String kind,
                String status,
                String errorCode,
                String conventionId,
                Integer revision,
                String clientId,
                String jti,
                String step,
                String actor,
                String detail,
                String vi) {
            this(
                    at,
                    kind,
                    status,
                    errorCode,
                    conventionId,
                    revision,
                    clientId,
                    jti,
                    step,
                    actor,
                    detail,
                    vi,
                    ViMask.UNKNOWN_SKEW_SECONDS,
                    null,
                    null);
        }

        /** The record's line; its VI masked with the skew of its convention revision (D-19). */
        public static Line of(TraceRecord r, ConventionSkews skews) {
            return new Line(
                    r.occurredAt() == null ? null : r.occurredAt().toInstant(),
                    r.kind() == null ? "" : r.kind().name(),
                    r.status() == null ? "" : r.status().name(),
                    r.errorCode(),
                    r.conventionId(),
                    r.conventionRevision(),
                    r.clientId(),
                    r.jti(),
                    r.step(),
                    r.actor(),
                    r.detail(),
                    r.vi(),
                    r.vi() == null
                            ? ViMask.UNKNOWN_SKEW_SECONDS
                            : skews.skewSeconds(r.conventionId(), r.conventionRevision()),
                    r.correlationId(),
                    r.id());
        }
    }

    private TraceViews() {}

    /** One page of {@code lines} out of {@code total} matching traces, {@code size} a page. */
    public static String page(View v, TraceQuery q, List<Line> lines, long total, int size, Instant now) {
        boolean more = (long) q.page() * size < total;
        Messages m = v.m();
        Html h = new Html();
        String action = v.base() + "/traces";
        h.open("form", "class", "filters", "method", "get", "action", action, "id", "trace-form");
        h.open("fieldset").element("legend", m.t("traces.criteria"));
        h.open("div", "class", "field").element("label", m.t("traces.kind"), "for", "t-kind");
        h.open("select", "id", "t-kind", "name", "kind").element("option", m.t("traces.any"), "value", "");
        for (TraceKind k : TraceKind.values()) {
            h.element(
                    "option",
                    m.t("kind." + k.name()),
                    "value",
                    k.name(),
                    "selected",
                    k.name().equals(q.value("kind")) ? "" : null);
        }
        h.close("select").close("div");
        h.open("div", "class", "field").element("label", m.t("traces.status"), "for", "t-status");
        h.open("select", "id", "t-status", "name", "status").element("option", m.t("traces.any"), "value", "");
        for (TraceStatus s : TraceStatus.values()) {
            h.element(
                    "option",
                    m.t("outcome." + s.name()),
                    "value",
                    s.name(),
                    "selected",
                    s.name().equals(q.value("status")) ? "" : null);
        }
        h.close("select").close("div");
        input(h, "t-from", "from", m.t("traces.from"), "datetime-local", q, "step", "1");
        input(h, "t-to", "to", m.t("traces.to"), "datetime-local", q, "step", "1");
        input(h, "t-jti", "jti", m.t("traces.jti"), "text", q, "spellcheck", "false");
        input(h, "t-convention", "convention", m.t("traces.convention"), "text", q, "spellcheck", "false");
        input(h, "t-correlation", "correlationId", m.t("traces.correlationId"), "text", q, "spellcheck", "false");
        input(h, "t-traceparent", "traceparent", m.t("traces.traceparent"), "text", q, "spellcheck", "false");
        h.open("div", "class", "buttons")
                .element("button", m.t("traces.search"), "type", "submit", "id", "search")
                .element("a", m.t("traces.reset"), "href", action)
                .close("div");
        h.close("fieldset").close("form");

        if (!q.valid()) {
            h.open("ul", "class", "error", "role", "alert", "id", "trace-errors");
            for (TraceQuery.Invalid i : q.invalid()) {
                String label = "page".equals(i.parameter()) ? "page" : m.t("traces." + i.parameter());
                h.element("li", m.t("traces.invalid", label, m.t(i.messageKey())));
            }
            h.close("ul");
        } else if (lines.isEmpty()) {
            h.element("p", m.t("traces.none"), "class", "empty", "id", "no-traces");
        } else {
            h.element(
                    "p",
                    m.t("traces.count", total, q.page(), (total + size - 1) / size),
                    "class",
                    "count",
                    "id",
                    "trace-count");
            h.open("div", "class", "table-wrap").open("table", "class", "traces", "id", "traces");
            h.element("caption", m.t("traces.caption", q.page()));
            h.open("thead").open("tr");
            for (String col : List.of(
                    "col.time",
                    "col.kind",
                    "col.outcome",
                    "col.convention",
                    "col.client",
                    "col.jti",
                    "col.correlation",
                    "col.step",
                    "col.actor",
                    "col.detail",
                    "col.vi")) {
                h.element("th", m.t(col), "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (Line l : lines) {
                h.open("tr", "data-kind", l.kind(), "data-status", l.status());
                h.element("td", Layout.time(l.at()), "class", "nowrap");
                h.element("td", m.has("kind." + l.kind()) ? m.t("kind." + l.kind()) : l.kind());
                h.open("td")
                        .element(
                                "span",
                                m.has("outcome." + l.status()) ? m.t("outcome." + l.status()) : l.status(),
                                "class",
                                "badge badge-" + Layout.safeClass(l.status().toLowerCase(Locale.ROOT)));
                if (l.errorCode() != null) {
                    h.text(" ").element("code", l.errorCode());
                }
                if (l.replayable()) {
                    // issue 18 §3: judge the call again under the revision its trace recorded (a traced dry run: POST)
                    h.open("form", "class", "replay", "method", "post", "action", v.base() + "/access/replay");
                    Layout.csrf(h, v);
                    h.empty("input", "type", "hidden", "name", "trace", "value", String.valueOf(l.id()));
                    h.element(
                            "button",
                            m.t("access.replay"),
                            "type",
                            "submit",
                            "class",
                            "small",
                            "id",
                            "replay-" + l.id(),
                            "aria-label",
                            m.t("access.replay.label", l.id()));
                    h.close("form");
                }
                h.close("td");
                h.element(
                        "td",
                        l.conventionId() == null
                                ? ""
                                : l.conventionId() + (l.revision() == null ? "" : " (" + l.revision() + ")"));
                h.element("td", l.clientId());
                h.open("td").element("code", l.jti(), "class", "break").close("td");
                h.open("td")
                        .element("code", l.correlationId(), "class", "break")
                        .close("td");
                h.element("td", l.step());
                h.element("td", l.actor());
                h.element("td", l.detail(), "class", "detail");
                h.open("td");
                ViMask.Shown shown = ViMask.shown(l.vi(), now, l.viSkewSeconds());
                if (shown.vi() != null && !shown.vi().isEmpty()) {
                    h.open("details").element("summary", m.t("col.vi"));
                    h.element("code", shown.vi(), "class", "break");
                    if (shown.signatureHidden()) {
                        h.element("p", m.t("traces.viHidden"), "class", "help");
                    }
                    h.close("details");
                }
                h.close("td");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        if (q.valid() && (q.page() > 1 || more)) {
            h.open("nav", "class", "paging", "aria-label", m.t("traces.paging")).open("ul");
            if (q.page() > 1) {
                String qs = q.queryString(q.page() - 1);
                h.open("li")
                        .element(
                                "a",
                                m.t("traces.previous"),
                                "href",
                                action + (qs.isEmpty() ? "" : "?" + qs),
                                "rel",
                                "prev",
                                "id",
                                "previous-page")
                        .close("li");
            }
            if (more) {
                h.open("li")
                        .element(
                                "a",
                                m.t("traces.next"),
                                "href",
                                action + "?" + q.queryString(q.page() + 1),
                                "rel",
                                "next",
                                "id",
                                "next-page")
                        .close("li");
            }
            h.close("ul").close("nav");
        }
        return Layout.page(v.section(Layout.TRACES), m.t("traces.title"), null, h);
    }

    private static void input(
            Html h,
            String id,
            String name,
            String label,
            String type,
            TraceQuery q,
            String extraName,
            String extraValue) {
        h.open("div", "class", "field")
                .element("label", label, "for", id)
                .empty("input", "id", id, "name", name, "type", type, "value", q.value(name), extraName, extraValue)
                .close("div");
    }
}
