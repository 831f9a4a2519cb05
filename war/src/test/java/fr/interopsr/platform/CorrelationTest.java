package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 17 §4: which {@code Correlationid} and {@code traceparent} a call keeps, and what is noted of the others. */
class CorrelationTest {

    private static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theCallersUuidIsKeptInLowercase() {
        Correlation c = Correlation.of(List.of("6F9619FF-8B86-4011-B42D-00C04FC964FF"), List.of());
        assertEquals("6f9619ff-8b86-4011-b42d-00c04fc964ff", c.correlationId());
        assertNull(c.traceparent());
        assertNull(c.note());
        // any version: a UUID v1 or v7 of the caller is kept as well
        assertEquals(
                "0190a6e3-4f6b-7c3e-8a1b-2c3d4e5f6a7b",
                Correlation.of(List.of("0190a6e3-4f6b-7c3e-8a1b-2c3d4e5f6a7b"), List.of())
                        .correlationId());
    }

    @Test
    void anAbsentHeaderGetsANewUuidV4WithoutANote() {
        Correlation c = Correlation.of(List.of(), List.of());
        UUID id = UUID.fromString(c.correlationId());
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
        assertNull(c.note());
        assertNotEquals(c.correlationId(), Correlation.of(List.of(), List.of()).correlationId());
    }

    @Test
    void anInvalidCorrelationidIsReplacedNotedAndNeverKept() {
        for (String bad : List.of(
                "",
                "abc",
                "6f9619ff8b864011b42d00c04fc964ff",
                "{6f9619ff-8b86-4011-b42d-00c04fc964ff}",
                "6f9619ff-8b86-4011-b42d-00c04fc964fg",
                " 6f9619ff-8b86-4011-b42d-00c04fc964ff",
                "00000000-0000-0000-0000-000000000000",
                "<script>alert(1)</script>",
                "x".repeat(10_000))) {
            Correlation c = Correlation.of(List.of(bad), List.of());
            assertEquals(4, UUID.fromString(c.correlationId()).version(), bad);
            assertEquals("Correlationid replaced: not a UUID", c.note(), bad);
        }
        Correlation twice = Correlation.of(
                List.of("6f9619ff-8b86-4011-b42d-00c04fc964ff", "6f9619ff-8b86-4011-b42d-00c04fc964ff"), List.of());
        assertNotEquals("6f9619ff-8b86-4011-b42d-00c04fc964ff", twice.correlationId());
        assertEquals("Correlationid replaced: sent more than once", twice.note());
    }

    @Test
    void aValidTraceparentIsKeptAsItCame() {
        assertEquals(TP, Correlation.of(List.of(), List.of(TP)).traceparent());
        // a later version may carry more after a dash (W3C Trace Context §3.2.4)
        String later = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra";
        assertEquals(later, Correlation.of(List.of(), List.of(later)).traceparent());
        assertNull(Correlation.of(List.of(), List.of(TP)).note());
    }

    @Test
    void anInvalidTraceparentIsDroppedAndNoted() {
        for (String bad : List.of(
                "",
                TP.toUpperCase(java.util.Locale.ROOT),
                TP + "-extra", // version 00 has nothing after the flags
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
                "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-" + "x".repeat(300))) {
            Correlation c = Correlation.of(List.of(), List.of(bad));
            assertNull(c.traceparent(), bad);
            assertEquals("traceparent dropped: not a valid W3C traceparent", c.note(), bad);
        }
        Correlation both = Correlation.of(List.of("nope"), List.of(TP, TP));
        assertNull(both.traceparent());
        assertEquals("Correlationid replaced: not a UUID; traceparent dropped: sent more than once", both.note());
    }

    @Test
    void theCallsThatGetOne() {
        for (String path : List.of(
                "/idp/token",
                "/idp/introspect",
                "/api/v1/beneficiaries/B1",
                "/admin/api/traces",
                "/admin/traces",
                "/access/v1/decisions")) {
            assertTrue(Correlation.applies(path), path);
        }
        for (String path : List.of("/metrics", "/.well-known/oauth-authorization-server", "/", "/apis", "/idpx")) {
            assertFalse(Correlation.applies(path), path);
        }
    }

    @Test
    void aThreadHoldsTheCorrelationOfItsCallUntilItEnds() {
        Correlation c = Correlation.of(List.of(), List.of(TP));
        Correlation.use(c);
        try {
            assertEquals(c, Correlation.current());
        } finally {
            Correlation.end();
        }
        assertNull(Correlation.current());
    }

    @Test
    void replacedHeadersAreLoggedAtMostOnceASecond() {
        long t = System.nanoTime() + 10_000_000_000L; // later than any line logged so far
        assertTrue(Correlation.logNow(t));
        assertFalse(Correlation.logNow(t + 999_999_999L));
        assertTrue(Correlation.logNow(t + 1_000_000_000L));
    }
}
