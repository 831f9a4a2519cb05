package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.admin.AdminProblem;
import fr.interopsr.admin.CertificateExpiry;
import fr.interopsr.admin.ConventionAdministration;
import fr.interopsr.admin.ConventionSummary;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.trace.VerificationJob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every page rendered with hostile data: nothing unescaped, a CSRF token in every POST form, a
 * label for every field, and both languages.
 */
class ConsoleViewsTest {

    private static final String EVIL = "<script>alert('x')</script>\"&";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static View view(String language, Set<String> roles) {
        return new View(
                Messages.of(language),
                "/interops/admin",
                "admin" + EVIL,
                roles,
                "tok\"en",
                "/interops/admin/?q=" + EVIL,
                null);
    }

    private static View admin() {
        return view("en", AdminRoles.ALL);
    }

    private static List<String> pages(View v) {
        ConventionSummary summary = new ConventionSummary(EVIL, 2, "suspended", EVIL, EVIL, EVIL, EVIL, NOW, List.of());
        var held = new CertificateExpiry.Held(
                CertificateExpiry.UPLOADED, "CN=" + EVIL, "CN=ca", "ab", NOW.plus(8, ChronoUnit.DAYS));
        var detail = new ConventionViews.Detail(
                EVIL, 3, "active", EVIL, "client_secret_basic", NOW, EVIL, EVIL, "{\"id\": \"" + EVIL + "\"}");
        List<String> pages = new ArrayList<>();
        pages.add(ConventionViews.list(
                v,
                List.of(new ConventionAdministration.Listed(summary, List.of(held))),
                new ConventionViews.Filter("active", EVIL, EVIL),
                EVIL,
                NOW));
        pages.add(ConventionViews.form(
                v,
                null,
                EVIL,
                EVIL,
                EVIL,
                List.of(new AdminProblem(null, EVIL, EVIL), new AdminProblem(null, "$", EVIL))));
        pages.add(ConventionViews.form(v, EVIL, EVIL, EVIL, null, List.of()));
        pages.add(ConventionViews.detail(v, detail, EVIL, EVIL));
        pages.add(ConventionViews.history(
                v,
                EVIL,
                List.of(
                        new ConventionViews.Revision(1, "draft", NOW, EVIL, EVIL),
                        new ConventionViews.Revision(2, "active", NOW, EVIL, null)),
                1,
                2,
                LineDiff.of(EVIL + "\na", "a\n" + EVIL)));
        pages.add(ConventionViews.secretForm(v, EVIL, EVIL, true, EVIL));
        pages.add(ConventionViews.secretShown(v, EVIL, EVIL, EVIL, NOW));
        pages.add(ConventionViews.certificates(
                v,
                EVIL,
                EVIL,
                List.of(new ConventionViews.Certificate(EVIL, EVIL, EVIL, NOW, NOW, EVIL)),
                EVIL,
                EVIL,
                EVIL,
                EVIL));
        pages.add(TraceViews.page(
                v,
                TraceQuery.parse(p -> "convention".equals(p) ? EVIL : null),
                List.of(new TraceViews.Line(
                        NOW, "ADMIN_ACTION", "SUCCESS", EVIL, EVIL, 2, EVIL, EVIL, EVIL, EVIL, EVIL, EVIL)),
                120,
                50,
                NOW));
        pages.add(TraceViews.page(v, TraceQuery.parse(p -> "kind".equals(p) ? EVIL : null), List.of(), 0, 50, NOW));
        pages.add(VerificationViews.start(
                v,
                List.of(
                        VerificationViewsTest.done(EVIL, EVIL),
                        VerificationJob.queued(EVIL, EVIL, NOW, EVIL, null, null)),
                NOW));
        pages.add(VerificationViews.job(v, VerificationViewsTest.done(EVIL, EVIL), NOW));
        pages.add(VerificationViews.job(
                v,
                new VerificationJob(
                        EVIL,
                        EVIL,
                        NOW,
                        EVIL,
                        VerificationJob.Status.FAILED,
                        2,
                        null,
                        NOW,
                        NOW,
                        NOW,
                        null,
                        null,
                        null,
                        EVIL),
                NOW));
        AccessCheckForm hostileForm = new AccessCheckForm("client", EVIL, "GET", EVIL, EVIL, EVIL, EVIL, EVIL);
        pages.add(AccessViews.page(v, hostileForm, "subject.id " + EVIL, null, null, null));
        pages.add(AccessViews.page(v, hostileForm, EVIL, null, null, null));
        pages.add(AccessViews.page(
                v,
                hostileForm,
                null,
                new fr.interopsr.access.AccessDecision(
                        false,
                        EVIL,
                        EVIL,
                        EVIL,
                        EVIL,
                        4,
                        NOW,
                        EVIL,
                        EVIL,
                        NOW,
                        true,
                        true,
                        List.of(EVIL, "trusted_proxies"),
                        List.of(EVIL)),
                EVIL + "#1",
                42L));
        pages.add(TraceViews.page(
                v,
                TraceQuery.parse(p -> null),
                List.of(new TraceViews.Line(
                        NOW,
                        "VI_VERIFICATION",
                        "FAILURE",
                        EVIL,
                        EVIL,
                        2,
                        EVIL,
                        EVIL,
                        EVIL,
                        EVIL,
                        EVIL,
                        null,
                        600,
                        EVIL,
                        7L)),
                1,
                50,
                NOW));
        pages.add(CommonViews.login(v, true));
        pages.add(CommonViews.forbiddenRole(v, List.of(EVIL)));
        pages.add(CommonViews.forbiddenCsrf(v));
        pages.add(CommonViews.refused(v, 404, EVIL));
        // the convention form (issue 18 §1): hostile text in every field, a problem at every field and row
        Map<String, List<String>> posted = new java.util.LinkedHashMap<>();
        for (ConventionFields.Field f : ConventionFields.FIELDS) {
            posted.put(f.key(), f.kind() == ConventionFields.Kind.CHECKBOX ? List.of("true") : List.of(EVIL, EVIL));
        }
        ConventionForm form = ConventionForm.fromSubmission(posted)
                .withUpload("serviceProvider.certificate", "AAAAAAAAAAAAAAAAAAAAAA");
        List<fr.interopsr.convention.document.Problem> problems = new ArrayList<>();
        for (ConventionFields.Field f : ConventionFields.FIELDS) {
            problems.add(new fr.interopsr.convention.document.Problem(f.key(), EVIL));
            problems.add(new fr.interopsr.convention.document.Problem(f.key() + "[1]", EVIL));
        }
        problems.add(new fr.interopsr.convention.document.Problem("$", EVIL));
        problems.add(new fr.interopsr.convention.document.Problem("serviceProvider.certificate", EVIL));
        ConventionForm.Built built = form.json();
        var checked = new ConventionForm.Checked(
                java.util.Optional.empty(), built.json(), ConventionForm.place(problems, built));
        var shown = new PendingUploads.Shown(EVIL, EVIL, NOW, NOW, EVIL, EVIL);
        pages.add(ConventionFormViews.form(
                v, EVIL, form, Map.of("serviceProvider.certificate", shown), checked, EVIL, EVIL));
        pages.add(ConventionFormViews.form(v, null, form, Map.of(), null, EVIL, null));
        var withTerms = new ConventionViews.Detail(
                EVIL,
                3,
                "active",
                EVIL,
                "client_secret_basic",
                NOW,
                EVIL,
                EVIL,
                built.json().toString());
        pages.add(ConventionViews.detail(v, withTerms, EVIL, EVIL));
        return pages;
    }

