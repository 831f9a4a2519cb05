package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 §4 over real HTTPS, on Payara Micro and WildFly: every call to the token endpoint, under {@code /api/}
 * and to the admin API gets a {@code Correlationid} (the caller's UUID, else a new UUID v4) in its answer, errors
 * included; it is stored in every trace of the call, with a valid {@code traceparent}, and both are searchable; an
 * invalid header is replaced or dropped, never echoed, and the trace says so; the server's log line for the call
 * names the id.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CorrelationIT {

    private static final String TRACES = BASE + "/admin/api/traces";
    private static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    /** The server's console as the managed Payara Micro hands it to this JVM (line by line, through System.out). */
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    private static PrintStream original;

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(java.util.Map.of());
        return war();
    }

    @BeforeAll
    static void captureConsole() {
        original = System.out;
        PrintStream out = original;
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        synchronized (CONSOLE) {
                            CONSOLE.write(b);
                        }
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        synchronized (CONSOLE) {
                            CONSOLE.write(b, off, len);
                        }
                        out.write(b, off, len);
                    }
                },
                true,
                StandardCharsets.UTF_8));
    }

    @AfterAll
    static void restoreConsole() {
        if (original != null) {
            System.setOut(original);
        }
    }

    private static String traceparent(String parentId) {
        return "00-" + TRACE_ID + "-" + parentId + "-01";
    }

    @Test
    void theTokenEndpointKeepsTheCallersIdAndTraceparentAndBothFindTheTrace() throws Exception {
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String parent = traceparent("00f067aa0ba90201");
        HttpResponse<String> token = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials")
                        .header("Correlationid", id)
                        .header("traceparent", parent)
                        .build());
        assertEquals(200, token.statusCode(), token.body());
        String echoed = token.headers().firstValue("Correlationid").orElseThrow();
        assertEquals(id.toLowerCase(Locale.ROOT), echoed, "the caller's UUID, in its canonical lowercase form");

        JsonObject generation = only(query("correlationId=" + id));
        assertEquals("VI_GENERATION", generation.getString("kind"));
        assertEquals(echoed, generation.getString("correlationId"));
        assertEquals(parent, generation.getString("traceparent"), "stored as it came");
        assertEquals(JsonValue.NULL, generation.get("correlationNote"));
        assertEquals(3, generation.getInt("format"), "D-26: the format of issue 17");

        assertEquals(echoed, only(query("traceparent=" + parent)).getString("correlationId"));
        assertTrue(
                items(query("traceparent=" + TRACE_ID)).stream()
                        .anyMatch(o -> echoed.equals(o.getString("correlationId"))),
                "a trace id alone finds every call of that distributed trace");

        // an error of the token endpoint carries one too
        HttpResponse<String> refused = send(
                anonymous(),
                form("grant_type=password").header("Correlationid", id).build());
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(echoed, refused.headers().firstValue("Correlationid").orElseThrow());
    }

    @Test
    void anApiCallWithoutAnIdGetsANewOneInItsAnswerAndInBothItsTraces() throws Exception {
        String vi = vi();
        HttpResponse<String> api = send(
                withCertificate("institution-a"),
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + vi)
                        .build());
        assertEquals(200, api.statusCode(), api.body());
        String id = api.headers().firstValue("Correlationid").orElseThrow();
        assertTrue(id.matches(UUID_V4), id);
        JsonObject page = query("correlationId=" + id);
        assertEquals(
                Set.of("VI_VERIFICATION", "TRANSACTION"),
                Set.copyOf(items(page).stream().map(o -> o.getString("kind")).toList()),
                page.toString());
        for (JsonObject o : items(page)) {
            assertEquals(JsonValue.NULL, o.get("traceparent"));
            assertEquals(JsonValue.NULL, o.get("correlationNote"), "nothing was replaced: the header was absent");
        }
        assertEquals(2, page.getInt("total"));
    }

    @Test
    void invalidHeadersAreReplacedOrDroppedNeverEchoedAndTheTraceSaysSo() throws Exception {
        String bad = "not-a-uuid-" + UUID.randomUUID();
        String badParent = "00-" + TRACE_ID.toUpperCase(Locale.ROOT) + "-00f067aa0ba90202-01";
        HttpResponse<String> refused = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer not.a.vi")
                        .header("Correlationid", bad)
                        .header("traceparent", badParent)
                        .build());
        assertEquals(401, refused.statusCode(), refused.body());
        String id = refused.headers().firstValue("Correlationid").orElseThrow();
        assertTrue(id.matches(UUID_V4), id);
        assertFalse(refused.headers().toString().contains(bad), "never echoed");
        assertFalse(refused.headers().firstValue("traceparent").isPresent());

        JsonObject verification = only(query("correlationId=" + id));
        assertEquals("VI_VERIFICATION", verification.getString("kind"));
        assertEquals("FAILURE", verification.getString("status"));
        assertEquals(JsonValue.NULL, verification.get("traceparent"), "dropped");
        assertEquals(
                "Correlationid replaced: not a UUID; traceparent dropped: not a valid W3C traceparent",
                verification.getString("correlationNote"));
        assertFalse(verification.toString().contains(bad), "never stored");
        assertFalse(verification.toString().contains(badParent), "never stored");

        // the server's log line for that call names the id it was given instead
        String line = logLine("Correlationid replaced: not a UUID", id);
        assertTrue(line.contains("[Correlationid=" + id + "]"), line);
        assertFalse(line.contains(bad), line);
    }

    @Test
    void adminCallsGetOneAndTheAuditorsQueryIsTracedWithIt() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> unauthenticated = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(TRACES))
                        .timeout(Duration.ofSeconds(20))
                        .header("Correlationid", id)
                        .build());
        assertEquals(401, unauthenticated.statusCode());
        assertEquals(id, unauthenticated.headers().firstValue("Correlationid").orElseThrow(), "on errors too");

        HttpResponse<String> queried = get(TRACES + "?kind=TRANSACTION&size=1", admin(), id);
        assertEquals(200, queried.statusCode(), queried.body());
        assertEquals(id, queried.headers().firstValue("Correlationid").orElseThrow());
        JsonObject read = only(query("correlationId=" + id + "&kind=ADMIN_ACTION"));
        assertEquals("traces-queried", read.getString("step"));
        assertEquals("admin", read.getString("actor"));

        // the search criteria are checked like the others, and named in the auditor's trace
        HttpResponse<String> bad = get(TRACES + "?correlationId=nope", admin(), null);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(json(bad.body()).getString("error_description").contains("correlationId"), bad.body());
        HttpResponse<String> badParent = get(TRACES + "?traceparent=00-zz", admin(), null);
        assertEquals(400, badParent.statusCode(), badParent.body());
        String second = UUID.randomUUID().toString();
        assertEquals(200, get(TRACES + "?correlationId=" + id, admin(), second).statusCode());
        assertTrue(
                only(query("correlationId=" + second)).getString("detail").contains("correlationId=\"" + id + "\""),
                "the auditor's trace names the filter");
    }

    @Test
    void theExportCarriesTheCorrelationFields() throws Exception {
        String id = UUID.randomUUID().toString();
        String parent = traceparent("00f067aa0ba90203");
        HttpResponse<String> token = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials")
                        .header("Correlationid", id)
                        .header("traceparent", parent)
                        .build());
        assertEquals(200, token.statusCode(), token.body());
        HttpResponse<String> jsonl = get(TRACES + "/export?format=jsonl&correlationId=" + id, admin(), null);
        assertEquals(200, jsonl.statusCode(), jsonl.body());
        List<String> lines = jsonl.body().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), jsonl.body());
        JsonObject o = json(lines.get(0));
        assertEquals(id, o.getString("correlationId"));
        assertEquals(parent, o.getString("traceparent"));
        HttpResponse<String> csv = get(TRACES + "/export?format=csv&traceparent=" + enc(parent), admin(), null);
        assertEquals(200, csv.statusCode(), csv.body());
        String header = csv.body().lines().findFirst().orElseThrow();
        assertTrue(header.endsWith("correlationId,traceparent,correlationNote"), header);
        assertTrue(csv.body().contains(id + "," + parent + ","), csv.body());
    }

    @Test
    void theConsoleSearchesByCorrelationidAndShowsIt() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> token = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials")
                        .header("Correlationid", id)
                        .build());
        assertEquals(200, token.statusCode(), token.body());

        String cookie = consoleLogin();
        HttpResponse<String> page = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/traces?correlationId=" + id.toUpperCase(Locale.ROOT)))
                        .timeout(Duration.ofSeconds(20))
                        .header("Cookie", cookie)
                        .build());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Correlationid").orElseThrow().matches(UUID_V4), "the console too");
        String html = unescaped(page.body());
        assertTrue(html.contains("id=\"t-correlation\""), "the search field");
        assertTrue(html.contains("1 traces match"), html);
        assertTrue(html.contains("data-kind=\"VI_GENERATION\""), html);
        assertTrue(html.contains(id), "the id shown in its column");

        HttpResponse<String> bad = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(BASE + "/admin/traces?correlationId=nope"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Cookie", cookie)
                        .build());
        assertTrue(unescaped(bad.body()).contains("id=\"trace-errors\""), bad.body());
    }

    // ---------------------------------------------------------------- helpers

    private static String unescaped(String html) {
        return html.replace("&#45;", "-").replace("&#95;", "_");
    }

    /** A console session of the dev administrator (form login, as AdminSurfaceIT does): its cookie. */
    private static String consoleLogin() throws Exception {
        String login = BASE + "/admin/login";
        HttpResponse<String> page = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(login))
                        .timeout(Duration.ofSeconds(20))
                        .build());
        String cookie = cookieOf(page);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertTrue(m.find(), page.body());
        String csrf = unescaped(m.group(1));
        HttpResponse<String> r = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(login))
                        .timeout(Duration.ofSeconds(20))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "csrf=" + enc(csrf) + "&j_username=admin&j_password=" + enc(password())))
                        .build());
        String location = r.headers().firstValue("Location").orElse("");
        assertFalse(
                location.isEmpty() || location.contains("error"),
                r.headers().map().toString());
        return r.headers().allValues("Set-Cookie").isEmpty() ? cookie : cookieOf(r);
    }

    private static String vi() throws Exception {
        HttpResponse<String> token = send(
                withCertificate("institution-a"),
                form("grant_type=client_credentials").build());
        assertEquals(200, token.statusCode(), token.body());
        return json(token.body()).getString("access_token");
    }

    /**
     * The server's log line that holds {@code text} and {@code id}: from the console of Payara Micro, or from
     * WildFly's {@code server.log}. Waits a little: a server may write its log asynchronously.
     */
    private static String logLine(String text, String id) throws Exception {
        String wildflyHome = System.getProperty("wildfly.home");
        for (int i = 0; i < 50; i++) {
            String log;
            synchronized (CONSOLE) {
                log = CONSOLE.toString(StandardCharsets.UTF_8);
            }
            if (wildflyHome != null) {
                Path file = Path.of(wildflyHome, "standalone", "log", "server.log");
                if (Files.exists(file)) {
                    log = log + "\n" + Files.readString(file, StandardCharsets.ISO_8859_1);
                }
            }
            for (String line : log.lines().toList()) {
                if (line.contains(text) && line.contains(id)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        return fail("no log line with \"" + text + "\" and " + id);
    }

    private static JsonObject query(String q) throws Exception {
        HttpResponse<String> r = get(TRACES + "?" + q, admin(), null);
        assertEquals(200, r.statusCode(), q + " " + r.body());
        return json(r.body());
    }

    private static List<JsonObject> items(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject only(JsonObject page) {
        assertEquals(1, page.getInt("total"), page.toString());
        return items(page).get(0);
    }

    private static HttpResponse<String> get(String url, String authorization, String correlationId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (correlationId != null) {
            b.header("Correlationid", correlationId);
        }
        return send(anonymous(), b.build());
    }

    private static String admin() throws IOException {
        return basic("admin", password());
    }

    private static String password() throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve("admin.password"))
                .strip();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
