package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The body of {@code POST /admin/api/traces/verify}, and the end of the checkpoint file the scheduled check reads. */
class VerificationRequestTest {

    @TempDir
    Path dir;

    private static Optional<List<String>> parse(String body) {
        return VerificationRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noBodyOrNoCheckpointsMeansTheDatabaseAlone() {
        assertEquals(Optional.empty(), VerificationRequest.parse(null));
        assertEquals(Optional.empty(), parse(""));
        assertEquals(Optional.empty(), parse("  \n"));
        assertEquals(Optional.empty(), parse("{}"));
        assertEquals(Optional.empty(), parse("{\"checkpoints\": null}"));
    }

    @Test
    void theFileAsOneStringOrAsLines() {
        assertEquals(
                Optional.of(List.of("a.b.c", "d.e.f", "")), parse("{\"checkpoints\": \"a.b.c\\nd.e.f\\r\\n\\n\"}"));
        assertEquals(Optional.of(List.of("a.b.c", "d.e.f")), parse("{\"checkpoints\": [\"a.b.c\", \"d.e.f\\n\"]}"));
        assertEquals(Optional.of(List.of()), parse("{\"checkpoints\": []}"));
        assertEquals(2, VerificationJobs.lines(List.of("a", " ", "b", "")));
    }

    @Test
    void anythingElseIsRefusedWithItsReason() {
        assertTrue(assertThrows(TraceParams.Invalid.class, () -> parse("{\"checkpoint\": \"x\"}"))
                .getMessage()
                .contains("unknown member \"checkpoint\""));
        assertTrue(assertThrows(TraceParams.Invalid.class, () -> parse("{\"checkpoints\": 3}"))
                .getMessage()
                .contains("a string"));
        assertTrue(assertThrows(TraceParams.Invalid.class, () -> parse("{\"checkpoints\": [\"a\", 1]}"))
                .getMessage()
                .contains("checkpoints[1]"));
        assertTrue(assertThrows(TraceParams.Invalid.class, () -> parse("[\"a\"]"))
                .getMessage()
                .contains("NOT_AN_OBJECT"));
        assertTrue(
                assertThrows(TraceParams.Invalid.class, () -> parse("{\"checkpoints\": \"a\", \"checkpoints\": \"b\"}"))
                        .getMessage()
                        .contains("DUPLICATE_MEMBER"));
    }

    @Test
    void theScheduledCheckReadsWholeLinesFromTheEndOfALargeFile() throws IOException {
        Path file = dir.resolve("checkpoints.jws");
        Files.writeString(file, "first.line.x\nsecond.line.y\nthird.line.z\n", StandardCharsets.US_ASCII);
        assertEquals(List.of("first.line.x", "second.line.y", "third.line.z"), VerificationJobs.tail(file, 1000));
        // 27 bytes from the end start just after a line end: both last lines are whole
        assertEquals(List.of("second.line.y", "third.line.z"), VerificationJobs.tail(file, 27));
        // one byte less: the cut line is left out
        assertEquals(List.of("third.line.z"), VerificationJobs.tail(file, 26));
        assertEquals(List.of(), VerificationJobs.tail(file, 5));
    }
}