    @Test
    void noPageLetsHostileDataThrough() {
        for (String page : pages(admin())) {
            assertFalse(page.contains("<script"), page);
            assertFalse(page.contains("alert('x')"), page);
            assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;"), page);
        }
    }

    @Test
    void everyPostFormCarriesTheCsrfToken() {
        int forms = 0;
        for (String page : pages(admin())) {
            Matcher form = Pattern.compile("<form [^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL)
                    .matcher(page);
            while (form.find()) {
                forms++;
                assertTrue(
                        form.group(1).contains("<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">"),
                        form.group());
            }
        }
        assertTrue(forms >= 11, "forms seen: " + forms);
    }

    @Test
    void everyFieldHasALabel() {
        for (String page : pages(admin())) {
            Matcher field = Pattern.compile("<(input|select|textarea) ([^>]*)>").matcher(page);
            while (field.find()) {
                String attributes = field.group(2);
                if (attributes.contains("type=\"hidden\"")) {
                    continue;
                }
                Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(attributes);
                assertTrue(id.find(), field.group());
                assertTrue(page.contains("<label for=\"" + id.group(1) + "\""), "no label for " + id.group(1));
            }
        }
    }

    @Test
    void pagesHaveALanguageASkipLinkAndTheLocalStyleSheetOnly() {
        for (String page : pages(view("fr", AdminRoles.ALL))) {
            assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"fr\">"), page);
            assertTrue(page.contains("<a class=\"skip\" href=\"#main\">Aller au contenu</a>"));
            assertTrue(page.contains("<link rel=\"stylesheet\" href=\"/interops/admin/assets/console.css\">"));
            assertFalse(page.contains("http://"));
            assertFalse(page.contains("https://"));
        }
    }

