package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** D-19: the query shows a VI without its signature until it expired; unreadable expiry keeps it hidden. */
class ViMaskTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String HEADER = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\"}");

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String vi(String payloadJson) {
        return HEADER + "." + b64(payloadJson) + ".c2lnbmF0dXJl";
    }

    @Test
    void anUnexpiredViLosesItsSignature() {
        String vi = vi("{\"jti\":\"a\",\"exp\":" + (NOW.getEpochSecond() + 1) + "}");
        ViMask.Shown shown = ViMask.shown(vi, NOW);
        assertTrue(shown.signatureHidden());
        assertEquals(vi.substring(0, vi.lastIndexOf('.') + 1) + "…", shown.vi());
        assertFalse(shown.vi().contains("c2lnbmF0dXJl"));
    }

    @Test
    void anExpiredViIsShownWhole() {
        String atExpiry = vi("{\"exp\":" + NOW.getEpochSecond() + "}");
        assertEquals(new ViMask.Shown(atExpiry, false), ViMask.shown(atExpiry, NOW));
        String past = vi("{\"exp\":1458225294}");
        assertEquals(new ViMask.Shown(past, false), ViMask.shown(past, NOW));
    }

    @Test
    void anUnreadableExpiryKeepsTheSignatureHidden() {
        for (String payload : new String[] {
            "{\"jti\":\"no exp\"}",
            "{\"exp\":\"1458225294\"}",
            "{\"exp\":1.5}",
            "{\"exp\":1e400}",
            "{\"exp\":99999999999999999999}",
            "[1]",
            "not json",
            "{\"exp\":1"
        }) {
            ViMask.Shown shown = ViMask.shown(vi(payload), NOW);
            assertTrue(shown.signatureHidden(), payload);
            assertTrue(shown.vi().endsWith(".…"), payload);
        }
        assertTrue(ViMask.shown(HEADER + ".%%%not-base64.sig", NOW).signatureHidden());
        assertTrue(ViMask.shown(HEADER + "..sig", NOW).signatureHidden());
        // a VI cut by the journal (too long) whose payload no longer decodes
        assertTrue(ViMask.shown(HEADER + "." + b64("{\"exp\":1}").substring(0, 5) + "...[9000 chars]", NOW)
                .signatureHidden());
    }

    @Test
    void aPaddedPayloadIsRead() {
        String padded = HEADER + "." + Base64.getUrlEncoder().encodeToString("{\"exp\":1}".getBytes()) + ".sig";
        assertFalse(ViMask.shown(padded, NOW).signatureHidden());
    }

    @Test
    void withoutASignaturePartThereIsNothingToHide() {
        assertNull(ViMask.shown(null, NOW).vi());
        assertEquals(new ViMask.Shown("garbage", false), ViMask.shown("garbage", NOW));
        assertEquals(new ViMask.Shown("a.b", false), ViMask.shown("a.b", NOW));
    }

    @Test
    void onlyTheTextAfterTheSecondDotIsCut() {
        String jwe = "h.p.iv.ct.tag"; // unreadable payload: hidden after the second dot
        assertEquals("h.p.…", ViMask.shown(jwe, NOW).vi());
    }
}
