package fr.interopsr.trace;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * The check's report as the API and the console show it (JSON) and as the command line prints it
 * (text): the same problems, named the same way (issue 15).
 */
public final class TraceReports {

    private TraceReports() {}

    public static JsonObject toJson(TraceAudit.Report report) {
        JsonArrayBuilder chains = Jsonp.PROVIDER.createArrayBuilder();
        for (TraceAudit.ChainReport c : report.chains()) {
            JsonObjectBuilder o = Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("chain", c.chain())
                    .add("intact", c.intact())
                    .add("checked", c.checked())
                    .add("lastSequence", c.lastSequence())
                    .add("keptFrom", c.keptFrom())
                    .add("signedSequence", c.signedSequence())
                    .add("reason", c.reason())
                    .add("problems", problems(c.problems()))
                    .add("moreProblems", c.moreProblems());
            c.firstBrokenRecordId().ifPresent(id -> o.add("firstBrokenRecordId", id));
            chains.add(o);
        }
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("intact", report.intact())
                .add("records", report.records())
                .add("rounds", report.rounds())
                .add("outsideCompared", report.outsideCompared())
                .add("outsideCheckpoints", report.outsideCheckpoints())
                .add("problems", problems(report.problems()))
                .add("checkpointProblems", problems(report.checkpointProblems()))
                .add("chains", chains)
                .build();
    }

    private static JsonArrayBuilder problems(List<EvidenceProblem> problems) {
        JsonArrayBuilder a = Jsonp.PROVIDER.createArrayBuilder();
        for (EvidenceProblem p : problems) {
            JsonObjectBuilder o = Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("kind", p.kind().jsonName())
                    .add("chain", p.chain())
                    .add("from", p.from())
                    .add("to", p.to())
                    .add("message", p.message());
            if (p.recordId() != null) {
                o.add("recordId", p.recordId());
            }
            a.add(o);
        }
        return a;
    }

    /** One line per chain, one indented line per problem, and a last line INTACT or BROKEN. */
    public static String toText(TraceAudit.Report report) {
        StringBuilder b = new StringBuilder();
        for (TraceAudit.ChainReport c : report.chains()) {
            b.append(c.chain())
                    .append(": ")
                    .append(c.intact() ? "intact" : "BROKEN")
                    .append(", ")
                    .append(c.checked())
                    .append(" record(s) checked, last ")
                    .append(c.lastSequence());
            if (c.keptFrom() > 1) {
                b.append(", kept from ").append(c.keptFrom());
            }
            if (c.signedSequence() > 0) {
                b.append(", signed up to ").append(c.signedSequence());
            }
            b.append('\n');
            c.problems().forEach(p -> b.append("  ").append(p).append('\n'));
            if (c.moreProblems() > 0) {
                b.append("  … and ").append(c.moreProblems()).append(" more\n");
            }
        }
        b.append("checkpoints: ")
                .append(report.rounds())
                .append(" round(s) in the database")
                .append(
                        report.outsideCompared()
                                ? ", " + report.outsideCheckpoints() + " kept outside compared"
                                : ", none kept outside given")
                .append(report.checkpointProblems().isEmpty() ? ", intact" : ", BROKEN")
                .append('\n');
        report.checkpointProblems().forEach(p -> b.append("  ").append(p).append('\n'));
        b.append(report.intact() ? "INTACT" : "BROKEN").append('\n');
        return b.toString();
    }
}
