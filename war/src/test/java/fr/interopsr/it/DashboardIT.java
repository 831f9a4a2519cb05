package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard (issue 18 §2) over HTTPS: tokens issued and refused and API calls accepted and refused, then the
 * counts written by the journal equal the traces (per minute and per hour), the page shows the same figures for its
 * window, with its charts; the rebuild call gives the same counts; bad periods, roles and calls are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardIT {

    private static final String CONSOLE = BASE + "/admin";
    private static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";
    private static final String REBUILD = BASE + "/admin/api/traces/aggregates/rebuild";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern WINDOW = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) .* (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    private static void traffic() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> token = send(
                    withCertificate("institution-a"),
                    form("grant_type=client_credentials").build());
            assertEquals(200, token.statusCode(), token.body());
            HttpResponse<String> api = send(
                    withCertificate("institution-a"),
                    HttpRequest.newBuilder(URI.create(RECORD))
                            .timeout(Duration.ofSeconds(20))
                            .header(
                                    "Authorization",
                                    "Bearer " + json(token.body()).getString("access_token"))
                            .build());
            assertEquals(200, api.statusCode(), api.body());
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused =
                    send(anonymous(), form("grant_type=client_credentials").build());
            assertEquals(401, refused.statusCode(), refused.body());
        }
        HttpResponse<String> badVi = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer a.b.c")
                        .build());
        assertEquals(401, badVi.statusCode(), badVi.body());
    }

    @Test
    void countsEqualTheTracesAndThePageShowsThem() throws Exception {
        Instant start = Instant.now();
        traffic();
        Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
        Instant hour = start.truncatedTo(ChronoUnit.HOURS);
        long traces = traces(minute, null, null);
        assertTrue(traces >= 13, "3 × (token, verification, transaction), 2 refused tokens, 1 refused call: " + traces);
        assertEquals(traces, counted("M", minute), "per minute");
        assertEquals(traces(hour, null, null), counted("H", hour), "per hour");
        assertEquals(traces(minute, "VI_GENERATION", "FAILURE"), counted("M", minute, "VI_GENERATION", "FAILURE"));
        assertTrue(counted("M", minute, "VI_GENERATION", "FAILURE") >= 2);

        String cookie = login();
        HttpResponse<String> page = get(CONSOLE + "/dashboard?lang=en", cookie);
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertEquals(
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none';"
                        + " base-uri 'none'",
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertFalse(html.contains("<script"));
        assertTrue(
                html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 220\" class=\"chart\""
                        + " role=\"img\" aria-labelledby=\"chart-tokens-title chart-tokens-desc\""),
                html);
        assertTrue(html.contains("id=\"chart-api\""));
        assertTrue(html.contains("<th scope=\"row\">invalid_client</th>"), html);
        assertTrue(html.contains("demo-beneficiaries-mtls"));
        assertTrue(html.contains("<table id=\"lags\">"), "this node's journal lag");
        Matcher w = WINDOW.matcher(html);
        assertTrue(w.find(), html);
        Instant from = LocalDateTime.parse(w.group(1), SHOWN).toInstant(ZoneOffset.UTC);
        Instant to = LocalDateTime.parse(w.group(2), SHOWN).toInstant(ZoneOffset.UTC);
        long issued = tracesBetween(from, to, "VI_GENERATION", "SUCCESS");
        long refused = tracesBetween(from, to, "VI_GENERATION", "FAILURE");
        assertTrue(
                html.contains("<tr class=\"total\"><th scope=\"row\">Total</th><td class=\"num\">" + issued
                        + "</td><td class=\"num\">" + refused + "</td></tr>"),
                "the page's totals are the traces': " + issued + " / " + refused + " in " + html);

        for (String period : List.of("day", "month")) {
            HttpResponse<String> other = get(CONSOLE + "/dashboard?period=" + period + "&lang=fr", cookie);
            assertEquals(200, other.statusCode(), other.body());
            assertTrue(other.body().contains("Tableau de bord"));
        }
        HttpResponse<String> bad = get(CONSOLE + "/dashboard?period=year&lang=en", cookie);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("The period must be hour, day or month."), bad.body());
        assertFalse(bad.body().contains("Exception"));
    }

    @Test
    void aRebuildGivesTheSameCountsAndBadCallsAreRefused() throws Exception {
        Instant start = Instant.now();
        traffic();
        Instant hour = start.truncatedTo(ChronoUnit.HOURS);
        long before = counted("H", hour);
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(
                        "UPDATE trace_aggregate SET traces = traces + 100 WHERE granularity = 'H' AND bucket_start >= ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            assertTrue(p.executeUpdate() > 0);
        }
        String from = hour.minus(1, ChronoUnit.HOURS).toString();
        HttpResponse<String> r = post(REBUILD + "?from=" + enc(from), "admin", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        // other test classes of the run may have deleted traces of their own (tampering tests): the rebuild counts
        // what trace_record holds now
        assertEquals(
                traces(hour.minus(1, ChronoUnit.HOURS), null, null),
                json(r.body()).getJsonNumber("traces").longValue(),
                r.body());
        assertTrue(before > 0);
        assertEquals(traces(hour, null, null), counted("H", hour), "rebuilt from the traces");
        Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
        assertEquals(traces(minute, null, null), counted("M", minute));

        assertEquals(415, post(REBUILD, "admin", "text/plain").statusCode());
        assertEquals(403, post(REBUILD, "guest", "application/json").statusCode());
        HttpResponse<String> old = post(REBUILD + "?from=2000-01-01T00:00:00Z", "admin", "application/json");
        assertEquals(400, old.statusCode(), old.body());
        assertTrue(old.body().contains("retention"), old.body());
        assertEquals(
                400,
                post(REBUILD + "?from=yesterday", "admin", "application/json").statusCode());
        assertEquals(
                400,
                post(REBUILD + "?from=" + enc(start.toString()) + "&to=" + enc(from), "admin", "application/json")
                        .statusCode());
        // the console page: only for staff with a role
        HttpResponse<String> anonymousPage = get(CONSOLE + "/dashboard", null);
        assertTrue(
                anonymousPage.statusCode() == 302 || anonymousPage.statusCode() == 303,
                "to the login page: " + anonymousPage.statusCode());
        assertTrue(anonymousPage.headers().firstValue("Location").orElse("").contains("/admin/login"));
    }

    /**
     * The console's "Count again" (an administrator's, with the session's CSRF token): the counts of the last day
     * equal the traces again, the rebuild is traced first as an admin action; a period not offered, a post without
     * its token, and a user without the admin role are refused with readable pages.
     */
    @Test
    void theConsoleCountsTheLastDayAgain() throws Exception {
        Instant start = Instant.now();
        traffic();
        Instant hour = start.truncatedTo(ChronoUnit.HOURS);
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(
                        "UPDATE trace_aggregate SET traces = traces + 100 WHERE granularity = 'H' AND bucket_start >= ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            assertTrue(p.executeUpdate() > 0);
        }
        String cookie = login();
        HttpResponse<String> page = get(CONSOLE + "/dashboard?lang=en", cookie);
        assertTrue(page.body().contains("id=\"rebuild-form\""), page.body());
        String csrf = csrfOf(page.body());
        HttpResponse<String> done = postForm(CONSOLE + "/dashboard/rebuild", cookie, "csrf=" + enc(csrf) + "&days=1");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("<h1>Counts rebuilt</h1>"), done.body());
        assertTrue(done.body().contains("traces counted again, from"), done.body());
        assertEquals(traces(hour, null, null), counted("H", hour), "counted again from the traces");
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trace_record WHERE kind = 'ADMIN_ACTION'"
                        + " AND step = 'trace-counts-rebuilt' AND actor = 'admin' AND occurred_at >= ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                assertEquals(1, r.getLong(1), "the rebuild is traced as the admin's action");
            }
        }

        HttpResponse<String> badDays =
                postForm(CONSOLE + "/dashboard/rebuild", cookie, "csrf=" + enc(csrf) + "&days=365");
        assertEquals(400, badDays.statusCode(), badDays.body());
        assertTrue(badDays.body().contains("must be 1, 7 or 31 days"), badDays.body());
        assertFalse(badDays.body().contains("Exception"));
        assertEquals(
                403, postForm(CONSOLE + "/dashboard/rebuild", cookie, "days=1").statusCode(), "no CSRF token");

        String guest = login("guest");
        HttpResponse<String> guestPage = get(CONSOLE + "/dashboard?lang=en", guest);
        assertEquals(403, guestPage.statusCode(), "no role: the refusal page, with its logout form's token");
        String guestCsrf = csrfOf(guestPage.body());
        HttpResponse<String> refused =
                postForm(CONSOLE + "/dashboard/rebuild", guest, "csrf=" + enc(guestCsrf) + "&days=1");
        assertEquals(403, refused.statusCode(), refused.body());
        assertFalse(refused.body().contains("Exception"));
    }

    // ------------------------------------------------------------------ helpers

    private static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), html);
        return m.group(1).replace("&#45;", "-").replace("&#95;", "_");
    }

    private static HttpResponse<String> postForm(String url, String cookie, String body) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(120))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** The traces of the node chains since {@code from}, of that kind and status when given. */
    private static long traces(Instant from, String kind, String status) throws Exception {
        return tracesBetween(from, Instant.now().plus(1, ChronoUnit.DAYS), kind, status);
    }

    private static long tracesBetween(Instant from, Instant to, String kind, String status) throws Exception {
        String sql = "SELECT COUNT(*) FROM trace_record WHERE chain LIKE 'node:%' AND occurred_at >= ?"
                + " AND occurred_at < ?" + (kind == null ? "" : " AND kind = ? AND status = ?");
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            p.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            if (kind != null) {
                p.setString(3, kind);
                p.setString(4, status);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long counted(String granularity, Instant from) throws Exception {
        return counted(granularity, from, null, null);
    }

    private static long counted(String granularity, Instant from, String kind, String status) throws Exception {
        String sql = "SELECT COALESCE(SUM(traces), 0) FROM trace_aggregate WHERE granularity = ? AND bucket_start >= ?"
                + (kind == null ? "" : " AND kind = ? AND status = ?");
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, granularity);
            p.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            if (kind != null) {
                p.setString(3, kind);
                p.setString(4, status);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String password(String user) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(user + ".password"))
                .strip();
    }

    private static HttpResponse<String> post(String url, String user, String type) throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", basic(user, password(user)))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(anonymous(), b.build());
    }

    /** The console's form login over plain requests; the session cookie. */
    private static String login() throws Exception {
        return login("admin");
    }

    private static String login(String user) throws Exception {
        HttpResponse<String> page = get(CONSOLE + "/login", null);
        String cookie = cookieOf(page);
        String csrf = csrfOf(page.body());
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONSOLE + "/login"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "csrf=" + enc(csrf) + "&j_username=" + user + "&j_password=" + enc(password(user))))
                        .build());
        assertFalse(
                r.headers().firstValue("Location").orElse("error").contains("error"),
                r.headers().map().toString());
        return r.headers().allValues("Set-Cookie").isEmpty() ? cookie : cookieOf(r);
    }
}
