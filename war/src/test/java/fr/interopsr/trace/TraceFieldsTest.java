package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exchange format (D-20, docs/traces.md): one field set per kind, UTC times, nothing stored left out. */
class TraceFieldsTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456Z");

    private static TraceRecord record(TraceEntry entry) {
        TraceRecord r = TraceRecord.of(entry, "node-1");
        r.chain("node:node-1", 7, TraceChain.GENESIS, new TraceChain(new byte[32]));
        return r;
    }

    @Test
    void aVerificationHasItsFieldSetWithNullsAndTheFullVi() {
        TraceRecord r = record(TraceEntry.builder(TraceKind.VI_VERIFICATION, AT)
                .success()
                .jti("uuid:1")
                .issuer("https://idp")
                .vi("h.p.s")
                .build());
        JsonObject o = TraceFields.json(r, null).build();
        assertEquals("VI_VERIFICATION", o.getString("kind"));
        assertEquals("2026-11-23T10:00:00.123Z", o.getString("occurredAt"));
        assertEquals("h.p.s", o.getString("vi"));
        assertEquals(JsonValue.NULL, o.get("audience"));
        assertEquals(JsonValue.NULL, o.get("httpMethod"));
        assertEquals(7, o.getJsonNumber("chainSeq").longValue());
        assertEquals(64, o.getString("recordHash").length());
        assertFalse(o.containsKey("actor"), "not a field of this kind");
        assertFalse(o.containsKey("httpStatus"));
        List<String> expected = TraceFields.of(TraceKind.VI_VERIFICATION).stream()
                .map(TraceFields.Field::jsonName)
                .toList();
        assertEquals(expected, List.copyOf(o.keySet()), "the kind's fields, in export order");
    }

    @Test
    void aColumnOutsideTheKindsSetAppearsWhenSet() {
        TraceRecord r = record(TraceEntry.builder(TraceKind.ADMIN_ACTION, AT)
                .success()
                .adminAction("admin", 1)
                .convention("c", 2)
                .step("update")
                .jti("unexpected")
                .build());
        JsonObject o = TraceFields.json(r, null).build();
        assertEquals("unexpected", o.getString("jti"));
        assertEquals(1, o.getInt("revisionBefore"));
        assertEquals(2, o.getInt("conventionRevision"));
        assertFalse(o.containsKey("vi"));
    }

    @Test
    void theMaskedViReplacesTheStoredOne() {
        TraceRecord r = record(
                TraceEntry.builder(TraceKind.VI_VERIFICATION, AT).vi("h.p.s").build());
        assertEquals("h.p.…", TraceFields.json(r, "h.p.…").build().getString("vi"));
    }

    @Test
    void everyKindHasTheCommonFieldsAndTheCsvRowMatchesTheHeader() {
        for (TraceKind kind : TraceKind.values()) {
            assertTrue(TraceFields.of(kind).containsAll(TraceFields.COMMON), kind.name());
        }
        TraceRecord r = record(TraceEntry.builder(TraceKind.TRANSACTION, AT)
                .success()
                .action("GET", "https://x/api/v1/b/1", 200, "1")
                .build());
        List<String> header = TraceFields.header();
        List<String> row = TraceFields.row(r);
        assertEquals(header.size(), row.size());
        assertEquals("2026-11-23T10:00:00.123Z", row.get(header.indexOf("occurredAt")));
        assertEquals("200", row.get(header.indexOf("httpStatus")));
        assertEquals("", row.get(header.indexOf("vi")));
        assertEquals("id", header.get(0));
    }

    @Test
    void theCorrelationIsInEveryKindsJsonAndInTheCsv() {
        fr.interopsr.platform.Correlation c = fr.interopsr.platform.Correlation.of(
                List.of("not-a-uuid"), List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        TraceRecord r = record(TraceEntry.builder(TraceKind.VI_GENERATION, AT)
                .success()
                .correlation(c)
                .build());
        assertEquals(3, r.format());
        JsonObject o = TraceFields.json(r, null).build();
        assertEquals(c.correlationId(), o.getString("correlationId"));
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", o.getString("traceparent"));
        assertEquals("Correlationid replaced: not a UUID", o.getString("correlationNote"));
        assertFalse(o.toString().contains("not-a-uuid"), "an invalid header is never stored");
        List<String> header = TraceFields.header();
        assertEquals(
                List.of("correlationId", "traceparent", "correlationNote"),
                header.subList(header.size() - 3, header.size()));
        for (TraceKind kind : TraceKind.values()) {
            assertTrue(TraceFields.of(kind).contains(TraceFields.Field.CORRELATION_ID), kind.name());
        }
        JsonObject without = TraceFields.json(
                        record(TraceEntry.builder(TraceKind.ADMIN_ACTION, AT).build()), null)
                .build();
        assertEquals(JsonValue.NULL, without.get("correlationId"), "null, never left out");
    }
}
