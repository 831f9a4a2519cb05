package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** D-19 (amended): the query shows a VI without its signature until exp + skew; unreadable expiry keeps it hidden. */
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
        ViMask.Shown shown = ViMask.shown(vi, NOW, 0);
        assertTrue(shown.signatureHidden());
        assertEquals(vi.substring(0, vi.lastIndexOf('.') + 1) + "…", shown.vi());
        assertFalse(shown.vi().contains("c2lnbmF0dXJl"));
    }

    @Test
    void anExpiredViIsShownWhole() {
        String atExpiry = vi("{\"exp\":" + NOW.getEpochSecond() + "}");
        assertEquals(new ViMask.Shown(atExpiry, false), ViMask.shown(atExpiry, NOW, 0));
        String past = vi("{\"exp\":1458225294}");
        assertEquals(new ViMask.Shown(past, false), ViMask.shown(past, NOW, 0));
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
            ViMask.Shown shown = ViMask.shown(vi(payload), NOW, 0);
            assertTrue(shown.signatureHidden(), payload);
            assertTrue(shown.vi().endsWith(".…"), payload);
        }
        assertTrue(ViMask.shown(HEADER + ".%%%not-base64.sig", NOW, 0).signatureHidden());
        assertTrue(ViMask.shown(HEADER + "..sig", NOW, 0).signatureHidden());
        // a VI cut by the journal (too long) whose payload no longer decodes
        assertTrue(ViMask.shown(HEADER + "." + b64("{\"exp\":1}").substring(0, 5) + "...[9000 chars]", NOW, 0)
                .signatureHidden());
    }

    @Test
    void aPaddedPayloadIsRead() {
        String padded = HEADER + "." + Base64.getUrlEncoder().encodeToString("{\"exp\":1}".getBytes()) + ".sig";
        assertFalse(ViMask.shown(padded, NOW, 0).signatureHidden());
    }

    @Test
    void withoutASignaturePartThereIsNothingToHide() {
        assertNull(ViMask.shown(null, NOW, 0).vi());
        assertEquals(new ViMask.Shown("garbage", false), ViMask.shown("garbage", NOW, 0));
        assertEquals(new ViMask.Shown("a.b", false), ViMask.shown("a.b", NOW, 0));
    }

    @Test
    void onlyTheTextAfterTheSecondDotIsCut() {
        String jwe = "h.p.iv.ct.tag"; // unreadable payload: hidden after the second dot
        assertEquals("h.p.…", ViMask.shown(jwe, NOW, 0).vi());
    }

    /** D-19 amended: hidden while the data provider still accepts the VI, exp + the revision's skew. */
    @Test
    void theSignatureStaysHiddenUntilExpPlusTheSkew() {
        long exp = NOW.getEpochSecond();
        String vi = vi("{\"exp\":" + exp + "}");
        assertTrue(ViMask.shown(vi, NOW.plusSeconds(119), 120).signatureHidden(), "exp + 119 s: still accepted");
        assertTrue(ViMask.shown(vi, NOW.plusSeconds(120).minusMillis(1), 120).signatureHidden());
        assertFalse(ViMask.shown(vi, NOW.plusSeconds(120), 120).signatureHidden(), "exp + skew: refused, shown");
        assertTrue(ViMask.shown(vi, NOW.plusSeconds(1), 30).signatureHidden());
        assertFalse(ViMask.shown(vi, NOW.plusSeconds(30), 30).signatureHidden());
    }

    /** An unknown skew (negative) counts as the largest a convention may set. */
    @Test
    void anUnknownSkewMasksWithTheLargest() {
        assertEquals(600, ViMask.UNKNOWN_SKEW_SECONDS);
        String vi = vi("{\"exp\":" + NOW.getEpochSecond() + "}");
        assertTrue(ViMask.shown(vi, NOW.plusSeconds(599), -1).signatureHidden());
        assertFalse(ViMask.shown(vi, NOW.plusSeconds(600), -1).signatureHidden());
    }

    /** A record: the skew of its convention revision; none recorded: the largest. */
    @Test
    void aRecordIsMaskedWithItsRevisionsSkew() {
        long exp = NOW.getEpochSecond();
        String vi = vi("{\"exp\":" + exp + "}");
        ConventionSkews skews = new ConventionSkews((id, rev) -> java.util.Optional.empty()) {
            @Override
            public int skewSeconds(String conventionId, Integer revision) {
                return conventionId == null ? ViMask.UNKNOWN_SKEW_SECONDS : 45;
            }
        };
        TraceRecord withConvention = TraceRecord.of(
                TraceEntry.builder(TraceKind.VI_VERIFICATION, NOW)
                        .convention("c", 3)
                        .vi(vi)
                        .build(),
                "n");
        assertTrue(ViMask.shown(withConvention, NOW.plusSeconds(44), skews).signatureHidden());
        assertFalse(ViMask.shown(withConvention, NOW.plusSeconds(45), skews).signatureHidden());
        TraceRecord without = TraceRecord.of(
                TraceEntry.builder(TraceKind.VI_VERIFICATION, NOW).vi(vi).build(), "n");
        assertTrue(ViMask.shown(without, NOW.plusSeconds(599), skews).signatureHidden());
        assertFalse(ViMask.shown(without, NOW.plusSeconds(600), skews).signatureHidden());
        assertEquals(
                new ViMask.Shown(null, false),
                ViMask.shown(
                        TraceRecord.of(
                                TraceEntry.builder(TraceKind.TRANSACTION, NOW).build(), "n"),
                        NOW,
                        skews));
    }
}