    @Test
    void frenchLabels() {
        View fr = view("fr", AdminRoles.ALL);
        String login = CommonViews.login(fr, true);
        assertTrue(login.contains(">Connexion</h1>"));
        assertTrue(login.contains("Mot de passe"));
        String history = pages(fr).get(4);
        assertTrue(history.contains("Révision 1 comparée à la révision 2"));
    }

    @Test
    void theFormShowsEveryProblemAtItsFieldAndTheTermsInSections() {
        List<String> all = pages(admin());
        String form = all.get(all.size() - 3);
        assertTrue(form.contains("enctype=\"multipart/form-data\""), form);
        assertTrue(form.contains("<ul class=\"field-problems\" id=\"f-identityProvider-issuer-problems\">"), form);
        assertTrue(form.contains("<ul class=\"field-problems\" id=\"f-scopes-1-problems\">"), form);
        assertTrue(form.contains("href=\"#f-scopes-1\""), "the summary links to the row");
        assertTrue(form.contains("name=\"op\" value=\"add:scopes\""), form);
        assertTrue(form.contains("name=\"op\" value=\"remove:scopes:1\""), form);
        assertTrue(form.contains("<input type=\"file\" id=\"g-serviceProvider-certificate-file\""), form);
        assertTrue(form.indexOf("value=\"check\"") < form.indexOf("value=\"remove:"), "Enter checks");
        String terms = all.get(all.size() - 1);
        assertTrue(terms.contains("<h2 id=\"terms-identityProvider-title\">Identity provider</h2>"), terms);
        assertTrue(terms.contains("<dd data-term=\"identityProvider.tokenLifetimeSeconds\">"), terms);
        String french = pages(view("fr", AdminRoles.ALL)).get(all.size() - 3);
        assertTrue(french.contains("Fournisseur d&#39;identité"), french);
        assertTrue(french.contains("Ajouter une ligne"), french);
    }

    @Test
    void menuFollowsTheRoles() {
        String auditorOnly =
                CommonViews.forbiddenRole(view("en", Set.of(AdminRoles.AUDITOR)), List.of(AdminRoles.ADMIN));
        assertTrue(auditorOnly.contains("href=\"/interops/admin/traces\""));
        assertFalse(auditorOnly.contains(">Conventions</a>"));
        assertTrue(auditorOnly.contains("This page needs the role interops-admin"));
        String none = CommonViews.forbiddenRole(view("en", Set.of()), List.of(AdminRoles.ADMIN));
        assertTrue(none.contains("Your roles: none."));
    }

