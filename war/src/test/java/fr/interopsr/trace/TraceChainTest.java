package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 5, D-18: altered, inserted and deleted records are found, the first one named. */
class TraceChainTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final TraceChain chain = new TraceChain(KEY);

    private List<TraceChain.Link> build(int n) {
        List<TraceChain.Link> links = new ArrayList<>();
        String previous = TraceChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            List<Object> fields =
                    Arrays.asList("VI_GENERATION", "2026-11-23T10:00:0" + (i % 10) + "Z", "SUCCESS", null, "jti-" + i);
            String hash = chain.hash(previous, fields);
            links.add(new TraceChain.Link(100 + i, i, hash, fields));
            previous = hash;
        }
        return links;
    }

    @Test
    void anIntactChainVerifies() {
        TraceChain.Verdict v = chain.verify(build(5).iterator(), 5);
        assertTrue(v.intact(), v.reason());
        assertEquals(5, v.checked());
    }

    @Test
    void anAlteredFieldIsFoundAtItsRecord() {
        List<TraceChain.Link> links = build(5);
        TraceChain.Link third = links.get(2);
        List<Object> altered = new ArrayList<>(third.fields());
        altered.set(2, "FAILURE");
        links.set(2, new TraceChain.Link(third.id(), third.sequence(), third.storedHash(), altered));
        TraceChain.Verdict v = chain.verify(links.iterator(), 0);
        assertFalse(v.intact());
        assertEquals(Optional.of(103L), v.brokenRecordId());
        assertEquals(4, v.checked(), "the walk goes on after the altered record: the others verify");
    }

    @Test
    void aDeletedRecordIsAGap() {
        List<TraceChain.Link> links = build(5);
        links.remove(1);
        TraceChain.Verdict v = chain.verify(links.iterator(), 0);
        assertEquals(Optional.of(103L), v.brokenRecordId());
        assertTrue(v.reason().contains("missing"), v.reason());
    }

    @Test
    void anInsertedRecordWithoutTheKeyDoesNotMatch() {
        List<TraceChain.Link> links = build(5);
        TraceChain forger = new TraceChain("another key of thirty-two bytes!".getBytes());
        List<TraceChain.Link> forged = new ArrayList<>(links.subList(0, 2));
        List<Object> fields = Arrays.asList("VI_GENERATION", "x", "SUCCESS", null, "forged");
        forged.add(new TraceChain.Link(999, 3, forger.hash(links.get(1).storedHash(), fields), fields));
        TraceChain.Verdict v = chain.verify(forged.iterator(), 0);
        assertEquals(Optional.of(999L), v.brokenRecordId());
    }

    @Test
    void truncationBeforeTheLastCheckpointIsFound() {
        TraceChain.Verdict v = chain.verify(build(3).iterator(), 5);
        assertFalse(v.intact());
        assertTrue(v.reason().contains("checkpoint"), v.reason());
    }

    @Test
    void encodingIsUnambiguous() {
        assertNotEquals(
                chain.hash(TraceChain.GENESIS, Arrays.asList("ab", "c")),
                chain.hash(TraceChain.GENESIS, Arrays.asList("a", "bc")));
        assertNotEquals(
                chain.hash(TraceChain.GENESIS, Arrays.asList("", null)),
                chain.hash(TraceChain.GENESIS, Arrays.asList(null, "")));
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TraceChain(new byte[16]));
    }
}
