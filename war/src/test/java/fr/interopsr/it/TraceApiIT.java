package fr.interopsr.it;

import static fr.interopsr.it.TestServer.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trace query and export (issue 5, CONTRACT.md "Administration", D-19, D-20) over HTTPS with
 * Basic login: VIs issued and used, then found by kind, jti, convention, status and period with
 * paging; exported as JSON Lines and CSV; an unexpired VI hidden in the query but whole in the
 * export; 401, 403 and 400 answers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TraceApiIT {

    private static final String TRACES = BASE + "/admin/api/traces";
    private static final String EXPORT = TRACES + "/export";
    private static final String RECORD = BASE + "/api/v1/beneficiaries/B00001";
    private static final String CONVENTION = "demo-beneficiaries-mtls";
    private static final Pattern RFC3339_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    /** What the requests of {@link #data()} left: made once, shared by the tests. */
    private record Data(Instant start, List<String> vis, List<String> jtis, String expiredVi) {}

    private static Data data;

    @Deployment(testable = false)
    static WebArchive deployment() {
        prepareConventions(Map.of());
        return war();
    }

    private static synchronized Data data() throws Exception {
        if (data != null) {
            return data;
        }
        Instant start = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        List<String> vis = new ArrayList<>();
        List<String> jtis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> token = send(
                    withCertificate("institution-a"),
                    form("grant_type=client_credentials").build());
            assertEquals(200, token.statusCode(), token.body());
            String vi = json(token.body()).getString("access_token");
            vis.add(vi);
            jtis.add(claims(vi).getString("jti"));
            HttpResponse<String> api = send(
                    withCertificate("institution-a"),
                    HttpRequest.newBuilder(URI.create(RECORD))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + vi)
                            .build());
            assertEquals(200, api.statusCode(), api.body());
        }
        // a VI that expired an hour ago: refused, traced, and no longer secret (D-19)
        long exp = Instant.now().minusSeconds(3600).getEpochSecond();
        String expired = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"none\"}") + "."
                + b64("{\"iss\":\"" + ISSUER
                        + "\",\"jti\":\"uuid:" + UUID.randomUUID() + "\",\"exp\":" + exp + ",\"iat\":" + (exp - 600)
                        + ",\"nbf\":" + (exp - 600) + "}")
                + "." + b64("not a signature");
        HttpResponse<String> refused = send(
                anonymous(),
                HttpRequest.newBuilder(URI.create(RECORD))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + expired)
                        .build());
        assertEquals(401, refused.statusCode(), refused.body());
        data = new Data(start, vis, jtis, expired);
        return data;
    }

    // ---------------------------------------------------------------- query

    @Test
    void queryByJtiFindsTheThreeTracesOfAViNewestFirstWithItsSignatureHidden() throws Exception {
        Data d = data();
        String vi = d.vis().get(0);
        JsonObject page = query("jti=" + enc(d.jtis().get(0)));
        assertEquals(3, page.getInt("total"), page.toString());
        assertEquals(1, page.getInt("page"));
        assertEquals(50, page.getInt("size"));
        List<JsonObject> items = items(page);
        assertEquals(
                Set.of("VI_GENERATION", "VI_VERIFICATION", "TRANSACTION"),
                Set.copyOf(items.stream().map(o -> o.getString("kind")).toList()));
        assertNewestFirst(items);
        JsonObject verification =
                only(query("kind=VI_VERIFICATION&jti=" + enc(d.jtis().get(0))));
        String cut = vi.substring(0, vi.lastIndexOf('.') + 1) + "…";
        assertEquals(cut, verification.getString("vi"), "an unexpired VI without its signature (D-19)");
        assertTrue(verification.getBoolean("viSignatureHidden"));
        assertFalse(page.toString().contains(vi.substring(vi.lastIndexOf('.') + 1)), "the signature nowhere");
        assertEquals("SUCCESS", verification.getString("status"));
        assertEquals(CONVENTION, verification.getString("conventionId"));
        assertTrue(RFC3339_UTC.matcher(verification.getString("occurredAt")).matches(), verification.toString());
        JsonObject generation =
                only(query("kind=VI_GENERATION&jti=" + enc(d.jtis().get(0))));
        assertEquals("institution-a", generation.getString("clientId"));
        assertFalse(generation.containsKey("vi"));
    }

    @Test
    void queryByConventionKindStatusAndPeriodPages() throws Exception {
        Data d = data();
        String criteria = "convention=" + CONVENTION + "&kind=TRANSACTION&status=SUCCESS&from="
                + enc(d.start().toString()) + "&to="
                + enc(Instant.now().plusSeconds(60).toString());
        JsonObject all = query(criteria);
        int total = all.getInt("total");
        assertTrue(total >= 3, all.toString());
        Set<String> seen = new HashSet<>();
        List<JsonObject> pages = new ArrayList<>();
        for (int p = 1; p <= (total + 1) / 2; p++) {
            JsonObject page = query(criteria + "&size=2&page=" + p);
            assertEquals(total, page.getInt("total"));
            assertEquals(2, page.getInt("size"));
            assertEquals(p, page.getInt("page"));
            for (JsonObject o : items(page)) {
                assertTrue(seen.add(o.getJsonNumber("id").toString()), "no record on two pages");
                assertEquals("TRANSACTION", o.getString("kind"));
                assertEquals("SUCCESS", o.getString("status"));
                assertEquals(200, o.getInt("httpStatus"));
                pages.add(o);
            }
        }
        assertEquals(total, seen.size());
        assertNewestFirst(pages);
        assertTrue(pages.stream().map(o -> o.getString("jti")).toList().containsAll(d.jtis()));
        assertEquals(0, items(query(criteria + "&size=2&page=" + (total + 5))).size(), "past the end: empty");
        assertEquals(0, query("convention=no-such-convention").getInt("total"));
        assertEquals(
                0,
                query("kind=TRANSACTION&from="
                                + enc(Instant.now().plusSeconds(3600).toString()))
                        .getInt("total"));
        assertEquals(
                200,
                get(TRACES + "?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999999999Z", admin())
                        .statusCode());
    }

    @Test
    void anExpiredViIsShownWholeInTheQuery() throws Exception {
        Data d = data();
        JsonObject failures = query("kind=VI_VERIFICATION&status=FAILURE&size=200&from="
                + enc(d.start().toString()));
        JsonObject trace = items(failures).stream()
                .filter(o -> d.expiredVi().equals(o.getString("vi", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the expired VI's trace: " + failures));
        assertFalse(trace.getBoolean("viSignatureHidden"));
        assertEquals("FAILURE", trace.getString("status"));
    }

    // ---------------------------------------------------------------- export

    @Test
    void jsonLinesExportHasEveryMatchingRecordAndTheFullVi() throws Exception {
        Data d = data();
        String criteria = "from=" + enc(d.start().toString()) + "&convention=" + CONVENTION;
        HttpResponse<String> r = get(EXPORT + "?format=jsonl&" + criteria, admin());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        assertExportHeaders(r, ".jsonl");
        assertTrue(r.body().endsWith("\n"));
        List<JsonObject> lines = r.body().lines().map(TestServer::json).toList();
        assertEquals(query(criteria).getInt("total"), lines.size());
        long previousId = Long.MIN_VALUE;
        for (JsonObject o : lines) {
            long id = o.getJsonNumber("id").longValue();
            assertTrue(id > previousId, "in id order");
            previousId = id;
            assertTrue(RFC3339_UTC.matcher(o.getString("occurredAt")).matches(), o.toString());
            assertTrue(o.getString("recordHash").matches("[0-9a-f]{64}"), o.toString());
        }
        for (int i = 0; i < d.jtis().size(); i++) {
            String jti = d.jtis().get(i);
            JsonObject verification = lines.stream()
                    .filter(o -> o.getString("kind").equals("VI_VERIFICATION") && jti.equals(o.getString("jti", null)))
                    .findFirst()
                    .orElseThrow();
            assertEquals(d.vis().get(i), verification.getString("vi"), "the auditor's export keeps the full VI (D-19)");
            assertFalse(verification.containsKey("viSignatureHidden"));
            JsonObject transaction = lines.stream()
                    .filter(o -> o.getString("kind").equals("TRANSACTION") && jti.equals(o.getString("jti", null)))
                    .findFirst()
                    .orElseThrow();
            assertEquals("GET", transaction.getString("httpMethod"));
            assertEquals("B00001", transaction.getString("resourceId"));
            assertFalse(transaction.containsKey("vi"), "one field set per kind");
        }
        HttpResponse<String> kindOnly = get(EXPORT + "?format=jsonl&kind=VI_GENERATION&" + criteria, admin());
        assertTrue(kindOnly.body().lines().map(TestServer::json).allMatch(o -> o.getString("kind")
                .equals("VI_GENERATION")));
        assertEquals(3, kindOnly.body().lines().count());
    }

    @Test
    void csvExportHasAHeaderAndOneQuotedRowPerRecord() throws Exception {
        Data d = data();
        String criteria = "from=" + enc(d.start().toString()) + "&convention=" + CONVENTION;
        HttpResponse<String> r = get(EXPORT + "?format=csv&" + criteria, admin());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertExportHeaders(r, ".csv");
        List<List<String>> rows = csv(r.body());
        List<String> header = rows.get(0);
        assertEquals(List.of("id", "kind", "occurredAt", "node", "status"), header.subList(0, 5));
        assertTrue(header.containsAll(
                List.of("jti", "vi", "conventionId", "httpStatus", "chain", "chainSeq", "recordHash")));
        assertEquals(query(criteria).getInt("total"), rows.size() - 1);
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size());
            assertTrue(
                    RFC3339_UTC.matcher(row.get(header.indexOf("occurredAt"))).matches(), row.toString());
        }
        for (int i = 0; i < d.jtis().size(); i++) {
            String jti = d.jtis().get(i);
            List<String> verification = rows.stream()
                    .filter(row -> row.get(header.indexOf("jti")).equals(jti)
                            && row.get(header.indexOf("kind")).equals("VI_VERIFICATION"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(d.vis().get(i), verification.get(header.indexOf("vi")));
        }
    }

    @Test
    void exportReadsPageAfterPageAndQuotesAwkwardValues() throws Exception {
        String convention = "trace-api-it-bulk";
        int n = 2_345; // three pages of the export
        OffsetDateTime at = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        try (Connection c = database();
                PreparedStatement p = c.prepareStatement(
                        "INSERT INTO trace_record"
                                + " (id, kind, occurred_at, node, status, convention_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                p.setLong(1, -1_000_000_000L + i); // below every journal id: no other test's "last trace"
                p.setString(2, "ADMIN_ACTION");
                p.setObject(3, at.plusSeconds(i));
                p.setString(4, "bulk");
                p.setString(5, "SUCCESS");
                p.setString(6, convention);
                p.setString(7, "row " + i + ", \"quoted\"\r\nsecond line");
                p.addBatch();
            }
            p.executeBatch();
        }
        try {
            HttpResponse<String> jsonl = get(EXPORT + "?format=jsonl&convention=" + convention, admin());
            assertEquals(200, jsonl.statusCode());
            List<JsonObject> lines = jsonl.body().lines().map(TestServer::json).toList();
            assertEquals(n, lines.size());
            for (int i = 0; i < n; i++) {
                assertEquals(
                        -1_000_000_000L + i, lines.get(i).getJsonNumber("id").longValue());
            }
            assertEquals("2001-01-01T00:00:00.000Z", lines.get(0).getString("occurredAt"));
            assertEquals(JsonValue.NULL, lines.get(0).get("actor"), "the kind's fields, null when empty");

            HttpResponse<String> csv = get(
                    EXPORT + "?format=csv&convention=" + convention + "&to=" + enc("2001-01-01T00:20:00Z"), admin());
            List<List<String>> rows = csv(csv.body());
            assertEquals(1 + 1200, rows.size(), "to is exclusive");
            int detail = rows.get(0).indexOf("detail");
            assertEquals("row 7, \"quoted\"\r\nsecond line", rows.get(8).get(detail));
            assertTrue(csv.body().contains("\"row 7, \"\"quoted\"\"\r\nsecond line\""), "RFC 4180 quoting");
            assertEquals(n, query("convention=" + convention).getInt("total"));
        } finally {
            try (Connection c = database();
                    Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM trace_record WHERE convention_id = '" + convention + "'");
            }
        }
    }

    // ---------------------------------------------------------------- auditor access (issue 14)

    @Test
    void aQueryAnExportAndAVerificationEachLeaveATraceNamingTheAuditorAndTheFilter() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String jti = "uuid:audited-" + UUID.randomUUID();
        query("kind=TRANSACTION&jti=" + enc(jti));
        HttpResponse<String> export = get(EXPORT + "?format=csv&jti=" + enc(jti), admin());
        assertEquals(200, export.statusCode(), export.body());
        assertEquals(200, get(TRACES + "/verify", admin()).statusCode());
        List<JsonObject> reads = items(query("kind=ADMIN_ACTION&size=200&from=" + enc(before.toString())));
        JsonObject queried = reads.stream()
                .filter(o -> "traces-queried".equals(o.getString("step", null))
                        && o.getString("detail", "").contains(jti))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the query's own trace: " + reads));
        assertEquals("admin", queried.getString("actor"), "who");
        assertEquals("SUCCESS", queried.getString("status"));
        assertEquals(
                "filter: kind=TRANSACTION, jti=\"" + jti + "\"; page 1, size 50",
                queried.getString("detail"),
                "which filter");
        assertTrue(RFC3339_UTC.matcher(queried.getString("occurredAt")).matches(), "when");
        assertEquals("admin", queried.getString("chain"), "on the admin chain (D-17)");
        JsonObject exported = reads.stream()
                .filter(o -> "traces-exported".equals(o.getString("step", null))
                        && o.getString("detail", "").contains(jti))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the export's own trace: " + reads));
        assertEquals("admin", exported.getString("actor"));
        assertTrue(exported.getString("detail").endsWith("; format csv"), exported.toString());
        assertTrue(
                reads.stream()
                        .anyMatch(o -> "traces-verified".equals(o.getString("step", null))
                                && "admin".equals(o.getString("actor", null))),
                "the verification's own trace: " + reads);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void withoutLoginIs401AndWithoutTheAuditorRoleIs403() throws Exception {
        for (String url : new String[] {TRACES, TRACES + "?kind=VI_GENERATION", EXPORT + "?format=csv"}) {
            HttpResponse<String> none = get(url, null);
            assertEquals(401, none.statusCode(), url + " " + none.body());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            HttpResponse<String> guest = get(url, basic("guest", password("guest")));
            assertEquals(403, guest.statusCode(), url + " " + guest.body());
            assertEquals("forbidden", json(guest.body()).getString("error"));
            assertFalse(guest.body().contains("access_token"));
        }
    }

    @Test
    void badParametersAre400() throws Exception {
        for (String q : new String[] {
            "size=201",
            "size=0",
            "page=0",
            "page=x",
            "kind=NOPE",
            "kind=vi_generation",
            "status=OK",
            "from=2026-13-01T00:00:00Z",
            "from=2026-01-01",
            "to=yesterday",
            "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
            "kind=TRANSACTION&kind=VI_GENERATION",
            "knd=TRANSACTION",
            "jti=" + "j".repeat(200),
            "from=%00"
        }) {
            assertInvalid(get(TRACES + "?" + q, admin()), q);
        }
        for (String q : new String[] {
            "",
            "format=xml",
            "format=CSV",
            "format=csv&kind=X",
            "format=jsonl&size=10",
            "format=csv&from=2026-02-30T00:00:00Z"
        }) {
            assertInvalid(get(EXPORT + "?" + q, admin()), q);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertInvalid(HttpResponse<String> r, String what) {
        assertEquals(400, r.statusCode(), what + " " + r.body());
        JsonObject error = json(r.body());
        assertEquals("invalid_request", error.getString("error"), what);
        assertFalse(error.getString("error_description").isBlank(), what);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    private static void assertExportHeaders(HttpResponse<String> r, String extension) {
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(
                disposition.matches("attachment; filename=\"interops-traces-\\d{8}T\\d{6}Z\\" + extension + "\""),
                disposition);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    private static void assertNewestFirst(List<JsonObject> items) {
        for (int i = 1; i < items.size(); i++) {
            String before = items.get(i - 1).getString("occurredAt");
            String after = items.get(i).getString("occurredAt");
            assertTrue(before.compareTo(after) >= 0, before + " then " + after);
        }
    }

    private static JsonObject query(String q) throws Exception {
        HttpResponse<String> r = get(TRACES + "?" + q, admin());
        assertEquals(200, r.statusCode(), q + " " + r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return json(r.body());
    }

    private static List<JsonObject> items(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject only(JsonObject page) {
        assertEquals(1, page.getInt("total"), page.toString());
        return items(page).get(0);
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(anonymous(), b.build());
    }

    private static String admin() throws IOException {
        return basic("admin", password("admin"));
    }

    private static String password(String user) throws IOException {
        return Files.readString(
                        BUILD.resolve("it-data").resolve(RUN).resolve("secrets").resolve(user + ".password"))
                .strip();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject claims(String vi) {
        String[] parts = vi.split("\\.");
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertNotEquals('\n', c, "a bare LF outside quotes");
                f.append(c);
            }
        }
        assertTrue(row.isEmpty() && f.isEmpty(), "the last record ends with CRLF");
        return rows;
    }
}
