package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Issue 14: a VI is kept whole only when its signature verified; else its first 1 KiB and its SHA-256. */
class TracedViTest {

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aVerifiedViIsKeptWhole() {
        String big = "h." + "p".repeat(16 * 1024) + ".s";
        assertEquals(big, TracedVi.of(big, true));
        assertNull(TracedVi.of(null, false));
    }

    @Test
    void anUnverifiedViKeepsItsFirstKibAndItsHash() throws Exception {
        String vi = "eyJ" + "A".repeat(16 * 1024 - 3);
        String kept = TracedVi.of(vi, false);
        assertEquals(vi.substring(0, 1024) + "…[truncated: 16384 chars, sha256 " + sha256(vi) + "]", kept);
        assertTrue(kept.length() < 1200, "about 1 KiB instead of 16");
    }

    @Test
    void anUnverifiedViThatFitsIsItsOwnPrefix() {
        String small = "a".repeat(1024);
        assertEquals(small, TracedVi.of(small, false));
        String over = "a".repeat(1025);
        assertTrue(TracedVi.of(over, false).startsWith("a".repeat(1024) + "…[truncated: 1025 chars, sha256 "));
    }

    @Test
    void thePrefixCountsUtf8BytesAndSplitsNoCharacter() {
        String vi = "é".repeat(600); // 1200 bytes
        String kept = TracedVi.of(vi, false);
        assertEquals("é".repeat(512) + "…", kept.substring(0, 513));
        String emoji = "a" + "😀".repeat(300); // 1 + 1200 bytes
        String keptEmoji = TracedVi.of(emoji, false);
        String prefix = keptEmoji.substring(0, keptEmoji.indexOf('…'));
        assertEquals("a" + "😀".repeat(255), prefix);
        assertTrue(prefix.getBytes(StandardCharsets.UTF_8).length <= 1024);
    }
}
