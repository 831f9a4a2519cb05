package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.trace.EvidenceProblem;
import fr.interopsr.trace.TraceAudit;
import fr.interopsr.trace.TraceReports;
import fr.interopsr.trace.VerificationAlarm;
import fr.interopsr.trace.VerificationJob;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The journal check pages (issue 15): the verdict, every problem named as the check names it (kind, chain,
 * from..to, message), a summary row per chain, the states of a job, the start form.
 */
class VerificationViewsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static View view(String language) {
        return new View(
                Messages.of(language),
                "/interops/admin",
                "auditor",
                Set.of(AdminRoles.AUDITOR),
                "token",
                "/interops/admin/traces/verify",
                null);
    }

    static TraceAudit.Report brokenReport(String chain, String message) {
        EvidenceProblem gone = new EvidenceProblem(EvidenceProblem.Kind.CHAIN_MISSING, chain, 1, 7, null, message);
        EvidenceProblem missing = new EvidenceProblem(
                EvidenceProblem.Kind.MISSING, "node:a", 4, 4, 120L, "records 4 are missing (deleted)");
        EvidenceProblem round = new EvidenceProblem(
                EvidenceProblem.Kind.CHECKPOINT_MISSING, "node:a", 3, 5, null, "checkpoint rounds 3..5 are missing");
        return new TraceAudit.Report(
                false,
                19,
                6,
                true,
                6,
                List.of(
                        new TraceAudit.ChainReport(chain, false, 0, 0, 1, 7, List.of(gone), 0),
                        new TraceAudit.ChainReport("node:a", false, 19, 20, 1, 20, List.of(missing), 2)),
                List.of(round));
    }

    /** A finished job whose report names {@code chain} as gone, with {@code message}. */
    static VerificationJob done(String chain, String message) {
        TraceAudit.Report r = brokenReport(chain, message);
        return new VerificationJob(
                "11111111-2222-4333-8444-555555555555",
                "alice",
                NOW.minusSeconds(60),
                "node-a",
                VerificationJob.Status.DONE,
                6,
                null,
                NOW.minusSeconds(59),
                NOW.minusSeconds(30),
                NOW.minusSeconds(30),
                false,
                VerificationAlarm.problemCount(r),
                TraceReports.toJson(r).toString(),
                null);
    }

    private static List<List<String>> rows(String page, String table) {
        Matcher t = Pattern.compile("<table id=\"" + table + "\">(.*?)</table>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(t.find(), page);
        Matcher body = Pattern.compile("<tbody>(.*)</tbody>", Pattern.DOTALL).matcher(t.group(1));
        assertTrue(body.find());
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body.group(1));
        List<List<String>> rows = new java.util.ArrayList<>();
        while (row.find()) {
            Matcher cell =
                    Pattern.compile("<t[dh][^>]*>(.*?)</t[dh]>", Pattern.DOTALL).matcher(row.group(1));
            List<String> cells = new java.util.ArrayList<>();
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", ""));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void aBrokenJournalShowsEveryProblemAsTheCheckNamesItAndARowPerChain() {
        String page = VerificationViews.job(view("en"), done("admin", "the whole chain is gone"), NOW);
        assertTrue(
                page.contains("<p class=\"error\" role=\"alert\" id=\"verdict\">Broken: 5 problem(s) found.</p>"),
                page);
        assertTrue(page.contains("6 checkpoint(s) kept outside the database were compared with it."), page);
        assertEquals(
                List.of(
                        List.of("checkpoint-missing", "node:a", "3..5", "checkpoint rounds 3..5 are missing"),
                        List.of("chain-missing", "admin", "1..7", "the whole chain is gone"),
                        List.of("missing", "node:a", "4", "records 4 are missing (deleted)")),
                rows(page, "problems"));
        assertEquals(
                List.of(
                        List.of("admin", "broken", "0", "0", "1", "7", "1"),
                        List.of("node:a", "broken", "19", "20", "1", "20", "1 (and 2 more)")),
                rows(page, "chains"));
        assertTrue(page.contains("<tr data-chain=\"admin\" data-intact=\"false\">"), page);
        assertTrue(page.contains("<span class=\"badge badge-done\">done</span>"), page);
        assertTrue(page.contains("aria-current=\"page\">Journal check</a>"), "the menu's entry is current");
    }

    @Test
    void anIntactJournalSaysSoWithWhatWasChecked() {
        TraceAudit.Report r = new TraceAudit.Report(
                true,
                35,
                5,
                false,
                0,
                List.of(new TraceAudit.ChainReport("node:a", true, 35, 35, 1, 35, List.of(), 0)),
                List.of());
        VerificationJob job = new VerificationJob(
                "11111111-2222-4333-8444-555555555555",
                "scheduler",
                NOW,
                "node-a",
                VerificationJob.Status.DONE,
                null,
                20000L,
                NOW,
                NOW,
                NOW,
                true,
                0L,
                TraceReports.toJson(r).toString(),
                null);
        String page = VerificationViews.job(view("fr"), job, NOW);
        assertTrue(
                page.contains("id=\"verdict\">Intact : 35 enregistrement(s) de 1 chaîne(s) vérifié(s), 5 tour(s)"),
                page);
        assertTrue(page.contains("Aucun point de contrôle gardé hors de la base n’a été fourni"), page);
        assertFalse(page.contains("id=\"problems\""), "no problem table");
        assertEquals(List.of(List.of("node:a", "intact", "35", "35", "1", "35", "0")), rows(page, "chains"));
    }

    @Test
    void aJobNotFinishedOffersARefreshAndAnAbandonedOneSaysWhy() {
        VerificationJob queued = VerificationJob.queued(
                "11111111-2222-4333-8444-555555555555", "alice", NOW.minusSeconds(5), "node-a", null, null);
        String page = VerificationViews.job(view("en"), queued, NOW);
        assertTrue(page.contains("<span class=\"badge badge-queued\">queued</span>"), page);
        assertTrue(page.contains("id=\"pending\""), page);
        assertTrue(
                page.contains(
                        "<a href=\"/interops/admin/traces/verify/jobs/11111111-2222-4333-8444-555555555555\" id=\"refresh\">"),
                page);
        assertFalse(page.contains("id=\"verdict\""));
        String abandoned = VerificationViews.job(view("en"), queued, NOW.plus(VerificationJob.ABANDONED_AFTER));
        assertTrue(abandoned.contains("<span class=\"badge badge-abandoned\">abandoned</span>"), abandoned);
        assertTrue(abandoned.contains("gave no sign of life for 10 minutes"), abandoned);
        assertFalse(abandoned.contains("id=\"refresh\""));
    }

    @Test
    void theStartPageHasTheFormAndTheLatestJobsWithLinks() {
        String page = VerificationViews.start(view("en"), List.of(done("admin", "gone")), NOW);
        assertTrue(
                page.contains("<form class=\"verify\" method=\"post\" action=\"/interops/admin/traces/verify\""), page);
        assertTrue(page.contains("<input type=\"hidden\" name=\"csrf\" value=\"token\">"), page);
        assertTrue(page.contains("<label for=\"v-checkpoints\">"), page);
        assertTrue(page.contains("<button type=\"submit\" id=\"start-check\">Start a check</button>"), page);
        assertEquals(
                List.of(List.of("2026-12-05 09:59:00", "alice", "node-a", "done", "broken", "5")),
                rows(page, "verify-jobs"));
        assertTrue(page.contains("href=\"/interops/admin/traces/verify/jobs/11111111-2222-4333-8444-555555555555\""));
        String empty = VerificationViews.start(view("en"), List.of(), NOW);
        assertTrue(empty.contains("id=\"no-jobs\""), empty);
    }

    @Test
    void rangesAreWrittenAsTheCommandLineWritesThem() {
        assertEquals("3..5", VerificationViews.range(3, 5));
        assertEquals("4", VerificationViews.range(4, 4));
        assertEquals("", VerificationViews.range(0, 0));
    }
}
