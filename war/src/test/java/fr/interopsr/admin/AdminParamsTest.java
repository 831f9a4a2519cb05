package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdminParamsTest {

    @Test
    void graceSecondsDefaultsToZeroAndStopsAtThirtyDays() {
        assertEquals(0, AdminParams.graceSeconds(null));
        assertEquals(0, AdminParams.graceSeconds(""));
        assertEquals(3600, AdminParams.graceSeconds("3600"));
        assertEquals(2_592_000, AdminParams.graceSeconds("2592000"));
        for (String bad : new String[] {"2592001", "-1", "+5", "1.5", "abc", "99999999999999999999", " 5"}) {
            AdminRefusal r = assertThrows(AdminRefusal.class, () -> AdminParams.graceSeconds(bad), bad);
            assertEquals(400, r.status());
            assertEquals("invalid_request", r.error());
        }
    }

    @Test
    void daysDefaultsToThirty() {
        assertEquals(30, AdminParams.days(null));
        assertEquals(0, AdminParams.days("0"));
        assertEquals(90, AdminParams.days("90"));
        assertThrows(AdminRefusal.class, () -> AdminParams.days("3651"));
        assertThrows(AdminRefusal.class, () -> AdminParams.days("x"));
    }

    @Test
    void commentIsKeptUpTo1024Characters() {
        assertNull(AdminParams.comment(null));
        assertNull(AdminParams.comment("  "));
        assertEquals("why", AdminParams.comment(" why "));
        assertEquals(1024, AdminParams.comment("x".repeat(1024)).length());
        assertEquals(
                400,
                assertThrows(AdminRefusal.class, () -> AdminParams.comment("x".repeat(1025)))
                        .status());
    }
}
