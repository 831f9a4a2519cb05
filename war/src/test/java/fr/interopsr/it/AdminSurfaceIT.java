package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.admin.login.PasswordHashes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 §1, the admin surface from outside, over real HTTPS without a browser: the exact
 * reproduction of the issue (the console's session cookie on {@code /admin/api;x/...}), the path
 * variants, which credential opens which door (D-21), the session cookie's attributes, HSTS, the
 * Origin / Sec-Fetch-Site check of console POSTs, and disabled or changed accounts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminSurfaceIT {

    private static final String CONSOLE = BASE + "/admin";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String HOST = "localhost:" + HTTPS_PORT;

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    // ---------------------------------------------------------------- the reproduction

    @Test
    void theConsoleSessionOnAPathVariantNeitherRotatesASecretNorListsConventions() throws Exception {
        Session s = login("admin", password("admin"));
        String before = secretOf("institution-b-portal");
        HttpResponse<String> rotate = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONSOLE + "/api;x/conventions/demo-beneficiaries-basic/secret"))
                        .header("Cookie", s.cookie)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build());
        System.out.println("[AdminSurfaceIT] POST /admin/api;x/.../secret with the session: " + rotate.statusCode());
        assertTrue(rotate.statusCode() == 400 || rotate.statusCode() == 401, rotate.statusCode() + " " + rotate.body());
        assertFalse(rotate.body().contains("client_secret"), rotate.body());
        // the old secret still works: nothing was rotated
        HttpResponse<String> token = send(
                anonymous(),
                form("grant_type=client_credentials")
                        .header("Authorization", basic("institution-b-portal", before))
                        .build());
        assertEquals(200, token.statusCode(), token.body());

        HttpResponse<String> list = get(CONSOLE + "/api;x/conventions", "Cookie", s.cookie);
        System.out.println("[AdminSurfaceIT] GET /admin/api;x/conventions with the session: " + list.statusCode());
        assertTrue(list.statusCode() == 400 || list.statusCode() == 401, list.statusCode() + " " + list.body());
        assertFalse(list.body().contains("demo-beneficiaries"), list.body());
    }

    /**
     * Every variant of a guarded path: never served with the console session. The application
     * answers 400; a container that answers first (400, 404) is accepted and its answer printed.
     */
    @Test
    void noPathVariantReachesAGuardedPrefix() throws Exception {
        Session s = login("admin", password("admin"));
        List<String> variants = List.of(
                "/admin/api;x/conventions",
                "/admin;x/api/conventions",
                "/admin/api/conventions;jsessionid=x",
                "/admin/api%2Fconventions",
                "/admin%2Fapi/conventions",
                "/admin/%61pi/conventions",
                "/%61dmin/api/conventions",
                "/admin/api/%2E%2E/api/conventions",
                "/admin/api%5Cconventions",
                "/admin/./api/conventions",
                "/admin/x/../api/conventions",
                "/metrics/../admin/api/conventions",
                "//admin/api/conventions",
                "/admin//api/conventions",
                "/api;x/v1/beneficiaries/1",
                "/api//v1/beneficiaries/1",
                "/idp;x/token",
                "/access;x/v1/decisions");
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String v : variants) {
            HttpResponse<String> r = get(BASE + v, "Cookie", s.cookie);
            seen.put(v, r.statusCode());
            // 401: a variant the container turns into the plain path before anyone reads it (Basic asked)
            assertTrue(Set.of(400, 401, 404).contains(r.statusCode()), v + " -> " + r.statusCode() + " " + r.body());
            assertFalse(r.body().contains("demo-beneficiaries"), v + " " + r.body());
            if (r.statusCode() == 400 && r.body().startsWith("{")) {
                assertEquals("invalid_request", json(r.body()).getString("error"), v);
            }
        }
        System.out.println("[AdminSurfaceIT] path variants: " + seen);
    }

    // ---------------------------------------------------------------- which credential opens which door

    @Test
    void theAdminApiTakesBasicOnlyNeverTheConsoleSession() throws Exception {
        Session s = login("admin", password("admin"));
        HttpResponse<String> r = get(CONSOLE + "/api/conventions", "Cookie", s.cookie);
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HttpResponse<String> post = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONSOLE + "/api/conventions/demo-beneficiaries-basic/secret"))
                        .header("Cookie", s.cookie)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build());
        assertEquals(401, post.statusCode(), post.body());
    }

    @Test
    void theConsoleTakesItsSessionOnlyNeverBasicNorAVi() throws Exception {
        HttpResponse<String> basic = get(CONSOLE + "/", "Authorization", basic("admin", password("admin")));
        assertTrue(
                isRedirectToLogin(basic),
                basic.statusCode() + " " + basic.headers().map());
        HttpResponse<String> vi = get(CONSOLE + "/", "Authorization", "Bearer " + vi());
        assertTrue(isRedirectToLogin(vi), vi.statusCode() + " " + vi.headers().map());
        HttpResponse<String> traces = get(CONSOLE + "/traces", "Authorization", "Bearer " + vi());
        assertTrue(
                isRedirectToLogin(traces),
                traces.statusCode() + " " + traces.headers().map());
    }

    @Test
    void aViOpensNothingOutsideApi() throws Exception {
        String vi = vi();
        for (String path : List.of("/admin/api/conventions", "/admin/api/traces")) {
            HttpResponse<String> r = get(BASE + path, "Authorization", "Bearer " + vi);
            assertEquals(401, r.statusCode(), path + " " + r.body());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
        }
    }

    // ---------------------------------------------------------------- cookie and headers

    @Test
    void theSessionCookieIsSecureHttpOnlySameSiteStrictAndNeverInAUrl() throws Exception {
        HttpResponse<String> page = get(CONSOLE + "/login?lang=en");
        assertEquals(200, page.statusCode());
        String setCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no session cookie: " + page.headers().map()));
        System.out.println("[AdminSurfaceIT] Set-Cookie: " + setCookie.replaceAll("=[^;]+;", "=…;"));
        String lower = setCookie.toLowerCase();
        assertTrue(lower.contains("; secure"), setCookie);
        assertTrue(lower.contains("; httponly"), setCookie);
        assertTrue(lower.contains("samesite=strict"), setCookie);
        assertFalse(page.body().toLowerCase().contains("jsessionid"), "no session id in the page's links");
        Session s = login("admin", password("admin"));
        assertFalse(s.location.toLowerCase().contains("jsessionid"), s.location);
        HttpResponse<String> home = get(CONSOLE + "/", "Cookie", s.cookie);
        assertEquals(200, home.statusCode());
        assertFalse(home.body().toLowerCase().contains("jsessionid"));
    }

    @Test
    void everyHttpsAnswerCarriesHstsAndNoPlainHttpAnswerDoes() throws Exception {
        for (String url : List.of(
                CONSOLE + "/login",
                CONSOLE + "/api/conventions",
                CONSOLE + "/api;x/conventions",
                BASE + "/api/v1/beneficiaries/1",
                TOKEN,
                BASE + "/.well-known/oauth-authorization-server",
                BASE + "/no-such-page")) {
            HttpResponse<String> r = get(url);
            String hsts = r.headers().firstValue("Strict-Transport-Security").orElse("");
            Matcher m = Pattern.compile("max-age=(\\d+)").matcher(hsts);
            assertTrue(m.find() && Long.parseLong(m.group(1)) >= 31_536_000L, url + " " + r.statusCode() + " " + hsts);
        }
        for (String path : List.of("/interops/admin/login", "/interops/metrics")) {
            String answer = rawHttp(
                    "127.0.0.1",
                    HTTP_PORT,
                    "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertFalse(answer.toLowerCase().contains("strict-transport-security"), path + ": " + answer);
        }
    }

    /**
     * Issue 18 §3: the console's access check and replay refuse bad input with readable pages, never a 500: a forged
     * post (no token), a replay of a trace id that is not a number, of a trace that does not exist, and a question
     * whose member the reader refuses (400 with the problem at its field).
     */
    @Test
    void theAccessCheckAndItsReplayRefuseBadInputWithReadablePages() throws Exception {
        Session s = login("admin", password("admin"));
        String csrf = csrf(get(CONSOLE + "/access", "Cookie", s.cookie).body());
        String own = "https://" + HOST;
        assertEquals(403, post(s, "/access/replay", "trace=1", "Origin", own).statusCode(), "no CSRF token");
        HttpResponse<String> notANumber = post(s, "/access/replay", "csrf=" + enc(csrf) + "&trace=abc", "Origin", own);
        assertEquals(400, notANumber.statusCode(), notANumber.body());
        assertTrue(notANumber.body().contains("must be a trace id"), notANumber.body());
        HttpResponse<String> missing =
                post(s, "/access/replay", "csrf=" + enc(csrf) + "&trace=987654321987", "Origin", own);
        assertEquals(404, missing.statusCode(), missing.body());
        HttpResponse<String> badMethod = post(
                s,
                "/access",
                "csrf=" + enc(csrf) + "&subjectType=client&subjectId=institution-a&method=get"
                        + "&resource=%2Finterops%2Fapi%2Fv1%2Fbeneficiaries",
                "Origin",
                own);
        assertEquals(400, badMethod.statusCode(), badMethod.body());
        assertTrue(badMethod.body().contains("id=\"a-method-problem\""), badMethod.body());
        HttpResponse<String> tooLong = post(
                s,
                "/access",
                "csrf=" + enc(csrf) + "&subjectType=client&subjectId=" + "x".repeat(5000)
                        + "&method=GET&resource=%2Finterops%2Fapi%2Fv1%2Fbeneficiaries",
                "Origin",
                own);
        assertTrue(tooLong.statusCode() == 200 || tooLong.statusCode() == 400, tooLong.statusCode() + tooLong.body());
        assertFalse(tooLong.body().contains("Exception"), tooLong.body());
    }

    /**
     * A change of language posts the form back (P-74): it needs the session's CSRF token like any console post, it
     * is refused for a convention that does not exist, and it neither saves, checks nor asks: a document or a
     * question that the form would refuse comes back as typed, 200, in the language of the query.
     */
    @Test
    void aChangeOfLanguageNeedsTheTokenAndSavesChecksAndAsksNothing() throws Exception {
        Session s = login("admin", password("admin"));
        String csrf = csrf(get(CONSOLE + "/conventions/new", "Cookie", s.cookie).body());
        String own = "https://" + HOST;
        String document = "{\"id\": \"language-not-saved\"}";
        String body = "op=language&document=" + enc(document) + "&comment=kept";
        assertEquals(403, post(s, "/conventions?lang=fr", body, "Origin", own).statusCode(), "no CSRF token");
        HttpResponse<String> json = post(s, "/conventions?lang=fr", "csrf=" + enc(csrf) + "&" + body, "Origin", own);
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.body().contains("<html lang=\"fr\">"), json.body());
        assertTrue(json.body().contains("{&quot;id&quot;: &quot;language-not-saved&quot;}"), json.body());
        assertFalse(json.body().contains("id=\"problems\""), "nothing checked: " + json.body());
        assertEquals(
                404,
                get(CONSOLE + "/conventions/language-not-saved", "Cookie", s.cookie)
                        .statusCode(),
                "not saved");
        HttpResponse<String> gone =
                post(s, "/conventions/no-such-convention?lang=fr", "csrf=" + enc(csrf) + "&" + body, "Origin", own);
        assertEquals(404, gone.statusCode(), gone.body());
        HttpResponse<String> question = post(
                s,
                "/access?lang=fr",
                "csrf=" + enc(csrf) + "&op=language&subjectType=client&subjectId=institution-a&method=get"
                        + "&resource=%2Finterops%2Fapi%2Fv1%2Fbeneficiaries",
                "Origin",
                own);
        assertEquals(200, question.statusCode(), "a method the question would refuse, not asked: " + question.body());
        assertTrue(question.body().contains("value=\"institution-a\""), question.body());
        assertFalse(question.body().contains("id=\"a-method-problem\""), question.body());
        assertFalse(question.body().contains("id=\"decision\""), question.body());
    }

    @Test
    void aConsolePostFromAnotherSiteIsRefusedEvenWithItsToken() throws Exception {
        Session s = login("admin", password("admin"));
        String csrf = csrf(get(CONSOLE + "/conventions/new", "Cookie", s.cookie).body());
        String body = "csrf=" + enc(csrf) + "&document=" + enc("{") + "&comment=x";
        HttpResponse<String> evil = post(s, "/conventions", body, "Origin", "https://evil.example");
        assertEquals(403, evil.statusCode(), evil.body());
        HttpResponse<String> crossSite = post(s, "/conventions", body, "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.statusCode(), crossSite.body());
        // the same form from this origin passes the check (and is refused for its bad document)
        HttpResponse<String> own = post(s, "/conventions", body, "Origin", "https://" + HOST);
        assertEquals(400, own.statusCode(), own.body());
        HttpResponse<String> sameOrigin = post(s, "/conventions", body, "Sec-Fetch-Site", "same-origin");
        assertEquals(400, sameOrigin.statusCode(), sameOrigin.body());
        // the login form too: a cross-site login is refused like one without its token
        HttpResponse<String> page = get(CONSOLE + "/login");
        String cookie = cookieOf(page);
        HttpResponse<String> crossLogin = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONSOLE + "/login"))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "https://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf(page.body()))
                                + "&j_username=admin&j_password=" + enc(password("admin"))))
                        .build());
        assertTrue(
                crossLogin.headers().firstValue("Location").orElse("").contains("/admin/login?error"),
                crossLogin.headers().map().toString());
    }

    // ---------------------------------------------------------------- accounts and sessions

    @Test
    void aDisabledAccountLogsInNowhereAndItsSessionEnds() throws Exception {
        String user = "disabled-" + tag();
        String password = "a long password " + tag();
        saveAccount(user, password, Set.of(AdminRoles.ADMIN));
        Session s = login(user, password);
        assertEquals(200, get(CONSOLE + "/", "Cookie", s.cookie).statusCode());
        assertEquals(
                200,
                get(CONSOLE + "/api/conventions", "Authorization", basic(user, password))
                        .statusCode());

        setDisabled(user, true);
        assertTrue(isRedirectToLogin(get(CONSOLE + "/", "Cookie", s.cookie)), "the open session ended");
        assertTrue(isRedirectToLogin(get(CONSOLE + "/conventions/new", "Cookie", s.cookie)), "and stays ended");
        assertEquals(
                401,
                get(CONSOLE + "/api/conventions", "Authorization", basic(user, password))
                        .statusCode());
        assertNull(tryLogin(user, password), "no console login");

        setDisabled(user, false);
        assertNotNull(tryLogin(user, password));
        assertEquals(
                200,
                get(CONSOLE + "/api/conventions", "Authorization", basic(user, password))
                        .statusCode());
    }

    // ---------------------------------------------------------------- login failures (issue 14 §2)

    @Test
    void tenWrongPasswordsLockTheAccountUntilAnotherAdministratorLiftsIt() throws Exception {
        // a dedicated account, and addresses of their own through the trusted proxy (D-2), so that
        // neither the lock nor the per-address back-off touches the other tests' logins
        String user = "locked-" + tag();
        String password = "a long password " + tag();
        saveAccount(user, password, Set.of(AdminRoles.ADMIN));
        String net = "198.51.100.";
        int first = 1 + (int) (Math.random() * 200);
        assertEquals(200, basicFrom(net + first, user, password), "the account works");

        for (int i = 0; i < 10; i++) {
            assertEquals(401, basicFrom(net + (first + 1), user, "wrong " + i), "wrong password " + i);
        }
        // from an address that never failed: the right password is refused, like a wrong one
        assertEquals(401, basicFrom(net + (first + 2), user, password), "locked: the right password is refused");
        assertEquals(
                401,
                get(CONSOLE + "/api/conventions", "Authorization", basic(user, password))
                        .statusCode());
        assertNull(tryLogin(user, password), "no console login either");

        HttpRequest.Builder lift = HttpRequest.newBuilder(URI.create(CONSOLE + "/api/admins/" + user + "/unlock"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", basic("admin", password("admin")))
                .POST(HttpRequest.BodyPublishers.noBody());
        assertEquals(415, send(anonymous(), lift.build()).statusCode(), "application/json only");
        HttpResponse<String> lifted = send(
                anonymous(), lift.header("Content-Type", "application/json").build());
        assertEquals(200, lifted.statusCode(), lifted.body());

        assertEquals(200, basicFrom(net + (first + 2), user, password), "lifted: the right password works");
        Map<String, String> trace = trace(
                "SELECT * FROM trace_record WHERE kind = 'ADMIN_ACTION' AND resource_id = ? ORDER BY id DESC", user);
        assertEquals("admin", trace.get("actor"));
        assertEquals("admin-unlocked", trace.get("step"));
        assertTrue(trace.get("detail").contains(user + " unlocked"), trace.get("detail"));
    }

    /** The status of a Basic call to the admin API through the trusted proxy, for client {@code address}. */
    private static int basicFrom(String address, String user, String password) throws Exception {
        String answer = rawHttps(
                "127.0.0.2",
                tls(),
                "GET /interops/admin/api/conventions HTTP/1.1\r\nHost: " + HOST + "\r\nAuthorization: "
                        + basic(user, password) + "\r\nX-Forwarded-For: " + address
                        + "\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
        return Integer.parseInt(answer.substring(9, 12));
    }

    @Test
    void aConsoleSessionEndsWhenItsAccountsPasswordOrRolesChange() throws Exception {
        String user = "changed-" + tag();
        String password = "a long password " + tag();
        saveAccount(user, password, Set.of(AdminRoles.ADMIN, AdminRoles.AUDITOR));
        Session s = login(user, password);
        assertEquals(200, get(CONSOLE + "/traces", "Cookie", s.cookie).statusCode());
        setRoles(user, Set.of(AdminRoles.ADMIN)); // the same password hash, one role less
        assertTrue(isRedirectToLogin(get(CONSOLE + "/traces", "Cookie", s.cookie)), "roles changed");

        Session again = login(user, password);
        assertEquals(200, get(CONSOLE + "/", "Cookie", again.cookie).statusCode());
        String newPassword = "another long password " + tag();
        saveAccount(user, newPassword, Set.of(AdminRoles.ADMIN));
        assertTrue(isRedirectToLogin(get(CONSOLE + "/", "Cookie", again.cookie)), "password changed");
        assertNotNull(tryLogin(user, newPassword));
    }

    // ---------------------------------------------------------------- helpers

    /** A console session: its cookie header value and where the login sent the browser. */
    private record Session(String cookie, String location) {}

    private static Session login(String user, String password) throws Exception {
        Session s = tryLogin(user, password);
        assertNotNull(s, "console login of " + user);
        return s;
    }

    /** The console login over plain HTTP requests; null when refused. */
    private static Session tryLogin(String user, String password) throws Exception {
        HttpResponse<String> page = get(CONSOLE + "/login");
        String cookie = cookieOf(page);
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONSOLE + "/login"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf(page.body())) + "&j_username="
                                + enc(user) + "&j_password=" + enc(password)))
                        .build());
        String location = r.headers().firstValue("Location").orElse("");
        if (location.contains("error") || location.isEmpty()) {
            return null;
        }
        List<String> renewed = r.headers().allValues("Set-Cookie");
        return new Session(renewed.isEmpty() ? cookie : cookieOf(r), location);
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), "a CSRF field in " + page);
        return m.group(1).replace("&#45;", "-").replace("&#95;", "_");
    }

    private static boolean isRedirectToLogin(HttpResponse<String> r) {
        return (r.statusCode() == 302 || r.statusCode() == 303)
                && r.headers().firstValue("Location").orElse("").contains("/admin/login");
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(anonymous(), b.build());
    }

    private static HttpResponse<String> post(Session s, String path, String body, String header, String value)
            throws Exception {
        return send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(CONSOLE + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Cookie", s.cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(header, value)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static String vi() throws Exception {
        HttpResponse<String> r = send(
                anonymous(),
                form("grant_type=client_credentials&scope=urn:demo:beneficiaries:1.0:read")
                        .header("Authorization", basic("institution-b-portal", secretOf("institution-b-portal")))
                        .build());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).getString("access_token");
    }

    private static void saveAccount(String user, String password, Set<String> roles) throws Exception {
        try (Connection c = database()) {
            AdminAccounts.save(c, user, PasswordHashes.hash(password.toCharArray()), roles);
        }
    }

    private static void setRoles(String user, Set<String> roles) throws Exception {
        try (Connection c = database()) {
            String hash = AdminAccounts.find(c, user).orElseThrow().passwordHash();
            AdminAccounts.save(c, user, hash, roles);
        }
    }

    private static void setDisabled(String user, boolean disabled) throws Exception {
        try (Connection c = database()) {
            assertTrue(AdminAccounts.setDisabled(c, user, disabled));
        }
    }

    private static String password(String user) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(user + ".password"))
                .strip();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