    @Test
    void historyMarksRemovedAndAddedLines() {
        String page = ConventionViews.history(
                admin(),
                "c",
                List.of(
                        new ConventionViews.Revision(1, "active", NOW, "a", null),
                        new ConventionViews.Revision(2, "active", NOW, "a", "why")),
                1,
                2,
                LineDiff.of("{\n  \"x\": 1\n}", "{\n  \"x\": 2\n}"));
        assertTrue(
                page.contains("<td class=\"code diff-del\"><span class=\"mark\" aria-hidden=\"true\">−</span>"
                        + "<span class=\"sr-only\">removed: </span>  &quot;x&quot;: 1</td>"),
                page);
        assertTrue(
                page.contains("<td class=\"code diff-ins\"><span class=\"mark\" aria-hidden=\"true\">+</span>"
                        + "<span class=\"sr-only\">added: </span>  &quot;x&quot;: 2</td>"),
                page);
        assertTrue(page.contains("<input type=\"radio\" name=\"a\" value=\"1\" id=\"a-1\" checked>"));
        assertTrue(page.contains("<input type=\"radio\" name=\"b\" value=\"2\" id=\"b-2\" checked>"));
    }

    @Test
    void tracePagesLinkToTheirNeighboursWithTheCriteria() {
        TraceQuery second = TraceQuery.parse(Map.of("kind", "TRANSACTION", "page", "2")::get);
        var line = new TraceViews.Line(
                NOW, "TRANSACTION", "FAILURE", "invalid_token", null, null, "c", "j", null, null, "d", null);
        String page = TraceViews.page(admin(), second, List.of(line), 120, 50, NOW);
        assertTrue(page.contains("120 traces match; page 2 of 3."), page);
        assertTrue(page.contains("href=\"/interops/admin/traces?kind=TRANSACTION\" rel=\"prev\""), page);
        assertTrue(page.contains("href=\"/interops/admin/traces?kind=TRANSACTION&amp;page=3\" rel=\"next\""), page);
        String last = TraceViews.page(admin(), TraceQuery.parse(Map.of("page", "3")::get), List.of(line), 120, 50, NOW);
        assertFalse(last.contains("rel=\"next\""));
    }

    @Test
    void detailOffersOnlyTheAllowedStatusChanges() {
        var active = new ConventionViews.Detail("c", 1, "active", "cl", "client_secret_basic", NOW, "a", null, "{}");
        String page = ConventionViews.detail(admin(), active, null, null);
        assertTrue(page.contains("value=\"suspended\""));
        assertTrue(page.contains("value=\"retired\""));
        assertFalse(page.contains("value=\"active\""));
        var retired = new ConventionViews.Detail("c", 2, "retired", "cl", "tls_client_auth", NOW, "a", null, "{}");
        String none = ConventionViews.detail(admin(), retired, null, null);
        assertFalse(none.contains("status-form"));
        assertFalse(none.contains("id=\"secret\""));
    }

    @Test
    void problemsAreGroupedByField() {
        String page = ConventionViews.form(
                admin(),
                "c",
                "{}",
                "",
                "refused",
                List.of(
                        new AdminProblem(null, "scopes", "one"),
                        new AdminProblem(null, "id", "two"),
                        new AdminProblem(null, "scopes", "three")));
        int scopes = page.indexOf("<dt class=\"problem-field\"><code>scopes</code></dt>");
        assertTrue(scopes > 0);
        assertEquals(page.indexOf("<code>scopes</code>"), page.lastIndexOf("<code>scopes</code>"));
        assertTrue(page.indexOf(">one<") < page.indexOf(">three<"));
        assertTrue(page.indexOf(">three<") < page.indexOf("<code>id</code>"));
        assertTrue(page.contains("aria-invalid=\"true\""));
        assertTrue(page.contains("3 problem(s)"));
    }

    @Test
    void languageLinksKeepTheQueryButNotTheOldLanguage() {
        assertEquals("?a=1&b=2", Console.withoutLanguage("lang=fr&a=1&b=2"));
        assertEquals("", Console.withoutLanguage("lang=fr"));
        assertEquals("", Console.withoutLanguage(null));
        assertEquals("fr", Console.queryParameter("a=1&lang=fr", "lang"));
        assertEquals("a%2Fb%20c", Console.segment("a/b c"));
        assertEquals(
                "/x?a=1&lang=fr",
                new View(Messages.of("en"), "", null, Set.of(), "t", "/x?a=1", null).inLanguage("fr"));
    }

