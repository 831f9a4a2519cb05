package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.admin.console.PrettyJson;
import fr.interopsr.devpki.DevPki;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administration console end to end (issue 4), in Debian's headless Chromium driven by
 * Selenium through Debian's chromedriver (nothing downloaded: both paths are given, so Selenium
 * Manager is never asked). An administrator logs in, creates a convention, binds a certificate,
 * fails an edit (every problem listed), edits it, compares the two revisions, rotates its secret,
 * gets a VI, suspends it, and the same token request then fails with {@code unauthorized_client}.
 * Screenshots of the main pages go to the build directory, or to {@code docs/images/} for
 * {@code docs/admin-guide.md} with {@code -Dinterops.screenshots.dir=$PWD/docs/images}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleIT {

    private static final String ID = "console-e2e-basic";
    private static final String CLIENT = "console-e2e-client";
    private static final String CONSOLE = BASE + "/admin";
    /** Screenshots go to the build directory; -Dinterops.screenshots.dir=docs/images refreshes the guide's. */
    private static final Path SHOTS = Path.of(System.getProperty(
            "interops.screenshots.dir", BUILD.resolve("screenshots").toString()));

    private WebDriver driver;
    private Path profile;

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        profile = Files.createTempDirectory("console-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--ignore-certificate-errors",
                "--window-size=1400,1000",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void administratorCreatesEditsComparesAndSuspendsAConventionWhoseTokensThenStop() throws Exception {
        driver.get(CONSOLE + "/login?lang=en");
        screenshot("console-login.png");
        login("admin", password("admin"));
        assertEquals("Conventions", h1());
        assertTrue(driver.getCurrentUrl().endsWith("/interops/admin/"), driver.getCurrentUrl());

        // create
        go(By.id("new-convention"));
        assertEquals("New convention", h1());
        go(By.id("to-json")); // the advanced view: the document as JSON (issue 18 §1)
        assertTrue(driver.findElement(By.id("document")).getAttribute("value").contains("\"status\": \"draft\""));
        type(By.id("document"), document(300, "Console Demo").build().toString());
        type(By.id("comment"), "first version");
        go(By.id("save"));
        assertEquals("Convention " + ID, h1(), this::mainText);
        assertEquals("The convention was created.", text(By.id("flash")));
        assertEquals("active", text(By.id("status")));
        assertEquals("1", text(By.id("revision")));

        // certificate upload: a client certificate that expires in 10 days (the list warns of it)
        go(By.id("certificates"));
        type(By.id("pem"), clientCertificatePem("CN=console-e2e-client,O=Console IT", 10));
        go(By.id("upload"));
        assertEquals("The certificate was uploaded and binds the client.", text(By.id("flash")));
        assertTrue(text(By.id("certificates")).contains("CN=console-e2e-client"));

        // edit refused: every problem listed next to the form, field by field
        driver.get(CONSOLE + "/conventions/" + ID);
        go(By.id("edit"));
        assertEquals("Edit convention " + ID, h1());
        go(By.id("to-json"));
        JsonObject broken = Json.createObjectBuilder(
                        document(-5, "Console Demo").build())
                .add("colour", "blue")
                .add("defaultScopes", Json.createArrayBuilder().add("urn:not:in:scopes"))
                .build();
        String brokenText = PrettyJson.write(broken).replace("\"ES256\"", "\"HS256\"");
        type(By.id("document"), brokenText);
        type(By.id("comment"), "this one is refused");
        go(By.id("save"));
        WebElement problems = driver.findElement(By.id("problems"));
        String fields = problems.findElements(By.cssSelector("dt.problem-field")).stream()
                .map(WebElement::getText)
                .collect(Collectors.joining(" | "));
        assertTrue(problems.findElements(By.cssSelector("dd.problem-message")).size() >= 4, problems.getText());
        assertTrue(fields.contains("identityProvider.tokenLifetimeSeconds"), fields);
        assertTrue(fields.contains("identityProvider.signatureAlgorithms"), fields);
        assertTrue(fields.contains("defaultScopes"), fields);
        assertTrue(problems.getText().contains("colour"), problems.getText());
        assertEquals(
                brokenText,
                driver.findElement(By.id("document")).getAttribute("value"),
                "the refused text is kept to be corrected");
        assertEquals("true", driver.findElement(By.id("document")).getAttribute("aria-invalid"));
        screenshot("console-edit-errors.png");

        // edit accepted: revision 2
        type(By.id("document"), document(240, "Console Demo (renamed)").build().toString());
        type(By.id("comment"), "shorter VI lifetime");
        go(By.id("save"));
        assertEquals("A new revision was saved.", text(By.id("flash")));
        assertEquals("2", text(By.id("revision")));

        // history: two revisions and their side-by-side diff
        go(By.id("history"));
        assertEquals("History of " + ID, h1());
        List<WebElement> revisions = driver.findElements(By.cssSelector("#revisions tbody tr"));
        assertEquals(2, revisions.size());
        assertTrue(revisions.get(1).getText().contains("shorter VI lifetime"));
        assertEquals("Revision 1 compared with revision 2", text(By.id("diff-title")));
        String removed = texts(By.cssSelector("#diff td.diff-del"));
        String added = texts(By.cssSelector("#diff td.diff-ins"));
        assertTrue(removed.contains("\"tokenLifetimeSeconds\": 300"), removed);
        assertTrue(added.contains("\"tokenLifetimeSeconds\": 240"), added);
        assertTrue(removed.contains("Console Demo\""), removed);
        assertTrue(added.contains("Console Demo (renamed)"), added);
        assertFalse(removed.contains("clientId"), "unchanged lines are not marked");
        // comparing a revision with itself: nothing marked
        driver.findElement(By.id("a-2")).click();
        go(By.id("compare"));
        assertTrue(driver.findElements(By.cssSelector("#diff td.diff-del")).isEmpty());
        assertEquals("The two revisions have the same document.", text(By.id("diff-same")));
        driver.findElement(By.id("a-1")).click();
        go(By.id("compare"));
        screenshot("console-history-diff.png");

        // secret rotation: shown once, with its warning
        driver.get(CONSOLE + "/conventions/" + ID);
        go(By.id("secret"));
        type(By.id("grace"), "0");
        type(By.id("comment"), "first secret");
        go(By.id("rotate"));
        assertTrue(driver.findElement(By.cssSelector(".warning-box")).getText().contains("shown only once"));
        String secret = text(By.id("new-secret"));
        assertTrue(secret.length() >= 32, secret);

        // before suspension the client gets a VI of the edited convention
        HttpResponse<String> before = token(secret);
        assertEquals(200, before.statusCode(), before.body());
        assertEquals(240, json(before.body()).getInt("expires_in"));

        // suspend
        go(By.id("back"));
        screenshot("console-detail.png");
        type(By.id("status-comment"), "the partner asked for a pause");
        go(By.id("to-suspended"));
        assertEquals("The status was changed.", text(By.id("flash")));
        assertEquals("suspended", text(By.id("status")));
        assertEquals("3", text(By.id("revision")));

        // after suspension the same request is refused
        HttpResponse<String> after = token(secret);
        assertEquals(400, after.statusCode(), after.body());
        assertEquals("unauthorized_client", json(after.body()).getString("error"));

        // the list: status and the certificate warning
        driver.get(CONSOLE + "/");
        WebElement row = driver.findElement(By.cssSelector("#conventions tr[data-id='" + ID + "']"));
        assertTrue(row.getText().contains("suspended"), row.getText());
        assertTrue(row.findElement(By.cssSelector("li.warning")).getText().contains("CN=console-e2e-client"));
        screenshot("console-list.png");

        // trace search: the VI granted, the one refused, and the admin actions of this convention
        go(By.linkText("Trace search"));
        type(By.id("t-convention"), ID);
        go(By.id("search"));
        String traces = text(By.id("traces"));
        assertTrue(text(By.id("trace-count")).matches("\\d+ traces match; page 1 of 1\\."), text(By.id("trace-count")));
        assertFalse(
                driver.findElements(By.cssSelector("#traces tr[data-kind='ADMIN_ACTION']"))
                        .isEmpty(),
                traces);
        assertFalse(
                driver.findElements(By.cssSelector("#traces tr[data-kind='VI_GENERATION'][data-status='SUCCESS']"))
                        .isEmpty(),
                traces);
        assertTrue(traces.contains("secret-rotated"), traces);
        assertTrue(traces.contains("status"), traces);
        screenshot("console-trace-search.png");
        new Select(driver.findElement(By.id("t-kind"))).selectByValue("ADMIN_ACTION");
        go(By.id("search"));
        assertTrue(driver.findElements(By.cssSelector("#traces tr[data-kind='VI_GENERATION']"))
                .isEmpty());
        assertTrue(driver.getCurrentUrl().contains("kind=ADMIN_ACTION"), driver.getCurrentUrl());

        // the journal check (issue 15): a job started by the button, its result on its own page
        go(By.linkText("Journal check"));
        assertEquals("Journal check", h1());
        go(By.id("start-check"));
        assertTrue(driver.getCurrentUrl().contains("/admin/traces/verify/jobs/"), driver.getCurrentUrl());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!driver.findElements(By.id("refresh")).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            go(By.id("refresh"));
        }
        assertEquals("done", text(By.id("job-status")), mainText());
        // the verdict is the journal's (TraceVerificationJobIT tests the check itself, in this shared database)
        String verdict = text(By.id("verdict"));
        assertTrue(verdict.startsWith("Intact: ") || verdict.startsWith("Broken: "), verdict);
        assertEquals(
                verdict.startsWith("Broken: "),
                !driver.findElements(By.id("problems")).isEmpty());
        assertEquals("admin", text(By.id("job-requested-by")));
        assertFalse(driver.findElements(By.cssSelector("#chains tr[data-chain='admin']"))
                .isEmpty());
        screenshot("console-journal-check.png");
        String job = text(By.id("job-id"));
        go(By.id("back"));
        assertFalse(driver.findElements(By.cssSelector("#verify-jobs tr[data-id='" + job + "']"))
                .isEmpty());

        // French labels, remembered for the session
        driver.get(CONSOLE + "/?lang=fr");
        assertEquals("fr", pageLanguage());
        assertEquals("Nouvelle convention", text(By.id("new-convention")));
        driver.get(CONSOLE + "/conventions/" + ID);
        assertEquals("suspendue", text(By.id("status")));
        assertEquals("Historique et différences", text(By.id("history")));
        driver.get(CONSOLE + "/?lang=en");

        // a state change without the session's CSRF token: 403 page, nothing changed
        HttpResponse<String> forged =
                postWithBrowserSession("/conventions/" + ID + "/status", "csrf=forged&target=active");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("security token"), forged.body());
        HttpResponse<String> missing = postWithBrowserSession("/conventions/" + ID + "/status", "target=active");
        assertEquals(403, missing.statusCode());
        driver.get(CONSOLE + "/conventions/" + ID);
        assertEquals("suspended", text(By.id("status")));
        assertEquals(400, token(secret).statusCode(), "still suspended");

        // keyboard: the skip link is the first stop and leads to the content
        driver.get(CONSOLE + "/");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("skip", driver.switchTo().activeElement().getAttribute("class"));

        // log out
        go(By.id("logout"));
        assertEquals("Log in", h1());
        driver.get(CONSOLE + "/");
        assertEquals("Log in", h1(), "no session: back to the login page");
    }

    /**
     * Issue 18 §1: a convention created through the form. First refused, every problem shown at its field and in the
     * summary; a scope row added then removed, the values kept; a PEM certificate uploaded and its facts shown before
     * saving; then saved, its terms shown in sections, and the JSON view and the form save the same document.
     */
    @Test
    void administratorCreatesAConventionThroughTheFormWithEveryProblemAtItsField() throws Exception {
        String id = "console-form-e2e";
        driver.get(CONSOLE + "/login?lang=en");
        login("admin", password("admin"));
        driver.get(CONSOLE + "/conventions/new");
        assertEquals("New convention", h1());
        assertEquals(
                "multipart/form-data",
                driver.findElement(By.id("convention-form")).getAttribute("enctype"));
        assertEquals("draft", selected(By.id("f-status")).getText());

        type(By.id("f-id"), id);
        type(By.id("f-scopes-0"), "urn:console:form:1.0:read");
        go(By.id("add-f-scopes"));
        assertEquals(id, driver.findElement(By.id("f-id")).getAttribute("value"), "the values are kept");
        assertEquals(2, driver.findElements(By.cssSelector("#f-scopes li.row")).size());
        assertEquals("", driver.findElement(By.id("f-scopes-1")).getAttribute("value"));
        type(By.id("f-scopes-1"), "not a scope!");
        type(By.id("f-defaultScopes-0"), "urn:console:form:1.0:write");
        type(By.id("f-identityProvider-tokenLifetimeSeconds"), "ten minutes");
        type(By.id("f-identityProvider-signatureAlgorithms-0"), "HS256");
        type(By.id("f-identityProvider-jwks"), "{\"keys\": [");
        type(By.id("f-identityProvider-extraClaims"), "{\"sub\": \"someone\"}");
        type(By.id("f-serviceProvider-id"), "https://console-form.example/app");
        type(By.id("f-serviceProvider-clientId"), "console-form-client");
        Path pem = Files.createTempFile(profile, "client", ".pem");
        Files.writeString(pem, clientCertificatePem("CN=console-form-client,O=Console IT", 200));
        // the optional blocks are folded while empty: open the binding's (a summary, no script)
        assertNull(driver.findElement(By.id("g-serviceProvider-certificate-details"))
                .getAttribute("open"));
        driver.findElement(By.id("g-serviceProvider-certificate-summary")).click();
        driver.findElement(By.id("g-serviceProvider-certificate-file")).sendKeys(pem.toString());
        type(By.id("comment"), "made with the form");
        go(By.id("save"));

        assertEquals("New convention", h1(), "refused: still the form");
        assertEquals(id, driver.findElement(By.id("f-id")).getAttribute("value"));
        Map<String, String> expected = Map.of(
                "f-identityProvider-tokenLifetimeSeconds-problems", "'ten minutes' is not a whole number",
                "f-scopes-1-problems", "not a scope!",
                "f-defaultScopes-0-problems", "is not one of the convention's scopes",
                "f-identityProvider-signatureAlgorithms-0-problems", "symmetric (HMAC)",
                "f-identityProvider-jwks-problems", "is not valid JSON",
                "f-identityProvider-extraClaims-problems", "registered VI claim");
        expected.forEach(
                (list, message) -> assertTrue(text(By.id(list)).contains(message), list + ": " + text(By.id(list))));
        assertEquals(
                "true",
                driver.findElement(By.id("f-identityProvider-tokenLifetimeSeconds"))
                        .getAttribute("aria-invalid"));
        List<WebElement> summary = driver.findElements(By.cssSelector("#problem-list li"));
        assertEquals(expected.size(), summary.size(), text(By.id("problems")));
        assertTrue(text(By.id("problems")).contains("VI lifetime (seconds)"), text(By.id("problems")));
        // the certificate: read at once, its facts shown, its binding filled in, kept for the save
        String uploaded = text(By.id("g-serviceProvider-certificate-uploaded"));
        assertTrue(uploaded.contains("CN=console-form-client,O=Console IT"), uploaded);
        assertTrue(uploaded.contains("CN=Console IT CA"), uploaded);
        String sha256 = driver.findElement(
                        By.cssSelector("#g-serviceProvider-certificate-uploaded dd[data-fact='sha256']"))
                .getText();
        assertTrue(sha256.matches("[0-9a-f]{64}"), sha256);
        assertEquals(
                sha256,
                driver.findElement(By.id("f-serviceProvider-certificate-sha256"))
                        .getAttribute("value"));
        assertEquals(
                "CN=console-form-client,O=Console IT",
                driver.findElement(By.id("f-serviceProvider-certificate-subjectDn"))
                        .getAttribute("value"));
        screenshot("console-form-errors.png");

        // corrected: the bad scope row removed, the rest fixed; the upload is still there
        go(By.id("remove-f-scopes-1"));
        assertEquals(1, driver.findElements(By.cssSelector("#f-scopes li.row")).size());
        assertTrue(driver.findElements(By.id("problems")).isEmpty(), "removing a row checks nothing");
        assertTrue(text(By.id("g-serviceProvider-certificate-uploaded")).contains("CN=console-form-client"));
        type(By.id("f-defaultScopes-0"), "urn:console:form:1.0:read");
        type(By.id("f-identityProvider-tokenLifetimeSeconds"), "300");
        type(By.id("f-identityProvider-signatureAlgorithms-0"), "ES256");
        driver.findElement(By.id("f-identityProvider-jwks")).clear();
        type(By.id("f-identityProvider-extraClaims"), "{\"organisation\": \"Console Form\"}");
        go(By.id("check"));
        assertEquals("The document is valid. Nothing is saved yet.", text(By.id("checked")), mainText());
        screenshot("console-form.png");
        go(By.id("save"));
        assertEquals("Convention " + id, h1(), this::mainText);
        assertEquals(
                "The convention was created, and the uploaded certificate binds the client.", text(By.id("flash")));
        assertEquals("draft", text(By.id("status")));

        // the page: the terms in labelled sections
        assertEquals("Identity provider", text(By.id("terms-identityProvider-title")));
        assertEquals("300", text(By.cssSelector("dd[data-term='identityProvider.tokenLifetimeSeconds']")));
        assertEquals(
                "CN=console-form-client,O=Console IT",
                text(By.cssSelector("dd[data-term='serviceProvider.certificate.subjectDn']")));
        assertEquals("not set", text(By.cssSelector("dd[data-term='identityProvider.jwks']")));
        assertEquals("no", text(By.cssSelector("dd[data-term='singleUse']")));
        screenshot("console-detail-sections.png");
        go(By.id("certificates"));
        assertTrue(text(By.id("certificates")).contains("CN=console-form-client"));

        // the JSON view and the form save the same document: neither makes a new revision
        driver.get(CONSOLE + "/conventions/" + id + "/edit");
        go(By.id("to-json"));
        go(By.id("save"));
        assertEquals("Nothing was saved: the document equals the current revision.", text(By.id("flash")));
        driver.get(CONSOLE + "/conventions/" + id + "/edit?view=json");
        go(By.id("to-form"));
        assertEquals(
                "300",
                driver.findElement(By.id("f-identityProvider-tokenLifetimeSeconds"))
                        .getAttribute("value"));
        go(By.id("save"));
        assertEquals("Nothing was saved: the document equals the current revision.", text(By.id("flash")));
        assertEquals("1", text(By.id("revision")));

        // Enter in a field checks (never switches the language, whose buttons come first in the page)
        driver.get(CONSOLE + "/conventions/" + id + "/edit");
        type(By.id("f-identityProvider-tokenLifetimeSeconds"), "450");
        WebElement before = driver.findElement(By.tagName("html"));
        driver.findElement(By.id("f-identityProvider-tokenLifetimeSeconds")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> left(before));
        assertEquals("en", pageLanguage());
        assertEquals("The document is valid. Nothing is saved yet.", text(By.id("checked")), mainText());
        // French labels and help; a change of language keeps what was typed and saves nothing
        type(By.id("comment"), "typed before the language changed");
        go(By.cssSelector("header nav.languages button[lang='fr']"));
        assertEquals("fr", pageLanguage());
        assertEquals(
                "Fournisseur d'identité",
                driver.findElement(By.cssSelector("#g-identityProvider > legend"))
                        .getText());
        assertTrue(text(By.id("f-identityProvider-tokenLifetimeSeconds-help")).contains("nombre entier"));
        assertEquals(
                "450",
                driver.findElement(By.id("f-identityProvider-tokenLifetimeSeconds"))
                        .getAttribute("value"));
        assertEquals(
                "typed before the language changed",
                driver.findElement(By.id("comment")).getAttribute("value"));
        assertTrue(driver.findElements(By.id("problems")).isEmpty(), "a change of language checks nothing");
        // the JSON view keeps its document and comment too
        go(By.id("to-json"));
        assertTrue(driver.findElement(By.id("document")).getAttribute("value").contains("450"));
        type(By.id("comment"), "still typed");
        go(By.cssSelector("header nav.languages button[lang='en']"));
        assertEquals("en", pageLanguage());
        assertEquals("still typed", driver.findElement(By.id("comment")).getAttribute("value"));
        assertTrue(driver.findElement(By.id("document")).getAttribute("value").contains("450"));
        driver.get(CONSOLE + "/conventions/" + id);
        assertEquals("1", text(By.id("revision")), "nothing was saved");
        driver.get(CONSOLE + "/?lang=en");

        // the form's post without the session's CSRF token: 403, nothing saved
        String boundary = "----console-form-it";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nforged\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"op\"\r\n\r\nsave\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nconsole-forged\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> forged =
                postWithBrowserSession("/conventions/new", body, "multipart/form-data; boundary=" + boundary);
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("security token"), forged.body());
    }

    @Test
    void wrongPasswordAndMissingRolesGiveReadablePages() throws Exception {
        driver.get(CONSOLE + "/login?lang=en");
        login("admin", "not-the-password");
        assertTrue(driver.getCurrentUrl().contains("/admin/login?error"), driver.getCurrentUrl());
        assertTrue(text(By.id("login-error")).contains("Wrong user name or password"));

        login("guest", password("guest"));
        assertEquals("Access refused", h1());
        assertTrue(text(By.id("forbidden")).contains("needs the role interops-admin"), text(By.id("forbidden")));
        screenshot("console-forbidden.png");
        driver.get(CONSOLE + "/traces");
        assertEquals("Access refused", h1());
        assertTrue(text(By.id("forbidden")).contains("interops-auditor"));
        driver.get(CONSOLE + "/conventions/new?lang=fr");
        assertEquals("Accès refusé", h1());
    }

    /**
     * Issue 18 §3 in the console: "Would this call be allowed?" refuses a malformed time at its field, allows a read
     * of the sample service for the demo client with the convention and revision it used, refuses a write at the
     * resource's scope; then a refused call of the data provider is replayed from the trace search, under the
     * revision its trace recorded.
     */
    @Test
    void aDryRunEvaluationAndTheReplayOfARefusedCall() throws Exception {
        driver.get(CONSOLE + "/login?lang=en");
        login("admin", password("admin"));
        go(By.linkText("Access check"));
        assertEquals("Would this call be allowed?", h1());

        type(By.id("a-subjectId"), "institution-b-portal");
        type(By.id("a-at"), "yesterday at noon");
        go(By.id("evaluate"));
        assertTrue(text(By.id("a-at-problem")).contains("context.timestamp"), mainText());
        assertEquals("true", driver.findElement(By.id("a-at")).getAttribute("aria-invalid"));
        assertTrue(driver.findElements(By.id("decision")).isEmpty(), "no decision for a question that was not asked");
        assertEquals(
                "institution-b-portal", driver.findElement(By.id("a-subjectId")).getAttribute("value"));
        screenshot("console-access-errors.png");

        driver.findElement(By.id("a-at")).clear();
        go(By.id("evaluate"));
        assertEquals("true", driver.findElement(By.id("decision-value")).getAttribute("data-decision"), mainText());
        assertTrue(text(By.id("decision-convention")).startsWith("demo-beneficiaries-basic"), mainText());
        assertTrue(text(By.id("decision-scope")).contains("urn:demo:beneficiaries:1.0:read"));

        new Select(driver.findElement(By.id("a-method"))).selectByValue("PUT");
        type(By.id("a-resource"), "/interops/api/v1/beneficiaries/B00001/allowance");
        go(By.id("evaluate"));
        assertEquals("false", driver.findElement(By.id("decision-value")).getAttribute("data-decision"), mainText());
        assertEquals("resource_scope", text(By.id("decision-step")));
        assertEquals("insufficient_scope", text(By.id("decision-error")));
        screenshot("console-access-decision.png");
        // a change of language keeps the question as typed, and asks nothing again
        go(By.cssSelector("header nav.languages button[lang='fr']"));
        assertEquals("fr", pageLanguage());
        assertEquals(
                "/interops/api/v1/beneficiaries/B00001/allowance",
                driver.findElement(By.id("a-resource")).getAttribute("value"));
        assertEquals("PUT", selected(By.id("a-method")).getAttribute("value"));
        assertTrue(driver.findElements(By.id("decision")).isEmpty(), "not asked again");
        go(By.cssSelector("header nav.languages button[lang='en']"));
        assertEquals("Would this call be allowed?", h1());

        // a call the data provider refused: a read-only VI that tries to write
        HttpResponse<String> token = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .build());
        assertEquals(200, token.statusCode(), token.body());
        String vi = json(token.body()).getString("access_token");
        String jti = json(new String(Base64.getUrlDecoder().decode(vi.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString("jti");
        HttpResponse<String> refused = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/beneficiaries/B00001/allowance"))
                        .header("Authorization", "Bearer " + vi)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"monthlyAmountCents\": 1}"))
                        .build());
        assertEquals(401, refused.statusCode(), refused.body());

        driver.get(CONSOLE + "/traces?status=FAILURE&jti=" + URLEncoder.encode(jti, StandardCharsets.UTF_8));
        List<WebElement> replays = driver.findElements(By.cssSelector("form.replay button"));
        assertFalse(replays.isEmpty(), mainText());
        String traceId = replays.get(0).getAttribute("id").substring("replay-".length());
        go(By.id("replay-" + traceId));
        assertEquals("Would this call be allowed?", h1());
        assertTrue(text(By.id("replay-of")).contains(traceId), mainText());
        assertEquals("false", driver.findElement(By.id("decision-value")).getAttribute("data-decision"));
        assertEquals("resource_scope", text(By.id("decision-step")));
        assertTrue(text(By.id("decision-rules")).contains("recorded"), mainText());
    }

    /**
     * Issue 18 §2: the dashboard after some tokens (issued and refused) and API calls, its charts, its periods, and
     * an administrator's "Count again".
     */
    @Test
    void theDashboardDrawsTheTrafficOfTheLastHourAndDay() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> token = send(
                    withCertificate("institution-a"),
                    form("grant_type=client_credentials").build());
            assertEquals(200, token.statusCode(), token.body());
            HttpResponse<String> api = send(
                    withCertificate("institution-a"),
                    HttpRequest.newBuilder(URI.create(BASE + "/api/v1/beneficiaries/B00001"))
                            .header(
                                    "Authorization",
                                    "Bearer " + json(token.body()).getString("access_token"))
                            .build());
            assertEquals(200, api.statusCode(), api.body());
        }
        HttpResponse<String> refused =
                send(anonymous(), form("grant_type=client_credentials").build());
        assertEquals(401, refused.statusCode(), refused.body());
        HttpResponse<String> badVi = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/beneficiaries/B00001"))
                        .header("Authorization", "Bearer a.b.c")
                        .build());
        assertEquals(401, badVi.statusCode());

        driver.get(CONSOLE + "/login?lang=en");
        login("admin", password("admin"));
        go(By.linkText("Dashboard"));
        assertEquals("Dashboard", h1());
        assertFalse(driver.findElements(By.cssSelector("svg#chart-tokens[role=img]"))
                .isEmpty());
        assertFalse(
                driver.findElements(By.cssSelector("svg#chart-api polyline")).isEmpty());
        assertTrue(
                text(By.id("chart-tokens-caption")).startsWith("Tokens issued and refused per minute."),
                text(By.id("chart-tokens-caption")));
        assertTrue(texts(By.cssSelector("#errors th")).contains("invalid_client"), texts(By.id("errors")));
        assertTrue(texts(By.cssSelector("#top-traffic th")).contains("demo-beneficiaries-mtls"));
        assertFalse(driver.findElements(By.cssSelector("#lags tbody tr")).isEmpty(), "this node's journal lag");
        screenshot("console-dashboard.png");
        go(By.id("period-day"));
        assertTrue(text(By.id("dash-window")).contains("per minute"));
        go(By.id("period-month"));
        assertTrue(text(By.id("dash-window")).contains("per hour"));
        driver.get(CONSOLE + "/dashboard?period=month&lang=fr");
        assertEquals("Tableau de bord", h1());
        assertTrue(text(By.id("chart-api-caption")).startsWith("Appels d’API acceptés et refusés par heure."));
        // an administrator counts the last day again (after an upgrade, P-63): what each node counted, then back
        driver.get(CONSOLE + "/dashboard?lang=en");
        go(By.id("rebuild"));
        assertEquals("Counts rebuilt", h1());
        assertTrue(text(By.id("rebuilt-summary")).contains("traces counted again, from"), mainText());
        assertFalse(
                driver.findElements(By.cssSelector("#rebuilt-chains tbody tr")).isEmpty(), mainText());
        go(By.id("back-to-dashboard"));
        assertEquals("Dashboard", h1());
    }

    // ------------------------------------------------------------------ helpers

    private void login(String user, String password) {
        if (driver.findElements(By.id("login-form")).isEmpty()) {
            driver.get(CONSOLE + "/login");
        }
        type(By.id("j_username"), user);
        type(By.id("j_password"), password);
        go(By.id("login"));
    }

    /** Clicks what leads to another page and waits until the browser has left this one. */
    private void go(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> left(page));
    }

    /**
     * Whether the browser has left the page this element belongs to. ChromeDriver reports a node
     * of the page just replaced either as stale or, in a race, as "does not belong to the
     * document": both mean the old page is gone.
     */
    private static boolean left(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static String password(String user) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(user + ".password"))
                .strip();
    }

    private void type(By field, String text) {
        WebElement e = driver.findElement(field);
        e.clear();
        e.sendKeys(text);
    }

    /** The option chosen in a select. */
    private WebElement selected(By select) {
        return new Select(driver.findElement(select)).getFirstSelectedOption();
    }

    /** The page's {@code lang}: the language the console answered in. */
    private String pageLanguage() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    private String mainText() {
        return driver.findElement(By.tagName("main")).getText();
    }

    private String h1() {
        return text(By.tagName("h1"));
    }

    private String text(By by) {
        return driver.findElement(by).getText().strip();
    }

    private String texts(By by) {
        return driver.findElements(by).stream().map(WebElement::getText).collect(Collectors.joining("\n"));
    }

    /** The whole page: the window is made as tall as the page first. */
    private void screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        int height = driver.findElement(By.tagName("body")).getSize().getHeight();
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(Math.max(height + 140, 700), 4000)));
        byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name), png);
        driver.manage().window().setSize(before);
    }

    /** The convention: demo-beneficiaries-basic.json with our id, client, audience, lifetime and organisation. */
    private static JsonObjectBuilder document(int lifetime, String organisation) throws IOException {
        JsonObject base = Json.createReader(
                        new StringReader(Files.readString(TEST_CONVENTIONS.resolve("demo-beneficiaries-basic.json"))))
                .readObject();
        JsonObject idp = Json.createObjectBuilder(base.getJsonObject("identityProvider"))
                .add("tokenLifetimeSeconds", lifetime)
                .add("extraClaims", Json.createObjectBuilder().add("organisation", organisation))
                .build();
        JsonObject sp = Json.createObjectBuilder(base.getJsonObject("serviceProvider"))
                .add("id", "https://console-e2e.example/app")
                .add("clientId", CLIENT)
                .build();
        return Json.createObjectBuilder(base)
                .add("id", ID)
                .add("identityProvider", idp)
                .add("serviceProvider", sp);
    }

    private static String clientCertificatePem(String subject, int days) throws Exception {
        Instant now = Instant.now();
        DevPki.Ca ca =
                DevPki.createCa("CN=Console IT CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        DevPki.Issued issued = DevPki.issueClientCertificate(
                ca.privateKey(),
                ca.certificate(),
                subject,
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(days)),
                true,
                null);
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(issued.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static HttpResponse<String> token(String secret) throws Exception {
        return send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic(CLIENT, URLEncoder.encode(secret, StandardCharsets.UTF_8)))
                        .build());
    }

    /** A form POST with the browser's session cookie but a body of our own (a forged request). */
    private HttpResponse<String> postWithBrowserSession(String path, String body) throws Exception {
        return postWithBrowserSession(path, body, "application/x-www-form-urlencoded");
    }

    private HttpResponse<String> postWithBrowserSession(String path, String body, String type) throws Exception {
        String cookies = driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        assertFalse(cookies.isEmpty());
        HttpRequest request = HttpRequest.newBuilder(URI.create(CONSOLE + path))
                .timeout(Duration.ofSeconds(20))
                .header("Cookie", cookies)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(anonymous(), request);
    }
}
