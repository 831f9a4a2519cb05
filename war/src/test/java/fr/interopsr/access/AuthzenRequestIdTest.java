package fr.interopsr.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AuthZEN's request identification: which X-Request-ID is sent back, and on which paths. */
class AuthzenRequestIdTest {

    @Test
    void oneVisibleAsciiValueComesBackAsItIs() {
        assertEquals(Optional.of("pep-7f3c/2026 12:00"), AuthzenRequestId.echoed(List.of("pep-7f3c/2026 12:00")));
        assertEquals(Optional.of("x".repeat(256)), AuthzenRequestId.echoed(List.of("x".repeat(256))));
        assertEquals(Optional.of("{\"a\":1}"), AuthzenRequestId.echoed(List.of("{\"a\":1}")));
    }

    @Test
    void nothingIsRepeatedThatCouldWriteAHeaderOfSomeoneElsesChoosing() {
        for (String bad :
                List.of("", "   ", "a\r\nSet-Cookie: x=1", "a\tb", "caf\u00e9", "a\u007fb", "x".repeat(257))) {
            assertTrue(AuthzenRequestId.echoed(List.of(bad)).isEmpty(), bad);
        }
        assertTrue(AuthzenRequestId.echoed(List.of()).isEmpty());
        assertTrue(AuthzenRequestId.echoed(List.of("a", "b")).isEmpty(), "two headers: which one?");
        assertTrue(AuthzenRequestId.echoed(null).isEmpty());
    }

    @Test
    void itAppliesToTheAccessApiAndItsDiscoveryDocumentOnly() {
        assertTrue(AuthzenRequestId.applies("/access/v1/evaluation"));
        assertTrue(AuthzenRequestId.applies("/access"));
        assertTrue(AuthzenRequestId.applies("/.well-known/authzen-configuration"));
        assertFalse(AuthzenRequestId.applies("/accessories"));
        assertFalse(AuthzenRequestId.applies("/api/v1/beneficiaries/B00001"));
        assertFalse(AuthzenRequestId.applies("/.well-known/openid-configuration"));
        assertFalse(AuthzenRequestId.applies(null));
    }
}
