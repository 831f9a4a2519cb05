package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** D-19 amended: each revision's skew read once; unknown, missing or unreadable: the largest skew. */
class ConventionSkewsTest {

    private static String example() throws IOException {
        try (InputStream in =
                ConventionSkewsTest.class.getResourceAsStream("/contract/convention-document-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRevisionsSkewIsReadOnceAndRemembered() throws IOException {
        String doc = example().replace("\"allowedClockSkewSeconds\": 120", "\"allowedClockSkewSeconds\": 45");
        List<String> reads = new ArrayList<>();
        ConventionSkews skews = new ConventionSkews((id, rev) -> {
            reads.add(id + "#" + rev);
            return Optional.of(doc);
        });
        assertEquals(45, skews.skewSeconds("c", 1));
        assertEquals(45, skews.skewSeconds("c", 1));
        assertEquals(45, skews.skewSeconds("c", 2));
        assertEquals(List.of("c#1", "c#2"), reads, "one read per (id, revision)");
    }

    @Test
    void withoutAKnownRevisionTheLargestSkew() {
        List<String> reads = new ArrayList<>();
        ConventionSkews skews = new ConventionSkews((id, rev) -> {
            reads.add(id);
            return Optional.empty();
        });
        assertEquals(600, skews.skewSeconds(null, null));
        assertEquals(600, skews.skewSeconds("c", null));
        assertEquals(600, skews.skewSeconds(null, 1));
        assertEquals(List.of(), reads);
        assertEquals(600, skews.skewSeconds("gone", 1), "revision not found");
        assertEquals(
                600, new ConventionSkews((id, rev) -> Optional.of("{\"not\":\"a convention\"}")).skewSeconds("c", 1));
    }

    @Test
    void aFailedReadIsNotRemembered() throws IOException {
        String doc = example();
        int[] calls = {0};
        ConventionSkews skews = new ConventionSkews((id, rev) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("database down");
            }
            return Optional.of(doc);
        });
        assertEquals(600, skews.skewSeconds("c", 1));
        assertEquals(120, skews.skewSeconds("c", 1));
    }

    @Test
    void theMapStaysBounded() throws IOException {
        String doc = example();
        ConventionSkews skews = new ConventionSkews((id, rev) -> Optional.of(doc));
        for (int i = 0; i < ConventionSkews.LIMIT + 10; i++) {
            assertEquals(120, skews.skewSeconds("c", i));
        }
        assertEquals(true, skews.size() <= ConventionSkews.LIMIT);
    }
}
