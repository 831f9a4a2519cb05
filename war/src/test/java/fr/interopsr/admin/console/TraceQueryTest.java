package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.trace.TraceFilter;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceQueryTest {

    private static TraceQuery parse(Map<String, String> params) {
        return TraceQuery.parse(params::get);
    }

    @Test
    void readsEveryCriterion() {
        TraceQuery q = parse(Map.of(
                "kind",
                "VI_GENERATION",
                "status",
                "FAILURE",
                "from",
                "2026-11-23T10:00",
                "to",
                "2026-11-24",
                "jti",
                " uuid:1 ",
                "convention",
                "c-1",
                "page",
                "3"));
        assertTrue(q.valid());
        assertEquals(TraceKind.VI_GENERATION, q.kind());
        assertEquals(TraceStatus.FAILURE, q.status());
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), q.from());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), q.to());
        assertEquals("uuid:1", q.jti());
        assertEquals("c-1", q.convention());
        assertEquals(3, q.page());
    }

    @Test
    void givesTheServiceItsFilterAndRefusesAnInvertedPeriod() {
        TraceQuery q = parse(Map.of("kind", "ADMIN_ACTION", "convention", "c-1", "from", "2026-11-23"));
        assertEquals(
                new TraceFilter(TraceKind.ADMIN_ACTION, null, Instant.parse("2026-11-23T00:00:00Z"), null, null, "c-1"),
                q.filter());
        TraceQuery inverted = parse(Map.of("from", "2026-11-24", "to", "2026-11-23"));
        assertFalse(inverted.valid());
        assertEquals("traces.badPeriod", inverted.invalid().get(0).messageKey());
    }

    @Test
    void acceptsInstantsWithAnOffset() {
        TraceQuery q = parse(Map.of("from", "2026-11-23T10:00:00+01:00", "to", "2026-11-23T10:00:00Z"));
        assertTrue(q.valid());
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), q.from());
    }

    @Test
    void blankCriteriaAreAbsent() {
        TraceQuery q = parse(Map.of("kind", "", "jti", "  "));
        assertTrue(q.valid());
        assertNull(q.kind());
        assertNull(q.jti());
        assertEquals(1, q.page());
        assertEquals("", q.queryString(1));
    }

    @Test
    void badValuesAreReportedNotThrown() {
        TraceQuery q = parse(Map.of(
                "kind", "vi_generation", "status", "OK", "from", "yesterday", "page", "-1", "jti", "x".repeat(600)));
        assertFalse(q.valid());
        assertEquals(5, q.invalid().size());
        assertEquals("kind", q.invalid().get(0).parameter());
        assertEquals(1, q.page());
    }

    @Test
    void queryStringKeepsTheCriteriaEncodedAndSetsThePage() {
        TraceQuery q = parse(Map.of("convention", "a b&c", "kind", "TRANSACTION"));
        assertEquals("kind=TRANSACTION&convention=a+b%26c&page=2", q.queryString(2));
        assertEquals("kind=TRANSACTION&convention=a+b%26c", q.queryString(1));
    }

    @Test
    void correlationCriteriaAreReadAndChecked() {
        TraceQuery q = parse(Map.of(
                "correlationId",
                " 6F9619FF-8B86-4011-B42D-00C04FC964FF ",
                "traceparent",
                "4bf92f3577b34da6a3ce929d0e0e4736"));
        assertTrue(q.valid());
        TraceFilter f = q.filter();
        assertEquals("6f9619ff-8b86-4011-b42d-00c04fc964ff", f.correlationId());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", f.traceparent());
        assertTrue(q.queryString(2).contains("correlationId="), q.queryString(2));
        TraceQuery bad = parse(Map.of("correlationId", "nope", "traceparent", "00-zz"));
        assertFalse(bad.valid());
        assertEquals(2, bad.invalid().size());
        assertNull(bad.filter().correlationId());
    }
}
