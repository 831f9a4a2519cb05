package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace API's parameters (CONTRACT.md "Administration"): every bad value refused with a reason. */
class TraceParamsTest {

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return m;
    }

    private static String refused(Map<String, List<String>> p) {
        return assertThrows(TraceParams.Invalid.class, () -> TraceParams.query(p))
                .getMessage();
    }

    @Test
    void nothingGivenIsEverythingFirstPageOf50() {
        TraceParams.Query q = TraceParams.query(Map.of());
        assertEquals(TraceFilter.ALL, q.filter());
        assertEquals(1, q.page());
        assertEquals(50, q.size());
        assertEquals(0, q.offset());
    }

    @Test
    void everyCriterionIsRead() {
        TraceParams.Query q = TraceParams.query(params(
                "kind",
                "VI_VERIFICATION",
                "status",
                "FAILURE",
                "from",
                "2026-11-23T10:00:00Z",
                "to",
                "2026-11-23T12:30:00.5+02:00",
                "jti",
                "uuid:1",
                "convention",
                "demo",
                "page",
                "3",
                "size",
                "200"));
        assertEquals(
                new TraceFilter(
                        TraceKind.VI_VERIFICATION,
                        TraceStatus.FAILURE,
                        Instant.parse("2026-11-23T10:00:00Z"),
                        Instant.parse("2026-11-23T10:30:00.5Z"),
                        "uuid:1",
                        "demo"),
                q.filter());
        assertEquals(400, q.offset());
    }

    @Test
    void emptyValuesAreAbsent() {
        assertEquals(
                TraceFilter.ALL,
                TraceParams.query(params("kind", "", "from", "", "jti", "")).filter());
    }

    @Test
    void pageAndSizeAreBounded() {
        assertTrue(refused(params("size", "201")).startsWith("size must be a whole number from 1 to 200"));
        for (String bad : new String[] {"0", "-1", "1.5", "abc", " 2", "99999999999", "+3"}) {
            refused(params("size", bad));
            refused(params("page", bad));
        }
        refused(params("page", String.valueOf(TraceParams.MAX_PAGE + 1)));
        assertEquals(
                TraceParams.MAX_PAGE,
                TraceParams.query(params("page", "1000000")).page());
    }

    @Test
    void kindAndStatusAreTheirNames() {
        assertTrue(refused(params("kind", "vi_generation")).contains("VI_GENERATION"));
        refused(params("kind", "OTHER"));
        refused(params("status", "OK"));
    }

    @Test
    void timesAreRfc3339() {
        for (String bad : new String[] {
            "2026-11-23",
            "2026-11-23T10:00",
            "2026-11-23T10:00:00",
            "2026-11-23 10:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-23T25:00:00Z",
            "1700000000",
            "2026-11-23T10:00:00+0200",
            "0000-01-01T00:00:00Z",
            "yesterday"
        }) {
            assertTrue(refused(params("from", bad)).contains("RFC 3339"), bad);
        }
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), TraceParams.time("2026-11-23t10:00:00z", "from"));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), TraceParams.time("0001-01-01T00:00:00Z", "from"));
        assertNull(TraceParams.time(null, "from"));
    }

    @Test
    void fromAfterToIsRefused() {
        assertEquals(
                "from must not be after to",
                refused(params("from", "2026-11-23T10:00:01Z", "to", "2026-11-23T10:00:00Z")));
    }

    @Test
    void repeatedUnknownAndOversizedParametersAreRefused() {
        assertTrue(
                refused(params("kind", "VI_GENERATION", "kind", "TRANSACTION")).contains("more than once"));
        assertTrue(refused(params("knd", "VI_GENERATION")).contains("unknown parameter(s) knd"));
        refused(params("format", "csv"));
        refused(params("jti", "j".repeat(129)));
        refused(params("convention", "c".repeat(65)));
        TraceParams.query(params("jti", "j".repeat(128), "convention", "c".repeat(64)));
    }

    @Test
    void exportNeedsAFormat() {
        assertEquals(
                TraceParams.Format.JSONL,
                TraceParams.export(params("format", "jsonl")).format());
        TraceParams.Export csv = TraceParams.export(
                params("format", "csv", "kind", "TRANSACTION", "convention", "demo", "from", "2026-01-01T00:00:00Z"));
        assertEquals(TraceParams.Format.CSV, csv.format());
        assertEquals(TraceKind.TRANSACTION, csv.filter().kind());
        for (List<String> bad : Arrays.asList(List.<String>of(), List.of("CSV"), List.of("json"), List.of("xml"))) {
            Map<String, List<String>> p = bad.isEmpty() ? Map.of() : Map.of("format", bad);
            assertEquals(
                    "format must be jsonl or csv",
                    assertThrows(TraceParams.Invalid.class, () -> TraceParams.export(p))
                            .getMessage());
        }
        assertThrows(TraceParams.Invalid.class, () -> TraceParams.export(params("format", "csv", "page", "2")));
    }

    @Test
    void correlationCriteriaAreCheckedAndLowercased() {
        TraceParams.Query q = TraceParams.query(params(
                "correlationId",
                "6F9619FF-8B86-4011-B42D-00C04FC964FF",
                "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertEquals("6f9619ff-8b86-4011-b42d-00c04fc964ff", q.filter().correlationId());
        assertEquals(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                q.filter().traceparent());
        assertEquals(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                TraceParams.query(params("traceparent", "4bf92f3577b34da6a3ce929d0e0e4736"))
                        .filter()
                        .traceparent(),
                "a trace id alone");
        assertTrue(refused(params("correlationId", "nope")).startsWith("correlationId must be a UUID"));
        assertTrue(refused(params("traceparent", "00-zz")).startsWith("traceparent must be"));
        assertTrue(refused(params("traceparent", "4BF92F3577B34DA6A3CE929D0E0E4736"))
                .startsWith("traceparent"));
        TraceParams.Export e =
                TraceParams.export(params("format", "csv", "correlationId", "6f9619ff-8b86-4011-b42d-00c04fc964ff"));
        assertEquals("6f9619ff-8b86-4011-b42d-00c04fc964ff", e.filter().correlationId());
        assertEquals(
                "filter: correlationId=\"6f9619ff-8b86-4011-b42d-00c04fc964ff\"; format csv",
                AuditorAccess.describe(e));
    }
}