    /**
     * On a page with a form, the languages are submit buttons of that form (so that what was typed is posted back,
     * not lost), and the first submit button of the form in the page's order, the one Enter presses, is still its
     * default: check for the convention form, save for the JSON view, ask for the access check. Other pages keep
     * links.
     */
    @Test
    void onAPageWithAFormTheLanguagesPostItBackAndEnterStillPressesItsDefault() {
        View v = admin();
        ConventionForm drafted = ConventionForm.of(
                fr.interopsr.admin.AdminJson.parse(ConventionConsole.template("https://localhost:8443/interops")));
        record Case(String page, String form, String action, String defaultOp) {}
        List<Case> cases = List.of(
                new Case(
                        ConventionFormViews.form(v, null, drafted, Map.of(), null, "", null),
                        "convention-form",
                        "/interops/admin/conventions/new",
                        "check"),
                new Case(
                        ConventionFormViews.form(v, "a b", drafted, Map.of(), null, "", null),
                        "convention-form",
                        "/interops/admin/conventions/a%20b/edit",
                        "check"),
                new Case(
                        ConventionViews.form(v, null, "{}", "", null, List.of()),
                        "convention-form",
                        "/interops/admin/conventions",
                        null),
                new Case(
                        AccessViews.page(v, AccessCheckForm.blank("/interops"), null, null, null, null),
                        "access-form",
                        "/interops/admin/access",
                        null));
        Pattern button = Pattern.compile("<button ([^>]*)>");
        for (Case c : cases) {
            int formStart = c.page().indexOf("<form ", c.page().indexOf("<main"));
            int formEnd = c.page().indexOf("</form>", formStart);
            assertTrue(c.page().contains("id=\"" + c.form() + "\""), c.page());
            List<String> ofTheForm = new ArrayList<>();
            Matcher b = button.matcher(c.page());
            while (b.find()) {
                boolean inside = b.start() > formStart && b.start() < formEnd;
                if (inside || b.group(1).contains("form=\"" + c.form() + "\"")) {
                    ofTheForm.add(b.group(1));
                }
            }
            String first = ofTheForm.get(0);
            assertTrue(first.contains("type=\"submit\""), first);
            assertFalse(first.contains("value=\"language\""), "Enter would change the language: " + first);
            if (c.defaultOp() == null) {
                assertFalse(first.contains("name="), first);
            } else {
                assertTrue(first.contains("name=\"op\" value=\"" + c.defaultOp() + "\""), first);
            }
            for (String language : List.of("en", "fr")) {
                String expected = "formaction=\"" + c.action() + "?lang=" + language + "\" formnovalidate=\"\""
                        + " name=\"op\" value=\"language\" class=\"language\" lang=\"" + language + "\"";
                assertTrue(
                        ofTheForm.stream().anyMatch(a -> a.contains(expected)),
                        c.action() + ": no " + language + " button in " + ofTheForm);
            }
            assertFalse(c.page().contains("hreflang"), "no language link that would lose the form");
        }
        var detail = new ConventionViews.Detail("a", 1, "active", "x", "client_secret_basic", NOW, "x", "x", "{}");
        String withoutForm = ConventionViews.detail(v, detail, null, null);
        assertTrue(withoutForm.contains("hreflang=\"fr\""), "a page without a form keeps its links");
        assertFalse(withoutForm.contains("value=\"language\""));
    }

    @Test
    void templateIsAValidDraftOfThisIssuer() {
        String template = ConventionConsole.template("https://localhost:8443/interops");
        var read = ConventionDocumentReader.read(template.getBytes(StandardCharsets.UTF_8));
        assertTrue(read.isValid(), read.describe());
        assertEquals("draft", read.document().orElseThrow().status().jsonName());
    }

    @Test
    void statusChangeKeepsTheRestOfTheDocument() {
        byte[] changed = ConventionConsole.withStatus(
                "{\"id\":\"c\",\"status\":\"active\",\"version\":\"1.0\"}", ConventionStatus.SUSPENDED);
        String json = new String(changed, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"status\":\"suspended\""));
        assertTrue(json.contains("\"version\":\"1.0\""));
    }
}
