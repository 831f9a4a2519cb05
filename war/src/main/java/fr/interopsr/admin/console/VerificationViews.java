package fr.interopsr.admin.console;

import fr.interopsr.trace.VerificationJob;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/**
 * The journal check pages (issue 15): the button that starts a check as a job, the latest jobs, and one job's
 * result: intact or broken, every problem as the check names it ({@code TraceReports}: kind, chain, from..to,
 * message), and a summary row per chain. The report is read from the job's row, so the page shows the same
 * whatever node ran the check.
 */
public final class VerificationViews {

    private VerificationViews() {}

    /** The console's address of a job. */
    public static String jobPath(View v, String id) {
        return v.base() + "/traces/verify/jobs/" + Console.segment(id);
    }

    /** The start page: the form, then the latest jobs (newest first). */
    public static String start(View v, List<VerificationJob> jobs, Instant now) {
        Messages m = v.m();
        Html h = new Html();
        h.element("p", m.t("verify.intro"));
        h.open("form", "class", "verify", "method", "post", "action", v.base() + "/traces/verify", "id", "verify-form");
        Layout.csrf(h, v);
        h.open("div", "class", "field")
                .element("label", m.t("verify.checkpoints"), "for", "v-checkpoints")
                .element(
                        "textarea",
                        "",
                        "id",
                        "v-checkpoints",
                        "name",
                        "checkpoints",
                        "rows",
                        "6",
                        "spellcheck",
                        "false",
                        "aria-describedby",
                        "v-checkpoints-help")
                .element("p", m.t("verify.checkpoints.help"), "class", "help", "id", "v-checkpoints-help")
                .close("div");
        h.open("div", "class", "buttons")
                .element("button", m.t("verify.start"), "type", "submit", "id", "start-check")
                .close("div");
        h.close("form");

        h.element("h2", m.t("verify.recent"));
        if (jobs.isEmpty()) {
            h.element("p", m.t("verify.none"), "class", "empty", "id", "no-jobs");
        } else {
            h.open("div", "class", "table-wrap").open("table", "id", "verify-jobs");
            h.element("caption", m.t("verify.recent.caption"));
            h.open("thead").open("tr");
            for (String col : List.of(
                    "verify.col.requested",
                    "col.by",
                    "verify.col.node",
                    "status",
                    "verify.col.result",
                    "verify.col.problems")) {
                h.element("th", m.t(col), "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (VerificationJob j : jobs) {
                h.open("tr", "data-id", j.id());
                h.open("td", "class", "nowrap")
                        .element("a", Layout.time(j.requestedAt()), "href", jobPath(v, j.id()))
                        .close("td");
                h.element("td", j.requestedBy());
                h.element("td", j.node());
                h.open("td");
                status(h, m, j.shownStatus(now));
                h.close("td");
                h.open("td");
                if (j.intact() != null) {
                    verdictBadge(h, m, j.intact());
                }
                h.close("td");
                h.element("td", j.problems() == null ? "" : String.valueOf(j.problems()));
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        return Layout.page(v.section(Layout.VERIFY), m.t("verify.title"), null, h);
    }

    /** One job: its state and, once done, its report. */
    public static String job(View v, VerificationJob job, Instant now) {
        Messages m = v.m();
        Html h = new Html();
        String shown = job.shownStatus(now);
        h.open("dl", "class", "facts");
        h.element("dt", m.t("status")).open("dd", "id", "job-status");
        status(h, m, shown);
        h.close("dd");
        fact(h, m.t("verify.requested"), Layout.time(job.requestedAt()) + " UTC", null);
        fact(h, m.t("col.by"), job.requestedBy(), "job-requested-by");
        fact(h, m.t("verify.col.node"), job.node(), null);
        if (job.startedAt() != null) {
            fact(h, m.t("verify.started"), Layout.time(job.startedAt()) + " UTC", null);
        }
        if (job.finishedAt() != null) {
            fact(h, m.t("verify.finished"), Layout.time(job.finishedAt()) + " UTC", null);
        }
        fact(
                h,
                m.t("verify.outside"),
                job.outsideLines() == null
                        ? m.t("verify.outside.none")
                        : m.t("verify.outside.lines", job.outsideLines()),
                null);
        fact(h, m.t("verify.id"), job.id(), "job-id");
        h.close("dl");

        switch (shown) {
            case "queued", "running" -> {
                h.element("p", m.t("verify.pending"), "role", "status", "id", "pending");
                h.open("p")
                        .element("a", m.t("verify.refresh"), "href", jobPath(v, job.id()), "id", "refresh")
                        .close("p");
            }
            case "abandoned" ->
                h.element(
                        "p",
                        m.t("verify.abandoned", VerificationJob.ABANDONED_AFTER.toMinutes()),
                        "class",
                        "error",
                        "role",
                        "alert",
                        "id",
                        "abandoned");
            case "failed" ->
                h.element("p", m.t("verify.failed", job.error()), "class", "error", "role", "alert", "id", "failed");
            default -> job.report().ifPresent(r -> report(h, m, r));
        }
        h.open("p")
                .element("a", m.t("verify.back"), "href", v.base() + "/traces/verify", "id", "back")
                .close("p");
        return Layout.page(v.section(Layout.VERIFY), m.t("verify.job.title"), null, h);
    }

    /** The report of {@code TraceReports.toJson}: the verdict, every problem, a row per chain. */
    static void report(Html h, Messages m, JsonObject r) {
        boolean intact = r.getBoolean("intact", false);
        JsonArray problems = array(r, "problems");
        JsonArray chains = array(r, "chains");
        long more = 0;
        for (JsonValue c : chains) {
            more += number(c.asJsonObject(), "moreProblems");
        }
        if (intact) {
            h.element(
                    "p",
                    m.t("verify.intact", number(r, "records"), chains.size(), number(r, "rounds")),
                    "class",
                    "flash",
                    "role",
                    "status",
                    "id",
                    "verdict");
        } else {
            h.element(
                    "p",
                    m.t("verify.broken", problems.size() + more),
                    "class",
                    "error",
                    "role",
                    "alert",
                    "id",
                    "verdict");
        }
        h.element(
                "p",
                r.getBoolean("outsideCompared", false)
                        ? m.t("verify.outside.compared", number(r, "outsideCheckpoints"))
                        : m.t("verify.outside.notCompared"),
                "id",
                "outside");

        if (!problems.isEmpty()) {
            h.element("h2", m.t("verify.problems"));
            h.element("p", m.t("verify.problems.help"), "class", "help");
            h.open("div", "class", "table-wrap").open("table", "id", "problems");
            h.element("caption", m.t("verify.problems.caption"));
            h.open("thead").open("tr");
            for (String col :
                    List.of("verify.col.kind", "verify.col.chain", "verify.col.range", "verify.col.message")) {
                h.element("th", m.t(col), "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (JsonValue value : problems) {
                JsonObject p = value.asJsonObject();
                h.open("tr", "data-kind", p.getString("kind", ""), "data-chain", p.getString("chain", ""));
                h.open("td").element("code", p.getString("kind", "")).close("td");
                h.open("td")
                        .element("code", p.getString("chain", ""), "class", "break")
                        .close("td");
                h.element("td", range(number(p, "from"), number(p, "to")), "class", "nowrap");
                h.element("td", p.getString("message", ""), "class", "detail");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }

        h.element("h2", m.t("verify.chains"));
        h.open("div", "class", "table-wrap").open("table", "id", "chains");
        h.element("caption", m.t("verify.chains.caption"));
        h.open("thead").open("tr");
        for (String col : List.of(
                "verify.col.chain",
                "verify.col.state",
                "verify.col.checked",
                "verify.col.last",
                "verify.col.keptFrom",
                "verify.col.signed",
                "verify.col.problems")) {
            h.element("th", m.t(col), "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (JsonValue value : chains) {
            JsonObject c = value.asJsonObject();
            boolean ok = c.getBoolean("intact", false);
            long listed = array(c, "problems").size();
            long cMore = number(c, "moreProblems");
            h.open("tr", "data-chain", c.getString("chain", ""), "data-intact", String.valueOf(ok));
            h.open("th", "scope", "row")
                    .element("code", c.getString("chain", ""), "class", "break")
                    .close("th");
            h.open("td");
            verdictBadge(h, m, ok);
            h.close("td");
            h.element("td", String.valueOf(number(c, "checked")));
            h.element("td", String.valueOf(number(c, "lastSequence")));
            h.element("td", String.valueOf(number(c, "keptFrom")));
            h.element("td", String.valueOf(number(c, "signedSequence")));
            h.element("td", cMore > 0 ? m.t("verify.more", listed, cMore) : String.valueOf(listed));
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    /** {@code from..to} as the command line writes it: one number when they are equal, nothing when 0. */
    static String range(long from, long to) {
        if (from <= 0) {
            return "";
        }
        return to > from ? from + ".." + to : String.valueOf(from);
    }

    private static void status(Html h, Messages m, String status) {
        h.element("span", m.t("verify.status." + status), "class", "badge badge-" + Layout.safeClass(status));
    }

    private static void verdictBadge(Html h, Messages m, boolean intact) {
        String key = intact ? "intact" : "broken";
        h.element("span", m.t("verify.state." + key), "class", "badge badge-" + key);
    }

    private static void fact(Html h, String label, String value, String id) {
        h.element("dt", label).element("dd", value, "id", id);
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static long number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? n.longValue() : 0;
    }
}
